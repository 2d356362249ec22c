/**
 * A read-only projection of the document that follows its changes incrementally: after each transaction only
 * the entities that changed are read again, and unchanged entities keep their object identity, so a view can
 * re-render exactly what changed.
 */
import type * as Y from 'yjs';
import type { Actor, Factor, Link, LoopName, SignalSettings, StanceMark } from '../model/types.ts';
import { readAllStances, readStance } from '../model/stance.ts';
import { dedupeLinks } from '../model/link.ts';
import { getMaps } from './shape.ts';
import { isEntity, readActor, readFactor, readLink, readLoopName, readSignalSettings, readTitle } from './read.ts';

export interface ProjectionState {
  readonly title: string;
  readonly factors: ReadonlyMap<string, Factor>;
  /** All links, including ones whose ends are gone; use `visibleLinks` to draw. */
  readonly links: ReadonlyMap<string, Link>;
  readonly actors: ReadonlyMap<string, Actor>;
  readonly loopNames: ReadonlyMap<string, LoopName>;
  /** Every stance stored, keyed by `stanceKey`, including ones whose person or factor/link is gone. */
  readonly stances: ReadonlyMap<string, StanceMark>;
  readonly signals: SignalSettings;
}

export interface Projection {
  get(): ProjectionState;
  subscribe(listener: (state: ProjectionState, origin: unknown) => void): () => void;
  destroy(): void;
}

type Reader<T> = (id: string, y: Y.Map<unknown>) => T;

function readAll<T>(map: Y.Map<unknown>, read: Reader<T>): Map<string, T> {
  const out = new Map<string, T>();
  map.forEach((y, id) => {
    if (isEntity(y)) out.set(id, read(id, y));
  });
  return out;
}

function refresh<T>(current: ReadonlyMap<string, T>, map: Y.Map<unknown>, ids: Set<string>, read: Reader<T>): Map<string, T> {
  const next = new Map(current);
  for (const id of ids) {
    const y = map.get(id);
    if (isEntity(y)) next.set(id, read(id, y));
    else next.delete(id);
  }
  return next;
}

/** A Yjs event of any shared type (Yjs' own typings use `any` for the type parameter). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEvent = Y.YEvent<any>;

function collectIds(events: AnyEvent[], top: Y.Map<unknown>): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.target === top) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
    else if (typeof event.path[0] === 'string') ids.add(event.path[0]);
  }
  return ids;
}

function refreshStances(current: ReadonlyMap<string, StanceMark>, map: Y.Map<unknown>, keys: Set<string>): Map<string, StanceMark> {
  const next = new Map(current);
  for (const key of keys) {
    const mark = readStance(key, map.get(key));
    if (mark) next.set(key, mark);
    else next.delete(key);
  }
  return next;
}

/** The previous settings object when nothing in it changed (so views of it do not re-render). */
function sameSignals(previous: SignalSettings, next: SignalSettings): SignalSettings {
  return previous.share === next.share && previous.team === next.team ? previous : next;
}

/** Creates a projection of `doc`; listeners are called once per transaction that changed the analysis. */
export function createProjection(doc: Y.Doc): Projection {
  const maps = getMaps(doc);
  const loopEntries = () => {
    const out = new Map<string, LoopName>();
    maps.loopNames.forEach((value, key) => {
      const loop = readLoopName(value);
      if (loop) out.set(key, loop);
    });
    return out;
  };

  let state: ProjectionState = {
    title: readTitle(doc),
    factors: readAll(maps.factors, readFactor),
    links: readAll(maps.links, readLink),
    actors: readAll(maps.actors, readActor),
    loopNames: loopEntries(),
    stances: readAllStances(maps.stances),
    signals: readSignalSettings(doc),
  };
  const listeners = new Set<(state: ProjectionState, origin: unknown) => void>();
  const pending = {
    factors: new Set<string>(),
    links: new Set<string>(),
    actors: new Set<string>(),
    meta: false,
    loops: false,
    stances: new Set<string>(),
  };

  const onFactors = (events: AnyEvent[]) => collectIds(events, maps.factors).forEach((id) => pending.factors.add(id));
  const onLinks = (events: AnyEvent[]) => collectIds(events, maps.links).forEach((id) => pending.links.add(id));
  const onActors = (events: AnyEvent[]) => collectIds(events, maps.actors).forEach((id) => pending.actors.add(id));
  const onMeta = () => {
    pending.meta = true;
  };
  const onLoops = () => {
    pending.loops = true;
  };
  const onStances = (event: Y.YMapEvent<unknown>) => event.keysChanged.forEach((key) => pending.stances.add(key));
  // Deep observers run before 'afterTransaction', so all changes of one transaction are collected by then.
  const onAfterTransaction = (tr: Y.Transaction) => {
    if (!pending.factors.size && !pending.links.size && !pending.actors.size && !pending.meta && !pending.loops && !pending.stances.size)
      return;
    state = {
      title: pending.meta ? readTitle(doc) : state.title,
      factors: pending.factors.size ? refresh(state.factors, maps.factors, pending.factors, readFactor) : state.factors,
      links: pending.links.size ? refresh(state.links, maps.links, pending.links, readLink) : state.links,
      actors: pending.actors.size ? refresh(state.actors, maps.actors, pending.actors, readActor) : state.actors,
      loopNames: pending.loops ? loopEntries() : state.loopNames,
      stances: pending.stances.size ? refreshStances(state.stances, maps.stances, pending.stances) : state.stances,
      signals: pending.meta ? sameSignals(state.signals, readSignalSettings(doc)) : state.signals,
    };
    pending.factors.clear();
    pending.links.clear();
    pending.actors.clear();
    pending.meta = false;
    pending.loops = false;
    pending.stances.clear();
    for (const listener of listeners) listener(state, tr.origin);
  };

  maps.factors.observeDeep(onFactors);
  maps.links.observeDeep(onLinks);
  maps.actors.observeDeep(onActors);
  maps.meta.observe(onMeta);
  maps.loopNames.observe(onLoops);
  maps.stances.observe(onStances);
  doc.on('afterTransaction', onAfterTransaction);

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      maps.factors.unobserveDeep(onFactors);
      maps.links.unobserveDeep(onLinks);
      maps.actors.unobserveDeep(onActors);
      maps.meta.unobserve(onMeta);
      maps.loopNames.unobserve(onLoops);
      maps.stances.unobserve(onStances);
      doc.off('afterTransaction', onAfterTransaction);
      listeners.clear();
    },
  };
}

/**
 * The links whose two ends exist, one per pair of factors (of twins an older client made, the smallest id, as
 * `readAnalysis` keeps): the ones to draw and to analyse.
 */
export function visibleLinks(state: Pick<ProjectionState, 'factors' | 'links'>): Link[] {
  const out: Link[] = [];
  for (const link of state.links.values()) {
    if (state.factors.has(link.from) && state.factors.has(link.to)) out.push(link);
  }
  return dedupeLinks(out).links;
}
