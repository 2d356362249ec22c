import { describe, expect, it } from 'vitest';
import { CURRENT_FILE_VERSION, MIGRATIONS, migrateFile, type Migration, type RawFile } from './migrations.ts';
import { parseAnalysisFile } from './parseAnalysisFile.ts';

/** A fake migration that records that it ran and which version it was handed. */
function recording(from: number): Migration {
  return {
    from,
    migrate: (file) => ({
      ok: true,
      file: { ...file, steps: [...((file.steps as string[] | undefined) ?? []), `${from}→${from + 1} saw v${String(file.version)}`] },
    }),
  };
}

describe('migrateFile with fake numbered migrations', () => {
  it('applies a chain 1 → 2 → 3 in order, whatever order the list is in, and stamps the version', () => {
    const result = migrateFile({ version: 1, title: 'x' }, 1, 3, [recording(2), recording(1)]);
    expect(result).toEqual({
      ok: true,
      file: { version: 3, title: 'x', steps: ['1→2 saw v1', '2→3 saw v2'] },
    });
  });

  it('starts at the given version and skips earlier steps', () => {
    const result = migrateFile({ version: 2 }, 2, 3, [recording(1), recording(2)]);
    expect(result).toEqual({ ok: true, file: { version: 3, steps: ['2→3 saw v2'] } });
  });

  it('returns the file untouched when it already has the target version', () => {
    const file = { version: 3, title: 'x' };
    expect(migrateFile(file, 3, 3, [recording(1)])).toEqual({ ok: true, file });
  });

  it('fails with a reason when a step is missing', () => {
    expect(migrateFile({ version: 1 }, 1, 3, [recording(1)])).toEqual({ ok: false, reason: 'no migration from version 2 to 3' });
  });

  it('turns a migration that reports failure into a value naming the step', () => {
    const refusing: Migration = { from: 2, migrate: () => ({ ok: false, reason: 'loops without links' }) };
    const run = () => migrateFile({ version: 1 }, 1, 3, [recording(1), refusing]);
    expect(run).not.toThrow();
    expect(run()).toEqual({ ok: false, reason: 'migration 2 → 3 failed: loops without links' });
  });

  it('turns a migration that throws into a value too, so parsing never throws', () => {
    const throwing: Migration = {
      from: 1,
      migrate: (file) => ({ ok: true, file: { ...file, n: (file.factors as unknown[]).length } }),
    };
    const run = () => migrateFile({ version: 1 }, 1, 2, [throwing]);
    expect(run).not.toThrow();
    expect(run()).toEqual({ ok: false, reason: expect.stringMatching(/^migration 1 → 2 failed: .+/) });
  });

  it('does not change the file it was given', () => {
    const file = { version: 1, steps: [] as string[] };
    migrateFile(file, 1, 3, [recording(1), recording(2)]);
    expect(file).toEqual({ version: 1, steps: [] });
  });
});

/**
 * One fixture per migration in MIGRATIONS, keyed by its `from` version: a file as the old version wrote it and the
 * file the migration must turn it into (without `version`, which migrateFile stamps). Adding a migration without a
 * fixture here fails the tests below.
 */
const VERSION_1_FILE: RawFile = {
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Voorbeeldgezin',
  factors: [
    { id: 'f1', label: 'Schulden', kind: 'perpetuating', domain: 'context', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Stress', kind: 'perpetuating' },
  ],
  links: [{ id: 'l1', from: 'f1', to: 'f2', polarity: '+' }],
  actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: ['f1'] }],
  loops: [],
};

const FIXTURES: Readonly<Record<number, { readonly before: RawFile; readonly after: RawFile }>> = {
  // 1 → 2 adds nothing: every version-2 field is optional and its default means "as in version 1".
  1: { before: VERSION_1_FILE, after: VERSION_1_FILE },
};

describe('MIGRATIONS', () => {
  it('has exactly one migration for every version below the current one, and none beyond', () => {
    const froms = MIGRATIONS.map((m) => m.from).sort((a, b) => a - b);
    const expected = Array.from({ length: CURRENT_FILE_VERSION - 1 }, (_, i) => i + 1);
    expect(froms).toEqual(expected);
  });

  it('exercises every migration with its fixture', () => {
    for (const migration of MIGRATIONS) {
      const fixture = FIXTURES[migration.from];
      expect(fixture, `migration from version ${migration.from} has no fixture in FIXTURES`).toBeDefined();
      if (!fixture) continue;
      expect(migration.migrate(fixture.before), `migration from version ${migration.from}`).toEqual({ ok: true, file: fixture.after });
    }
  });

  it('has no fixture for a migration that does not exist', () => {
    const froms = new Set(MIGRATIONS.map((m) => m.from));
    for (const key of Object.keys(FIXTURES)) expect(froms.has(Number(key)), `fixture for version ${key}`).toBe(true);
  });

  it('brings every fixture up to a current file that parses without errors', () => {
    for (const migration of MIGRATIONS) {
      const fixture = FIXTURES[migration.from];
      if (!fixture) continue;
      const result = parseAnalysisFile({ ...fixture.before, version: migration.from });
      expect(result.ok, `fixture for version ${migration.from}: ${JSON.stringify(result.ok ? [] : result.errors)}`).toBe(true);
    }
  });

  it('reads a current-version file without any migration', () => {
    const file = { version: CURRENT_FILE_VERSION, title: 'x' };
    expect(migrateFile(file, CURRENT_FILE_VERSION)).toEqual({ ok: true, file });
  });
});
