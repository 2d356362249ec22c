/**
 * The comment record (a remark on a factor, a link or a loop, in threads): its limits, what it may be on, and how it
 * is read from and written to the live document. The text is a Y.Text (liveText.ts), so two people typing in the
 * same comment both keep what they typed.
 *
 * A thread is a comment with `replyTo: null` and the comments that reply to it (or to one of its replies). Whether
 * a thread is resolved is its first comment's `resolved`.
 */
import type * as Y from 'yjs';
import { toEntity } from './entity.ts';
import { newId } from './ids.ts';
import { liveText, readLiveText } from './liveText.ts';
import { readableText } from './text.ts';
import type { Comment } from './types.ts';
import { loopKey } from '../graph/loopKey.ts';

export const COMMENT_LIMITS = {
  textLength: 5_000,
  /** The display name of the person who wrote it (a presence name has at most 40; a file may hold more). */
  authorLength: 100,
  /** The longest `on` (a loop through up to 1,000 links of the longest ids). */
  onLength: 65_000,
  /** The replies kept under one comment, following `replyTo` (deeper chains are cut by the reader). */
  depth: 50,
} as const;

/** The prefix of a comment's `on` when it is about a loop: `loop:<link ids joined by ,>`. */
export const LOOP_TARGET_PREFIX = 'loop:';

/** The `on` of a comment about the loop through `links`, in its canonical rotation (the same for every start). */
export function loopTarget(links: readonly string[]): string {
  return LOOP_TARGET_PREFIX + loopKey(links).split(' ').join(',');
}

/** What a comment's `on` names. */
export type CommentTarget =
  | { readonly kind: 'factor'; readonly id: string }
  | { readonly kind: 'link'; readonly id: string }
  | { readonly kind: 'loop'; readonly links: readonly string[] };

/**
 * What `on` names, given the ids that exist; null when it names nothing there (a factor or link that is gone, a loop
 * through a link that is gone, or an empty loop). A factor id wins over a link id of the same text.
 */
export function resolveTarget(on: string, factorIds: ReadonlySet<string>, linkIds: ReadonlySet<string>): CommentTarget | null {
  if (on.startsWith(LOOP_TARGET_PREFIX)) {
    const links = on.slice(LOOP_TARGET_PREFIX.length).split(',');
    if (links.length === 0 || links.some((l) => !linkIds.has(l))) return null;
    return { kind: 'loop', links };
  }
  if (factorIds.has(on)) return { kind: 'factor', id: on };
  if (linkIds.has(on)) return { kind: 'link', id: on };
  return null;
}

