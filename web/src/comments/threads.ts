/**
 * Comments as people see them: grouped into threads, counted per target, and new since this person last looked. Pure
 * functions of the projection's comment map (memoised per map, which the projection replaces on every change).
 */
import { LOOP_TARGET_PREFIX, threadRootOf } from '@samenzicht/shared/model/comment';
import type { Comment, Link } from '@samenzicht/shared/model/types';

/** The factors and links of the analysis now (the projection's maps). */
export interface TargetIds {
  readonly factors: ReadonlyMap<string, unknown>;
  readonly links: ReadonlyMap<string, Link>;
}

export interface Thread {
  readonly root: Comment;
  /** Replies (to the first comment or to a reply), oldest first. */
  readonly replies: readonly Comment[];
}

const byTime = (a: Comment, b: Comment) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const threadCache = new WeakMap<ReadonlyMap<string, Comment>, Map<string, Thread[]>>();

/** Every thread, by the `on` of its first comment; threads oldest first. */
export function threadsByTarget(comments: ReadonlyMap<string, Comment>): ReadonlyMap<string, readonly Thread[]> {
  const cached = threadCache.get(comments);
  if (cached) return cached;
  const replies = new Map<string, Comment[]>();
  const roots: Comment[] = [];
  for (const comment of comments.values()) {
    if (comment.replyTo === null) {
      roots.push(comment);
      continue;
    }
    const root = threadRootOf(comment.id, comments);
    if (root === null) continue;
    const list = replies.get(root) ?? [];
    list.push(comment);
    replies.set(root, list);
  }
  const out = new Map<string, Thread[]>();
  for (const root of roots.sort(byTime)) {
    const list = out.get(root.on) ?? [];
    list.push({ root, replies: (replies.get(root.id) ?? []).sort(byTime) });
    out.set(root.on, list);
  }
  threadCache.set(comments, out);
  return out;
}

const NONE: readonly Thread[] = [];

/** The threads on one target (a factor id, a link id, or a loop's `loopTarget`); the same empty list when none. */
export function threadsOn(comments: ReadonlyMap<string, Comment>, on: string): readonly Thread[] {
  return threadsByTarget(comments).get(on) ?? NONE;
}

/** How many threads on `on` are open (not resolved). */
export function openThreadCount(comments: ReadonlyMap<string, Comment>, on: string): number {
  return threadsOn(comments, on).filter((t) => !t.root.resolved).length;
}

/** Whether `comment` is new for this person: written after `lastSeen`, and not on this device. */
export function isUnread(comment: Comment, lastSeen: string, deviceKey: string): boolean {
  return comment.at > lastSeen && comment.by !== deviceKey;
}

/** How many comments of `threads` are new for this person. */
export function unreadIn(threads: readonly Thread[], lastSeen: string, deviceKey: string): number {
  let count = 0;
  for (const t of threads) {
    if (isUnread(t.root, lastSeen, deviceKey)) count++;
    for (const r of t.replies) if (isUnread(r, lastSeen, deviceKey)) count++;
  }
  return count;
}

/** Whether a thread on `on` can be shown: its factor, its link (with both ends) or every link of its loop exists. */
export function targetExists(on: string, doc: TargetIds): boolean {
  const linkShown = (id: string) => {
    const link = doc.links.get(id);
    return link !== undefined && doc.factors.has(link.from) && doc.factors.has(link.to);
  };
  if (on.startsWith(LOOP_TARGET_PREFIX)) return on.slice(LOOP_TARGET_PREFIX.length).split(',').every(linkShown);
  return doc.factors.has(on) || linkShown(on);
}

/**
 * How many comments are new for this person in the threads that can be shown (a reply whose thread is gone, or a
 * thread on a deleted factor, cannot be looked at, so it never counts).
 */
export function unreadCount(comments: ReadonlyMap<string, Comment>, lastSeen: string, deviceKey: string, doc: TargetIds): number {
  let count = 0;
  for (const [on, threads] of threadsByTarget(comments)) if (targetExists(on, doc)) count += unreadIn(threads, lastSeen, deviceKey);
  return count;
}

/** The time of the newest comment that can be shown, or '' when there are none. */
export function newestAt(comments: ReadonlyMap<string, Comment>, doc: TargetIds): string {
  let newest = '';
  for (const [on, threads] of threadsByTarget(comments)) {
    if (!targetExists(on, doc)) continue;
    for (const t of threads) for (const c of [t.root, ...t.replies]) if (c.at > newest) newest = c.at;
  }
  return newest;
}
