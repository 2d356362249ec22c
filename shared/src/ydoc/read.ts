/**
 * Reads a Y.Doc into the plain model. The doc may hold anything a client sent, so every field is checked and falls
 * back to a safe default (the record modules in ../model), and the whole keeps the rules a file must keep: ids a
 * file may have, at most one link per pair of factors, no link whose ends are gone (a concurrent delete), and at most
 * ANALYSIS_LIMITS.*.read of each record. So whatever the live document holds, the file saved from it opens again.
 */
import type * as Y from 'yjs';
import { readActor } from '../model/actor.ts';
import { keepComments, readComment } from '../model/comment.ts';
import { ANALYSIS_LIMITS } from '../model/analysisLimits.ts';
import { isEntity, isValidId } from '../model/entity.ts';
import { readFactor } from '../model/factor.ts';
import { dedupeLinks, readLink } from '../model/link.ts';
import { readLoopName } from '../model/loopName.ts';
import { readableText } from '../model/text.ts';
import { readStances } from '../model/stance.ts';
import { isDefaultSignals, readSignals } from '../model/signals.ts';
import type { Actor, Analysis, Factor, Link, LoopName, SignalSettings } from '../model/types.ts';
import { loopKey } from '../graph/loopKey.ts';
import { DOC_SCHEMA_VERSION, getMaps } from './shape.ts';
import { languageAndStoryFields } from './story.ts';

export { isEntity } from '../model/entity.ts';
export { readFactor } from '../model/factor.ts';
export { readLink } from '../model/link.ts';
export { readActor } from '../model/actor.ts';
export { readLoopName } from '../model/loopName.ts';
export { readComment } from '../model/comment.ts';

/** Reads the title of the analysis. */
export function readTitle(doc: Y.Doc): string {
  return readableText(getMaps(doc).meta.get('title'), ANALYSIS_LIMITS.titleLength);
}

/** Reads the signals settings (CONTRACT.md §1 version 2) kept in meta; the defaults when absent. */
export function readSignalSettings(doc: Y.Doc): SignalSettings {
  return readSignals(getMaps(doc).meta.get('signals'));
}

/** The schema version the document was last written with (1 when it does not say). */
export function readSchemaVersion(doc: Y.Doc): number {
  const value = getMaps(doc).meta.get('schemaVersion');
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1;
}

/** Whether the document was written by a newer Samenzicht than this one (it must then not be changed here). */
export function isFromNewerVersion(doc: Y.Doc): boolean {
  return readSchemaVersion(doc) > DOC_SCHEMA_VERSION;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The entities of a top-level map with a valid id, read and sorted by id (Y.Map order differs per replica). */
function readEntities<T extends { id: string }>(map: Y.Map<unknown>, read: (id: string, y: Y.Map<unknown>) => T): T[] {
  const out: T[] = [];
  map.forEach((y, id) => {
    if (isEntity(y) && isValidId(id)) out.push(read(id, y));
  });
  return out.sort(byId);
}

/** Reads the whole document into a plain `Analysis`, sorted by id for a stable order. */
export function readAnalysis(doc: Y.Doc): Analysis {
  const maps = getMaps(doc);
  const factors: Factor[] = readEntities(maps.factors, readFactor).slice(0, ANALYSIS_LIMITS.factors.read);
  const factorIds = new Set(factors.map((f) => f.id));
  const candidates = readEntities(maps.links, readLink).filter((l) => factorIds.has(l.from) && factorIds.has(l.to));
  const { links: unique, replaced } = dedupeLinks(candidates);
  const links: Link[] = unique.slice(0, ANALYSIS_LIMITS.links.read);
  const linkIds = new Set(links.map((l) => l.id));
  const actors: Actor[] = readEntities(maps.actors, readActor)
    .slice(0, ANALYSIS_LIMITS.actors.read)
    .map((actor) => ({ ...actor, factors: actor.factors.filter((f) => factorIds.has(f)) }));
  const loops: Array<LoopName & { id: string }> = [];
  maps.loopNames.forEach((value, key) => {
    const loop = readLoopName(value);
    if (!loop) return;
    // A name given to a loop through a link that turned out to be a twin names the same loop through the kept one.
    const through = loop.links.map((l) => replaced.get(l) ?? l);
    if (through.length > 0 && through.every((l) => linkIds.has(l))) loops.push({ links: through, name: loop.name, id: key });
  });
  const seenLoops = new Set<string>();
  // Stances whose person or factor/link is gone stay in the document (a restore brings them back) but are not read.
  const stances = readStances(
    maps.stances,
    new Set(actors.map((a) => a.id)),
    new Set([...factorIds, ...linkIds]),
    ANALYSIS_LIMITS.stances.read,
  );
  const signals = readSignalSettings(doc);
  const comments = keepComments(
    readEntities(maps.comments, readComment),
    { factors: factorIds, links: linkIds, actors: new Set(actors.map((a) => a.id)) },
    ANALYSIS_LIMITS.comments.read,
  );
  return {
    title: readTitle(doc),
    factors,
    links,
    actors,
    // Sorted by loop key too: Y.Map iteration order depends on the order in which a replica received updates.
    loops: loops
      .sort(byId)
      .filter((l) => {
        const key = loopKey(l.links);
        if (seenLoops.has(key)) return false;
        seenLoops.add(key);
        return true;
      })
      .slice(0, ANALYSIS_LIMITS.loops.read)
      .map(({ links, name }) => ({ links, name })),
    // Left out when empty or default, as the file parser does.
    ...(stances.length > 0 ? { stances } : {}),
    ...(isDefaultSignals(signals) ? {} : { signals }),
    ...(comments.length > 0 ? { comments } : {}),
    ...languageAndStoryFields(doc),
  };
}
