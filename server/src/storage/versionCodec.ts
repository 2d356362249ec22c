/**
 * How a version (a frozen analysis file, CONTRACT.md §1) is stored: either whole, or as the difference from the
 * version before it (its base), each compressed with Brotli. Fifty versions of one analysis mostly repeat each other,
 * so storing all but a few as differences keeps them small (BENCHMARKS.md "Versions"). Opening one applies the
 * differences from the version stored whole before it, a chain that sqliteStorage.ts keeps short (MAX_CHAIN).
 *
 * The difference is structural: a top-level array whose entries all carry a unique string `id` (factors, links,
 * actors, comments) is compared entry by entry; every other top-level value is kept whole when it differs. Decoding
 * gives back exactly the same JSON text (key order and array order included): `encodeDelta` checks that itself and
 * answers null when it would not, and the caller then stores the version whole.
 */
import * as zlib from 'node:zlib';

type Json = unknown;
type FileObject = Record<string, Json>;

/**
 * Brotli quality: 5 compresses a 43 kB file to ~6 kB in ~2 ms, where 11 gains 1 kB for 80 times the time. A small
 * difference (a few kB) takes the best quality: that costs well under a millisecond.
 */
const QUALITY = 5;
const SMALL_QUALITY = 11;
const SMALL_TEXT = 8 * 1024;

interface CollectionDelta {
  /** Entries that are new, or differ in a way a patch cannot say, whole. */
  readonly put: Json[];
  /** Entries that differ in some fields: the id, the fields that are new or changed, and those that are gone. */
  readonly patch?: Array<{ readonly id: string; readonly set: Record<string, Json>; readonly unset?: string[] }>;
  /** Ids of the entries that are gone. */
  readonly del: string[];
  /** The order of all ids, only when it is not the base order (without `del`) followed by the new ids of `put`. */
  readonly order?: string[];
}

/** The stored difference: the target's top-level keys in order, its changed plain values, its changed collections. */
interface FileDelta {
  readonly keys: string[];
  readonly set: Record<string, Json>;
  readonly collections: Record<string, CollectionDelta>;
}

export function compress(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const quality = bytes.length <= SMALL_TEXT ? SMALL_QUALITY : QUALITY;
  return zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

export function decompress(bytes: Uint8Array): string {
  return zlib.brotliDecompressSync(bytes).toString('utf8');
}

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The ids of an array whose entries all have a unique string `id`; null for any other value. */
function idsOf(value: Json): string[] | null {
  if (!Array.isArray(value)) return null;
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || seen.has(entry.id)) return null;
    seen.add(entry.id);
    ids.push(entry.id);
  }
  return ids;
}

/** An entry with `patch` applied: changed fields in place, new ones after, gone ones left out. */
function applyPatch(entry: Record<string, Json>, patch: { set: Record<string, Json>; unset?: string[] }): Record<string, Json> {
  const result: Record<string, Json> = {};
  const unset = new Set(patch.unset ?? []);
  for (const [key, value] of Object.entries(entry))
    if (!unset.has(key)) result[key] = Object.hasOwn(patch.set, key) ? patch.set[key] : value;
  for (const [key, value] of Object.entries(patch.set)) if (!Object.hasOwn(result, key) && !unset.has(key)) result[key] = value;
  return result;
}

/** The fields of `after` that differ from `before`, and those it no longer has; null when a patch would not give it. */
function patchOf(
  before: Record<string, Json>,
  after: Record<string, Json>,
  afterText: string,
): { set: Record<string, Json>; unset?: string[] } | null {
  const set: Record<string, Json> = {};
  for (const [key, value] of Object.entries(after))
    if (JSON.stringify(before[key]) !== JSON.stringify(value) || !Object.hasOwn(before, key)) set[key] = value;
  const unset = Object.keys(before).filter((key) => !Object.hasOwn(after, key));
  const patch = unset.length > 0 ? { set, unset } : { set };
  return JSON.stringify(applyPatch(before, patch)) === afterText ? patch : null;
}

function diffCollection(base: Json[], target: Json[], baseIds: string[], targetIds: string[]): CollectionDelta {
  const baseEntries = new Map<string, { entry: Record<string, Json>; text: string }>();
  base.forEach((entry, i) => baseEntries.set(baseIds[i]!, { entry: entry as Record<string, Json>, text: JSON.stringify(entry) }));
  const targetSet = new Set(targetIds);
  const put: Json[] = [];
  const patch: NonNullable<CollectionDelta['patch']> = [];
  const added: string[] = [];
  target.forEach((entry, i) => {
    const id = targetIds[i]!;
    const before = baseEntries.get(id);
    const text = JSON.stringify(entry);
    if (before === undefined) {
      added.push(id);
      put.push(entry);
    } else if (before.text !== text) {
      const fields = patchOf(before.entry, entry as Record<string, Json>, text);
      if (fields === null) put.push(entry);
      else patch.push({ id, ...fields });
    }
  });
  const del = baseIds.filter((id) => !targetSet.has(id));
  const natural = [...baseIds.filter((id) => targetSet.has(id)), ...added];
  const sameOrder = natural.length === targetIds.length && natural.every((id, i) => id === targetIds[i]);
  return { put, del, ...(patch.length > 0 ? { patch } : {}), ...(sameOrder ? {} : { order: targetIds }) };
}

