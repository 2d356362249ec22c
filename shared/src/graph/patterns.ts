/** Loops plus break points in one call, and the JSON of CONTRACT.md §3 (`npm run analyze -- <file> --json`). */
import type { Analysis } from '../model/types.ts';
import { countViciousPassages, factorBreakPoints, feedbackArcSet, protectiveInfluences } from './breakPoints.ts';
import { findLoops, type FindLoopsOptions, type Loop, type LoopType } from './loops.ts';

export interface Patterns {
  readonly loops: Loop[];
  readonly truncated: boolean;
  /** Links and factors that together break every (found) vicious loop, most vicious loops first. */
  readonly breakPoints: { readonly links: string[]; readonly factors: string[] };
  /** Link id → number of vicious loops through it (ids on no vicious loop are left out). */
  readonly linkCounts: Record<string, number>;
  /** Factor id → number of vicious loops through it (ids on no vicious loop are left out). */
  readonly factorCounts: Record<string, number>;
  /** Vicious loop id → the protective factors with a link into that loop. */
  readonly protective: Record<string, string[]>;
}

/** The loops of CONTRACT.md §3, field for field. */
export interface PatternsJson {
  loops: Array<{
    id: string;
    type: LoopType;
    vicious: boolean;
    virtuous: boolean;
    factors: string[];
    links: string[];
    name?: string;
  }>;
  truncated: boolean;
  breakPoints: { links: string[]; factors: string[] };
}

/** Finds the loops of an analysis and where its vicious loops can be broken; options as for `findLoops`. */
export function analysePatterns(analysis: Pick<Analysis, 'factors' | 'links' | 'loops'>, opts?: FindLoopsOptions): Patterns {
  const { loops, truncated } = findLoops(analysis, opts);
  const counts = countViciousPassages(loops);
  return {
    loops,
    truncated,
    breakPoints: { links: feedbackArcSet(loops), factors: factorBreakPoints(loops) },
    linkCounts: Object.fromEntries(counts.links),
    factorCounts: Object.fromEntries(counts.factors),
    protective: protectiveInfluences(loops, analysis),
  };
}

/** Exactly the object CONTRACT.md §3 promises, with nothing extra (no keys, no counts). */
export function toPatternsJson(patterns: Pick<Patterns, 'loops' | 'truncated' | 'breakPoints'>): PatternsJson {
  return {
    loops: patterns.loops.map((l) => ({
      id: l.id,
      type: l.type,
      vicious: l.vicious,
      virtuous: l.virtuous,
      factors: [...l.factors],
      links: [...l.links],
      ...(l.name !== undefined ? { name: l.name } : {}),
    })),
    truncated: patterns.truncated,
    breakPoints: { links: [...patterns.breakPoints.links], factors: [...patterns.breakPoints.factors] },
  };
}
