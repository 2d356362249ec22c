/** Parsing and writing the version-2 fields of the library engineer: `factors[].signal`, `language`, `story`. */
import { describe, expect, it } from 'vitest';
import { parseAnalysisFile, toAnalysisFile } from './parseAnalysisFile.ts';

const file = (extra: Record<string, unknown> = {}, factorExtra: Record<string, unknown> = {}) => ({
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Testgezin',
  factors: [
    { id: 'f1', label: 'Schulden', kind: 'perpetuating', ...factorExtra },
    { id: 'f2', label: 'Stress', kind: 'perpetuating' },
  ],
  links: [],
  ...extra,
});

describe('signal, language and story in a file', () => {
  it('reads them and writes them back unchanged', () => {
    const parsed = parseAnalysisFile(file({ language: 'en', story: 'Het begon met schulden.' }, { signal: 'schulden-toeslagen' }));
    expect(parsed.ok && parsed.warnings).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.value.factors[0]!.signal).toBe('schulden-toeslagen');
    expect(parsed.value.factors[1]!.signal).toBeUndefined();
    expect(parsed.value.language).toBe('en');
    expect(parsed.value.story).toBe('Het begon met schulden.');
    const written = toAnalysisFile(parsed.value);
    expect(written.language).toBe('en');
    expect(written.story).toBe('Het begon met schulden.');
    expect((written.factors as Array<Record<string, unknown>>)[0]!.signal).toBe('schulden-toeslagen');
    expect('signal' in (written.factors as Array<Record<string, unknown>>)[1]!).toBe(false);
  });

  it('leaves them out when the file has none (language: Dutch, story: the generated one)', () => {
    const parsed = parseAnalysisFile(file());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.language).toBeUndefined();
    expect(parsed.value.story).toBeUndefined();
    const written = toAnalysisFile(parsed.value);
    expect('language' in written || 'story' in written).toBe(false);
    // An empty story is the generated one too.
    const empty = parseAnalysisFile(file({ story: '  ' }));
    expect(empty.ok && empty.value.story).toBeUndefined();
  });

  it('names the place of a bad signal code, language or story', () => {
    const bad = parseAnalysisFile(file({ language: 'de', story: 42 }, { signal: 'Schulden Toeslagen' }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'factors[0].signal: expected a code of lowercase words joined by "-" (like "schulden-toeslagen"), got "Schulden Toeslagen"',
      'language: expected one of nl, en, got "de"',
      'story: expected text, got 42',
    ]);
    expect(bad.errors[0]!.code).toBe('expectedSignalCode');
    const long = parseAnalysisFile(file({ story: 'x'.repeat(50_001) }));
    expect(long.ok || long.errors.map((e) => e.path)).toEqual(['story']);
  });
});
