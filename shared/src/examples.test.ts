/** Every example file the project ships must parse cleanly: no errors and no warnings. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnalysisText } from './schema/parseAnalysisFile.ts';

const EXAMPLES_DIR = new URL('../../examples/', import.meta.url);
const FILES = readdirSync(EXAMPLES_DIR)
  .filter((name) => name.endsWith('.samenzicht.json'))
  .sort();

describe('examples/*.samenzicht.json', () => {
  it('has at least one example', () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  it.each(FILES)('%s parses without errors or warnings', (name) => {
    const result = parseAnalysisText(readFileSync(new URL(name, EXAMPLES_DIR), 'utf8'));
    expect(result.ok ? [] : result.errors, name).toEqual([]);
    expect(result.warnings, name).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
