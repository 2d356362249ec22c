/** `npm run layout` as a person or a script runs it: a real process on real files (CONTRACT.md §3). */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnalysisFile, toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { boxSizes, layoutAnalysis, loopsForLayout } from '@samenzicht/shared/layout/layoutAnalysis';
import { measureLayout } from '@samenzicht/shared/layout/quality';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('./layout.ts', import.meta.url));
const SMALL = join(ROOT, 'examples/small.samenzicht.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function layout(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samenzicht-layout-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SLOW = { timeout: 300_000 };

describe('npm run layout', () => {
  it('writes the analysis with the positions "Netjes maken" gives, and nothing else changed', SLOW, async () => {
    const out = join(dir, 'out.samenzicht.json');
    const run = await layout(SMALL, '--out', out);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    const original = JSON.parse(await readFile(SMALL, 'utf8'));
    const written = JSON.parse(await readFile(out, 'utf8'));
    const parsed = parseAnalysisFile(written);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Exactly the editor's layout (the same function the Web Worker runs).
    const expected = new Map(layoutAnalysis({ analysis: parsed.value }).map((m) => [m.id, m.position]));
    for (const f of parsed.value.factors) expect(f.position).toEqual(expected.get(f.id));
    // Only positions change.
    const strip = (file: { factors: Array<Record<string, unknown>> }) => ({
      ...file,
      factors: file.factors.map(({ position: _, ...rest }) => rest),
    });
    // (The file is written in the current format, so compare with the original as the program writes it.)
    const read = parseAnalysisFile(original);
    if (!read.ok) throw new Error('the example does not parse');
    expect(strip(written)).toEqual(strip(toAnalysisFile(read.value) as typeof written));
    const sizes = boxSizes(parsed.value);
    const boxes = new Map(parsed.value.factors.map((f) => [f.id, { ...f.position, ...sizes.get(f.id)! }]));
    const q = measureLayout(parsed.value.links, boxes, loopsForLayout(parsed.value));
    expect(q.overlaps).toBe(0);
    expect(q.loopsAsRings).toBe(q.loops);
  });

  it('prints the file on stdout without --out, and laying out its own output changes nothing', SLOW, async () => {
    const first = await layout(SMALL);
    expect(first.code).toBe(0);
    const path = join(dir, 'once.samenzicht.json');
    await writeFile(path, first.stdout);
    const second = await layout(path);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('refuses a bad file with the place of the error on stderr and exit code 1', SLOW, async () => {
    const path = join(dir, 'bad.samenzicht.json');
    await writeFile(
      path,
      JSON.stringify({ format: 'samenzicht/analysis', version: 1, factors: [{ id: 'f1', label: 'x', kind: 'probleem' }], links: [] }),
    );
    const out = join(dir, 'never.json');
    const run = await layout(path, '--out', out);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('factors[0].kind');
    await expect(readFile(out)).rejects.toThrow();
    const missing = await layout(join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.json');
    const usage = await layout(SMALL, '--out');
    expect(usage.code).toBe(1);
  });
});
