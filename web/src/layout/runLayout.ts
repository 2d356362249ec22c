/**
 * "Netjes maken": runs ELK's layered layout in a Web Worker and writes all new positions in one transaction, so
 * it is one undo step and everyone sees the new layout at once. Loaded lazily: ELK is large.
 */
import ELK from 'elkjs/lib/elk-api.js';
import { buildLayoutGraph, readLayoutResult, topLeftOf } from '@samenzicht/shared/graph/layoutPlan';
import { moveFactors } from '@samenzicht/shared/ydoc/commands';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import type { Session } from '../sync/session.ts';

let elk: InstanceType<typeof ELK> | null = null;

function getElk(): InstanceType<typeof ELK> {
  elk ??= new ELK({
    workerFactory: () => new Worker(new URL('elkjs/lib/elk-worker.min.js', import.meta.url)),
  });
  return elk;
}

/** Lays out the whole analysis, or only `only` (kept at its place); returns how many factors moved. */
export async function runLayout(session: Session, only?: ReadonlySet<string>): Promise<number> {
  const analysis = readAnalysis(session.doc);
  if (analysis.factors.length === 0) return 0;
  const { sizes } = session.store.getState();
  const graph = buildLayoutGraph({ analysis, sizes, ...(only ? { only } : {}) });
  const result = await getElk().layout(graph);
  const moves = readLayoutResult(result, only ? topLeftOf(analysis, only) : undefined);
  moveFactors(session.doc, session.origin, moves);
  // A layout is its own undo step, never merged with an edit made just before it.
  session.undo.stopCapturing();
  return moves.length;
}
