/**
 * The diagrams of the PNG export benchmark: seeded analyses of `size` factors on a grid about twice as wide as
 * high, ~2 links per factor (mostly between near neighbours), labels from the factor library, people named in the
 * boxes. Pure (no DOM, no Node APIs), so Node (server/src/bench/exportBench.ts) and the browser page (exportPage.tsx)
 * draw the very same diagrams.
 */
import { FACTOR_LIBRARY } from '@samenzicht/shared/model/library';
import type { Analysis, Factor, Link } from '@samenzicht/shared/model/types';
import { PLACE_SPACING } from '@samenzicht/shared/graph/placeByKind';
import { seededRandom } from '@samenzicht/shared/random';

/** The seed every export benchmark uses unless told otherwise. */
export const EXPORT_BENCH_SEED = 20_250_312;

const ITEMS = FACTOR_LIBRARY.flatMap((g) => g.items);

/** A grid about twice as wide as high; links mostly between near neighbours, as people draw them. */
export function gridAnalysis(seed: number, size: number): Analysis {
  const random = seededRandom(seed);
  const columns = Math.ceil(Math.sqrt(size * 2));
  const factors: Factor[] = Array.from({ length: size }, (_, i) => {
    const item = ITEMS[Math.floor(random() * ITEMS.length)]!;
    return {
      id: `f${i}`,
      label: item.label,
      kind: item.kind,
      domain: item.domain,
      evidence: random() < 0.2 ? 'hypothesis' : 'observation',
      note: '',
      position: { x: (i % columns) * PLACE_SPACING.x, y: Math.floor(i / columns) * PLACE_SPACING.y * 1.5 },
    };
  });
  const links: Link[] = Array.from({ length: size * 2 }, (_, i) => {
    const from = Math.floor(random() * size);
    const reach = random() < 0.8 ? 2 : columns;
    let to = Math.min(size - 1, Math.max(0, from + Math.round((random() - 0.5) * 2 * reach * (random() < 0.5 ? 1 : columns))));
    if (to === from) to = (from + 1) % size;
    return { id: `l${i}`, from: `f${from}`, to: `f${to}`, polarity: random() < 0.75 ? '+' : '-', note: '' };
  });
  const actors = ['Moeder', 'Vader', 'Oma', 'Gezinsvoogd'].map((name, i) => ({
    id: `a${i}`,
    name,
    role: 'parent' as const,
    factors: factors.filter(() => random() < 0.15).map((f) => f.id),
  }));
  return { title: `Benchmark — ${size} factoren`, factors, links, actors, loops: [] };
}
