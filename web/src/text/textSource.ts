import * as Y from 'yjs';
import { isEntity } from '@samenzicht/shared/model/entity';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { diffText, transformOffset } from '@samenzicht/shared/model/liveText';

/** The Y.Text of a text field of a factor or link, or null (a string of an older document, or gone). */
export function textOf(doc: Y.Doc, collection: 'factors' | 'links', id: string, key: 'label' | 'note'): Y.Text | null {
  const entity = getMaps(doc)[collection].get(id);
  const value = isEntity(entity) ? entity.get(key) : null;
  return value instanceof Y.Text ? value : null;
}

/** A Yjs text delta (what a Y.Text event reports). */
export type TextDelta = ReadonlyArray<{ insert?: unknown; retain?: number; delete?: number }>;

/** `text` with `delta` applied, or null when the delta does not fit it (it was made against another text). */
export function applyDelta(text: string, delta: TextDelta): string | null {
  let out = '';
  let at = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (at + op.retain > text.length) return null;
      out += text.slice(at, at + op.retain);
      at += op.retain;
    } else if (op.delete !== undefined) {
      if (at + op.delete > text.length) return null;
      at += op.delete;
    } else if (typeof op.insert === 'string') out += op.insert;
    else return null;
  }
  return out + text.slice(at);
}

/**
 * Moves a caret at `offset` through `delta`, exactly where the change happened (no guessing from the two texts, which
 * is ambiguous when the same letters repeat, like two people each starting with a space). Text put in right at the
 * caret comes after it: the caret stays at the end of what this person typed, so their next letter follows their own.
 */
export function transformThroughDelta(offset: number, delta: TextDelta): number {
  let at = 0;
  let result = offset;
  for (const op of delta) {
    if (op.retain !== undefined) at += op.retain;
    else if (op.delete !== undefined) {
      if (result > at) result = Math.max(at, result - op.delete);
    } else if (typeof op.insert === 'string') {
      if (result > at) result += op.insert.length;
      at += op.insert.length;
    }
  }
  return result;
}

/**
 * The text after an input method composed something while others typed: `composed` is what the field shows (the text
 * at `base` plus the composed letters), `now` what the document holds (`base` plus the others' changes, given as
 * the deltas seen since, or null when unknown). The composed change is put into `now` at its place moved through
 * those changes; returns the text and where the caret goes (null: nothing was composed).
 */
export function mergeComposition(
  base: string,
  composed: string,
  now: string,
  remote: readonly TextDelta[] | null,
): { text: string; caret: number | null } {
  const local = diffText(base, composed);
  if (!local) return { text: now, caret: null };
  let start = local.index;
  let end = local.index + local.remove;
  if (remote) {
    for (const delta of remote) {
      start = transformThroughDelta(start, delta);
      end = transformThroughDelta(end, delta);
    }
  } else {
    const change = diffText(base, now);
    if (change) {
      start = transformOffset(start, change);
      end = transformOffset(end, change);
    }
  }
  end = Math.max(start, end);
  return { text: now.slice(0, start) + local.insert + now.slice(end), caret: start + local.insert.length };
}