function applyCollection(base: Json, delta: CollectionDelta): Json[] {
  const entries = new Map<string, Json>();
  if (Array.isArray(base)) for (const entry of base) if (isRecord(entry) && typeof entry.id === 'string') entries.set(entry.id, entry);
  for (const id of delta.del) entries.delete(id);
  for (const { id, ...fields } of delta.patch ?? []) {
    const entry = entries.get(id);
    if (isRecord(entry)) entries.set(id, applyPatch(entry, fields));
  }
  const added: string[] = [];
  for (const entry of delta.put) {
    const id = (entry as { id: string }).id;
    if (!entries.has(id)) added.push(id);
    entries.set(id, entry);
  }
  const order = delta.order ?? [...[...entries.keys()].filter((id) => !added.includes(id)), ...added];
  return order.map((id) => entries.get(id));
}

/** Builds `target` from `base` and a difference made by `diffFiles`. */
export function applyDelta(base: FileObject, delta: FileDelta): FileObject {
  const result: FileObject = {};
  for (const key of delta.keys) {
    const collection = delta.collections[key];
    if (collection !== undefined) result[key] = applyCollection(base[key], collection);
    else if (Object.hasOwn(delta.set, key)) result[key] = delta.set[key];
    else result[key] = base[key];
  }
  return result;
}

export function diffFiles(base: FileObject, target: FileObject): FileDelta {
  const set: Record<string, Json> = {};
  const collections: Record<string, CollectionDelta> = {};
  for (const [key, value] of Object.entries(target)) {
    const before = base[key];
    const baseIds = Object.hasOwn(base, key) ? idsOf(before) : null;
    const targetIds = idsOf(value);
    if (baseIds !== null && targetIds !== null) {
      const delta = diffCollection(before as Json[], value as Json[], baseIds, targetIds);
      if (delta.put.length > 0 || delta.del.length > 0 || delta.patch !== undefined || delta.order !== undefined) collections[key] = delta;
    } else if (!Object.hasOwn(base, key) || JSON.stringify(before) !== JSON.stringify(value)) {
      set[key] = value;
    }
  }
  return { keys: Object.keys(target), set, collections };
}

/** A version stored whole: its JSON text, compressed. */
export function encodeWhole(fileText: string): Buffer {
  return compress(fileText);
}

/**
 * A version stored as the difference from `baseText` (both JSON texts of an analysis file), compressed; null when the
 * difference would not give back exactly `targetText` (then store it whole).
 */
export function encodeDelta(baseText: string, targetText: string): Buffer | null {
  const base = JSON.parse(baseText) as unknown;
  const target = JSON.parse(targetText) as unknown;
  if (!isRecord(base) || !isRecord(target)) return null;
  const delta = diffFiles(base, target);
  if (JSON.stringify(applyDelta(base, delta)) !== targetText) return null;
  return compress(JSON.stringify(delta));
}

/** The entries of a collection by id, in their order (non-entries dropped, as `applyCollection` does). */
function toEntryMap(value: Json): Map<string, Json> {
  const entries = new Map<string, Json>();
  if (Array.isArray(value)) for (const entry of value) if (isRecord(entry) && typeof entry.id === 'string') entries.set(entry.id, entry);
  return entries;
}

/**
 * The JSON text of a version from its chain: the data of the version stored whole it goes back to, then the
 * differences after it, oldest first, the version's own last. Gives what applying `applyDelta` step by step gives,
 * but keeps each collection as one Map that every step changes in place (a Map keeps an entry's place when it is
 * set again and puts a new one last, which is the order `applyCollection` makes), so a long chain costs little more
 * than its differences.
 */
export function decodeChain(whole: Uint8Array, deltas: readonly Uint8Array[]): string {
  if (deltas.length === 0) return decompress(whole);
  const base = JSON.parse(decompress(whole)) as FileObject;
  const values = new Map<string, Json>(Object.entries(base));
  const collections = new Map<string, Map<string, Json>>();
  let keys = Object.keys(base);
  for (const bytes of deltas) {
    const delta = JSON.parse(decompress(bytes)) as FileDelta;
    for (const [key, change] of Object.entries(delta.collections)) {
      let entries = collections.get(key) ?? toEntryMap(values.get(key));
      for (const id of change.del) entries.delete(id);
      for (const { id, ...fields } of change.patch ?? []) {
        const entry = entries.get(id);
        if (isRecord(entry)) entries.set(id, applyPatch(entry, fields));
      }
      for (const entry of change.put) entries.set((entry as { id: string }).id, entry);
      if (change.order !== undefined) entries = new Map(change.order.map((id) => [id, entries.get(id)]));
      collections.set(key, entries);
    }
    for (const [key, value] of Object.entries(delta.set)) {
      values.set(key, value);
      collections.delete(key);
    }
    keys = delta.keys;
  }
  const file: FileObject = {};
  for (const key of keys) {
    const entries = collections.get(key);
    file[key] = entries === undefined ? values.get(key) : [...entries.values()];
  }
  return JSON.stringify(file);
}
