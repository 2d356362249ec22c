/** The export routes of CONTRACT.md §2, against a real server on port 0. */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import { XMLValidator } from 'fast-xml-parser';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractAnalysisFromPng } from '@samenzicht/shared/export/pngText';
import { PAPER_SIZES } from '@samenzicht/shared/export/renderPdf';
import { readPdfText, squeeze } from '@samenzicht/shared/testing/pdfText';
import { parseAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { EXPORT_MESSAGES, parseExportQuery, toExportFileName } from './exportApi.ts';
import { Teardown, connectClient, createAnalysis, startTestServer, waitFor, type TestServer } from './testing.ts';

const SMALL = JSON.parse(readFileSync(new URL('../../examples/small.samenzicht.json', import.meta.url), 'utf8')) as unknown;

let teardown: Teardown;
let server: TestServer;

beforeEach(async () => {
  teardown = new Teardown();
  server = await startTestServer(teardown);
});

afterEach(async () => {
  await teardown.run();
});

function get(path: string, token?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
}

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/**
 * GET from a given local address: Linux routes all of 127.0.0.0/8 to the loopback interface, so 127.0.0.2 is
 * another client to the server's per-address limits. (fetch cannot choose its local address.)
 */
function getFrom(localAddress: string, path: string, token: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${path}`, { localAddress, headers: { Authorization: `Bearer ${token}` }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('latin1') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

type LogEntry = { role: string; action: string; detail?: string; count?: number };

async function readLog(id: string, token: string): Promise<LogEntry[]> {
  const res = await get(`/api/analyses/${id}/log`, token);
  return ((await res.json()) as { entries: LogEntry[] }).entries;
}

describe('GET /api/analyses/:id/export.*', () => {
  it('answers a PNG that carries the analysis, at the asked scale, and logs the export', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const one = await get(`/api/analyses/${id}/export.png?scale=1`, tokens.viewer);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toBe('image/png');
    expect(one.headers.get('cache-control')).toBe('no-store');
    expect(one.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Voorbeeldgezin-verklarende-analyse-\d{4}-\d{2}-\d{2}\.png"$/,
    );
    const png1 = new Uint8Array(await one.arrayBuffer());
    const two = new Uint8Array(await (await get(`/api/analyses/${id}/export.png?scale=2`, tokens.viewer)).arrayBuffer());
    const [d1, d2] = [png1, two].map((bytes) => PNG.sync.read(Buffer.from(bytes)));
    expect(d2!.width).toBe(d1!.width * 2);
    // The PNG carries what the server holds (GET …/:id answers the same file).
    const parsed = parseAnalysisFile(extractAnalysisFromPng(png1));
    const stored = parseAnalysisFile(await (await get(`/api/analyses/${id}`, tokens.viewer)).json());
    expect(parsed.ok && parsed.value).toEqual(stored.ok && stored.value);
    // Newest first; identical events may share one row with a count.
    const exported = (await readLog(id, tokens.facilitator)).filter((e) => e.action === 'exported' && e.role === 'viewer');
    expect(exported.flatMap((e) => Array<string | undefined>(e.count ?? 1).fill(e.detail))).toEqual(['json', 'png', 'png']);
  });

  // Ten PNGs at scale 4, two at a time: on a loaded machine (two test suites side by side) that took over 30 s.
  it(
    'a burst of exports is rendered two at a time; beyond the queue it answers 503 with a Dutch sentence and Retry-After',
    { timeout: 180_000 },
    async () => {
      const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
      // Two from each of eight addresses, so no client is over its own limit: only the shared queue refuses.
      const addresses = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 1}`);
      const answers = await Promise.all(
        addresses.flatMap((address) => [0, 1].map(() => getFrom(address, `/api/analyses/${id}/export.png?scale=4`, tokens.viewer))),
      );
      const statuses = answers.map((a) => a.status);
      // 2 rendering and 8 waiting are taken; the rest arrive while the first are still being drawn.
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
      expect(
        statuses.every((s) => s === 200 || s === 503),
        statuses.join(),
      ).toBe(true);
      const busy = answers.filter((a) => a.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0]!.headers['retry-after']).toBe('5');
      expect((JSON.parse(busy[0]!.body) as { error: string }).error).toBe(EXPORT_MESSAGES.busy);
      // Afterwards there is room again.
      expect((await get(`/api/analyses/${id}/export.svg`, tokens.viewer)).status).toBe(200);
    },
  );

  it('one address has at most 2 exports running or waiting: a third answers 429 with a Dutch sentence and Retry-After; another address is served meanwhile', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const path = `/api/analyses/${id}/export.png?scale=4`;
    const [a, b, c] = await Promise.all([
      getFrom('127.0.0.7', path, tokens.viewer),
      getFrom('127.0.0.7', path, tokens.viewer),
      getFrom('127.0.0.7', path, tokens.viewer).then(async (third) => ({
        third,
        other: await getFrom('127.0.0.8', `/api/analyses/${id}/export.svg`, tokens.viewer),
      })),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(c.third.status).toBe(429);
    expect(c.third.headers['retry-after']).toBe('5');
    expect((JSON.parse(c.third.body) as { error: string }).error).toBe(EXPORT_MESSAGES.tooManyFromClient);
    expect(c.other.status).toBe(200);
    // Once its exports are done, the address may export again.
    expect((await getFrom('127.0.0.7', `/api/analyses/${id}/export.svg`, tokens.viewer)).status).toBe(200);
  });

  it('holds an edit made just before it, also when the edit is not stored yet (the room writes it first)', async () => {
    const slow = await startTestServer(teardown, { flushIntervalMs: 60_000 });
    const { id, tokens } = await createAnalysis(slow.url, { content: SMALL });
    const a = connectClient(teardown, slow.syncUrl, id, tokens.editor);
    const b = connectClient(teardown, slow.syncUrl, id, tokens.editor);
    await Promise.all([a.synced, b.synced]);
    const f = addFactor(a.doc, 'test', { label: 'Net toegevoegd', position: { x: 0, y: 0 } });
    await waitFor(() => getMaps(b.doc).factors.has(f), 'the server relayed the edit');
    const res = await fetch(`${slow.url}/api/analyses/${id}/export.svg`, { headers: { Authorization: `Bearer ${tokens.viewer}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Net toegevoegd');
  });

  it('answers a standalone SVG with the font embedded', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const res = await get(`/api/analyses/${id}/export.svg`, tokens.editor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/filename=".*\.svg"$/);
    const svg = await res.text();
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('@font-face');
    expect(svg).toContain('data:font/woff2;base64,');
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect((await readLog(id, tokens.facilitator))[0]).toMatchObject({ role: 'editor', action: 'exported', detail: 'svg' });
  });

  it.each(['A4', 'A3'] as const)('answers a one-page %s landscape PDF', async (paper) => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const res = await get(`/api/analyses/${id}/export.pdf?paper=${paper}`, tokens.facilitator);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const doc = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize().width).toBeCloseTo(PAPER_SIZES[paper].width, 1);
    expect((await readLog(id, tokens.facilitator))[0]).toMatchObject({ role: 'facilitator', action: 'exported', detail: 'pdf' });
  });

  it('answers 401 without a token, with a wrong token and for an unknown id, and logs nothing', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    for (const [path, token] of [
      [`/api/analyses/${id}/export.png`, undefined],
      [`/api/analyses/${id}/export.svg`, 'wrong'],
      [`/api/analyses/nope/export.pdf`, tokens.viewer],
    ] as const) {
      const res = await get(path, token);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: string }).error).toMatch(/Geen toegang/);
    }
    expect((await readLog(id, tokens.facilitator)).filter((e) => e.action === 'exported')).toEqual([]);
  });

  it('answers 400 with a sentence for a bad scale, paper or loop', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    for (const query of ['scale=5', 'scale=0', 'scale=abc', 'paper=A5', 'lang=de', 'loops=R99']) {
      const res = await get(`/api/analyses/${id}/export.png?${query}`, tokens.viewer);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(10);
    }
  });

  it('highlights named loops and shows the people when asked', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const svg = await (await get(`/api/analyses/${id}/export.svg?loops=R1&actors=1&lang=en`, tokens.viewer)).text();
    expect(svg).toContain('link--highlighted');
    expect(svg).toContain('R1 · De schuldenspiraal · reinforcing');
    expect(svg).toContain('>Moeder<');
  });

  it('allows only GET', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const res = await fetch(`${server.url}/api/analyses/${id}/export.png`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.viewer}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('never writes the token to the server log', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    await get(`/api/analyses/${id}/export.svg`, tokens.viewer);
    expect(server.log.lines.join('\n')).not.toContain(tokens.viewer);
  });
});

describe('GET /api/analyses/:id/export.pdf?report=1 (the case-file report)', () => {
  it('gives every role the report, with the conclusions and VERTROUWELIJK on every page, and logs it as a report', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    for (const role of ['facilitator', 'editor', 'viewer'] as const) {
      const res = await get(`/api/analyses/${id}/export.pdf?report=1`, tokens[role]);
      expect(res.status, role).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="Voorbeeldgezin-verklarende-analyse-verslag-\d{4}-\d{2}-\d{2}\.pdf"$/,
      );
      const pages = await readPdfText(new Uint8Array(await res.arrayBuffer()));
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) expect(page.text).toContain('VERTROUWELIJK');
      const all = squeeze(pages.map((p) => p.text).join(' '));
      expect(all).toContain(squeeze('R1 · De schuldenspiraal'));
      expect(all).toContain(squeeze('Waar kan de cirkel breken?'));
      expect(Math.min(...pages.flatMap((p) => p.items.map((it) => it.size)))).toBeGreaterThanOrEqual(8);
      // The server's own time zone is printed.
      expect(all).toContain(squeeze(`(tijdzone ${Intl.DateTimeFormat().resolvedOptions().timeZone})`));
      expect((await readLog(id, tokens.facilitator))[0]).toMatchObject({ role, action: 'exported', detail: 'report-pdf' });
    }
  });

  it('takes paper=A3 and lang=en', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const res = await get(`/api/analyses/${id}/export.pdf?report=1&paper=A3&lang=en`, tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/-report-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const pages = await readPdfText(new Uint8Array(await res.arrayBuffer()));
    for (const page of pages) {
      expect(page.text).toContain('CONFIDENTIAL');
      expect([Math.round(page.width), Math.round(page.height)].sort()).toEqual(
        [Math.round(PAPER_SIZES.A3.width), Math.round(PAPER_SIZES.A3.height)].sort(),
      );
    }
    expect(squeeze(pages.map((p) => p.text).join(' '))).toContain(squeeze('Where can the circle break?'));
  });

  it('answers the report as one PNG of all its pages, carrying the analysis', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const res = await get(`/api/analyses/${id}/export.png?report=1&scale=1`, tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/-verslag-\d{4}-\d{2}-\d{2}\.png"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const png = PNG.sync.read(Buffer.from(bytes));
    // Taller than two A4 pages at 96 dpi (a landscape diagram page and an upright text page).
    expect(png.height).toBeGreaterThan(794 + 1123);
    expect(parseAnalysisFile(extractAnalysisFromPng(bytes)).ok).toBe(true);
    expect((await readLog(id, tokens.facilitator))[0]).toMatchObject({ action: 'exported', detail: 'report-png' });
  });

  it('answers 400 with a clear sentence for a bad paper, report value or format, and 401 without a token', async () => {
    const { id, tokens } = await createAnalysis(server.url, { content: SMALL });
    const cases = [
      ['export.pdf?report=1&paper=A5', EXPORT_MESSAGES.badPaper],
      ['export.pdf?report=1&lang=de', EXPORT_MESSAGES.badLanguage],
      ['export.pdf?report=2', EXPORT_MESSAGES.badReport],
      ['export.svg?report=1', EXPORT_MESSAGES.badReport],
      ['export.pdf?report=1&loops=R99', EXPORT_MESSAGES.badLoops],
    ] as const;
    for (const [path, message] of cases) {
      const res = await get(`/api/analyses/${id}/${path}`, tokens.viewer);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: string }).error, path).toBe(message);
    }
    expect(EXPORT_MESSAGES.badPaper).toMatch(/A4 of A3/);
    expect((await get(`/api/analyses/${id}/export.pdf?report=1`)).status).toBe(401);
    expect((await get(`/api/analyses/${id}/export.pdf?report=1`, 'wrong')).status).toBe(401);
    expect((await readLog(id, tokens.facilitator)).filter((e) => e.action === 'exported')).toEqual([]);
  });
});

describe('toExportFileName', () => {
  it('keeps letters and digits of the title, without accents, plus the date', () => {
    const at = new Date('2025-03-12T13:05:00Z');
    expect(toExportFileName('Gezin Öztürk — één "analyse" / deel 2', at, 'png')).toBe('Gezin-Ozturk-een-analyse-deel-2-2025-03-12.png');
    expect(toExportFileName('../../etc/passwd', at, 'svg')).toBe('etc-passwd-2025-03-12.svg');
    expect(toExportFileName('   ', at, 'pdf')).toBe('samenzicht-analyse-2025-03-12.pdf');
    expect(toExportFileName('x'.repeat(300), at, 'pdf').length).toBeLessThanOrEqual(80 + 15);
    // 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
    expect(toExportFileName('Gezin', new Date('2025-12-31T23:30:00Z'), 'png')).toBe('Gezin-2026-01-01.png');
  });
});

describe('parseExportQuery', () => {
  it('has defaults and reads every parameter', () => {
    expect(parseExportQuery('/x')).toEqual({
      ok: true,
      query: { scale: 2, paper: 'A4', language: 'nl', actors: false, stances: true, loops: [], report: false },
    });
    expect(parseExportQuery('/x?stances=0')).toMatchObject({ ok: true, query: { stances: false } });
    expect(parseExportQuery('/x?scale=3&paper=a3&lang=en&actors=1&loops=R1,%20B2')).toEqual({
      ok: true,
      query: { scale: 3, paper: 'A3', language: 'en', actors: true, stances: true, loops: ['R1', 'B2'], report: false },
    });
    expect(parseExportQuery('/x?scale=3&paper=a3&lang=en&actors=1&loops=R1,%20B2&report=1')).toEqual({
      ok: true,
      query: { scale: 3, paper: 'A3', language: 'en', actors: true, stances: true, loops: ['R1', 'B2'], report: true },
    });
    expect(parseExportQuery('/x?report=0')).toMatchObject({ ok: true, query: { report: false } });
    expect(parseExportQuery('/x?report=ja')).toEqual({ ok: false, error: EXPORT_MESSAGES.badReport });
  });
});
