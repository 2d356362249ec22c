/**
 * Reads a Y.Doc into the plain model. The doc may hold anything a client sent, so every field is checked and
 * falls back to a safe default; links whose ends no longer exist (a concurrent delete) are left out.
 */
import * as Y from 'yjs';
import {
  EVIDENCE_KINDS,
  FACTOR_KINDS,
  LIFE_DOMAINS,
  POLARITIES,
  ROLES,
  isOneOf,
  type Actor,
  type Analysis,
  type Factor,
  type Link,
  type LoopName,
  type Position,
} from '../model/types.ts';
import { clampPosition } from '../model/position.ts';
import { cleanText } from '../model/text.ts';
import { getMaps } from './shape.ts';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Text a person typed, without characters that change how other text is shown (model/text.ts). */
function text(value: unknown): string {
  return typeof value === 'string' ? cleanText(value) : '';
}

function readPosition(value: unknown): Position {
  if (typeof value === 'object' && value !== null) {
    const { x, y } = value as { x?: unknown; y?: unknown };
    // Out of range (a client that wrote 5e18): brought back into range, so the analysis still loads and exports.
    if (typeof x === 'number' && Number.isFinite(x) && typeof y === 'number' && Number.isFinite(y)) return clampPosition({ x, y });
  }
  return { x: 0, y: 0 };
}

/** Reads one factor entity map. */
export function readFactor(id: string, y: Y.Map<unknown>): Factor {
  const kind = y.get('kind');
  const domain = y.get('domain');
  const evidence = y.get('evidence');
  return {
    id,
    label: text(y.get('label')),
    kind: isOneOf(FACTOR_KINDS, kind) ? kind : 'problem',
    domain: isOneOf(LIFE_DOMAINS, domain) ? domain : null,
    evidence: isOneOf(EVIDENCE_KINDS, evidence) ? evidence : 'observation',
    note: text(y.get('note')),
    position: readPosition(y.get('position')),
  };
}

/** Reads one link entity map (without checking that its ends exist). */
export function readLink(id: string, y: Y.Map<unknown>): Link {
  const polarity = y.get('polarity');
  return {
    id,
    from: str(y.get('from')),
    to: str(y.get('to')),
    polarity: isOneOf(POLARITIES, polarity) ? polarity : '+',
    note: text(y.get('note')),
  };
}

/** Reads one actor entity map. */
export function readActor(id: string, y: Y.Map<unknown>): Actor {
  const role = y.get('role');
  const factors = y.get('factors');
  return {
    id,
    name: text(y.get('name')),
    role: isOneOf(ROLES, role) ? role : 'network',
    factors: Array.isArray(factors) ? factors.filter((f): f is string => typeof f === 'string') : [],
  };
}

/** Reads one stored loop name. */
export function readLoopName(value: unknown): LoopName | null {
  if (typeof value !== 'object' || value === null) return null;
  const { links, name } = value as { links?: unknown; name?: unknown };
  if (!Array.isArray(links) || typeof name !== 'string') return null;
  return { links: links.filter((l): l is string => typeof l === 'string'), name: cleanText(name) };
}

/** Returns true when a Y.Map value is a Y.Map entity (and not a stray value a client wrote). */
export function isEntity(value: unknown): value is Y.Map<unknown> {
  // Not duck-typed on `get`: a client-written Y.Array or Y.XmlFragment has `get` too, but no `set`.
  return value instanceof Y.Map;
}

/** Reads the title of the analysis. */
export function readTitle(doc: Y.Doc): string {
  return text(getMaps(doc).meta.get('title'));
}

/** Reads the whole document into a plain `Analysis`, sorted by id for a stable order. */
export function readAnalysis(doc: Y.Doc): Analysis {
  const maps = getMaps(doc);
  const factors: Factor[] = [];
  maps.factors.forEach((y, id) => {
    if (isEntity(y)) factors.push(readFactor(id, y));
  });
  const factorIds = new Set(factors.map((f) => f.id));
  const links: Link[] = [];
  maps.links.forEach((y, id) => {
    if (!isEntity(y)) return;
    const link = readLink(id, y);
    if (factorIds.has(link.from) && factorIds.has(link.to)) links.push(link);
  });
  const linkIds = new Set(links.map((l) => l.id));
  const actors: Actor[] = [];
  maps.actors.forEach((y, id) => {
    if (!isEntity(y)) return;
    const actor = readActor(id, y);
    actors.push({ ...actor, factors: actor.factors.filter((f) => factorIds.has(f)) });
  });
  const loops: Array<LoopName & { id: string }> = [];
  maps.loopNames.forEach((value, key) => {
    const loop = readLoopName(value);
    if (loop && loop.links.length > 0 && loop.links.every((l) => linkIds.has(l))) loops.push({ ...loop, id: key });
  });
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    title: readTitle(doc),
    factors: factors.sort(byId),
    links: links.sort(byId),
    actors: actors.sort(byId),
    // Sorted by loop key too: Y.Map iteration order depends on the order in which a replica received updates.
    loops: loops.sort(byId).map(({ links, name }) => ({ links, name })),
  };
}
