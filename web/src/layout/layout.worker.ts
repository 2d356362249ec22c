/**
 * The Web Worker of "Netjes maken": runs the layout (shared/src/layout) off the main thread, so the canvas stays
 * responsive while a large analysis is laid out. Pure computation; it fetches nothing.
 */
import { layoutAnalysis } from '@samenzicht/shared/layout/layoutAnalysis';
import type { LayoutJob, LayoutAnswer, LayoutProgress } from './layoutMessages.ts';

self.onmessage = (event: MessageEvent<LayoutJob>) => {
  const job = event.data;
  let answer: LayoutAnswer;
  try {
    const moves = layoutAnalysis({
      analysis: job.analysis,
      ...(job.only ? { only: new Set(job.only) } : {}),
      language: job.language,
      onProgress: (progress) => self.postMessage({ id: job.id, progress } satisfies LayoutProgress),
    });
    answer = { id: job.id, moves };
  } catch (error) {
    answer = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(answer);
};
