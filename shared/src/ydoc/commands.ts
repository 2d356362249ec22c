/**
 * Write commands on an analysis document. Every command runs inside `doc.transact(fn, origin)` so that one user
 * action is one update and one undo step, and so that undo can tell local changes from remote ones by origin.
 */
import * as Y from 'yjs';
import { newId } from '../model/ids.ts';
import { ACTOR_LIMITS, actorEntity, readActorFactorIds, tieActorFactors } from '../model/actor.ts';
import { commentEntity, remapComments } from '../model/comment.ts';
import { ANALYSIS_LIMITS } from '../model/analysisLimits.ts';
import { factorEntity, factorTextLimit } from '../model/factor.ts';
import { writeLiveText } from '../model/liveText.ts';
import { LINK_LIMITS, linkEntity, pairLinkId } from '../model/link.ts';
import { loopNameValue } from '../model/loopName.ts';
import { clampPosition } from '../model/position.ts';
import { signalField } from '../model/signal.ts';
import { writeLanguageAndStory } from './story.ts';
import { readableText } from '../model/text.ts';
import type { Actor, Analysis, Factor, Link, LoopName, Position } from '../model/types.ts';
import { loopKey } from '../graph/loopKey.ts';
import { getMaps } from './shape.ts';
import { stampSchema } from './stamp.ts';
import { writeStances } from './stances.ts';
import { signalsValue } from '../model/signals.ts';
import { isEntity } from './read.ts';
import { trashFactors, trashLinks, type TrashMeta } from './trash.ts';

export type FactorPatch = Partial<Omit<Factor, 'id' | 'position'>>;
export type LinkPatch = Partial<Pick<Link, 'polarity' | 'note'>>;
export type NewFactor = Partial<Omit<Factor, 'id'>> & { readonly position: Position };

function writeFactor(doc: Y.Doc, factor: Factor): void {
  getMaps(doc).factors.set(factor.id, factorEntity(factor));
}

function writeLink(doc: Y.Doc, link: Link): void {
  getMaps(doc).links.set(link.id, linkEntity(link));
}

function writeActor(doc: Y.Doc, actor: Actor): void {
  getMaps(doc).actors.set(actor.id, actorEntity(actor));
}

function writeLoopName(doc: Y.Doc, loop: LoopName): void {
  getMaps(doc).loopNames.set(loopKey(loop.links), loopNameValue(loop));
}

/** Adds a factor and returns its id. */
export function addFactor(doc: Y.Doc, origin: unknown, init: NewFactor, id: string = newId('f')): string {
  doc.transact(() => {
    stampSchema(doc);
    writeFactor(doc, {
      id,
      label: init.label ?? '',
      kind: init.kind ?? 'problem',
      domain: init.domain ?? null,
      evidence: init.evidence ?? 'observation',
      note: init.note ?? '',
      position: init.position,
      ...signalField(init.signal),
    });
  }, origin);
  return id;
}

/**
 * Changes fields of one or more factors; unknown ids are ignored (someone may just have deleted them). The label and
 * the note are written as the smallest change to their text (model/liveText.ts), so what someone else types in the
 * same field at the same moment stays.
 */
export function updateFactors(doc: Y.Doc, origin: unknown, ids: readonly string[], patch: FactorPatch): void {
  const { factors } = getMaps(doc);
  doc.transact(() => {
    for (const id of ids) {
      const y = factors.get(id);
      if (!isEntity(y)) continue;
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        const limit = factorTextLimit(key);
        if (limit !== null) {
          if (writeLiveText(y, key, String(value), limit)) stampSchema(doc);
        } else if (y.get(key) !== value) y.set(key, value);
      }
    }
  }, origin);
}

/** Writes final positions, one whole `{x, y}` value per factor (the end of a drag or a layout). */
export function moveFactors(doc: Y.Doc, origin: unknown, moves: ReadonlyArray<{ id: string; position: Position }>): void {
  const { factors } = getMaps(doc);
  doc.transact(() => {
    for (const { id, position } of moves) {
      const y = factors.get(id);
      if (isEntity(y)) y.set('position', clampPosition({ x: Math.round(position.x), y: Math.round(position.y) }));
    }
  }, origin);
}

/**
 * Removes factors together with every link that touches them and their mentions in actors. Each factor goes into the
 * Prullenbak (trash.ts) with its links and ties, so it can be brought back; `meta` says who deleted it.
 */
