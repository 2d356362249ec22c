/**
 * Loop numbers (R1, R2, B1, …) that people can refer to during a session. Without history the numbering is
 * canonical (shorter loops first, then by key); with the previous numbering, every loop that still exists keeps its
 * id and only new loops get numbers, so editing one corner of the diagram does not renumber the rest.
 */

interface Numberable {
  readonly key: string;
  readonly type: 'reinforcing' | 'balancing';
  readonly links: readonly string[];
}

const ID_PATTERN = /^([RB])([1-9]\d*)$/;

/** Canonical loop order: fewer links first, then by key (plain code-unit order, the same in every locale). */
export function compareLoopsCanonically(a: Numberable, b: Numberable): number {
  if (a.links.length !== b.links.length) return a.links.length - b.links.length;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Returns loop key → id. A loop keeps its id from `previous` when that id is still free and of its type (a link
 * whose polarity flipped can turn an R into a B); every other loop, in canonical order, gets the lowest free number
 * of its type.
 */
export function numberLoops(loops: readonly Numberable[], previous: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const ordered = [...loops].sort(compareLoopsCanonically);
  const ids = new Map<string, string>();
  const used = { R: new Set<number>(), B: new Set<number>() };

  for (const loop of ordered) {
    const match = ID_PATTERN.exec(previous.get(loop.key) ?? '');
    if (!match || ids.has(loop.key)) continue;
    const prefix = match[1] as 'R' | 'B';
    const number = Number(match[2]);
    if (prefix !== prefixOf(loop.type) || used[prefix].has(number)) continue;
    used[prefix].add(number);
    ids.set(loop.key, `${prefix}${number}`);
  }

  const lowestFree = { R: 1, B: 1 };
  for (const loop of ordered) {
    if (ids.has(loop.key)) continue;
    const prefix = prefixOf(loop.type);
    while (used[prefix].has(lowestFree[prefix])) lowestFree[prefix]++;
    used[prefix].add(lowestFree[prefix]);
    ids.set(loop.key, `${prefix}${lowestFree[prefix]}`);
  }
  return ids;
}

/** The numbering of a set of loops as a map, to pass as `previous` next time. */
export function loopIdsByKey(loops: ReadonlyArray<{ readonly key: string; readonly id: string }>): Map<string, string> {
  return new Map(loops.map((l) => [l.key, l.id]));
}

function prefixOf(type: Numberable['type']): 'R' | 'B' {
  return type === 'reinforcing' ? 'R' : 'B';
}
