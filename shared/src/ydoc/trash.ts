/**
 * The Prullenbak: recently deleted factors and links, kept in the live document (top-level map `trash`) so anyone
 * who may edit can bring one back, also days later and on another device, and so deleting the analysis deletes them
 * too. `removeFactors` and `removeLinks` (commands.ts) write an entry; `restoreFromTrash` (restoreFactor.ts) takes
 * one back out. The map is not part of the analysis file (readAnalysis ignores it), so versions and exports hold no
 * deleted content.
 *
 * Entry id → one Y.Map:
 * - `type`: `'factor'` or `'link'`; `deletedAt`: ms since the epoch; `by`: display name of who deleted it ('' unknown)
 * - a factor: `factor` (its entity map), `links` (link id → entity map: the links it had when it went), `actors`
 *   (person id → true: the people it was tied to), `extras` (hook key → JSON value, see `TrashHook`)
 * - a link: `link` (its entity map)
 *
 * The document may hold anything a client sent: every entry is read through the record readers and skipped when it
 * is not one. The trash is bounded: at most TRASH_LIMITS.entries entries, none older than TRASH_LIMITS.days.
 */
import * as Y from 'yjs';
import { readActorFactorIds } from '../model/actor.ts';
import { isEntity, isValidId, toEntity } from '../model/entity.ts';
import { factorEntity, readFactor } from '../model/factor.ts';
import { linkEntity, readLink } from '../model/link.ts';
import { readableText } from '../model/text.ts';
import type { Factor, Link } from '../model/types.ts';
import { getMaps } from './shape.ts';

