/**
 * A change to the analysis, named for people: what an undo step will undo. Derived from the projection before and
 * after the change, so no command has to announce itself.
 */
import type { Factor } from '@samenzicht/shared/model/types';
import type { ProjectionState } from '@samenzicht/shared/ydoc/projection';

/** A change, named for people; `kind` picks the sentence (i18n `undo.what.<kind>`), the rest fills it in. */
export type ChangeDescription =
  | {
      readonly kind: 'factorAdded' | 'factorRemoved' | 'factorMoved' | 'factorLabel' | 'factorNote' | 'factorDetails';
      readonly name: string;
    }
  | { readonly kind: 'factorsAdded' | 'factorsRemoved' | 'factorsMoved' | 'factorsChanged'; readonly count: number }
  | { readonly kind: 'linkAdded' | 'linkRemoved' | 'linkPolarity' | 'linkNote'; readonly from: string; readonly to: string }
  | { readonly kind: 'linksAdded' | 'linksRemoved' | 'linksChanged'; readonly count: number }
  | { readonly kind: 'loopName'; readonly loop: string }
  | { readonly kind: 'title' | 'people' | 'comment' | 'change' | 'story' | 'language' | 'stance' };

/** The key under which a stack item's description is kept in `StackItem.meta`. */
export const DESCRIPTION_META = 'samenzicht.description';

interface Diff<T> {
  added: T[];
  removed: T[];
  changed: Array<{ before: T; after: T }>;
}

function diffMaps<T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>): Diff<T> {
  const diff: Diff<T> = { added: [], removed: [], changed: [] };
  // The projection keeps unchanged entities identical, so identity says what changed.
  if (before === after) return diff;
  for (const [id, value] of after) {
    const old = before.get(id);
    if (old === undefined) diff.added.push(value);
    else if (old !== value) diff.changed.push({ before: old, after: value });
  }
  for (const [id, value] of before) if (!after.has(id)) diff.removed.push(value);
  return diff;
}

function nameOf(factor: Factor | undefined): string {
  return factor?.label.trim().split('\n')[0]?.slice(0, 60) ?? '';
}

/**
 * Names the change from `before` to `after` (one local transaction, or several merged into one undo step).
 * `loopIdOf` gives the number people see for a loop key (R1, B2), when the loop is known.
 */
export function describeChange(
  before: ProjectionState,
  after: ProjectionState,
  loopIdOf: (key: string) => string | null,
): ChangeDescription {
  const factors = diffMaps(before.factors, after.factors);
  const links = diffMaps(before.links, after.links);
  const linkEnds = (link: { from: string; to: string }) => ({
    from: nameOf(after.factors.get(link.from) ?? before.factors.get(link.from)),
    to: nameOf(after.factors.get(link.to) ?? before.factors.get(link.to)),
  });

  if (factors.added.length === 1) return { kind: 'factorAdded', name: nameOf(factors.added[0]) };
  if (factors.added.length > 1) return { kind: 'factorsAdded', count: factors.added.length };
  if (factors.removed.length === 1) return { kind: 'factorRemoved', name: nameOf(factors.removed[0]) };
  if (factors.removed.length > 1) return { kind: 'factorsRemoved', count: factors.removed.length };
  if (links.added.length === 1) return { kind: 'linkAdded', ...linkEnds(links.added[0]!) };
  if (links.added.length > 1) return { kind: 'linksAdded', count: links.added.length };
  if (links.removed.length === 1) return { kind: 'linkRemoved', ...linkEnds(links.removed[0]!) };
  if (links.removed.length > 1) return { kind: 'linksRemoved', count: links.removed.length };

  if (before.loopNames !== after.loopNames) {
    const keys = new Set([...before.loopNames.keys(), ...after.loopNames.keys()]);
    for (const key of keys) {
      if (before.loopNames.get(key)?.name === after.loopNames.get(key)?.name) continue;
      const id = loopIdOf(key);
      return id ? { kind: 'loopName', loop: id } : { kind: 'change' };
    }
  }
  if (before.title !== after.title) return { kind: 'title' };
  if (before.stances !== after.stances && factors.changed.length === 0 && links.changed.length === 0) return { kind: 'stance' };
  if (before.story !== after.story) return { kind: 'story' };
  if (before.language !== after.language) return { kind: 'language' };

  if (factors.changed.length === 1) {
    const { before: old, after: now } = factors.changed[0]!;
    const name = nameOf(now) || nameOf(old);
    if (old.label !== now.label) return { kind: 'factorLabel', name: nameOf(old) || name };
    if (old.note !== now.note) return { kind: 'factorNote', name };
    if (old.kind !== now.kind || old.domain !== now.domain || old.evidence !== now.evidence || old.signal !== now.signal)
      return { kind: 'factorDetails', name };
    return { kind: 'factorMoved', name };
  }
  if (factors.changed.length > 1) {
    const onlyMoved = factors.changed.every(
      ({ before: old, after: now }) =>
        old.label === now.label &&
        old.note === now.note &&
        old.kind === now.kind &&
        old.domain === now.domain &&
        old.evidence === now.evidence &&
        old.signal === now.signal,
    );
    return { kind: onlyMoved ? 'factorsMoved' : 'factorsChanged', count: factors.changed.length };
  }
  if (links.changed.length === 1) {
    const { before: old, after: now } = links.changed[0]!;
    return { kind: old.polarity !== now.polarity ? 'linkPolarity' : 'linkNote', ...linkEnds(now) };
  }
  if (links.changed.length > 1) return { kind: 'linksChanged', count: links.changed.length };
  if (before.actors !== after.actors) return { kind: 'people' };
  if (before.comments !== after.comments) return { kind: 'comment' };
  return { kind: 'change' };
}

/** Reads a description back from a stack item's meta (anything else there is not ours). */
export function descriptionOf(item: { meta: Map<unknown, unknown> } | undefined): ChangeDescription | null {
  const value = item?.meta.get(DESCRIPTION_META);
  return typeof value === 'object' && value !== null && 'kind' in value ? (value as ChangeDescription) : null;
}