export function removeFactors(doc: Y.Doc, origin: unknown, ids: readonly string[], meta: TrashMeta = {}): void {
  const { factors, links, actors } = getMaps(doc);
  const gone = new Set(ids);
  doc.transact(() => {
    trashFactors(doc, ids, meta);
    for (const id of ids) factors.delete(id);
    links.forEach((y, id) => {
      if (!isEntity(y) || gone.has(y.get('from') as string) || gone.has(y.get('to') as string)) links.delete(id);
    });
    // Key by key: a person tied to another factor on another device at the same moment stays tied to it.
    actors.forEach((y) => {
      if (isEntity(y)) tieActorFactors(y, ids, false);
    });
  }, origin);
}

/**
 * Adds a link from one factor to another and returns its id, or null when it would be meaningless: an end is
 * missing, it points at itself, or the same link already exists. Its id comes from the pair (`pairLinkId`), so two
 * people drawing the same link at the same moment make one link, not two.
 */
export function addLink(
  doc: Y.Doc,
  origin: unknown,
  init: { from: string; to: string; polarity?: Link['polarity']; note?: string },
  id: string = pairLinkId(init.from, init.to),
): string | null {
  const { factors, links } = getMaps(doc);
  if (init.from === init.to || !factors.has(init.from) || !factors.has(init.to)) return null;
  let exists = false;
  links.forEach((y) => {
    if (isEntity(y) && y.get('from') === init.from && y.get('to') === init.to) exists = true;
  });
  if (exists) return null;
  doc.transact(() => {
    stampSchema(doc);
    writeLink(doc, { id, from: init.from, to: init.to, polarity: init.polarity ?? '+', note: init.note ?? '' });
  }, origin);
  return id;
}

/** Changes fields of one or more links. */
export function updateLinks(doc: Y.Doc, origin: unknown, ids: readonly string[], patch: LinkPatch): void {
  const { links } = getMaps(doc);
  doc.transact(() => {
    for (const id of ids) {
      const y = links.get(id);
      if (!isEntity(y)) continue;
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        if (key === 'note') {
          if (writeLiveText(y, key, String(value), LINK_LIMITS.noteLength)) stampSchema(doc);
        } else if (y.get(key) !== value) y.set(key, value);
      }
    }
  }, origin);
}

/** Removes links by id; each goes into the Prullenbak (trash.ts). */
export function removeLinks(doc: Y.Doc, origin: unknown, ids: readonly string[], meta: TrashMeta = {}): void {
  const { links } = getMaps(doc);
  doc.transact(() => {
    trashLinks(doc, ids, meta);
    for (const id of ids) links.delete(id);
  }, origin);
}

/**
 * Deletes a selection of factors and links as one step. The factors go first, so a selected link that touches a
 * selected factor goes into the Prullenbak with that factor (and comes back with it), not on its own.
 */
export function removeSelection(
  doc: Y.Doc,
  origin: unknown,
  selection: { factors: readonly string[]; links: readonly string[] },
  meta: TrashMeta = {},
): void {
  doc.transact(() => {
    removeFactors(doc, origin, selection.factors, meta);
    const { links } = getMaps(doc);
    removeLinks(
      doc,
      origin,
      selection.links.filter((id) => links.has(id)),
      meta,
    );
  }, origin);
}

/** Renames the analysis. */
export function setTitle(doc: Y.Doc, origin: unknown, title: string): void {
  doc.transact(() => {
    stampSchema(doc);
    getMaps(doc).meta.set('title', readableText(title, ANALYSIS_LIMITS.titleLength));
  }, origin);
}

/** Gives a loop a name (an empty name removes it). */
export function setLoopName(doc: Y.Doc, origin: unknown, links: readonly string[], name: string): void {
  doc.transact(() => {
    if (name.trim() === '') getMaps(doc).loopNames.delete(loopKey(links));
    else writeLoopName(doc, { links, name });
  }, origin);
}

/** Replaces the whole content of the document with `analysis` in one transaction. */
export function replaceAnalysis(doc: Y.Doc, origin: unknown, analysis: Analysis): void {
  const maps = getMaps(doc);
  doc.transact(() => {
    for (const map of [maps.factors, maps.links, maps.actors, maps.loopNames, maps.stances, maps.comments] as Y.Map<unknown>[]) {
      for (const key of [...map.keys()]) map.delete(key);
    }
    stampSchema(doc);
    maps.meta.set('title', readableText(analysis.title, ANALYSIS_LIMITS.titleLength));
    if (analysis.signals) maps.meta.set('signals', signalsValue(analysis.signals));
    else maps.meta.delete('signals');
    writeLanguageAndStory(doc, analysis);
    writeContent(doc, analysis);
  }, origin);
}

