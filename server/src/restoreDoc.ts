/** Rebuilds a Y.Doc from what storage holds: the snapshot, then every logged update in order. */
import * as Y from 'yjs';
import type { StoredDoc } from './storage/storage.ts';

/** Transaction origin of updates read back from storage (so they are not queued for storing again). */
export const STORAGE_ORIGIN = Symbol('storage');

/**
 * Returns a new doc holding the stored state. A stored update that Yjs refuses is skipped and counted, so one bad
 * row cannot make an analysis impossible to open.
 */
export function restoreDoc(stored: StoredDoc): { doc: Y.Doc; skipped: number } {
  const doc = new Y.Doc();
  let skipped = 0;
  doc.transact(() => {
    for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
      try {
        Y.applyUpdate(doc, update, STORAGE_ORIGIN);
      } catch {
        skipped++;
      }
    }
  }, STORAGE_ORIGIN);
  return { doc, skipped };
}
