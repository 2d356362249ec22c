import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPORT_RETRY_MS, reportExport } from './api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Stubs fetch with answers in turn (a number is a status, `null` a network failure); records each call. */
function stubFetch(answers: Array<number | null>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (answer === undefined) throw new Error('more calls than expected');
    if (answer === null) throw new TypeError('Failed to fetch');
    return new Response(answer === 204 ? null : '{}', { status: answer });
  });
  return calls;
}

describe('reportExport', () => {
  it('posts the format and name with the token once when the server logs it', async () => {
    const calls = stubFetch([204]);
    const waits: number[] = [];
    expect(await reportExport('abc', 'tok', 'png', 'Sanne', async (ms) => void waits.push(ms))).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/analyses/abc/exports');
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ format: 'png', name: 'Sanne' });
    expect(waits).toEqual([]);
  });

  it('retries after a network failure, a 5xx or a 429, waiting longer each time', async () => {
    const calls = stubFetch([null, 503, 204]);
    const waits: number[] = [];
    expect(await reportExport('abc', 'tok', 'json', null, async (ms) => void waits.push(ms))).toBe(true);
    expect(calls).toHaveLength(3);
    expect(JSON.parse(calls[2]!.init.body as string)).toEqual({ format: 'json' });
    expect(waits).toEqual([...REPORT_RETRY_MS]);
  });

  it('gives up (false) after the last retry, and at once on an answer that will not change', async () => {
    stubFetch([429, 500, null]);
    expect(await reportExport('abc', 'tok', 'pdf', null, async () => undefined)).toBe(false);
    const calls = stubFetch([401]);
    expect(await reportExport('abc', 'tok', 'svg', null, async () => undefined)).toBe(false);
    expect(calls).toHaveLength(1);
  });
});
