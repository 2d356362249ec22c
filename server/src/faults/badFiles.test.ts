/**
 * Broken analysis files sent to `POST /api/analyses {content}`: each gets 400 (or 413) with a sentence for a person
 * and, for content errors, the place and what was expected; nothing is created and the analysis already open on
 * the server, with a client connected, stays exactly as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '@samenzicht/shared/schema/parseAnalysisFile';
import { MESSAGES, describeTooLarge } from '../analysesApi.ts';
import { REPO_ROOT } from './serverProcess.ts';
import { Teardown, connectClient, createAnalysis, readDb, startTestServer, waitFor, type TestServer } from '../testing.ts';

const EXAMPLE_TEXT = fs.readFileSync(path.join(REPO_ROOT, 'examples/small.samenzicht.json'), 'utf8');
const EXAMPLE = JSON.parse(EXAMPLE_TEXT) as Record<string, unknown> & {
  factors: Array<Record<string, unknown>>;
  links: Array<Record<string, unknown>>;
};

/** The example with `change` applied to a deep copy. */
function broken(change: (file: typeof EXAMPLE) => void): typeof EXAMPLE {
  const copy = structuredClone(EXAMPLE);
  change(copy);
  return copy;
}

interface Case {
  readonly name: string;
  /** The request body as sent (text), or the value of `content`. */
  readonly body: string | { readonly content: unknown };
  readonly status: 400 | 413;
  readonly error: string;
  /** For content errors: the expected place and a pattern of the explanation. */
  readonly issue?: { readonly path: string; readonly message: RegExp };
  /** Sent as a stream, without Content-Length, so the server only finds out while reading. */
  readonly chunked?: boolean;
}

const MIB = 1024 * 1024;

const FIFTY_MB = `{"content": ${JSON.stringify({ ...EXAMPLE, padding: 'x'.repeat(50 * MIB) })}}`;

const CASES: readonly Case[] = [
  {
    name: 'a file cut off halfway',
    body: `{"content": ${EXAMPLE_TEXT.slice(0, Math.floor(EXAMPLE_TEXT.length / 2))}`,
    status: 400,
    error: MESSAGES.badJson,
  },
  {
    name: 'a byte-order mark before the JSON',
    body: `\uFEFF${JSON.stringify({ content: EXAMPLE })}`,
    status: 400,
    error: MESSAGES.badJson,
  },
  {
    name: 'JSON nested a million levels deep',
    body: `{"content": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`,
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: '', message: /expected an analysis file/ },
  },
  {
    name: 'a list instead of a file',
    body: { content: [EXAMPLE] },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: '', message: /expected an analysis file/ },
  },
  {
    name: 'null instead of a file',
    body: { content: null },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: '', message: /got null/ },
  },
  {
    name: 'another format',
    body: { content: broken((f) => (f.format = 'excalidraw')) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'format', message: /samenzicht\/analysis/ },
  },
  {
    name: 'an unknown (newer) version',
    body: { content: broken((f) => (f.version = 99)) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'version', message: /newer Samenzicht/ },
  },
  {
    name: 'the version as text',
    body: { content: broken((f) => (f.version = '1')) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'version', message: /whole number/ },
  },
  {
    name: 'factors as an object',
    body: { content: broken((f) => ((f as Record<string, unknown>).factors = { f1: {} })) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'factors', message: /expected a list/ },
  },
  {
    name: 'a number as label',
    body: { content: broken((f) => (f.factors[2]!.label = 42)) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'factors[2].label', message: /expected text, got 42/ },
  },
  {
    name: 'a position as text',
    body: { content: broken((f) => (f.factors[0]!.position = '10,20')) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'factors[0].position', message: /expected an object \{ x, y \}/ },
  },
  {
    name: 'an infinite coordinate (1e999)',
    body: `{"content": ${JSON.stringify(EXAMPLE).replace('"x":0', '"x":1e999')}}`,
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'factors[0].position.x', message: /expected a number/ },
  },
  {
    name: 'an unknown kind',
    body: { content: broken((f) => (f.factors[0]!.kind = 'probleem')) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'factors[0].kind', message: /expected one of/ },
  },
  {
    name: 'an unknown polarity',
    body: { content: broken((f) => (f.links[0]!.polarity = 'plus')) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'links[0].polarity', message: /expected one of/ },
  },
  {
    name: 'a link to a factor that does not exist',
    body: { content: broken((f) => (f.links[3]!.to = 'f99')) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'links[3].to', message: /no factor has id "f99"/ },
  },
  {
    name: 'a loop naming a link that does not exist',
    body: { content: broken((f) => ((f.loops as Array<{ links: string[] }>)[0]!.links = ['l2', 'l77'])) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'loops[0].links[1]', message: /no link has id "l77"/ },
  },
  {
    name: 'an actor naming a factor that does not exist',
    body: { content: broken((f) => ((f.actors as Array<{ factors: string[] }>)[0]!.factors = ['f3', 'spook'])) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'actors[0].factors[1]', message: /no factor has id "spook"/ },
  },
  {
    name: 'two factors with the same id',
    body: { content: broken((f) => (f.factors[4]!.id = 'f2')) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'factors[4].id', message: /duplicate id "f2"/ },
  },
  {
    name: 'two links with the same id',
    body: { content: broken((f) => (f.links[1]!.id = 'l1')) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'links[1].id', message: /duplicate id "l1"/ },
  },
  {
    name: 'more factors than allowed',
    body: {
      content: broken(
        (f) => (
          (f.factors = Array.from({ length: FILE_LIMITS.factors + 1 }, (_, i) => ({ id: `x${i}`, label: '', kind: 'problem' }))),
          (f.links = []),
          (f.actors = []),
          (f.loops = [])
        ),
      ),
    },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'factors', message: new RegExp(`at most ${FILE_LIMITS.factors}`) },
  },
  {
    name: 'a label longer than allowed',
    body: { content: broken((f) => (f.factors[1]!.label = 'x'.repeat(301))) },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'factors[1].label', message: /longer than 300/ },
  },
  {
    name: 'a __proto__ key instead of the fields',
    body: `{"content": {"__proto__": ${JSON.stringify(EXAMPLE)}}}`,
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'format', message: /got nothing/ },
  },
  {
    name: 'a title that is not text',
    body: { content: EXAMPLE, title: 7 } as unknown as { content: unknown },
    status: 400,
    error: MESSAGES.badContent,
    issue: { path: 'title', message: /expected text/ },
  },
  { name: 'a 50 MB file', body: FIFTY_MB, status: 413, error: describeTooLarge(5 * MIB) },
  { name: 'a 50 MB file without Content-Length', body: FIFTY_MB, status: 413, error: describeTooLarge(5 * MIB), chunked: true },
];

