/**
 * What the browser reports for the access log (`POST …/exports`, `POST …/restores`): a body of one choice and an
 * optional display name, parsed with errors that name their place, and a per-analysis limit on reports.
 */
import { describeValue } from '@samenzicht/shared/schema/errors';
import { NO_NAME, parseDisplayName } from './accessLog.ts';
import { MESSAGES, isRecord, type AnalysesApiDeps } from './analysesApi.ts';
import { createTokenBucket, type TokenBucket } from './rateLimit.ts';

export type LogReport<T extends string> =
  { readonly ok: true; readonly value: T; readonly name: string } | { readonly ok: false; readonly body: Record<string, unknown> };

/** Parses `{ "<field>": one of `options`, "name"?: string }`; `badBody` is the Dutch sentence for a wrong body. */
export function parseLogReport<T extends string>(text: string, field: string, options: readonly T[], badBody: string): LogReport<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, body: { error: MESSAGES.badJson } };
  }
  if (!isRecord(json)) {
    return { ok: false, body: { error: badBody, errors: [{ path: '', message: `expected an object, got ${describeValue(json)}` }] } };
  }
  const errors: Array<{ path: string; message: string }> = [];
  const value = json[field];
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    errors.push({ path: field, message: `expected one of ${options.join(', ')}, got ${describeValue(value)}` });
  }
  if (json.name !== undefined && typeof json.name !== 'string') {
    errors.push({ path: 'name', message: `expected a string, got ${describeValue(json.name)}` });
  }
  if (errors.length > 0) return { ok: false, body: { error: badBody, errors } };
  const name = typeof json.name === 'string' && json.name.trim() !== '' ? parseDisplayName(json.name) : NO_NAME;
  return { ok: true, value: value as T, name };
}

/** Buckets kept at most; beyond that they are all dropped (a full bucket is what a new one would be anyway). */
const MAX_BUCKETS = 10_000;

/** A limit per server and analysis: `take(deps, id)` is false when that analysis sent too many reports. */
export function createReportLimiter(rate: { readonly perSecond: number; readonly burst: number }): {
  take(deps: AnalysesApiDeps, id: string): boolean;
} {
  const bucketsByServer = new WeakMap<AnalysesApiDeps, Map<string, TokenBucket>>();
  return {
    take(deps, id) {
      let buckets = bucketsByServer.get(deps);
      if (!buckets) bucketsByServer.set(deps, (buckets = new Map()));
      let bucket = buckets.get(id);
      if (!bucket) {
        if (buckets.size >= MAX_BUCKETS) buckets.clear();
        bucket = createTokenBucket(rate.perSecond, rate.burst);
        buckets.set(id, bucket);
      }
      return bucket.take();
    },
  };
}
