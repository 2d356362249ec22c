/**
 * Benchmark of the server's PNG export (layout → SVG → resvg → PNG with the analysis embedded) on seeded
 * analyses of 50 and 500 factors laid out on a grid, ~2 links per factor, labels from the factor library, people
 * named in the boxes. Goals: ≤ 0.3 s for 50 factors, ≤ 1.5 s for 500, at the default scale 2.
 * Run: `node --import tsx server/src/bench/exportBench.ts [seed]`.
 */
import { FACTOR_LIBRARY } from '../../../shared/src/model/library.ts';
import type { Analysis, Factor, Link } from '../../../shared/src/model/types.ts';
import { PLACE_SPACING } from '../../../shared/src/graph/placeByKind.ts';
import { renderAnalysisPng } from '../export/renderPng.ts';

const RUNS = 5;
const ITEMS = FACTOR_LIBRARY.flatMap((g) => g.items);

/** mulberry32: a small seeded generator, so every run measures the same diagram. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A grid about twice as wide as high; links mostly between near neighbours, as people draw them. */
function gridAnalysis(seed: number, size: number): Analysis {
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

async function measure(analysis: Analysis, scale: number): Promise<void> {
  const options = { scale, showActors: true, exportedAt: new Date(0) };
  await renderAnalysisPng(analysis, options); // warm-up (JIT, font files)
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof renderAnalysisPng>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    last = await renderAnalysisPng(analysis, options);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  console.log(
    `${String(analysis.factors.length).padStart(4)} factors, ${String(analysis.links.length).padStart(4)} links, scale ${scale}: ` +
      `median ${(median / 1000).toFixed(3)} s  (runs ${times.map((t) => (t / 1000).toFixed(3)).join(', ')})  ` +
      `${last!.width} × ${last!.height} px, ${(last!.png.length / 1024 / 1024).toFixed(1)} MB${last!.scaled ? ` (scaled to ${last!.scale})` : ''}`,
  );
}

const seed = Number(process.argv[2] ?? 20_250_312);
console.log(`PNG export (renderAnalysisPng), seed ${seed}, median of ${RUNS}; goals: 50 factors ≤ 0.3 s, 500 factors ≤ 1.5 s`);
for (const size of [50, 500]) {
  const analysis = gridAnalysis(seed, size);
  for (const scale of [1, 2]) await measure(analysis, scale);
}
