/**
 * Keeps the loop analysis up to date with the document: after a change settles (debounced), the structure the
 * analysis depends on (factor kinds, links, loop names — not labels or positions) is sent to a Web Worker. Only
 * the newest answer is used, and loop numbers carry over from the previous answer.
 */
import type { Analysis, Factor } from '@samenzicht/shared/model/types';
import type { Patterns } from '@samenzicht/shared/graph/patterns';
import { loopIdsByKey } from '@samenzicht/shared/graph/numberLoops';
import { visibleLinks, type ProjectionState } from '@samenzicht/shared/ydoc/projection';
import type { PatternsRequest, PatternsResponse } from './patternsProtocol.ts';

const DEBOUNCE_MS = 250;
/** The longest an analysis waits for the page to be idle (it never waits while the page is idle). */
const IDLE_TIMEOUT_MS = 1000;

/** The part of the analysis loops depend on; positions and labels are left out so dragging costs nothing. */
export function structureOf(state: ProjectionState): Pick<Analysis, 'factors' | 'links' | 'loops'> {
  const factors: Factor[] = [];
  for (const f of state.factors.values()) factors.push({ ...f, label: '', note: '', position: { x: 0, y: 0 } });
  return { factors, links: visibleLinks(state).map((l) => ({ ...l, note: '' })), loops: [...state.loopNames.values()] };
}

/** A cheap fingerprint of the structure, to skip recomputing when only labels or positions changed. */
export function fingerprintOf(state: ProjectionState): string {
  const parts: string[] = [];
  for (const f of state.factors.values()) parts.push(`${f.id}:${f.kind}`);
  for (const l of visibleLinks(state)) parts.push(`${l.id}:${l.from}>${l.to}${l.polarity}`);
  for (const [key, loop] of state.loopNames) parts.push(`${key}=${loop.name}`);
  return parts.join('|');
}

export interface PatternsRunner {
  update(state: ProjectionState): void;
  destroy(): void;
}

/**
 * `onResult` receives every newest analysis. The worker starts with the first analysis, and each analysis is
 * sent when the page is idle: on two shared cores a worker finding loops while a large diagram is first drawn
 * takes the core the drawing needs, and the loops are not on the screen before the diagram is.
 */
export function createPatternsRunner(onResult: (patterns: Patterns, ms: number) => void): PatternsRunner {
  let worker: Worker | null = null;
  let idle: number | null = null;
  let seq = 0;
  let previous = new Map<string, string>();
  // No fingerprint matches this, so the first state (even an empty analysis) is always analysed.
  let lastFingerprint: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest: ProjectionState | null = null;

  const startWorker = () => {
    const started = new Worker(new URL('./patterns.worker.ts', import.meta.url), { type: 'module' });
    started.onmessage = (event: MessageEvent<PatternsResponse>) => {
      if (event.data.seq !== seq) return;
      previous = loopIdsByKey(event.data.patterns.loops);
      onResult(event.data.patterns, event.data.ms);
    };
    return started;
  };

  const send = () => {
    idle = null;
    if (!latest) return;
    const fingerprint = fingerprintOf(latest);
    if (fingerprint === lastFingerprint) return;
    lastFingerprint = fingerprint;
    const request: PatternsRequest = { seq: ++seq, analysis: structureOf(latest), previousIds: [...previous] };
    worker ??= startWorker();
    worker.postMessage(request);
  };

  const sendWhenIdle = () => {
    timer = null;
    if (typeof requestIdleCallback === 'function') idle ??= requestIdleCallback(send, { timeout: IDLE_TIMEOUT_MS });
    else send();
  };

  return {
    update(state) {
      latest = state;
      if (timer) clearTimeout(timer);
      timer = setTimeout(sendWhenIdle, lastFingerprint === null ? 0 : DEBOUNCE_MS);
    },
    destroy() {
      if (timer) clearTimeout(timer);
      if (idle !== null) cancelIdleCallback(idle);
      worker?.terminate();
    },
  };
}
