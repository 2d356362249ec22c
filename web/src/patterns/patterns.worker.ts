/// <reference lib="webworker" />
/**
 * Finds loops and break points off the main thread, so typing and dragging never wait for the analysis.
 * Messages come from our own page; the worker only trusts their shape, not their size.
 */
import { analysePatterns } from '@samenzicht/shared/graph/patterns';
import type { PatternsRequest, PatternsResponse } from './patternsProtocol.ts';

self.onmessage = (event: MessageEvent<PatternsRequest>) => {
  const { seq, analysis, previousIds } = event.data;
  const started = performance.now();
  const patterns = analysePatterns(analysis, { previousIds: new Map(previousIds) });
  const response: PatternsResponse = { seq, patterns, ms: performance.now() - started };
  self.postMessage(response);
};
