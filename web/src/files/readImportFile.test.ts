import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, checkImportFile, readImportFile, readImportText } from './readImportFile.ts';

const GOOD = JSON.stringify({
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Test',
  factors: [{ id: 'f1', label: 'Schulden', kind: 'perpetuating', kleur: 'rood' }],
  links: [],
});

const file = (name: string, size = 10, type = '') => ({ name, size, type });

describe('checkImportFile', () => {
  it('refuses a file over 10 MB before reading it', () => {
    expect(checkImportFile(file('a.samenzicht.json', MAX_IMPORT_BYTES + 1))).toBe('tooLarge');
    expect(checkImportFile(file('a.samenzicht.json', MAX_IMPORT_BYTES))).toBeNull();
  });

  it('recognises a PNG by type or name', () => {
    expect(checkImportFile(file('analyse.png'))).toBe('png');
    expect(checkImportFile(file('analyse', 10, 'image/png'))).toBe('png');
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

  it('does not read a file that is too large', async () => {
    const big = new File([GOOD], 'a.json');
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 1 });
    Object.defineProperty(big, 'text', { value: () => Promise.reject(new Error('must not be read')) });
    const read = await readImportFile(big);
    expect(!read.ok && read.reason).toBe('tooLarge');
  });
});
