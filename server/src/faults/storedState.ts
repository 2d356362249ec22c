/**
 * What is on disk, read the way a restarted server reads it (snapshot + log through `restoreDoc`), through a second
 * read-only connection to the database file, and comparisons of that against clients' documents.
 */
import * as Y from 'yjs';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { restoreDoc } from '../restoreDoc.ts';
import { readDb } from '../testing.ts';

/** The stored document of analysis `id`, or null when it has no snapshot and no log rows. */
export function readStoredDoc(dbFile: string, id: string): Y.Doc | null {
  const stored = readDb(dbFile, (db) => {
    const snapshot = db.prepare('SELECT data FROM snapshots WHERE analysis_id = ?').pluck().get(id) as Buffer | undefined;
    const updates = db.prepare('SELECT data FROM updates WHERE analysis_id = ? ORDER BY id').pluck().all(id) as Buffer[];
    return { snapshot: snapshot ?? null, updates, lastUpdateId: 0 };
  });
  if (stored.snapshot === null && stored.updates.length === 0) return null;
  const { doc, skipped } = restoreDoc(stored);
  if (skipped > 0) throw new Error(`${skipped} stored updates of analysis ${id} could not be applied`);
  return doc;
}

/** Each client id with the number of its operations the doc holds. */
export function clocksOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/**
 * Names the operations of `source` that `target` lacks (`client 123: 4 of 9`), or returns null when `target` holds
 * every operation `source` holds.
 */
export function describeMissing(target: Y.Doc, source: Y.Doc): string | null {
  const have = clocksOf(target);
  const missing: string[] = [];
  for (const [client, clock] of clocksOf(source)) {
    const stored = have.get(client) ?? 0;
    if (stored < clock) missing.push(`client ${client}: ${stored} of ${clock}`);
  }
  return missing.length === 0 ? null : missing.join(', ');
}

/** The analysis as plain data, for equality checks. */
export function contentOf(doc: Y.Doc): string {
  return JSON.stringify(readAnalysis(doc));
}

/** True when both docs hold the same operations and the same deletions (the same Yjs snapshot) and content. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b)) && contentOf(a) === contentOf(b);
}
