/**
 * Text fields people type into together (a factor's label and note, a link's note) live in the document as Y.Text,
 * so two people typing in one field at the same moment both keep what they typed: an edit is written as the smallest
 * change (delete + insert at one place), never as a whole new string. Documents from before (schema version 2) hold
 * plain strings; the reader takes both, and the first edit of such a field turns it into a Y.Text.
 *
 * Limits: a merge of two edits that each kept the limit can go past it. The reader cuts (readableText), and an edit
 * writes exactly the text the person sees (already cut), so the field is back within the limit after any edit.
 */
import * as Y from 'yjs';
import { readableText } from './text.ts';

/** The raw text of a field: the content of a Y.Text, a plain string (older documents), or undefined. */
export function rawText(value: unknown): string | undefined {
  if (value instanceof Y.Text) return value.toString();
  return typeof value === 'string' ? value : undefined;
}

/** A text field as every reader takes it: a Y.Text or a string, cleaned and cut to `max`. */
export function readLiveText(value: unknown, max: number): string {
  return readableText(rawText(value), max);
}

/** A new Y.Text holding `text` (to put into an entity map that is about to be written). */
export function liveText(text: string): Y.Text {
  return new Y.Text(text);
}

export interface TextChange {
  /** Where the change starts (UTF-16 code units). */
  readonly index: number;
  /** How many code units of the old text are removed there. */
  readonly remove: number;
  /** What is put in their place. */
  readonly insert: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The smallest single change that turns `before` into `after`: their common start and end are kept. Never splits a
 * surrogate pair (Yjs would turn a half into U+FFFD). Returns null when the two are equal.
 *
 * `caret`, when given, is where the change ends in `after` (the caret after typing): the change is then put there
 * when more than one place fits. Typing a space just before someone else's space gives "Begin.  Moeder" from
 * "Begin. Moeder"; without the caret the new space would be taken to come after theirs, and all that follows would be
 * typed in front of one's own space, inside the other person's sentence.
 */
export function diffText(before: string, after: string, caret?: number): TextChange | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  if (caret !== undefined && caret >= 0 && caret <= after.length) {
    // From the end first, never past the caret; then from the start, up to what is left.
    let end = 0;
    const endMax = Math.min(max, after.length - caret);
    while (end < endMax && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
    if (end > 0 && isLow(before.charCodeAt(before.length - end))) end--;
    let start = 0;
    while (start < max - end && before.charCodeAt(start) === after.charCodeAt(start)) start++;
    if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
    return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
  }
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isLow(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

/**
 * Moves a caret (or one end of a selection) at `offset` through `change`, so that text someone else typed before it
 * pushes it along and text typed after it leaves it where it is.
 */
export function transformOffset(offset: number, change: TextChange): number {
  if (offset <= change.index) return offset;
  if (offset >= change.index + change.remove) return offset - change.remove + change.insert.length;
  return change.index + change.insert.length;
}

/**
 * Writes `next` into the text field `key` of `entity` as the smallest change. `next` is cleaned and cut to `max`
 * first, and the field holds exactly that afterwards (so also anything a merge put past the limit goes). A field that
 * is not a Y.Text yet (an older document, or missing) becomes one. Returns true when it made a Y.Text (the caller
 * stamps the schema version); call it inside a transaction.
 */
export function writeLiveText(entity: Y.Map<unknown>, key: string, next: string, max: number): boolean {
  const text = readableText(next, max);
  const current = entity.get(key);
  if (!(current instanceof Y.Text)) {
    // An unchanged string of an older document stays as it is: no update for nothing.
    if (typeof current === 'string' && current === text) return false;
    entity.set(key, liveText(text));
    return true;
  }
  const change = diffText(current.toString(), text);
  if (!change) return false;
  if (change.remove > 0) current.delete(change.index, change.remove);
  if (change.insert) current.insert(change.index, change.insert);
  return false;
}
