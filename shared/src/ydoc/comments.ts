/**
 * Write commands for comments (model/comment.ts). Each runs in one `doc.transact(fn, origin)`, so each is one update
 * and one undo step. A comment's text is a Y.Text written as the smallest change, so two people editing one comment
 * at the same moment both keep what they typed.
 */
import type * as Y from 'yjs';
import { newId } from '../model/ids.ts';
import { ANALYSIS_LIMITS } from '../model/analysisLimits.ts';
import { COMMENT_LIMITS, commentEntity, isoUtc, resolveTarget, threadRootOf } from '../model/comment.ts';
import { isEntity } from '../model/entity.ts';
import { writeLiveText } from '../model/liveText.ts';
import { readableText } from '../model/text.ts';
import type { Comment } from '../model/types.ts';
import { getMaps } from './shape.ts';
import { stampSchema } from './stamp.ts';

export interface NewComment {
  /** A factor id, a link id, or a loop (model/comment.ts `loopTarget`); a reply takes its thread's. */
  readonly on?: string;
  readonly author: string;
  readonly actor?: string | null;
  readonly text: string;
  readonly replyTo?: string | null;
  /** This device's key, so its person can edit or delete their own comment later. */
  readonly by?: string;
  /** Defaults to now. */
  readonly at?: Date;
}

function ids(map: Y.Map<unknown>): Set<string> {
  const out = new Set<string>();
  map.forEach((y, id) => {
    if (isEntity(y)) out.add(id);
  });
  return out;
}

/** The comments' `{ id, replyTo }` as the document holds them now. */
function replyIndex(doc: Y.Doc): Map<string, { id: string; replyTo: string | null; on: string }> {
  const out = new Map<string, { id: string; replyTo: string | null; on: string }>();
  getMaps(doc).comments.forEach((y, id) => {
    if (!isEntity(y)) return;
    const replyTo = y.get('replyTo');
    const on = y.get('on');
    out.set(id, { id, replyTo: typeof replyTo === 'string' ? replyTo : null, on: typeof on === 'string' ? on : '' });
  });
  return out;
}

/**
 * Adds a comment, or a reply (`replyTo`: it is then on its thread's target), and returns its id; null when there is
 * nothing to say (empty text), its target or the comment it replies to is gone, or the analysis holds
 * ANALYSIS_LIMITS.comments.add comments already.
 */
export function addComment(doc: Y.Doc, origin: unknown, init: NewComment, id: string = newId('c')): string | null {
  const maps = getMaps(doc);
  const text = readableText(init.text, COMMENT_LIMITS.textLength).trim();
  if (text === '' || maps.comments.size >= ANALYSIS_LIMITS.comments.add) return null;
  let on = init.on ?? '';
  const replyTo = init.replyTo ?? null;
  if (replyTo !== null) {
    const index = replyIndex(doc);
    const root = threadRootOf(replyTo, index);
    if (root === null) return null;
    on = index.get(root)!.on;
  }
  if (!resolveTarget(on, ids(maps.factors), ids(maps.links))) return null;
  const actor = init.actor && isEntity(maps.actors.get(init.actor)) ? init.actor : undefined;
  const comment: Comment = {
    id,
    on,
    author: readableText(init.author, COMMENT_LIMITS.authorLength).trim(),
    ...(actor ? { actor } : {}),
    at: isoUtc(init.at ?? new Date()),
    text,
    replyTo,
    resolved: false,
    ...(init.by ? { by: init.by } : {}),
  };
  doc.transact(() => {
    stampSchema(doc);
    maps.comments.set(id, commentEntity(comment));
  }, origin);
  return id;
}

/** Changes the text of a comment as the smallest change (what someone else types in it meanwhile stays). */
export function editCommentText(doc: Y.Doc, origin: unknown, id: string, text: string): void {
  const y = getMaps(doc).comments.get(id);
  if (!isEntity(y)) return;
  doc.transact(() => {
    if (writeLiveText(y, 'text', text, COMMENT_LIMITS.textLength)) stampSchema(doc);
  }, origin);
}

/** Marks the thread of comment `id` as resolved, or opens it again. */
export function setCommentResolved(doc: Y.Doc, origin: unknown, id: string, resolved: boolean): void {
  const { comments } = getMaps(doc);
  const root = threadRootOf(id, replyIndex(doc));
  const y = root === null ? undefined : comments.get(root);
  if (!isEntity(y) || y.get('resolved') === resolved) return;
  doc.transact(() => y.set('resolved', resolved), origin);
}

/** Removes comments together with every reply to them (a reply without its comment would not open). */
export function removeComments(doc: Y.Doc, origin: unknown, commentIds: readonly string[]): void {
  const { comments } = getMaps(doc);
  const index = replyIndex(doc);
  const gone = new Set(commentIds.filter((id) => index.has(id)));
  if (gone.size === 0) return;
  for (let grew = true; grew;) {
    grew = false;
    for (const c of index.values()) {
      if (c.replyTo !== null && gone.has(c.replyTo) && !gone.has(c.id)) {
        gone.add(c.id);
        grew = true;
      }
    }
  }
  doc.transact(() => {
    for (const id of gone) comments.delete(id);
  }, origin);
}
