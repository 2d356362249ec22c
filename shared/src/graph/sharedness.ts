/**
 * How far the analysis is shared: who recognises what ("Iedereen deelt de analyse", DOMAIN.md). Pure figures from the
 * stances (model/stance.ts); the Patronen panel, the canvas filters and the exports show them.
 *
 * Definitions (also in the README, "Who recognises what"):
 * - The **participants** are the actors who marked at least one factor or link. An actor who marked nothing (such as
 *   the neutral facilitator, who has no stance by default) is not counted, so they neither share nor block anything.
 * - A factor or link is **shared** when there is at least one participant and every participant marked it
 *   "herken ik" (recognise). A participant who left it unmarked keeps it from being shared.
 * - It **differs** when at least two participants gave it different stances (recognise, doubt, not-recognise).
 * - It is **unmarked** when nobody marked it; otherwise (marked, no difference, not shared) it is **partial**.
 * - A participant **recognises a loop** when they marked every factor and every link of the loop "herken ik". A loop
 *   is **shared** when every participant recognises it; it **differs** when any of its factors or links differs; it
 *   is **unmarked** when none of them is marked; otherwise partial.
 */
import type { Analysis, Stance, StanceMark } from '../model/types.ts';

export type SharedStatus = 'shared' | 'differs' | 'partial' | 'unmarked';

export interface TargetSharedness {
  /** The stance of each participant who marked this factor or link, by actor id. */
  readonly stances: ReadonlyMap<string, Stance>;
  readonly recognise: number;
  readonly doubt: number;
  readonly notRecognise: number;
  /** Participants who did not mark it. */
  readonly unmarked: number;
  readonly status: SharedStatus;
}

export interface Sharedness {
  /** Actor ids of the participants, sorted. */
  readonly participants: readonly string[];
  readonly factors: ReadonlyMap<string, TargetSharedness>;
  readonly links: ReadonlyMap<string, TargetSharedness>;
  /** "Gedeeld door iedereen: 14 van 18 factoren, 9 van 12 verbanden". */
  readonly headline: {
    readonly factors: { readonly shared: number; readonly total: number };
    readonly links: { readonly shared: number; readonly total: number };
  };
}

export interface LoopSharedness {
  readonly status: SharedStatus;
  /** Participants who recognise every factor and link of the loop, sorted. */
  readonly recognisedBy: readonly string[];
}

type Input = Pick<Analysis, 'factors' | 'links' | 'actors'> & { readonly stances?: Iterable<StanceMark> };

function tally(stances: ReadonlyMap<string, Stance>, participants: number): TargetSharedness {
  let recognise = 0;
  let doubt = 0;
  let notRecognise = 0;
  for (const stance of stances.values()) {
    if (stance === 'recognise') recognise++;
    else if (stance === 'doubt') doubt++;
    else notRecognise++;
  }
  const kinds = (recognise > 0 ? 1 : 0) + (doubt > 0 ? 1 : 0) + (notRecognise > 0 ? 1 : 0);
  const status: SharedStatus =
    stances.size === 0 ? 'unmarked' : kinds > 1 ? 'differs' : participants > 0 && recognise === participants ? 'shared' : 'partial';
  return { stances, recognise, doubt, notRecognise, unmarked: participants - stances.size, status };
}

/**
 * The shared-ness of every factor and link, and the headline counts. Stances whose actor or factor/link is not in
 * `analysis` are ignored (the live projection keeps those of deleted factors).
 */
export function computeSharedness(analysis: Input): Sharedness {
  const actorIds = new Set(analysis.actors.map((a) => a.id));
  const byTarget = new Map<string, Map<string, Stance>>();
  for (const f of analysis.factors) byTarget.set(f.id, new Map());
  for (const l of analysis.links) if (!byTarget.has(l.id)) byTarget.set(l.id, new Map());
  const participants = new Set<string>();
  for (const mark of analysis.stances ?? []) {
    const target = byTarget.get(mark.on);
    if (!target || !actorIds.has(mark.actor)) continue;
    target.set(mark.actor, mark.stance);
    participants.add(mark.actor);
  }
  const count = participants.size;
  const factors = new Map<string, TargetSharedness>();
  const links = new Map<string, TargetSharedness>();
  for (const f of analysis.factors) factors.set(f.id, tally(byTarget.get(f.id)!, count));
  for (const l of analysis.links) links.set(l.id, tally(byTarget.get(l.id)!, count));
  const sharedIn = (map: ReadonlyMap<string, TargetSharedness>) => [...map.values()].filter((t) => t.status === 'shared').length;
  return {
    participants: [...participants].sort(),
    factors,
    links,
    headline: {
      factors: { shared: sharedIn(factors), total: factors.size },
      links: { shared: sharedIn(links), total: links.size },
    },
  };
}

/** Whether every participant recognises a loop (its factors and links, as `findLoops` gives them). */
export function loopSharedness(
  loop: { readonly factors: readonly string[]; readonly links: readonly string[] },
  sharedness: Sharedness,
): LoopSharedness {
  const parts = [...loop.factors.map((id) => sharedness.factors.get(id)), ...loop.links.map((id) => sharedness.links.get(id))].filter(
    (t): t is TargetSharedness => t !== undefined,
  );
  const recognisedBy = sharedness.participants.filter(
    (actor) => parts.length > 0 && parts.every((t) => t.stances.get(actor) === 'recognise'),
  );
  const status: SharedStatus =
    parts.length > 0 && sharedness.participants.length > 0 && recognisedBy.length === sharedness.participants.length
      ? 'shared'
      : parts.some((t) => t.status === 'differs')
        ? 'differs'
        : parts.every((t) => t.status === 'unmarked')
          ? 'unmarked'
          : 'partial';
  return { status, recognisedBy };
}

/** The factor and link ids a filter shows: those whose stances differ, or those nobody marked. */
export function idsWithStatus(sharedness: Sharedness, status: SharedStatus): Set<string> {
  const out = new Set<string>();
  for (const map of [sharedness.factors, sharedness.links]) for (const [id, t] of map) if (t.status === status) out.add(id);
  return out;
}