/** `on` with its ids renamed by `rename` (import "toevoegen", paste): a factor, a link, or each link of a loop. */
export function remapTarget(on: string, rename: (id: string) => string): string {
  if (!on.startsWith(LOOP_TARGET_PREFIX)) return rename(on);
  return loopTarget(on.slice(LOOP_TARGET_PREFIX.length).split(',').map(rename));
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

/** Whether `value` is a moment in ISO-8601 UTC (`2026-12-02T10:15:00Z`, seconds and fractions optional). */
export function isIsoUtc(value: unknown): value is string {
  return typeof value === 'string' && ISO_UTC.test(value) && Number.isFinite(Date.parse(value));
}

/** The moment `date` in ISO-8601 UTC, as comments store it. */
export function isoUtc(date: Date): string {
  return date.toISOString();
}

/** The moment a comment whose stored time is unreadable is shown at (the start of the Unix epoch). */
const UNKNOWN_AT = '1970-01-01T00:00:00Z';

/**
 * Reads one comment entity map. Every field is checked and falls back to a safe value; whether its target, its actor
 * and the comment it replies to exist is checked by the whole-document reader (`keepComments`).
 */
export function readComment(id: string, y: Y.Map<unknown>): Comment {
  const on = y.get('on');
  const actor = y.get('actor');
  const at = y.get('at');
  const replyTo = y.get('replyTo');
  const by = y.get('by');
  return {
    id,
    on: typeof on === 'string' && on.length <= COMMENT_LIMITS.onLength ? on : '',
    author: readableText(y.get('author'), COMMENT_LIMITS.authorLength),
    ...(typeof actor === 'string' && actor !== '' ? { actor } : {}),
    at: isIsoUtc(at) ? at : UNKNOWN_AT,
    text: readLiveText(y.get('text'), COMMENT_LIMITS.textLength),
    replyTo: typeof replyTo === 'string' && replyTo !== id ? replyTo : null,
    resolved: y.get('resolved') === true,
    ...(typeof by === 'string' && by !== '' ? { by: by.slice(0, 64) } : {}),
  };
}

/** The entity map of a comment, its text a Y.Text cut to the limit. */
export function commentEntity(comment: Comment): Y.Map<unknown> {
  return toEntity({
    on: comment.on,
    author: readableText(comment.author, COMMENT_LIMITS.authorLength),
    ...(comment.actor ? { actor: comment.actor } : {}),
    at: comment.at,
    text: liveText(readableText(comment.text, COMMENT_LIMITS.textLength)),
    replyTo: comment.replyTo,
    resolved: comment.resolved,
    ...(comment.by ? { by: comment.by } : {}),
  });
}

/**
 * The comments a file may hold, of `comments` (sorted by id): only those whose target exists, that reply to a kept
 * comment (no circles, at most COMMENT_LIMITS.depth deep), at most `max`; an actor that is gone is left out (the
 * comment stays). The live document keeps the others, so bringing a factor back brings its comments back.
 */
export function keepComments(
  comments: readonly Comment[],
  ids: { factors: ReadonlySet<string>; links: ReadonlySet<string>; actors: ReadonlySet<string> },
  max: number,
): Comment[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const depth = new Map<string, number | null>();
  // The depth of a comment in its thread (0 for the first), or null when its chain does not reach a kept first one.
  const depthOf = (start: Comment): number | null => {
    const chain: Comment[] = [];
    const inChain = new Set<string>();
    let current: Comment | undefined = start;
    // The depth of the comment the last one of `chain` replies to.
    let base: number | null;
    for (;;) {
      if (!current || inChain.has(current.id) || chain.length > COMMENT_LIMITS.depth) {
        base = null;
        break;
      }
      const known = depth.get(current.id);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (current.replyTo === null) {
        base = resolveTarget(current.on, ids.factors, ids.links) ? 0 : null;
        depth.set(current.id, base);
        break;
      }
      chain.push(current);
      inChain.add(current.id);
      current = byId.get(current.replyTo);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      base = base === null || base + 1 > COMMENT_LIMITS.depth ? null : base + 1;
      depth.set(chain[i]!.id, base);
    }
    return depth.get(start.id) ?? null;
  };
  let out: Comment[] = [];
  for (const comment of comments) {
    if (out.length >= max) break;
    if (depthOf(comment) === null) continue;
    const { by: _by, actor, ...rest } = comment;
    out.push(actor !== undefined && ids.actors.has(actor) ? { ...rest, actor } : rest);
  }
  // A reply whose parent fell beyond `max` would not open: keep only complete chains.
  for (let size = -1; size !== out.length;) {
    size = out.length;
    const keptIds = new Set(out.map((c) => c.id));
    out = out.filter((c) => c.replyTo === null || keptIds.has(c.replyTo));
  }
  return out;
}

/** The id of the first comment of the thread `id` belongs to (itself for a first comment), or null. */
export function threadRootOf(id: string, byId: ReadonlyMap<string, Pick<Comment, 'id' | 'replyTo'>>): string | null {
  let current = byId.get(id);
  for (let steps = 0; current && steps <= COMMENT_LIMITS.depth + 1; steps++) {
    if (current.replyTo === null) return current.id;
    current = byId.get(current.replyTo);
  }
  return null;
}

/**
 * The comments with fresh ids, their targets, replies and actors renamed by `rename` (the ids `insertAnalysis` gave
 * the factors, links and actors). The device key goes: the person who wrote them is not the one adding them here.
 */
export function remapComments(comments: readonly Comment[], rename: (id: string) => string): Comment[] {
  const fresh = new Map(comments.map((c) => [c.id, newId('c')]));
  return comments.map(({ by: _by, ...c }) => ({
    ...c,
    id: fresh.get(c.id)!,
    on: remapTarget(c.on, rename),
    replyTo: c.replyTo === null ? null : (fresh.get(c.replyTo) ?? c.replyTo),
    ...(c.actor ? { actor: rename(c.actor) } : {}),
  }));
}