export const TRASH_LIMITS = {
  /** The newest this many entries are kept. */
  entries: 100,
  /** Entries older than this are dropped at the next delete. */
  days: 30,
  /** A display name is cut to this length. */
  nameLength: 40,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who deleted and when; both optional (a script deletes without a name, and the clock is `Date.now()`). */
export interface TrashMeta {
  readonly by?: string;
  readonly at?: number;
  /** false: not into the Prullenbak (taking back a link just made is not a delete anyone wants back). */
  readonly keep?: boolean;
}

export type TrashEntry =
  | {
      readonly type: 'factor';
      readonly id: string;
      readonly deletedAt: number;
      readonly by: string;
      readonly factor: Factor;
      readonly links: readonly Link[];
      readonly actorIds: readonly string[];
      /** Data kept by the registered hooks (e.g. stances), by hook key. */
      readonly extras: Readonly<Record<string, unknown>>;
    }
  | {
      readonly type: 'link';
      readonly id: string;
      readonly deletedAt: number;
      readonly by: string;
      readonly link: Link;
    };

/**
 * What other parts of the document a factor takes with it when it goes, and brings back when it returns (such as
 * the stances people took on it). `capture` runs inside the delete before the factor is removed and returns a JSON
 * value (undefined: nothing to keep); `restore` runs inside the restore transaction after the factor and its links
 * are back.
 */
export interface TrashHook {
  readonly key: string;
  capture(doc: Y.Doc, factorId: string): unknown;
  restore(doc: Y.Doc, origin: unknown, factorId: string, data: unknown): void;
}

const hooks = new Map<string, TrashHook>();

/** Registers a hook (a second one with the same key replaces the first). */
export function registerTrashHook(hook: TrashHook): void {
  hooks.set(hook.key, hook);
}

/** The registered hooks, in registration order. */
export function trashHooks(): readonly TrashHook[] {
  return [...hooks.values()];
}

function cleanMeta(meta: TrashMeta): { by: string; at: number } {
  const at = typeof meta.at === 'number' && Number.isFinite(meta.at) ? meta.at : Date.now();
  return { by: readableText(meta.by ?? '', TRASH_LIMITS.nameLength), at };
}

/**
 * Puts the factors `ids` in the trash with the links that touch them, the people tied to them and what the hooks
 * keep. Call inside the delete's transaction, before anything is removed. Unknown ids are skipped.
 */
export function trashFactors(doc: Y.Doc, ids: readonly string[], meta: TrashMeta): void {
  if (meta.keep === false) return;
  const { factors, links, actors, trash } = getMaps(doc);
  const { by, at } = cleanMeta(meta);
  for (const id of ids) {
    const y = factors.get(id);
    if (!isEntity(y)) continue;
    const factor = readFactor(id, y);
    const kept = new Y.Map<unknown>();
    links.forEach((link, linkId) => {
      if (!isEntity(link)) return;
      if (link.get('from') === id || link.get('to') === id) kept.set(linkId, linkEntity(readLink(linkId, link)));
    });
    const tied = new Y.Map<unknown>();
    actors.forEach((actor, actorId) => {
      if (!isEntity(actor)) return;
      if (readActorFactorIds(actor.get('factors')).includes(id)) tied.set(actorId, true);
    });
    const extras = new Y.Map<unknown>();
    for (const hook of hooks.values()) {
      const data = hook.capture(doc, id);
      if (data !== undefined) extras.set(hook.key, data);
    }
    trash.set(id, toEntity({ type: 'factor', deletedAt: at, by, factor: factorEntity(factor), links: kept, actors: tied, extras }));
  }
  pruneTrash(doc, at);
}

/** Puts the links `ids` in the trash. Call inside the delete's transaction, before they are removed. */
export function trashLinks(doc: Y.Doc, ids: readonly string[], meta: TrashMeta): void {
  if (meta.keep === false) return;
  const { links, trash } = getMaps(doc);
  const { by, at } = cleanMeta(meta);
  for (const id of ids) {
    const y = links.get(id);
    if (!isEntity(y)) continue;
    trash.set(id, toEntity({ type: 'link', deletedAt: at, by, link: linkEntity(readLink(id, y)) }));
  }
  pruneTrash(doc, at);
}

/** Drops entries older than TRASH_LIMITS.days before `now`, and all but the newest TRASH_LIMITS.entries. */
export function pruneTrash(doc: Y.Doc, now: number): void {
  const { trash } = getMaps(doc);
  const oldest = now - TRASH_LIMITS.days * DAY_MS;
  const dated: Array<{ id: string; at: number }> = [];
  trash.forEach((y, id) => {
    const at = isEntity(y) ? y.get('deletedAt') : undefined;
    if (typeof at !== 'number' || !Number.isFinite(at) || at < oldest) trash.delete(id);
    else dated.push({ id, at });
  });
  if (dated.length <= TRASH_LIMITS.entries) return;
  dated.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
  for (const { id } of dated.slice(TRASH_LIMITS.entries)) trash.delete(id);
}

function readEntities<T>(value: unknown, read: (id: string, y: Y.Map<unknown>) => T): T[] {
  const out: T[] = [];
  if (!isEntity(value)) return out;
  value.forEach((y, id) => {
    if (isEntity(y) && isValidId(id)) out.push(read(id, y));
  });
  return out.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Reads one trash entry, or null when the value is not one. */
export function readTrashEntry(id: string, y: unknown): TrashEntry | null {
  if (!isEntity(y) || !isValidId(id)) return null;
  const deletedAt = y.get('deletedAt');
  if (typeof deletedAt !== 'number' || !Number.isFinite(deletedAt)) return null;
  const by = readableText(y.get('by'), TRASH_LIMITS.nameLength);
  const type = y.get('type');
  if (type === 'factor') {
    const factor = y.get('factor');
    if (!isEntity(factor)) return null;
    const links = readEntities(y.get('links'), readLink).filter((l) => l.from === id || l.to === id);
    const actors = y.get('actors');
    const actorIds: string[] = [];
    if (isEntity(actors)) actors.forEach((v, actorId) => v === true && isValidId(actorId) && actorIds.push(actorId));
    const extras: Record<string, unknown> = {};
    const rawExtras = y.get('extras');
    if (isEntity(rawExtras)) rawExtras.forEach((v, key) => (extras[key] = v));
    return { type, id, deletedAt, by, factor: readFactor(id, factor), links, actorIds: actorIds.sort(), extras };
  }
  if (type === 'link') {
    const link = y.get('link');
    if (!isEntity(link)) return null;
    const read = readLink(id, link);
    if (read.from === '' || read.to === '') return null;
    return { type, id, deletedAt, by, link: read };
  }
  return null;
}

/** Every readable entry, newest first. */
export function readTrash(doc: Y.Doc): TrashEntry[] {
  const out: TrashEntry[] = [];
  getMaps(doc).trash.forEach((y, id) => {
    const entry = readTrashEntry(id, y);
    if (entry) out.push(entry);
  });
  return out.sort((a, b) => b.deletedAt - a.deletedAt || (a.id < b.id ? -1 : 1));
}
