/**
 * The diagram both sides of the browser benchmark draw: `n` factors on a grid and `n` links between near
 * neighbours, from a seeded generator, so Samenzicht (via the server) and the bare React Flow page (in the page)
 * get the very same factors, positions and links. Pure: no DOM, no React.
 */
import type { Analysis, Factor, FactorKind, LifeDomain, Link } from '@samenzicht/shared/model/types';
import { seededRandom as createRandom } from '@samenzicht/shared/random';

/** Grid pitch in flow units: a factor is 140–220 px wide, so neighbours do not overlap. */
const PITCH_X = 260;
const PITCH_Y = 130;

const LABELS = [
  'Schulden na terugvordering toeslagen',
  'Aanhoudende stress',
  'Afspraken missen',
  'Boetes en aanmaningskosten',
  'Wantrouwen in instanties',
  'Slecht slapen',
  'Steun van oma bij het halen en brengen van de kinderen',
  'Piekeren',
  'Geen overzicht over de post',
  'Budgetcoach die de tijd neemt',
] as const;

/** Kinds weighted roughly as in real analyses (as in loopsBench). */
const KIND_WEIGHTS: ReadonlyArray<readonly [FactorKind, number]> = [
  ['perpetuating', 40],
  ['aggravating', 25],
  ['problem', 10],
  ['protective', 15],
  ['predisposing', 7],
  ['precipitating', 3],
];

const DOMAINS: ReadonlyArray<LifeDomain | null> = ['child', 'parents', 'parenting', 'family', 'network', 'context', 'care', null];

function pickKind(random: () => number): FactorKind {
  let r = random() * 100;
  for (const [kind, weight] of KIND_WEIGHTS) if ((r -= weight) < 0) return kind;
  return 'perpetuating';
}

/** Columns of the grid: about twice as wide as high, like a screen. */
export function countColumns(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n * 2)));
}

/** Builds the benchmark analysis of `n` factors and `n` links (each factor links to a near neighbour). */
export function buildBenchAnalysis(n: number, seed = 1): Analysis {
  const random = createRandom(seed);
  const columns = countColumns(n);
  const factors: Factor[] = Array.from({ length: n }, (_, i) => ({
    id: `f${i}`,
    label: `${LABELS[i % LABELS.length]!} ${i}`,
    kind: pickKind(random),
    domain: DOMAINS[Math.floor(random() * DOMAINS.length)]!,
    evidence: random() < 0.2 ? 'hypothesis' : 'observation',
    note: random() < 0.1 ? 'Een notitie bij deze factor.' : '',
    position: { x: (i % columns) * PITCH_X, y: Math.floor(i / columns) * PITCH_Y },
  }));
  const links: Link[] = [];
  for (let i = 0; i < n && n > 1; i++) {
    // A neighbour within two columns and two rows, so lines stay short and loops appear as in real diagrams.
    let to = i;
    for (let tries = 0; (to === i || to < 0 || to >= n) && tries < 20; tries++) {
      to = i + (Math.floor(random() * 5) - 2) + (Math.floor(random() * 5) - 2) * columns;
    }
    if (to === i || to < 0 || to >= n) to = (i + 1) % n;
    links.push({ id: `l${i}`, from: `f${i}`, to: `f${to}`, polarity: random() < 0.8 ? '+' : '-', note: '' });
  }
  return { title: `Benchmark ${n}`, factors, links, actors: [], loops: [] };
}
