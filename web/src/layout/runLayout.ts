/**
 * "Netjes maken": lays the diagram out in a Web Worker (layout.worker.ts: the ring layout of shared/src/layout, the
 * same as `npm run layout`) and writes all new positions in one transaction, so it is one undo step and everyone
 * sees the new layout at once. Boxes are sized from their text as the canvas draws them (export/boxLayout.ts), not
 * from what this browser happened to measure: so laying out twice changes nothing, and every client lays out alike.
 */
import { moveFactors } from '@samenzicht/shared/ydoc/commands';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import type { Session } from '../sync/session.ts';
import type { LayoutAnswer, LayoutJob, LayoutProgress } from './layoutMessages.ts';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<
  number,
  { resolve: (answer: LayoutAnswer) => void; reject: (error: Error) => void; progress?: ((share: number) => void) | undefined }
>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<LayoutAnswer | LayoutProgress>) => {
    const message = event.data;
    if ('progress' in message) {
      waiting.get(message.id)?.progress?.(message.progress);
      return;
    }
    waiting.get(message.id)?.resolve(message);
    waiting.delete(message.id);
  };
  w.onerror = (event) => {
    // A worker that failed is replaced on the next layout; everyone waiting hears why.
    for (const { reject } of waiting.values()) reject(new Error(event.message || 'layout worker failed'));
    waiting.clear();
    w.terminate();
    worker = null;
  };
  worker = w;
  return w;
}

function layOutInWorker(job: Omit<LayoutJob, 'id'>, progress?: (share: number) => void): Promise<LayoutAnswer> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject, progress });
    getWorker().postMessage({ ...job, id } satisfies LayoutJob);
  });
}

/**
 * Lays out the whole analysis, or only `only` (kept at its place); returns how many factors moved. `progress` hears
 * the share of the work done as it goes.
 */
export async function runLayout(
  session: Session,
  only?: ReadonlySet<string>,
  language: 'nl' | 'en' = 'nl',
  progress?: (share: number) => void,
): Promise<number> {
  const analysis = readAnalysis(session.doc);
  if (analysis.factors.length === 0) return 0;
  const answer = await layOutInWorker(
    {
      analysis: { factors: analysis.factors, links: analysis.links, actors: analysis.actors },
      ...(only ? { only: [...only] } : {}),
      language,
    },
    progress,
  );
  if ('error' in answer) throw new Error(answer.error);
  const before = new Map(analysis.factors.map((f) => [f.id, f.position]));
  const moves = answer.moves.filter((m) => {
    const was = before.get(m.id);
    return !was || was.x !== m.position.x || was.y !== m.position.y;
  });
  if (moves.length === 0) return 0;
  moveFactors(session.doc, session.origin, moves);
  // A layout is its own undo step, never merged with an edit made just before it.
  session.undo.stopCapturing();
  return moves.length;
}
