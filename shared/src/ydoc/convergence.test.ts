/**
 * Convergence: several replicas, seeded random edits, random delivery order and disconnects; once every update
 * has arrived, all replicas must read the same analysis. A failure prints its seed; rerun with that seed alone.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EVIDENCE_KINDS, FACTOR_KINDS, LIFE_DOMAINS, POLARITIES } from '../model/types.ts';
import { parseAnalysisFile, toAnalysisFile } from '../schema/parseAnalysisFile.ts';
import type { Analysis } from '../model/types.ts';
import {
  addActor,
  addFactor,
  addLink,
  insertAnalysis,
  moveFactors,
  removeActors,
  replaceAnalysis,
  setActorFactors,
  updateActor,
  removeFactors,
  removeLinks,
  setLoopName,
  setTitle,
  updateFactors,
  updateLinks,
} from './commands.ts';
import { readActorFactorIds } from '../model/actor.ts';
import { readAnalysis } from './read.ts';
import { getMaps } from './shape.ts';
import { seededRandom as mulberry32 } from '../random.ts';

interface Random {
  next(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T | undefined;
  chance(p: number): boolean;
}

function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => (items.length ? items[Math.floor(next() * items.length)] : undefined),
    chance: (p) => next() < p,
  };
}

const REMOTE = 'remote';
const REPLICAS = 3;

/** A mesh of replicas; each local update is queued once per other replica and delivered later, in any order. */
function createNetwork(seed: number) {
  const docs = Array.from({ length: REPLICAS }, (_, i) => {
    const doc = new Y.Doc();
    // Fixed client ids make the run (including Yjs' conflict resolution) a function of the seed alone.
    doc.clientID = seed * REPLICAS + i + 1;
    return doc;
  });
  // queues[from][to]: updates made by `from` that `to` has not received yet.
  const queues = docs.map(() => docs.map(() => [] as Uint8Array[]));
  const offline = docs.map(() => false);
  docs.forEach((doc, from) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      for (let to = 0; to < docs.length; to++) if (to !== from) queues[from]![to]!.push(update);
    });
  });

  /** Delivers one queued update between two online replicas, picked at random; false when none can move. */
  function deliverOne(random: Random): boolean {
    const ready: Array<[number, number]> = [];
    for (let from = 0; from < docs.length; from++) {
      for (let to = 0; to < docs.length; to++) {
        if (queues[from]![to]!.length && !offline[from] && !offline[to]) ready.push([from, to]);
      }
    }
    const pair = random.pick(ready);
    if (!pair) return false;
    const queue = queues[pair[0]]![pair[1]]!;
    const [update] = queue.splice(random.int(queue.length), 1);
    Y.applyUpdate(docs[pair[1]]!, update!, REMOTE);
    return true;
  }

  return { docs, queues, offline, deliverOne };
}

/** Ties made (actor id, factor id), minus any pair someone untied: each must still hold wherever both ends exist. */
type TieLedger = Set<string>;
const tieKey = (actor: string, factor: string) => `${actor}\u0000${factor}`;

/** A small analysis to insert or to replace with; ids are unique per call so nothing old is named again. */
function smallAnalysis(tag: string): Analysis {
  const f = (n: number) => ({
    id: `${tag}f${n}`,
    label: `Ingevoegd ${tag} ${n}`,
    kind: 'perpetuating' as const,
    domain: null,
    evidence: 'observation' as const,
    note: '',
    position: { x: n * 200, y: 0 },
  });
  return {
    title: `Vervangen ${tag}`,
    factors: [f(1), f(2)],
    links: [{ id: `${tag}l1`, from: `${tag}f1`, to: `${tag}f2`, polarity: '+', note: '' }],
    actors: [{ id: `${tag}a1`, name: 'Vader', role: 'parent', factors: [`${tag}f1`] }],
    loops: [],
  };
}

