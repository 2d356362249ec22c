/**
 * Who has which factors selected and who is typing in which field, as presence (awareness): small states, parsed
 * defensively, since they come from other clients. Together with the drags (presence.ts, at most 2 KB) and the rest
 * they stay far below the server's MAX_PRESENCE_BYTES (4096): the selection takes at most
 * MAX_PUBLISHED_SELECTION_BYTES, the editing state one id and a field name.
 */
import { ID_MAX_LENGTH } from '@samenzicht/shared/model/entity';

/** Selected factors shown to others. */
export const MAX_PUBLISHED_SELECTION = 30;
/** Bytes of JSON the published selection may take, whatever the ids look like. */
export const MAX_PUBLISHED_SELECTION_BYTES = 1_024;

/** The text fields people type in together. */
export const EDITABLE_FIELDS = ['label', 'note'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface Editing {
  readonly id: string;
  readonly field: EditableField;
}

const encoder = new TextEncoder();

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= ID_MAX_LENGTH;

/** The selection to publish: the first MAX_PUBLISHED_SELECTION ids, within MAX_PUBLISHED_SELECTION_BYTES. */
export function toPresenceSelection(ids: Iterable<string>): string[] {
  const out: string[] = [];
  let bytes = 2; // []
  for (const id of ids) {
    if (out.length >= MAX_PUBLISHED_SELECTION) break;
    if (!isId(id)) continue;
    const entryBytes = encoder.encode(JSON.stringify(id)).length + 1;
    if (bytes + entryBytes > MAX_PUBLISHED_SELECTION_BYTES) continue;
    out.push(id);
    bytes += entryBytes;
  }
  return out;
}

/** Another person's selection, as far as it makes sense: at most MAX_PUBLISHED_SELECTION ids, no duplicates. */
export function readSelection(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out = new Set<string>();
  for (const id of value.slice(0, MAX_PUBLISHED_SELECTION)) if (isId(id)) out.add(id);
  return [...out];
}

/** Another person's editing state, or null when it is absent or malformed. */
export function readEditing(value: unknown): Editing | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, field } = value as { id?: unknown; field?: unknown };
  return isId(id) && (EDITABLE_FIELDS as readonly unknown[]).includes(field) ? { id, field: field as EditableField } : null;
}

/** Whether two editing states name the same field of the same factor. */
export function sameEditing(a: Editing | null, b: Editing | null): boolean {
  return a === b || (a !== null && b !== null && a.id === b.id && a.field === b.field);
}

/** Publishes this person's selected factors whenever the selection changes; returns the function that stops it. */
export function publishSelection(
  store: {
    getState(): { selectedNodes: ReadonlySet<string> };
    subscribe(listener: (state: { selectedNodes: ReadonlySet<string> }) => void): () => void;
  },
  awareness: { setLocalStateField(field: string, value: unknown): void },
): () => void {
  let last = store.getState().selectedNodes;
  return store.subscribe((state) => {
    if (state.selectedNodes === last) return;
    last = state.selectedNodes;
    awareness.setLocalStateField('selection', toPresenceSelection(last));
  });
}
