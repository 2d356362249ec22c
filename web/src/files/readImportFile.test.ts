import { describe, expect, it } from 'vitest';
import { embedAnalysisInPng } from '@samenzicht/shared/export/pngText';
import { MAX_IMPORT_BYTES, MAX_IMPORT_PNG_BYTES, checkImportFile, isPngName, readImportFile, readImportText } from './readImportFile.ts';

const GOOD = JSON.stringify({
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Test',
  factors: [{ id: 'f1', label: 'Schulden', kind: 'perpetuating', kleur: 'rood' }],
  links: [],
});

const file = (name: string, size = 10, type = '') => ({ name, size, type });

describe('checkImportFile', () => {
  it('refuses a file over 5 MB before reading it', () => {
    expect(checkImportFile(file('a.samenzicht.json', MAX_IMPORT_BYTES + 1))).toBe('tooLarge');
    expect(checkImportFile(file('a.samenzicht.json', MAX_IMPORT_BYTES))).toBeNull();
  });

  it('recognises a PNG by type or name, and lets it be larger (it holds the picture too)', () => {
    expect(isPngName(file('analyse.PNG'))).toBe(true);
    expect(isPngName(file('analyse', 10, 'image/png'))).toBe(true);
    expect(isPngName(file('analyse.samenzicht.json'))).toBe(false);
    expect(checkImportFile(file('analyse.png', MAX_IMPORT_BYTES + 1))).toBeNull();
    expect(checkImportFile(file('analyse.png', MAX_IMPORT_PNG_BYTES + 1))).toBe('tooLarge');
  });
});

describe('readImportText', () => {
  it('gives the analysis and the warnings of a good file', () => {
    const read = readImportText(file('a.json'), GOOD);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.analysis.factors.map((f) => f.label)).toEqual(['Schulden']);
    expect(read.warnings.map((w) => w.path)).toEqual(['factors[0].kleur']);
  });

  it('gives every error with its place, and the decoded file to name the factors', () => {
    const bad = JSON.parse(GOOD) as { factors: Array<Record<string, unknown>> };
    bad.factors[0]!.kind = 'probleem';
    const read = readImportText(file('a.json'), JSON.stringify(bad));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.reason).toBe('invalid');
    expect(read.errors.map((e) => e.path)).toEqual(['factors[0].kind']);
    expect(read.errors[0]!.message).toContain('"probleem"');
    expect(read.source).toEqual(bad);
  });

  it('reports text that is not JSON at the whole file', () => {
    const read = readImportText(file('a.json'), 'Dit is geen JSON');
    expect(!read.ok && read.errors.map((e) => e.path)).toEqual(['']);
  });

  it('recognises a PNG that was renamed', () => {
    const read = readImportText(file('a.json'), '\uFFFDPNG\r\n\u001a\n...');
    expect(!read.ok && read.reason).toBe('png');
  });
});

describe('readImportFile', () => {
  it('reads a File', async () => {
    const read = await readImportFile(new File([GOOD], 'a.samenzicht.json', { type: 'application/json' }));
    expect(read.ok).toBe(true);
  });

  it('opens the analysis a PNG exported by Samenzicht carries, whatever the file is called', async () => {
    const png = pngWith(JSON.parse(GOOD));
    for (const [name, type] of [
      ['analyse.png', 'image/png'],
      ['analyse.samenzicht.json', 'application/json'],
    ] as const) {
      const read = await readImportFile(new File([png], name, { type }));
      expect(read.ok, name).toBe(true);
      if (!read.ok) return;
      expect(read.analysis.factors.map((f) => f.label)).toEqual(['Schulden']);
      expect(read.warnings.map((w) => w.path)).toEqual(['factors[0].kleur']);
    }
  });

  it('refuses a PNG whose analysis is larger than an analysis file may be, as too large', async () => {
    const big = JSON.parse(GOOD) as { factors: Array<{ note: string }> };
    big.factors[0]!.note = 'x'.repeat(MAX_IMPORT_BYTES);
    const read = await readImportFile(new File([pngWith(big)], 'analyse.png', { type: 'image/png' }));
    expect(!read.ok && read.reason).toBe('tooLarge');
  });

  it('refuses a PNG without an analysis as "png", and names the places of a broken analysis inside one', async () => {
    const plain = await readImportFile(new File([tinyPng()], 'foto.png', { type: 'image/png' }));
    expect(!plain.ok && plain.reason).toBe('png');
    // Named .png but not a PNG at all: the same sentence.
    const fake = await readImportFile(new File(['{}'], 'foto.png', { type: 'image/png' }));
    expect(!fake.ok && fake.reason).toBe('png');
    const bad = JSON.parse(GOOD) as { factors: Array<Record<string, unknown>> };
    bad.factors[0]!.kind = 'probleem';
    const broken = await readImportFile(new File([pngWith(bad)], 'analyse.png', { type: 'image/png' }));
    expect(!broken.ok && broken.reason).toBe('invalid');
    expect(!broken.ok && broken.errors.map((e) => e.path)).toEqual(['factors[0].kind']);
    expect(!broken.ok && broken.source).toEqual(bad);
  });

  it('does not read a file that is too large', async () => {
    const big = new File([GOOD], 'a.json');
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 });
    Object.defineProperty(big, 'arrayBuffer', { value: () => Promise.reject(new Error('must not be read')) });
    const read = await readImportFile(big);
    expect(!read.ok && read.reason).toBe('tooLarge');
  });
});

/** The tiny PNG carrying `file` (as a copy on its own ArrayBuffer, which a Blob part must be). */
function pngWith(file: object): Uint8Array<ArrayBuffer> {
  return new Uint8Array(embedAnalysisInPng(tinyPng(), file));
}

/** The smallest PNG there is: a 1 × 1 grey pixel (signature, IHDR, IDAT, IEND), made without a PNG library. */
function tinyPng(): Uint8Array<ArrayBuffer> {
  const base64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