let teardown: Teardown;
let server: TestServer;
let existing: { id: string; viewer: string; file: unknown; rows: unknown };

/** What the database holds of all analyses: ids, snapshots and log rows. */
function storedRows(): unknown {
  return readDb(server.dbFile, (db) => ({
    analyses: db.prepare('SELECT id FROM analyses ORDER BY id').pluck().all(),
    snapshots: db.prepare('SELECT analysis_id, hex(data) FROM snapshots ORDER BY analysis_id').raw().all(),
    updates: db.prepare('SELECT id, analysis_id, hex(data) FROM updates ORDER BY id').raw().all(),
  }));
}

async function fetchFile(id: string, token: string): Promise<unknown> {
  const res = await fetch(`${server.url}/api/analyses/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.json();
}

beforeAll(async () => {
  teardown = new Teardown();
  server = await startTestServer(teardown);
  const { id, tokens } = await createAnalysis(server.url, { content: EXAMPLE });
  // Open and being looked at: its room is loaded while the broken files arrive.
  const client = connectClient(teardown, server.syncUrl, id, tokens.viewer);
  await client.synced;
  await waitFor(() => client.provider.wsconnected, 'connected');
  existing = { id, viewer: tokens.viewer, file: await fetchFile(id, tokens.viewer), rows: storedRows() };
});

afterAll(async () => {
  await teardown.run();
});

describe('broken analysis files on POST /api/analyses', () => {
  it.each(CASES)('$name: $status with a clear message', async ({ body, status, error, issue, chunked }) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(`${server.url}/api/analyses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      ...(chunked ? { body: new Blob([text]).stream(), duplex: 'half' } : { body: text }),
    } as RequestInit);
    const answer = (await res.json()) as { error?: unknown; errors?: Array<{ path: string; message: string }> };
    expect(res.status).toBe(status);
    expect(answer.error).toBe(error);
    if (issue) {
      expect(answer.errors?.[0], JSON.stringify(answer.errors)).toMatchObject({
        path: issue.path,
        message: expect.stringMatching(issue.message),
      });
      // At most the errors found, never the file echoed back.
      expect(JSON.stringify(answer).length).toBeLessThan(20_000);
    } else {
      expect(answer.errors).toBeUndefined();
    }
    // Nothing created, nothing changed.
    expect(storedRows()).toEqual(existing.rows);
  });

  it('the analysis that was already there is untouched', async () => {
    expect(await fetchFile(existing.id, existing.viewer)).toEqual(existing.file);
    expect(storedRows()).toEqual(existing.rows);
    // And the server still creates a good one.
    const good = await createAnalysis(server.url, { content: EXAMPLE });
    expect(await fetchFile(good.id, good.tokens.viewer)).toEqual(existing.file);
  });
});
