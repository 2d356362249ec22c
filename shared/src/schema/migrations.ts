/**
 * Numbered migrations of the analysis file format. Migration N turns a version-N file into version N+1.
 * Failure is a value, so an old program refuses data it cannot read instead of damaging it.
 */

export type RawFile = Record<string, unknown>;

export type MigrationResult = { readonly ok: true; readonly file: RawFile } | { readonly ok: false; readonly reason: string };

export interface Migration {
  /** The version this migration reads; it writes `from + 1`. */
  readonly from: number;
  readonly migrate: (file: RawFile) => MigrationResult;
}

/** The newest file version this program writes and reads. */
export const CURRENT_FILE_VERSION = 2;

/** The numbered migrations, in order; new ones are appended here. */
export const MIGRATIONS: readonly Migration[] = [
  // 1 → 2 (CONTRACT.md §1 "Version 2"): every new field (stances, comments, signals, language, story, a factor's
  // signal) is optional with a default that means "as before", so a version-1 file is a version-2 file as it is.
  { from: 1, migrate: (file) => ({ ok: true, file }) },
];

/** Migrates `file` from `version` up to `target`, one numbered step at a time. */
export function migrateFile(
  file: RawFile,
  version: number,
  target: number = CURRENT_FILE_VERSION,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationResult {
  let current = file;
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, reason: `no migration from version ${v} to ${v + 1}` };
    let result: MigrationResult;
    try {
      result = step.migrate(current);
    } catch (err) {
      // Migrations read unvalidated input; a throw must not escape parseAnalysisFile, which never throws.
      result = { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    if (!result.ok) return { ok: false, reason: `migration ${v} → ${v + 1} failed: ${result.reason}` };
    current = { ...result.file, version: v + 1 };
  }
  return { ok: true, file: current };
}