function writeContent(doc: Y.Doc, analysis: Analysis): void {
  for (const factor of analysis.factors) writeFactor(doc, factor);
  for (const link of analysis.links) writeLink(doc, link);
  for (const actor of analysis.actors) writeActor(doc, actor);
  for (const loop of analysis.loops) writeLoopName(doc, loop);
  writeStances(doc, analysis.stances ?? []);
  for (const comment of analysis.comments ?? []) getMaps(doc).comments.set(comment.id, commentEntity(comment));
}

/**
 * Adds the content of `analysis` next to what is there (import "toevoegen", paste), with fresh ids so nothing
 * collides, shifted by `offset`. Returns the map from the ids in `analysis` to the new ids.
 */
export function insertAnalysis(doc: Y.Doc, origin: unknown, analysis: Analysis, offset: Position = { x: 0, y: 0 }): Map<string, string> {
  const ids = new Map<string, string>();
  for (const f of analysis.factors) ids.set(f.id, newId('f'));
  // Links are known by their pair (addLink), also when they come in from a file or the clipboard.
  for (const l of analysis.links) ids.set(l.id, pairLinkId(ids.get(l.from) ?? l.from, ids.get(l.to) ?? l.to));
  for (const a of analysis.actors) ids.set(a.id, newId('a'));
  const remap = (id: string) => ids.get(id) ?? id;
  doc.transact(() => {
    stampSchema(doc);
    writeContent(doc, {
      title: analysis.title,
      factors: analysis.factors.map((f) => ({
        ...f,
        id: remap(f.id),
        position: { x: f.position.x + offset.x, y: f.position.y + offset.y },
      })),
      links: analysis.links.map((l) => ({ ...l, id: remap(l.id), from: remap(l.from), to: remap(l.to) })),
      actors: analysis.actors.map((a) => ({ ...a, id: remap(a.id), factors: a.factors.map(remap) })),
      loops: analysis.loops.map((l) => ({ ...l, links: l.links.map(remap) })),
      stances: (analysis.stances ?? []).map((s) => ({ ...s, actor: remap(s.actor), on: remap(s.on) })),
      comments: remapComments(analysis.comments ?? [], remap),
    });
  }, origin);
  return ids;
}

export type ActorPatch = Partial<Pick<Actor, 'name' | 'role'>>;

/** Adds a person involved (a first name or a role word) and returns their id. */
export function addActor(doc: Y.Doc, origin: unknown, init: { name: string; role: Actor['role'] }, id: string = newId('a')): string {
  doc.transact(() => {
    stampSchema(doc);
    writeActor(doc, { id, name: init.name, role: init.role, factors: [] });
  }, origin);
  return id;
}

/** Changes the name or role of a person. */
export function updateActor(doc: Y.Doc, origin: unknown, id: string, patch: ActorPatch): void {
  const y = getMaps(doc).actors.get(id);
  if (!isEntity(y)) return;
  doc.transact(() => {
    for (const [key, raw] of Object.entries(patch)) {
      const value = key === 'name' ? readableText(raw, ACTOR_LIMITS.nameLength) : raw;
      if (value !== undefined && y.get(key) !== value) y.set(key, value);
    }
  }, origin);
}

/** Removes people from the analysis (their factors stay). */
export function removeActors(doc: Y.Doc, origin: unknown, ids: readonly string[]): void {
  const { actors } = getMaps(doc);
  doc.transact(() => {
    for (const id of ids) actors.delete(id);
  }, origin);
}

/** Ties a person to factors, or unties them (`tied` false), factor by factor (concurrent ties all stay). */
export function setActorFactors(doc: Y.Doc, origin: unknown, actorId: string, factorIds: readonly string[], tied: boolean): void {
  const y = getMaps(doc).actors.get(actorId);
  if (!isEntity(y)) return;
  const current = new Set(readActorFactorIds(y.get('factors')));
  if (factorIds.every((id) => current.has(id) === tied) && y.get('factors') instanceof Y.Map) return;
  doc.transact(() => tieActorFactors(y, factorIds, tied), origin);
}
