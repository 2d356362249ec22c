/** `npm run export` as a person or a script runs it: a real process on real files (CONTRACT.md §3). */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractAnalysisFromPng } from '@samenzicht/shared/export/pngText';
import { PAPER_SIZES } from '@samenzicht/shared/export/renderPdf';
import { readPdfText, squeeze } from '@samenzicht/shared/testing/pdfText';
import { parseAnalysisFile, parseAnalysisText } from '@samenzicht/shared/schema/parseAnalysisFile';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('./export.ts', import.meta.url));
const SMALL = join(ROOT, 'examples/small.samenzicht.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runExport(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samenzicht-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run export', () => {
  it('writes a PNG (carrying the analysis), an SVG and a PDF', async () => {
    const [png, svg, pdf] = ['out.png', 'out.svg', 'out.pdf'].map((name) => join(dir, name));
    const run = await runExport(SMALL, '--png', png!, '--scale', '1', '--svg', svg!, '--pdf', pdf!, '--paper', 'A3');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PNG: .*out\.png \(\d+ × \d+ px\)/);

    const pngBytes = new Uint8Array(await readFile(png!));
    const decoded = PNG.sync.read(Buffer.from(pngBytes));
    expect(decoded.width).toBeGreaterThan(600);
    const carried = parseAnalysisFile(extractAnalysisFromPng(pngBytes));
    const original = parseAnalysisText(await readFile(SMALL, 'utf8'));
    expect(carried.ok && carried.value).toEqual(original.ok && original.value);

    expect(XMLValidator.validate(await readFile(svg!, 'utf8'))).toBe(true);
    const doc = await PDFDocument.load(await readFile(pdf!));
    expect(doc.getPage(0).getSize().width).toBeCloseTo(PAPER_SIZES.A3.width, 1);
  });

  it('accepts a PNG that carries an analysis as input, and scales', async () => {
    const first = join(dir, 'first.png');
    const second = join(dir, 'second.png');
    expect((await runExport(SMALL, '--png', first, '--scale', '1')).code).toBe(0);
    const run = await runExport(first, '--png', second, '--scale', '2');
    expect(run.code).toBe(0);
    const [a, b] = await Promise.all([readFile(first), readFile(second)]);
    expect(PNG.sync.read(b).width).toBe(PNG.sync.read(a).width * 2);
  });

  it('highlights loops and names the people with --loops and --actors', async () => {
    const svg = join(dir, 'loops.svg');
    expect((await runExport(SMALL, '--svg', svg, '--loops', 'R1', '--actors', '--lang', 'en')).code).toBe(0);
    const text = await readFile(svg, 'utf8');
    expect(text).toContain('link--highlighted');
    expect(text).toContain('>Made on ');
  });

  it('writes the case-file report as a PDF (A3, English)', async () => {
    const pdf = join(dir, 'report.pdf');
    const run = await runExport(SMALL, '--report', pdf, '--paper', 'A3', '--lang', 'en');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`report (PDF): ${pdf} (A3)`);
    const pages = await readPdfText(new Uint8Array(await readFile(pdf)));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.text).toContain('CONFIDENTIAL');
      expect(Math.max(page.width, page.height)).toBeCloseTo(PAPER_SIZES.A3.width, 0);
    }
    const text = squeeze(pages.map((p) => p.text).join(' '));
    expect(text).toContain(squeeze('R1 · De schuldenspiraal'));
    expect(text).toContain(squeeze('Where can the circle break?'));
    expect(Math.min(...pages.flatMap((p) => p.items.map((it) => it.size)))).toBeGreaterThanOrEqual(8);
  });

  it('writes the case-file report as one PNG of all its pages, carrying the analysis', async () => {
    const png = join(dir, 'report.png');
    const run = await runExport(SMALL, '--report', png, '--scale', '1');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`report (PNG): ${png}`);
    const bytes = new Uint8Array(await readFile(png));
    expect(PNG.sync.read(Buffer.from(bytes)).height).toBeGreaterThan(794 + 1123);
    expect(parseAnalysisFile(extractAnalysisFromPng(bytes)).ok).toBe(true);
  });

  it('reports a bad file on stderr with the place of the error, exit 1', async () => {
    const bad = join(dir, 'bad.samenzicht.json');
    await writeFile(
      bad,
      JSON.stringify({ format: 'samenzicht/analysis', version: 1, factors: [{ id: 'f1', label: 'x', kind: 'probleem' }], links: [] }),
    );
    const run = await runExport(bad, '--png', join(dir, 'never.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('factors[0].kind: expected one of problem');
    expect(run.stdout).toBe('');
  });

  it('refuses a PNG without an analysis, exit 1', async () => {
    const plain = join(dir, 'plain.png');
    await writeFile(plain, PNG.sync.write(new PNG({ width: 2, height: 2 })));
    const run = await runExport(plain, '--png', join(dir, 'never.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('carries no Samenzicht analysis');
  });

  it.each([
    [['--png', 'x.png'], /Geen invoerbestand/],
    [[SMALL], /Geef --png, --svg, --pdf of --report/],
    [[SMALL, '--report', 'x.pdf', '--paper', 'A5'], /--paper is A4 of A3/],
    [[SMALL, '--report', 'x.pdf', '--lang', 'de'], /--lang is nl of en/],
    [[SMALL, '--report'], /--report needs a value/],
    [[SMALL, '--png', 'x.png', '--scale', '5'], /--scale/],
    [[SMALL, '--png', 'x.png', '--scale'], /--scale needs a value/],
    [[SMALL, '--pdf', 'x.pdf', '--paper', 'A5'], /--paper/],
    [[SMALL, '--png', 'x.png', '--wat'], /unknown option: --wat/],
    [[SMALL, '--svg', 'x.svg', '--loops', 'R9'], /unknown loop: R9/],
    [[join(ROOT, 'examples/none.json'), '--png', 'x.png'], /cannot read .*ENOENT/],
  ])('exits 1 with a message for %j', async (args, message) => {
    const run = await runExport(...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});
