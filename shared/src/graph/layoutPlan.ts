/**
 * The layered layout that reads as an explanation, as data for ELK (elkjs): left to right, where it began
 * (vulnerabilities, triggers) → what keeps it going and what makes it worse → the concern; strengths in a column of
 * their own at the end, apart from the rest. Building the ELK graph and reading its answer are pure; running ELK
 * is the caller's business. The editor's layout before issue 15; kept as the baseline the layout benchmark
 * (server/src/bench/layoutBench.ts) compares "Netjes maken" (shared/src/layout) with.
 */
import type { Analysis, FactorKind, Position } from '../model/types.ts';

/** Left-to-right column (ELK partition) of each kind. */
export const KIND_PARTITION: Record<FactorKind, number> = {
  predisposing: 0,
  precipitating: 1,
  perpetuating: 2,
  aggravating: 2,
  problem: 3,
  protective: 4,
};

export interface ElkGraphNode {
  id: string;
  width: number;
  height: number;
  layoutOptions?: Record<string, string>;
  x?: number;
  y?: number;
}

export interface ElkGraph {
  id: string;
  layoutOptions: Record<string, string>;
  children: ElkGraphNode[];
  edges: Array<{ id: string; sources: string[]; targets: string[] }>;
}

export interface LayoutInput {
  readonly analysis: Pick<Analysis, 'factors' | 'links'>;
  /** Measured node sizes; missing ones use `defaultSize`. */
  readonly sizes?: ReadonlyMap<string, { width: number; height: number }>;
  /** Lay out only these factors (and the links between them); the rest stays where it is. */
  readonly only?: ReadonlySet<string>;
}

const DEFAULT_SIZE = { width: 180, height: 64 };

/** Builds the ELK graph for the factors to lay out. */
export function buildLayoutGraph(input: LayoutInput): ElkGraph {
  const included = input.analysis.factors.filter((f) => !input.only || input.only.has(f.id));
  const ids = new Set(included.map((f) => f.id));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.partitioning.activate': 'true',
      'elk.spacing.nodeNode': '36',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.layered.cycleBreaking.strategy': 'GREEDY',
      // Measured on the large example (151 factors, 300 links): NETWORK_SIMPLEX with partitions ran for minutes;
      // Brandes–Köpf with one sweep of crossing minimisation takes under a second and reads as well.
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.thoroughness': '1',
      'elk.separateConnectedComponents': 'false',
    },
    children: included.map((f) => {
      const size = input.sizes?.get(f.id) ?? DEFAULT_SIZE;
      return {
        id: f.id,
        width: Math.max(40, Math.round(size.width)),
        height: Math.max(24, Math.round(size.height)),
        layoutOptions: { 'elk.partitioning.partition': String(KIND_PARTITION[f.kind]) },
      };
    }),
    edges: input.analysis.links
      .filter((l) => ids.has(l.from) && ids.has(l.to) && l.from !== l.to)
      .map((l) => ({ id: l.id, sources: [l.from], targets: [l.to] })),
  };
}

/**
 * Reads ELK's answer into final positions. With `anchor`, the result is moved so its top-left corner lands
 * there (laying out a selection keeps it where it was).
 */
export function readLayoutResult(result: { children?: ReadonlyArray<{ id: string; x?: number; y?: number }> }, anchor?: Position) {
  const children = result.children ?? [];
  const minX = Math.min(...children.map((c) => c.x ?? 0));
  const minY = Math.min(...children.map((c) => c.y ?? 0));
  const dx = anchor ? anchor.x - minX : 0;
  const dy = anchor ? anchor.y - minY : 0;
  return children.map((c) => ({ id: c.id, position: { x: Math.round((c.x ?? 0) + dx), y: Math.round((c.y ?? 0) + dy) } }));
}

/** The top-left corner of a set of factors, where a laid-out selection is put back. */
export function topLeftOf(analysis: Pick<Analysis, 'factors'>, ids: ReadonlySet<string>): Position {
  const chosen = analysis.factors.filter((f) => ids.has(f.id));
  return {
    x: Math.min(...chosen.map((f) => f.position.x)),
    y: Math.min(...chosen.map((f) => f.position.y)),
  };
}
