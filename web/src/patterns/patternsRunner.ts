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
  /** Hands over a new state of the document and returns its revision: 1, 2, … in the order given. */
  update(state: ProjectionState): number;
  destroy(): void;
}

export interface PatternsRunnerOptions {
  /** Receives every newest analysis. */
  readonly onResult: (patterns: Patterns, ms: number) => void;
  /**
   * Receives the revision (from `update`) of the newest document state that the patterns last given to `onResult`
   * hold for: the state they were computed from, or a later one with the same structure. Once it equals the revision
   * of the current state, the patterns shown are up to date; the e2e tests wait for that instead of for time.
   */
  readonly onCurrent?: (revision: number) => void;
  /** Starts the worker (tests pass a fake). */
  readonly createWorker?: () => Worker;
}

function startPatternsWorker(): Worker {
  return new Worker(new URL('./patterns.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * The worker starts with the first analysis, and each analysis is sent when the page is idle: on two shared cores a
 * worker finding loops while a large diagram is first drawn takes the core the drawing needs, and the loops are not
 * on the screen before the diagram is.
 */
export function createPatternsRunner({ onResult, onCurrent, createWorker = startPatternsWorker }: PatternsRunnerOptions): PatternsRunner {
  let worker: Worker | null = null;
  let idle: number | null = null;
  let seq = 0;
  let previous = new Map<string, string>();
  // No fingerprint matches this, so the first state (even an empty analysis) is always analysed.
  let lastFingerprint: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest: ProjectionState | null = null;
  /** The revision of `latest`. */
  let revision = 0;
  /** Whether the answer to request `seq` is still on its way, and the newest revision it will hold for. */
  let waiting = false;
  let answerRevision = 0;
  let reported = 0;

  const report = (current: number) => {
    if (current <= reported) return;
    reported = current;
    onCurrent?.(current);
  };

  const start = () => {
    const started = createWorker();
    started.onmessage = (event: MessageEvent<PatternsResponse>) => {
      if (event.data.seq !== seq) return;
      waiting = false;
      previous = loopIdsByKey(event.data.patterns.loops);
      onResult(event.data.patterns, event.data.ms);
      report(answerRevision);
    };
    return started;
  };

  const send = () => {
    idle = null;
    if (!latest) return;
    const fingerprint = fingerprintOf(latest);
    if (fingerprint === lastFingerprint) {
      // The same structure: the patterns shown, or those on their way, hold for this state too.
      if (waiting) answerRevision = revision;
      else report(revision);
      return;
    }
    lastFingerprint = fingerprint;
    waiting = true;
    answerRevision = revision;
    const request: PatternsRequest = { seq: ++seq, analysis: structureOf(latest), previousIds: [...previous] };
    worker ??= start();
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
      revision++;
      if (timer) clearTimeout(timer);
      timer = setTimeout(sendWhenIdle, lastFingerprint === null ? 0 : DEBOUNCE_MS);
      return revision;
    },
    destroy() {
      if (timer) clearTimeout(timer);
      if (idle !== null) cancelIdleCallback(idle);
      worker?.terminate();
    },
  };
}
