/**
 * Turns the projection plus local UI state into React Flow nodes and edges. Objects are reused when nothing about
 * them changed, so React Flow (and the memoised node components) re-render only what changed.
 */
import i18next from 'i18next';
import type { Factor, Position } from '@samenzicht/shared/model/types';
import { visibleLinks, type ProjectionState } from '@samenzicht/shared/ydoc/projection';
import type { Peer, Size } from '../store/editorStore.ts';
import { MarkerType } from '@xyflow/react';
import type { FactorFlowNode, LinkFlowEdge } from './flowTypes.ts';
import { estimateFactorSize, handlesFor } from './nodeSize.ts';

/** Line colours per polarity; kept in step with --plus and --minus in styles.css. */
export const POLARITY_COLOUR = { '+': '#2f6f8f', '-': '#b03a2e' } as const;
const MARKERS = {
  '+': { type: MarkerType.ArrowClosed, width: 18, height: 18, color: POLARITY_COLOUR['+'] },
  '-': { type: MarkerType.ArrowClosed, width: 18, height: 18, color: POLARITY_COLOUR['-'] },
} as const;

export interface NodeInputs {
  readonly factors: ProjectionState['factors'];
  readonly selected: ReadonlySet<string>;
  readonly localDrag: ReadonlyMap<string, Position>;
  readonly sizes: ReadonlyMap<string, Size>;
  readonly peers: readonly Peer[];
  readonly editingId: string | null;
  readonly readOnly: boolean;
  readonly actors: ProjectionState['actors'];
  readonly highlightActor: string | null;
  /** Factors of the highlighted loop; everything else is dimmed. */
  readonly loopFactors: ReadonlySet<string> | null;
}

/** For each factor, the names of the people tied to it, joined with ", ". */
function actorNamesByFactor(actors: ProjectionState['actors']): Map<string, string> {
  const names = new Map<string, string[]>();
  for (const actor of actors.values()) {
    for (const id of actor.factors) {
      const list = names.get(id) ?? [];
      list.push(actor.name);
      names.set(id, list);
    }
  }
  return new Map([...names].map(([id, list]) => [id, list.join(', ')]));
}

/** The size a factor is drawn at before it was measured (see nodeSize.ts), in the current language. */
function estimateSize(factor: Factor, actorNames: string): Size {
  // Before i18next is initialised (unit tests), t() gives nothing: the estimate then counts no words.
  const t = (key: string): string => i18next.t(key) ?? '';
  return estimateFactorSize({
    label: factor.label || t('factor.placeholder'),
    kind: t(`kind.${factor.kind}`),
    domain: factor.domain ? t(`domain.${factor.domain}`) : '',
    evidence: factor.evidence === 'hypothesis' ? t('evidence.hypothesis') : '',
    actorNames,
  });
}

/** What every node of one build shares, worked out once per build. */
interface BuildContext {
  readonly inputs: NodeInputs;
  readonly remote: ReadonlyMap<string, { position: Position; peer: Peer }>;
  readonly actorNames: ReadonlyMap<string, string>;
  readonly highlighted: ReadonlySet<string> | null;
}

function buildNode(factor: Factor, ctx: BuildContext, prev: FactorFlowNode | undefined): FactorFlowNode {
  const { inputs } = ctx;
  const names = ctx.actorNames.get(factor.id) ?? '';
  const dimmed =
    (ctx.highlighted !== null && !ctx.highlighted.has(factor.id)) || (inputs.loopFactors !== null && !inputs.loopFactors.has(factor.id));
  const moving = ctx.remote.get(factor.id);
  const position = inputs.localDrag.get(factor.id) ?? moving?.position ?? factor.position;
  const selected = inputs.selected.has(factor.id);
  const measured = inputs.sizes.get(factor.id);
  const editing = inputs.editingId === factor.id;
  const movedBy = moving ? { name: moving.peer.name, colour: moving.peer.colour } : null;
  const reusable =
    prev &&
    prev.data.factor === factor &&
    prev.data.editing === editing &&
    prev.data.movedBy?.name === movedBy?.name &&
    prev.data.actorNames === names &&
    prev.data.dimmed === dimmed &&
    prev.selected === selected &&
    prev.measured === measured &&
    prev.draggable === !inputs.readOnly &&
    prev.position.x === position.x &&
    prev.position.y === position.y;
  if (reusable) return prev;
  // Unmeasured factors carry an estimated size and handles, so React Flow can fit and cull without drawing them.
  const prevData = prev?.data;
  const estimate = measured
    ? null
    : prevData && prevData.factor === factor && prevData.actorNames === names
      ? prevData.box
      : estimateSize(factor, names);
  const box = measured ?? estimate!;
  // The same data object when nothing in it changed (a box measured at the size it was drawn at, as a far box
  // is), so the memoised node component is not drawn again for that.
  const sameData =
    prevData &&
    prevData.factor === factor &&
    prevData.editing === editing &&
    prevData.movedBy?.name === movedBy?.name &&
    prevData.movedBy?.colour === movedBy?.colour &&
    prevData.actorNames === names &&
    prevData.dimmed === dimmed &&
    prevData.box.width === box.width &&
    prevData.box.height === box.height;
  return {
    id: factor.id,
    type: 'factor',
    position,
    data: sameData ? prevData : { factor, editing, movedBy, actorNames: names, dimmed, box },
    selected,
    draggable: !inputs.readOnly,
    connectable: !inputs.readOnly,
    deletable: !inputs.readOnly,
    ...(measured ? { measured } : { initialWidth: box.width, initialHeight: box.height, handles: handlesFor(box) }),
  };
}

