/**
 * Which sets of loops no drawing can show as rings all at once: a proof, where a search can only fail to find.
 *
 * A loop is drawn as a ring when its factors, joined in loop order by straight sides, form a simple polygon
 * (quality.ts). So two sides that belong to one loop never cross; only sides that share no loop may. Two classical
 * results turn "can all these loops be rings?" into a linear system over GF(2):
 * - the strong Hanani–Tutte theorem: a graph that can be drawn so that every two independent edges (no shared end)
 *   cross an even number of times is planar;
 * - Tutte's algebra behind it: the crossing parities of independent pairs in any drawing of a graph are those of
 *   one fixed drawing plus a sum of "edge e makes a detour around vertex v" switches, each of which flips the
 *   parity of e against every edge at v.
 * The graph here is the loops' sides (one edge per pair of factors, as a straight side is the same whichever way
 * the link points). If no sum of switches makes every independent pair of sides that share a loop cross evenly,
 * then no drawing at all, straight or curved, makes every one of these loops a ring. A solvable system is not
 * the converse: it does not prove that the rings can be drawn.
 */

/** One edge of the loops' graph: the two factor numbers, smaller first. */
type Edge = readonly [number, number];

interface System {
  readonly rows: Uint32Array[];
  readonly rhs: Uint8Array;
  readonly columns: number;
}

/** The equations "independent sides that share a loop cross evenly", starting from factors on a circle. */
function buildSystem(loops: readonly (readonly string[])[]): System {
  const factor = new Map<string, number>();
  const numberOf = (id: string): number => {
    let n = factor.get(id);
    if (n === undefined) factor.set(id, (n = factor.size));
    return n;
  };
  const edgeOf = new Map<string, number>();
  const edges: Edge[] = [];
  const pairs = new Set<number>();
  const pairList: [number, number][] = [];
  const sides: number[][] = [];
  for (const loop of loops) {
    if (loop.length < 3) continue;
    const own: number[] = [];
    loop.forEach((id, i) => {
      const a = numberOf(id);
      const b = numberOf(loop[(i + 1) % loop.length]!);
      const edge: Edge = a < b ? [a, b] : [b, a];
      const key = `${edge[0]},${edge[1]}`;
      let e = edgeOf.get(key);
      if (e === undefined) {
        edgeOf.set(key, (e = edges.length));
        edges.push(edge);
      }
      own.push(e);
    });
    sides.push(own);
  }
  const independent = (e: Edge, f: Edge) => e[0] !== f[0] && e[0] !== f[1] && e[1] !== f[0] && e[1] !== f[1];
  for (const own of sides) {
    for (let i = 0; i < own.length; i++) {
      for (let j = i + 1; j < own.length; j++) {
        const e = Math.min(own[i]!, own[j]!);
        const f = Math.max(own[i]!, own[j]!);
        if (!independent(edges[e]!, edges[f]!)) continue;
        const key = e * edges.length + f;
        if (pairs.has(key)) continue;
        pairs.add(key);
        pairList.push([e, f]);
      }
    }
  }
  // Unknowns: "edge e makes a detour around vertex v", numbered as they are first needed.
  const column = new Map<number, number>();
  const vertices = factor.size;
  const unknown = (e: number, v: number): number => {
    const key = e * vertices + v;
    let c = column.get(key);
    if (c === undefined) column.set(key, (c = column.size));
    return c;
  };
  const terms = pairList.map(([e, f]) => {
    const [a, b] = edges[e]!;
    const [c, d] = edges[f]!;
    return [unknown(e, c), unknown(e, d), unknown(f, a), unknown(f, b)];
  });
  const words = Math.ceil(column.size / 32);
  const rows: Uint32Array[] = [];
  const rhs = new Uint8Array(pairList.length);
  pairList.forEach(([e, f], r) => {
    const row = new Uint32Array(words);
    for (const c of terms[r]!) row[c >>> 5]! ^= 1 << (c & 31);
    rows.push(row);
    // With the factors on a circle in number order and straight chords, two chords cross once exactly when their
    // ends alternate around the circle.
    const [a, b] = edges[e]!;
    const [c, d] = edges[f]!;
    rhs[r] = (a < c && c < b && b < d) || (c < a && a < d && d < b) ? 1 : 0;
  });
  return { rows, rhs, columns: column.size };
}

const lowestBit = (row: Uint32Array, from: number): number => {
  for (let w = from >>> 5; w < row.length; w++) {
    const word = w === from >>> 5 ? row[w]! & (~0 << (from & 31)) : row[w]!;
    if (word !== 0) return w * 32 + (31 - Math.clz32(word & -word));
  }
  return -1;
};

/** Gaussian elimination over GF(2): whether some choice of switches satisfies every equation. */
function solvable({ rows, rhs, columns }: System): boolean {
  const pivotRow = new Array<Uint32Array | undefined>(columns);
  const pivotRhs = new Uint8Array(columns);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let value = rhs[r]!;
    let bit = lowestBit(row, 0);
    while (bit >= 0) {
      const pivot = pivotRow[bit];
      if (!pivot) break;
      for (let w = bit >>> 5; w < row.length; w++) row[w]! ^= pivot[w]!;
      value ^= pivotRhs[bit]!;
      bit = lowestBit(row, bit + 1);
    }
    if (bit < 0) {
      if (value === 1) return false;
      continue;
    }
    pivotRow[bit] = row;
    pivotRhs[bit] = value;
  }
  return true;
}

/** True when it is proved that no drawing shows every one of `loops` as a ring (see the top of this file). */
export function ringsImpossible(loops: readonly (readonly string[])[]): boolean {
  return !solvable(buildSystem(loops));
}

/**
 * A smallest-by-deletion set of loops that cannot all be rings: leaving out any one of them makes the proof fail.
 * Undefined when the proof does not apply to `loops` as a whole.
 */
export function ringObstruction(loops: readonly (readonly string[])[]): string[][] | undefined {
  if (!ringsImpossible(loops)) return undefined;
  let kept = loops.map((l) => [...l]);
  for (let i = kept.length - 1; i >= 0; i--) {
    const without = kept.filter((_, k) => k !== i);
    if (ringsImpossible(without)) kept = without;
  }
  return kept;
}

export interface RingBound {
  /** At least this many loops are broken in every drawing (proved). */
  readonly atLeastBroken: number;
  /** Sets of loops, no two sharing a loop, each of which cannot all be rings. */
  readonly obstructions: string[][][];
}

/**
 * A proved lower bound on the loops every drawing leaves broken: disjoint obstructions each cost one loop; when a
 * single obstruction is found, it also checks whether leaving out any one loop still leaves an impossible set.
 */
export function brokenRingsBound(loops: readonly (readonly string[])[]): RingBound {
  const obstructions: string[][][] = [];
  let rest = loops.map((l) => [...l]);
  for (;;) {
    const found = ringObstruction(rest);
    if (!found) break;
    obstructions.push(found);
    const used = new Set(found.map((l) => l.join('>')));
    rest = rest.filter((l) => !used.has(l.join('>')));
  }
  if (obstructions.length !== 1) return { atLeastBroken: obstructions.length, obstructions };
  const first = obstructions[0]!.map((l) => l.join('>'));
  const everyOneLeftOutStillImpossible = first.every((key) => ringsImpossible(loops.filter((l) => l.join('>') !== key)));
  return { atLeastBroken: everyOneLeftOutStillImpossible ? 2 : 1, obstructions };
}