/** Makes one random edit on `doc`, through the same commands the app uses. */
function editAtRandom(doc: Y.Doc, random: Random, nextId: () => string, ties: TieLedger = new Set()): void {
  const maps = getMaps(doc);
  const factorIds = [...maps.factors.keys()];
  const linkIds = [...maps.links.keys()];
  const actorIds = [...maps.actors.keys()];
  const origin = { client: doc.clientID };
  const anyFactor = () => random.pick(factorIds) ?? 'none';
  const anyActor = () => random.pick(actorIds) ?? 'none';
  switch (random.int(15)) {
    case 0:
    case 1:
      addFactor(
        doc,
        origin,
        { label: `Factor ${random.int(100)}`, kind: random.pick(FACTOR_KINDS), position: { x: random.int(1000), y: random.int(1000) } },
        `f${nextId()}`,
      );
      return;
    case 2:
      updateFactors(doc, origin, [anyFactor()], {
        label: random.chance(0.5) ? `Label ${random.int(100)}` : undefined,
        kind: random.chance(0.5) ? random.pick(FACTOR_KINDS) : undefined,
        domain: random.chance(0.3) ? (random.pick(LIFE_DOMAINS) ?? null) : undefined,
        evidence: random.chance(0.3) ? random.pick(EVIDENCE_KINDS) : undefined,
        note: random.chance(0.2) ? `Notitie ${random.int(10)}` : undefined,
      });
      return;
    case 3:
      moveFactors(doc, origin, [{ id: anyFactor(), position: { x: random.next() * 1000, y: random.next() * 1000 } }]);
      return;
    case 4:
      removeFactors(doc, origin, [anyFactor()]);
      return;
    case 5:
    case 6:
      // No id given: the pair is the link's identity, as in the app.
      addLink(doc, origin, { from: anyFactor(), to: anyFactor(), polarity: random.pick(POLARITIES) });
      return;
    case 7:
      if (random.chance(0.5)) removeLinks(doc, origin, [random.pick(linkIds) ?? 'none']);
      else updateLinks(doc, origin, [random.pick(linkIds) ?? 'none'], { polarity: random.pick(POLARITIES), note: `n${random.int(5)}` });
      return;
    case 8:
      setTitle(doc, origin, `Titel ${random.int(1000)}`);
      return;
    case 9: {
      const links = linkIds.filter(() => random.chance(0.3)).slice(0, 3);
      if (links.length) setLoopName(doc, origin, links, random.chance(0.2) ? '' : `Lus ${random.int(10)}`);
      return;
    }
    case 10:
      if (actorIds.length < 3 || random.chance(0.3))
        addActor(doc, origin, { name: `Persoon ${random.int(20)}`, role: 'network' }, `a${nextId()}`);
      else if (random.chance(0.2)) removeActors(doc, origin, [anyActor()]);
      else updateActor(doc, origin, anyActor(), { name: `Naam ${random.int(20)}` });
      return;
    case 11:
    case 12: {
      const actor = anyActor();
      const factors = factorIds.filter(() => random.chance(0.3)).slice(0, 2);
      const tied = random.chance(0.8);
      const before = new Set(readActorFactorIds((maps.actors.get(actor) as Y.Map<unknown> | undefined)?.get('factors')));
      setActorFactors(doc, origin, actor, factors, tied);
      // The ledger holds what this replica changed: a tie it saw already made is no new claim (a concurrent untie
      // of that earlier tie rightly removes it), and an untie of a pair it never saw tied removes no one's tie.
      for (const factor of factors) {
        if (tied && !before.has(factor)) ties.add(tieKey(actor, factor));
        if (!tied && before.has(factor)) ties.delete(tieKey(actor, factor));
      }
      return;
    }
    case 13:
      insertAnalysis(doc, origin, smallAnalysis(`i${nextId()}`), { x: random.int(500), y: random.int(500) });
      return;
    case 14:
      // Rare: "vervangen" wipes what was there, ties included; the new content has ids of its own.
      if (random.chance(0.1)) replaceAnalysis(doc, origin, smallAnalysis(`r${nextId()}`));
      return;
  }
}

/** Types into a label or a note as `doc` sees it: a word put in, or a few letters taken out, at some place. */
function typeAtRandom(doc: Y.Doc, random: Random): void {
  const factors = readAnalysis(doc).factors;
  const factor = random.pick(factors);
  if (!factor) return;
  const field = random.chance(0.5) ? 'label' : 'note';
  const text = factor[field];
  const at = random.int(text.length + 1);
  const next = random.chance(0.7) ? `${text.slice(0, at)} w${random.int(100)}${text.slice(at)}` : text.slice(0, at) + text.slice(at + 3);
  updateFactors(doc, { client: doc.clientID }, [factor.id], { [field]: next });
}

