import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addFactor, updateFactors } from '@samenzicht/shared/ydoc/commands';
import { createProjection, type Projection } from '@samenzicht/shared/ydoc/projection';
import { analysePatterns } from '@samenzicht/shared/graph/patterns';
import { createPatternsRunner, type PatternsRunner } from './patternsRunner.ts';
import type { PatternsRequest, PatternsResponse } from './patternsProtocol.ts';

const LOCAL = 'test';

/** A worker that keeps the requests and answers when told to. */
class FakeWorker {
  readonly requests: PatternsRequest[] = [];
  onmessage: ((event: MessageEvent<PatternsResponse>) => void) | null = null;
  postMessage(request: PatternsRequest): void {
    this.requests.push(request);
  }
  answer(request: PatternsRequest): void {
    const patterns = analysePatterns(request.analysis, { previousIds: new Map(request.previousIds) });
    this.onmessage?.({ data: { seq: request.seq, patterns, ms: 1 } } as MessageEvent<PatternsResponse>);
  }
  terminate(): void {}
}

describe('patterns runner revisions', () => {
  let doc: Y.Doc;
  let projection: Projection;
  let worker: FakeWorker;
  let results: number;
  let current: number[];
  let runner: PatternsRunner;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    doc = new Y.Doc();
    projection = createProjection(doc);
    worker = new FakeWorker();
    results = 0;
    current = [];
    runner = createPatternsRunner({
      onResult: () => results++,
      onCurrent: (revision) => current.push(revision),
      createWorker: () => worker as unknown as Worker,
    });
  });

  afterEach(() => {
    runner.destroy();
    projection.destroy();
    doc.destroy();
    vi.useRealTimers();
  });

  it('says which document state the patterns shown hold for, also while an answer is on its way', () => {
    const f = addFactor(doc, LOCAL, { label: 'een', position: { x: 0, y: 0 } });
    expect(runner.update(projection.get())).toBe(1);
    vi.runAllTimers();
    expect(worker.requests).toHaveLength(1);
    expect(current).toEqual([]);
    worker.answer(worker.requests[0]!);
    expect([results, current]).toEqual([1, [1]]);

    // A label changes nothing the loops depend on: no new request, and revision 2 is current as it is.
    updateFactors(doc, LOCAL, [f], { label: 'anders' });
    expect(runner.update(projection.get())).toBe(2);
    vi.runAllTimers();
    expect(worker.requests).toHaveLength(1);
    expect(current).toEqual([1, 2]);

    // A new factor is asked for; a label changed while that answer is on its way is covered by it.
    addFactor(doc, LOCAL, { label: 'twee', position: { x: 0, y: 0 } });
    runner.update(projection.get());
    vi.runAllTimers();
    expect(worker.requests).toHaveLength(2);
    updateFactors(doc, LOCAL, [f], { label: 'weer anders' });
    expect(runner.update(projection.get())).toBe(4);
    vi.runAllTimers();
    expect(worker.requests).toHaveLength(2);
    expect(current).toEqual([1, 2]);
    worker.answer(worker.requests[1]!);
    expect([results, current]).toEqual([2, [1, 2, 4]]);
  });

  it('a state handed over while the runner waits is not current until its own answer', () => {
    runner.update(projection.get());
    vi.runAllTimers();
    addFactor(doc, LOCAL, { label: 'een', position: { x: 0, y: 0 } });
    runner.update(projection.get());
    vi.runAllTimers();
    expect(worker.requests.map((r) => r.seq)).toEqual([1, 2]);
    // The older answer is stale: dropped, and it makes nothing current.
    worker.answer(worker.requests[0]!);
    expect([results, current]).toEqual([0, []]);
    worker.answer(worker.requests[1]!);
    expect([results, current]).toEqual([1, [2]]);
  });
});
