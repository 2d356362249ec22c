/**
 * What the canvas and panels derive from the stances, worked out once per change of the document (not once per
 * factor): the shared-ness figures (shared/graph/sharedness.ts), the colour and initial of each actor.
 */
import type { Actor, Stance } from '@samenzicht/shared/model/types';
import { computeSharedness, idsWithStatus, type Sharedness } from '@samenzicht/shared/graph/sharedness';
import { visibleLinks, type ProjectionState } from '@samenzicht/shared/ydoc/projection';
import { ACTOR_COLOURS } from '@samenzicht/shared/export/stanceLayout';
import type { StanceFilter } from './seat.ts';

/** One symbol per stance, so a mark reads without colour too. */
export const STANCE_SYMBOL: Readonly<Record<Stance, string>> = { recognise: '✓', doubt: '?', 'not-recognise': '✗' };
export const STANCE_WORD: Readonly<Record<Stance, 'recognise' | 'doubt' | 'notRecognise'>> = {
  recognise: 'recognise',
  doubt: 'doubt',
  'not-recognise': 'notRecognise',
};
/** The i18n key of the sentence a mark reads as ("Moeder: herkent dit"). */
export const MARK_SENTENCE: Readonly<Record<Stance, string>> = {
  recognise: 'stances.markRecognise',
  doubt: 'stances.markDoubt',
  'not-recognise': 'stances.markNotRecognise',
};

type Input = Pick<ProjectionState, 'factors' | 'links' | 'actors' | 'stances'>;

let last: { input: Input; result: Sharedness } | null = null;

/** The shared-ness of the current document state, computed once per change of its factors, links, people or stances. */
export function sharednessOf(doc: Input): Sharedness {
  if (
    last &&
    last.input.factors === doc.factors &&
    last.input.links === doc.links &&
    last.input.actors === doc.actors &&
    last.input.stances === doc.stances
  )
    return last.result;
  const result = computeSharedness({
    factors: [...doc.factors.values()],
    links: visibleLinks(doc),
    actors: [...doc.actors.values()],
    stances: doc.stances.values(),
  });
  last = { input: { factors: doc.factors, links: doc.links, actors: doc.actors, stances: doc.stances }, result };
  return result;
}

/**
 * The factors and links a stance filter shows, or null for all. "Waar verschillen we?" brings the two factors of a
 * differing link along (a link is drawn between its factors); "nobody marked" shows the unmarked factors and the
 * unmarked links between them.
 */
export function filterShows(doc: Input, filter: StanceFilter | null): ReadonlySet<string> | null {
  if (filter === null) return null;
  const ids = idsWithStatus(sharednessOf(doc), filter);
  if (filter === 'unmarked') return ids;
  for (const id of [...ids]) {
    const link = doc.links.get(id);
    if (link) {
      ids.add(link.from);
      ids.add(link.to);
    }
  }
  return ids;
}

/** Each person's colour, as in the export: in the order of their ids, so two people never share one (up to 8). */
export function actorColour(actors: ReadonlyMap<string, Actor>, id: string): string {
  const ids = [...actors.keys()].sort();
  const index = ids.indexOf(id);
  return ACTOR_COLOURS[(index < 0 ? 0 : index) % ACTOR_COLOURS.length]!;
}

/** The first letter of a name (a whole grapheme, so an accent or emoji stays whole), upper case. */
export function initialOf(name: string): string {
  const first = Array.from(name.trim())[0] ?? '?';
  return first.toLocaleUpperCase('nl');
}

/** A stable text of the stances on one factor or link (`actor:stance;…`), for cheap store selectors. */
export function marksSignature(doc: Input, id: string): string {
  const s = sharednessOf(doc);
  const target = s.factors.get(id) ?? s.links.get(id);
  if (!target) return '';
  return [...target.stances].map(([actor, stance]) => `${actor}:${stance}`).join(';');
}