/** The ties of the ledger whose actor and factor both still exist but which are not there (lost updates). */
function lostTies(analysis: Analysis, ties: TieLedger): string[] {
  const factors = new Set(analysis.factors.map((f) => f.id));
  const tied = new Set(analysis.actors.flatMap((a) => a.factors.map((f) => tieKey(a.id, f))));
  const actors = new Set(analysis.actors.map((a) => a.id));
  return [...ties].filter((key) => {
    const [actor, factor] = key.split('\u0000') as [string, string];
    return actors.has(actor) && factors.has(factor) && !tied.has(key);
  });
}

/** One seeded run: random edits on random replicas, random partial delivery and disconnects, then full delivery. */
function runSeed(seed: number, rounds: number, typing = false) {
  const random = createRandom(seed);
  const net = createNetwork(seed);
  let counter = 0;
  const nextId = () => `${seed}-${counter++}`;
  const ties: TieLedger = new Set();

  for (let round = 0; round < rounds; round++) {
    if (random.chance(0.08)) {
      const i = random.int(REPLICAS);
      net.offline[i] = !net.offline[i];
    }
    if (typing && random.chance(0.4)) typeAtRandom(net.docs[random.int(REPLICAS)]!, random);
    else if (random.chance(0.65)) editAtRandom(net.docs[random.int(REPLICAS)]!, random, nextId, ties);
    else for (let n = random.int(6); n > 0 && net.deliverOne(random); n--);
  }

  net.offline.fill(false);
  while (net.deliverOne(random));
  return { ...net, ties };
}

const SEEDS = Array.from({ length: 50 }, (_, i) => i + 1);

describe('convergence of three replicas', () => {
  it.each(SEEDS)('seed %i: all replicas read the same analysis once every update has arrived', (seed) => {
    const { docs, queues } = runSeed(seed, 200);
    expect(
      queues.flat().every((q) => q.length === 0),
      `seed ${seed}: undelivered updates`,
    ).toBe(true);
    const [first, ...others] = docs.map((doc) => readAnalysis(doc));
    const [firstVector, ...otherVectors] = docs.map((doc) => Y.encodeStateVector(doc));
    others.forEach((analysis, i) => {
      expect(analysis, `seed ${seed}: replica ${i + 1} differs from replica 0`).toEqual(first);
      expect(otherVectors[i], `seed ${seed}: state vector of replica ${i + 1}`).toEqual(firstVector);
    });
  });

  it.each(SEEDS)('seed %i: no tie of a person to a factor is lost to a concurrent edit, and the saved file opens', (seed) => {
    const { docs, ties } = runSeed(seed, 200);
    const analysis = readAnalysis(docs[0]!);
    expect(lostTies(analysis, ties), `seed ${seed}: ties lost`).toEqual([]);
    const pairs = analysis.links.map((l) => `${l.from}>${l.to}`);
    expect(new Set(pairs).size, `seed ${seed}: two links between the same factors`).toBe(pairs.length);
    const reopened = parseAnalysisFile(toAnalysisFile(analysis));
    expect(reopened.ok && reopened.value, `seed ${seed}: the saved file does not open`).toEqual(analysis);
  });

  it.each(SEEDS)('seed %i, with people typing in the same labels and notes: all replicas read the same, the file opens', (seed) => {
    const { docs } = runSeed(seed, 200, true);
    const [first, ...others] = docs.map((doc) => readAnalysis(doc));
    others.forEach((analysis, i) => expect(analysis, `seed ${seed}: replica ${i + 1} differs from replica 0`).toEqual(first));
    const reopened = parseAnalysisFile(toAnalysisFile(first!));
    expect(reopened.ok && reopened.value, `seed ${seed}: the saved file does not open`).toEqual(first);
  });

  it('does real work: the runs end with content, and replicas differed along the way', () => {
    const { docs } = runSeed(7, 200);
    const analysis = readAnalysis(docs[0]!);
    expect(analysis.factors.length).toBeGreaterThan(0);
    expect(analysis.links.length).toBeGreaterThan(0);
    expect(analysis.title).not.toBe('');

    // With delivery held back halfway, the replicas have not converged yet.
    const random = createRandom(7);
    const net = createNetwork(1000);
    for (let i = 0; i < 30; i++) editAtRandom(net.docs[i % REPLICAS]!, random, () => `x${i}`);
    expect(readAnalysis(net.docs[0]!)).not.toEqual(readAnalysis(net.docs[1]!));
  });
});
