/** The schema stamp every command that writes a newer shape sets (shape.ts, DOC_SCHEMA_VERSION). */
import type * as Y from 'yjs';
import { DOC_SCHEMA_VERSION, getMaps } from './shape.ts';

/** Records the schema version this code writes, but never lowers it: a newer client's document stays newer. */
export function stampSchema(doc: Y.Doc): void {
  const { meta } = getMaps(doc);
  const current = meta.get('schemaVersion');
  if (typeof current !== 'number' || current < DOC_SCHEMA_VERSION) meta.set('schemaVersion', DOC_SCHEMA_VERSION);
}
