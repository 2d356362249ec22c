/**
 * How a version (a frozen analysis file, CONTRACT.md §1) is stored: either whole, or as the difference from a whole
 * one (its base), each compressed with Brotli. Fifty versions of one analysis mostly repeat each other, so storing
 * all but a few as differences keeps them small (BENCHMARKS.md "Versions"), and opening one costs one base plus one
 * difference, never a chain.
 *
 * The difference is structural: a top-level array whose entries all carry a unique string `id` (factors, links,
 * actors, comments) is compared entry by entry; every other top-level value is kept whole when it differs. Decoding
 * gives back exactly the same JSON text (key order and array order included): `encodeDelta` checks that itself and
 * answers null when it would not, and the caller then stores the version whole.
 */
import * as zlib from 'node:zlib';

type Json = unknown;
type FileObject = Record<string, Json>;

/** Brotli quality: 5 compresses a 43 kB file to ~6 kB in ~2 ms; 11 gains 1 kB for 80 times the time. */
const QUALITY = 5;

interface CollectionDelta {
  /** Entries that are new or differ, whole. */
  readonly put: Json[];
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
  return zlib.brotliCompressSync(Buffer.from(text, 'utf8'), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: QUALITY } });
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

function diffCollection(base: Json[], target: Json[], baseIds: string[], targetIds: string[]): CollectionDelta {
  const baseText = new Map<string, string>();
  base.forEach((entry, i) => baseText.set(baseIds[i]!, JSON.stringify(entry)));
  const targetSet = new Set(targetIds);
  const put: Json[] = [];
  const added: string[] = [];
  target.forEach((entry, i) => {
    const id = targetIds[i]!;
    const before = baseText.get(id);
    if (before === undefined) added.push(id);
    if (before !== JSON.stringify(entry)) put.push(entry);
  });
  const del = baseIds.filter((id) => !targetSet.has(id));
  const natural = [...baseIds.filter((id) => targetSet.has(id)), ...added];
  const sameOrder = natural.length === targetIds.length && natural.every((id, i) => id === targetIds[i]);
  return sameOrder ? { put, del } : { put, del, order: targetIds };
}

function applyCollection(base: Json, delta: CollectionDelta): Json[] {
  const entries = new Map<string, Json>();
  if (Array.isArray(base)) for (const entry of base) if (isRecord(entry) && typeof entry.id === 'string') entries.set(entry.id, entry);
  for (const id of delta.del) entries.delete(id);
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
      if (delta.put.length > 0 || delta.del.length > 0 || delta.order !== undefined) collections[key] = delta;
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

/** The JSON text of a version stored as a difference from the version whose text is `baseText`. */
export function decodeDelta(baseText: string, bytes: Uint8Array): string {
  const base = JSON.parse(baseText) as FileObject;
  const delta = JSON.parse(decompress(bytes)) as FileDelta;
  return JSON.stringify(applyDelta(base, delta));
}
