/** `npm run analyze` as a person or a script runs it: a real process on real files (CONTRACT.md §3). */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedAnalysisInPng } from '@samenzicht/shared/export/pngText';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('./analyze.ts', import.meta.url));
const SMALL = join(ROOT, 'examples/small.samenzicht.json');
const MEDIUM = join(ROOT, 'examples/medium.samenzicht.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function analyze(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samenzicht-analyze-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run analyze', () => {
  it('prints exactly the CONTRACT §3 object with --json', async () => {
    const run = await analyze(SMALL, '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['loops', 'truncated', 'breakPoints']);
    expect(out.truncated).toBe(false);
    expect(out.loops).toEqual([
      {
        id: 'R1',
        type: 'reinforcing',
        vicious: true,
        virtuous: false,
        factors: ['f2', 'f3', 'f4', 'f5'],
        links: ['l2', 'l3', 'l4', 'l5'],
        name: 'De schuldenspiraal',
      },
      {
        id: 'R2',
        type: 'reinforcing',
        vicious: true,
        virtuous: false,
        factors: ['f2', 'f3', 'f6', 'f7', 'f4', 'f5'],
        links: ['l2', 'l6', 'l7', 'l8', 'l4', 'l5'],
      },
    ]);
    expect(Object.keys(out.breakPoints)).toEqual(['links', 'factors']);
    expect(out.breakPoints.links).toHaveLength(1);
    expect(out.breakPoints.factors).toHaveLength(1);
  });

  it('prints a summary for people: loops as factor labels, and what each break point breaks', async () => {
    const run = await analyze(SMALL);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('R1  versterkend · vicieuze cirkel · "De schuldenspiraal"');
    expect(run.stdout).toContain(
      'Schulden na terugvordering toeslagen → Aanhoudende stress → Afspraken missen → Boetes en aanmaningskosten → Schulden na terugvordering toeslagen',
    );
    expect(run.stdout).toContain('verbanden: l2 l3 l4 l5');
    expect(run.stdout).toMatch(/doorbreekt 2 van de 2 vicieuze cirkels/);
  });

  it('analyses the medium example: several vicious circles, every one broken by the break points', async () => {
    const run = await analyze(MEDIUM, '--json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.truncated).toBe(false);
    expect(out.loops.filter((l: { vicious: boolean }) => l.vicious).length).toBeGreaterThanOrEqual(3);
    for (const loop of out.loops.filter((l: { vicious: boolean }) => l.vicious)) {
      expect(loop.links.some((id: string) => out.breakPoints.links.includes(id))).toBe(true);
      expect(loop.factors.some((id: string) => out.breakPoints.factors.includes(id))).toBe(true);
    }
  });

  it('refuses a broken file: each error as `path: message` on stderr, exit code 1', async () => {
    const file = JSON.parse(await readFile(SMALL, 'utf8'));
    file.factors[2].kind = 'probleem';
    file.links[0].to = 'f99';
    const broken = join(dir, 'broken.samenzicht.json');
    await writeFile(broken, JSON.stringify(file));
    const run = await analyze(broken, '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'factors[2].kind: expected one of problem, predisposing, precipitating, perpetuating, aggravating, protective, got "probleem"',
    );
    expect(run.stderr).toContain('links[0].to: no factor has id "f99"');
  });

  it('never prints terminal escape codes or bidirectional controls from a file raw (summary, --json and warnings)', async () => {
    // ESC and the one-byte CSI (U+009B) in ids, a field name and a loop name; a right-to-left override in a label.
    const esc = '\u001b]0;gehackt\u0007\u001b[2J';
    const analysis = {
      format: 'samenzicht/analysis',
      version: 1,
      title: 'Escapes',
      factors: [
        { id: `a${esc}`, label: 'Schulden \u202estress', kind: 'perpetuating', [`veld${esc}`]: 1 },
        { id: 'b\u009b31m', label: 'Stress', kind: 'perpetuating' },
      ],
      links: [
        { id: `l1${esc}`, from: `a${esc}`, to: 'b\u009b31m', polarity: '+' },
        { id: 'l2\u202e', from: 'b\u009b31m', to: `a${esc}`, polarity: '+' },
      ],
      loops: [{ links: [`l1${esc}`, 'l2\u202e'], name: `Kring${esc}` }],
    };
    const file = join(dir, 'escapes.samenzicht.json');
    await writeFile(file, JSON.stringify(analysis));
    const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    for (const args of [[file], [file, '--json']]) {
      const run = await analyze(...args);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(unsafe);
      expect(run.stderr).not.toMatch(unsafe);
      expect(run.stderr).toContain('\\u001b');
    }
    const json = JSON.parse((await analyze(file, '--json')).stdout) as { loops: Array<{ links: string[] }> };
    // Still the same JSON values: the escapes are JSON's own.
    expect(json.loops[0]!.links).toContain('l2\u202e');
  });

  it('refuses text that is not JSON', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{ "format": ');
    const run = await analyze(notJson);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not valid JSON');
  });

  it('reads the analysis a PNG exported by Samenzicht carries, as it reads the file itself', async () => {
    const picture = new PNG({ width: 2, height: 2 });
    picture.data.fill(255);
    const file = JSON.parse(await readFile(SMALL, 'utf8'));
    const png = join(dir, 'analyse.png');
    await writeFile(png, embedAnalysisInPng(new Uint8Array(PNG.sync.write(picture)), file));
    const [fromPng, fromFile] = await Promise.all([analyze(png, '--json'), analyze(SMALL, '--json')]);
    expect(fromPng.code).toBe(0);
    expect(fromPng.stderr).toBe('');
    expect(JSON.parse(fromPng.stdout)).toEqual(JSON.parse(fromFile.stdout));
  });

  it('says, in Dutch and English, that a PNG without an analysis cannot be opened', async () => {
    const picture = new PNG({ width: 2, height: 2 });
    const png = join(dir, 'foto.png');
    await writeFile(png, PNG.sync.write(picture));
    const run = await analyze(png, '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('deze afbeelding bevat geen Samenzicht-analyse');
    expect(run.stderr).toContain('does not contain a Samenzicht analysis');
  });

  it('exits 1 with the usage when no file or an unknown option is given, or the file is missing', async () => {
    expect((await analyze()).code).toBe(1);
    expect((await analyze(SMALL, '--yaml')).stderr).toContain('--yaml');
    const missing = await analyze(join(dir, 'nope.samenzicht.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
  });
});