/** True when `next` differs from `prev` in the positions being dragged here and nothing else. */
function onlyDragChanged(prev: NodeInputs, next: NodeInputs): boolean {
  return (
    prev.localDrag !== next.localDrag &&
    prev.factors === next.factors &&
    prev.selected === next.selected &&
    prev.sizes === next.sizes &&
    prev.peers === next.peers &&
    prev.editingId === next.editingId &&
    prev.readOnly === next.readOnly &&
    prev.actors === next.actors &&
    prev.highlightActor === next.highlightActor &&
    prev.loopFactors === next.loopFactors
  );
}

/** Returns a function that builds nodes, reusing the node objects of its previous call where possible. */
export function createNodeBuilder(): (inputs: NodeInputs) => FactorFlowNode[] {
  let cache = new Map<string, FactorFlowNode>();
  let last: { ctx: BuildContext; nodes: FactorFlowNode[]; index: Map<string, number> } | null = null;
  return (inputs) => {
    // A drag frame changes only the dragged factors: patch those instead of looking at every factor again.
    if (last && onlyDragChanged(last.ctx.inputs, inputs)) {
      const ctx = { ...last.ctx, inputs };
      const nodes = [...last.nodes];
      for (const id of new Set([...last.ctx.inputs.localDrag.keys(), ...inputs.localDrag.keys()])) {
        const i = last.index.get(id);
        const factor = inputs.factors.get(id);
        if (i === undefined || !factor) continue;
        nodes[i] = buildNode(factor, ctx, nodes[i]);
        cache.set(id, nodes[i]!);
      }
      last = { ctx, nodes, index: last.index };
      return nodes;
    }
    const remote = new Map<string, { position: Position; peer: Peer }>();
    for (const peer of inputs.peers) {
      for (const [id, position] of Object.entries(peer.drags)) remote.set(id, { position, peer });
    }
    const ctx: BuildContext = {
      inputs,
      remote,
      actorNames: actorNamesByFactor(inputs.actors),
      highlighted: inputs.highlightActor ? new Set(inputs.actors.get(inputs.highlightActor)?.factors ?? []) : null,
    };
    const next = new Map<string, FactorFlowNode>();
    const index = new Map<string, number>();
    const nodes: FactorFlowNode[] = [];
    for (const factor of inputs.factors.values()) {
      const node = buildNode(factor, ctx, cache.get(factor.id));
      next.set(factor.id, node);
      index.set(factor.id, nodes.length);
      nodes.push(node);
    }
    cache = next;
    last = { ctx, nodes, index };
    return nodes;
  };
}

/** Returns a function that builds edges for the links whose ends exist, reusing unchanged edge objects. */
export interface EdgeMarks {
  /** Links of the highlighted loop, or null when no loop is highlighted. */
  readonly loopLinks: ReadonlySet<string> | null;
  /** Break-point links with the number of vicious loops each breaks (empty when not shown). */
  readonly breaks: ReadonlyMap<string, number>;
}

export function createEdgeBuilder(): (
  state: Pick<ProjectionState, 'factors' | 'links'>,
  selected: ReadonlySet<string>,
  readOnly: boolean,
  marks: EdgeMarks,
) => LinkFlowEdge[] {
  let cache = new Map<string, LinkFlowEdge>();
  return (state, selected, readOnly, marks) => {
    // One edge per pair of factors: twins an older client made are drawn once, as the document reader keeps them.
    const links = visibleLinks(state);
    const pairs = new Set<string>();
    for (const link of links) pairs.add(`${link.from}>${link.to}`);
    const next = new Map<string, LinkFlowEdge>();
    const edges: LinkFlowEdge[] = [];
    for (const link of links) {
      const paired = pairs.has(`${link.to}>${link.from}`);
      const isSelected = selected.has(link.id);
      const emphasis = marks.loopLinks === null ? null : marks.loopLinks.has(link.id) ? 'on' : 'off';
      const breaks = marks.breaks.get(link.id) ?? 0;
      const prev = cache.get(link.id);
      const edge: LinkFlowEdge =
        prev &&
        prev.data?.link === link &&
        prev.data.paired === paired &&
        prev.data.emphasis === emphasis &&
        prev.data.breaks === breaks &&
        prev.selected === isSelected &&
        prev.deletable === !readOnly
          ? prev
          : {
              id: link.id,
              type: 'link',
              source: link.from,
              target: link.to,
              data: { link, paired, emphasis, breaks },
              zIndex: emphasis === 'on' ? 1 : 0,
              markerEnd: MARKERS[link.polarity],
              selected: isSelected,
              deletable: !readOnly,
            };
      next.set(link.id, edge);
      edges.push(edge);
    }
    cache = next;
    return edges;
  };
}
