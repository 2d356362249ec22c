/**
 * Generated fictional analyses for the layout benchmark and tests: a family of `n` factors with the mix of kinds of
 * the examples, a few vicious circles of 3–6 factors (some sharing factors), triggers and vulnerabilities feeding
 * them, the circles feeding the concerns, strengths pushing against them. Deterministic per seed.
 */
import type { Analysis, Factor, FactorKind, Link } from '../model/types.ts';
import { seededRandom } from '../random.ts';

const WORDS = ['geld', 'stress', 'slaap', 'school', 'contact', 'post', 'werk', 'huis', 'zorgen', 'afspraken', 'vertrouwen', 'hulp'];

/** A generated analysis of `n` factors (at least 8). */
export function generateFamily(seed: number, n: number): Pick<Analysis, 'factors' | 'links' | 'loops'> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const count = (share: number) => Math.max(1, Math.round(n * share));
  const kinds: FactorKind[] = [
    ...Array<FactorKind>(count(0.05)).fill('predisposing'),
    ...Array<FactorKind>(count(0.07)).fill('precipitating'),
    ...Array<FactorKind>(count(0.06)).fill('problem'),
    ...Array<FactorKind>(count(0.18)).fill('protective'),
  ];
  while (kinds.length < n) kinds.push(random() < 0.55 ? 'perpetuating' : 'aggravating');
  const factors: Factor[] = kinds.slice(0, n).map((kind, i) => ({
    id: `g${i + 1}`,
    label: Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(WORDS)).join(' '),
    kind,
    domain: null,
    evidence: 'observation',
    note: '',
    position: { x: 0, y: i * 100 },
  }));
  const of = (k: FactorKind) => factors.filter((f) => f.kind === k).map((f) => f.id);
  const middle = [...of('perpetuating'), ...of('aggravating')];
  const links: Link[] = [];
  const has = new Set<string>();
  const link = (from: string, to: string, polarity: '+' | '-' = '+') => {
    if (from === to || has.has(`${from}>${to}`)) return;
    has.add(`${from}>${to}`);
    links.push({ id: `k${links.length + 1}`, from, to, polarity, note: '' });
  };
  // Circles: each starts at a factor of an earlier circle now and then, so some share factors.
  const circles = Math.max(1, Math.round(middle.length / 5));
  let used: string[] = [];
  for (let c = 0; c < circles; c++) {
    const length = 3 + Math.floor(random() * 4);
    const members: string[] = [];
    if (used.length > 0 && random() < 0.5) members.push(pick(used));
    while (members.length < length) {
      const candidate = pick(middle);
      if (!members.includes(candidate)) members.push(candidate);
    }
    members.forEach((m, i) => link(m, members[(i + 1) % members.length]!));
    used = [...new Set([...used, ...members])];
  }
  for (const id of [...of('predisposing'), ...of('precipitating')]) link(id, pick(middle));
  for (const id of of('problem')) {
    link(pick(middle), id);
    if (random() < 0.5) link(id, pick(middle));
  }
  for (const id of of('protective')) link(id, pick(middle), '-');
  for (const id of middle) if (!links.some((l) => l.from === id || l.to === id)) link(id, pick(middle));
  return { factors, links, loops: [] };
}
