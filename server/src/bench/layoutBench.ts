/**
 * Benchmark of "Netjes maken": layout quality and time, ours (shared/src/layout, the ring layout the editor's Web
 * Worker and `npm run layout` run) against ELK's layered layout (elkjs, the layout before issue 15) on the examples
 * and on generated families. Quality is measured on what the canvas draws (shared/src/layout/quality.ts): factor
 * overlaps, link crossings, links through a factor they do not touch, +/− marks under a factor or another mark,
 * loops that form a simple polygon in loop order (of the shortest 300), aspect ratio, and the label size when the
 * whole diagram is fitted to 1920 × 1080. Also: factors moved when laying out twice (must be 0) and after a small
 * edit (one factor added with one link). Run: `npm run bench -- --only layout`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Analysis } from '@samenzicht/shared/model/types';
import { parseAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { buildLayoutGraph, readLayoutResult } from '@samenzicht/shared/graph/layoutPlan';
import { boxSizes, layoutAnalysis, loopsForLayout, type Move } from '@samenzicht/shared/layout/layoutAnalysis';
import { measureLayout, type LayoutQuality } from '@samenzicht/shared/layout/quality';
import { brokenRingsBound } from '@samenzicht/shared/layout/ringObstruction';
import { generateFamily } from '@samenzicht/shared/testing/layoutGraphs';

type Graph = Pick<Analysis, 'factors' | 'links' | 'loops'> & { readonly actors?: Analysis['actors'] };

const RUNS = 3;

function example(name: string): Graph {
  const file = JSON.parse(readFileSync(fileURLToPath(new URL(`../../../examples/${name}.samenzicht.json`, import.meta.url)), 'utf8'));
  const parsed = parseAnalysisFile(file);
  if (!parsed.ok) throw new Error(`examples/${name} does not parse`);
  return parsed.value;
}

const DIAGRAMS: ReadonlyArray<{ name: string; graph: Graph }> = [
  { name: 'small (9 factors, two vicious circles)', graph: example('small') },
  { name: 'medium', graph: example('medium') },
  { name: 'large', graph: example('large') },
  { name: 'generated, seed 1', graph: generateFamily(1, 12) },
  { name: 'generated, seed 2', graph: generateFamily(2, 20) },
  { name: 'generated, seed 3', graph: generateFamily(3, 30) },
  { name: 'generated, seed 4', graph: generateFamily(4, 60) },
];

function withPositions(graph: Graph, moves: readonly Move[]): Graph {
  const at = new Map(moves.map((m) => [m.id, m.position]));
  return { ...graph, factors: graph.factors.map((f) => ({ ...f, position: at.get(f.id) ?? f.position })) };
}

function quality(graph: Graph, moves: readonly Move[], loops: readonly (readonly string[])[]): LayoutQuality {
  const sizes = boxSizes(graph);
  const boxes = new Map(moves.map((m) => [m.id, { ...m.position, ...sizes.get(m.id)! }]));
  return measureLayout(graph.links, boxes, loops);
}

function moved(before: Graph, moves: readonly Move[]): number {
  const at = new Map(before.factors.map((f) => [f.id, f.position]));
  return moves.filter((m) => {
    const p = at.get(m.id);
    return !p || p.x !== m.position.x || p.y !== m.position.y;
  }).length;
}

/** One factor added, linked to the first factor that keeps things going; laid out again from the laid-out positions. */
function smallEdit(laidOut: Graph): Graph {
  const target = laidOut.factors.find((f) => f.kind === 'perpetuating') ?? laidOut.factors[0]!;
  return {
    ...laidOut,
    factors: [...laidOut.factors, { ...target, id: 'bench-new', label: 'Nieuwe factor', kind: 'aggravating', position: { x: 0, y: -300 } }],
    links: [...laidOut.links, { id: 'bench-new-link', from: 'bench-new', to: target.id, polarity: '+', note: '' }],
  };
}

/**
 * How many loops each diagram could show as rings at most, whatever the layout: a proof, not a search
 * (ringObstruction.ts). Sets of loops with no loop in common that cannot all be rings each cost one loop.
 */
function ringLimits(): string {
  const parts = DIAGRAMS.map(({ name, graph }) => {
    const loops = loopsForLayout(graph);
    const bound = brokenRingsBound(loops);
    const sets = bound.obstructions.map((o) => o.length).join(', ');
    const why =
      bound.obstructions.length === 0
        ? ''
        : ` (${bound.obstructions.length} such set${bound.obstructions.length === 1 ? '' : 's'}, of ${sets} loops)`;
    return `${name.replace(/ \(.*\)$/, '')}: at most ${loops.length - bound.atLeastBroken} of ${loops.length}${why}`;
  });
  const medium = brokenRingsBound(loopsForLayout(DIAGRAMS.find((d) => d.name === 'medium')!.graph));
  return [
    `How many loops can be rings at all, whatever the layout (a proof by the strong Hanani–Tutte theorem,`,
    `\`shared/src/layout/ringObstruction.ts\`: when no drawing can make every two independent sides that share a loop cross`,
    `an even number of times, those loops cannot all be simple polygons; sets of loops with no loop in common each cost one):`,
    `${parts.join('; ')}.`,
    `The medium example's sets: ${medium.obstructions.map((o) => o.map((l) => l.join('→')).join('; ')).join(' — and — ')}.`,
  ].join(' ');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function row(name: string, engine: string, q: LayoutQuality, ms: number, extra: string): string {
  const rings = `${q.loopsAsRings}/${q.loops}`;
  return `| ${name} | ${engine} | ${q.overlaps} | ${q.crossings} | ${q.linksThroughFactors} | ${q.markClashes} | ${rings} | ${q.aspect.toFixed(2)} | ${q.labelPx.toFixed(1)} | ${ms.toFixed(0)} | ${extra} |`;
}

async function main(): Promise<void> {
  const elk = new ELK();
  const lines: string[] = [];
  lines.push(`## Layout ("Netjes maken"): ours against ELK layered\n`);
  lines.push(
    `Label px: the size a factor label (15.2 px at zoom 1) is drawn at when the whole diagram is fitted to 1920 × 1080 (readable from 16; the goal for up to 30 factors). Rings: loops (the shortest 300) whose factors, joined in loop order, form a simple polygon. Time: median of ${RUNS} runs in Node (one run above 60 factors), on a shared 2-core machine. Moved: factors that move when laying out twice / after adding one factor with one link.\n`,
  );
  lines.push(
    `| Diagram | Layout | Overlaps | Crossings | Links through factors | Marks under factor or mark | Loops as rings | Aspect | Label px at 1920 × 1080 | Time (ms) | Moved: twice / small edit |`,
  );
  lines.push(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
  const totals = { ours: { crossings: 0, through: 0 }, elk: { crossings: 0, through: 0 } };
  for (const { name, graph } of DIAGRAMS) {
    const loops = loopsForLayout(graph);
    const label = `${name}: ${graph.factors.length} factors, ${graph.links.length} links`;
    const times: number[] = [];
    let ours: Move[] = [];
    for (let i = 0; i < (graph.factors.length > 60 ? 1 : RUNS); i++) {
      const started = performance.now();
      ours = layoutAnalysis({ analysis: graph });
      times.push(performance.now() - started);
    }
    const laidOut = withPositions(graph, ours);
    const twice = moved(laidOut, layoutAnalysis({ analysis: laidOut }));
    const edited = smallEdit(laidOut);
    const afterEdit = moved(edited, layoutAnalysis({ analysis: edited })) - 1;
    const qOurs = quality(graph, ours, loops);
    const elkTimes: number[] = [];
    let elkMoves: Move[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      elkMoves = readLayoutResult(await elk.layout(buildLayoutGraph({ analysis: graph, sizes: boxSizes(graph) })));
      elkTimes.push(performance.now() - started);
    }
    const qElk = quality(graph, elkMoves, loops);
    totals.ours.crossings += qOurs.crossings;
    totals.ours.through += qOurs.linksThroughFactors;
    totals.elk.crossings += qElk.crossings;
    totals.elk.through += qElk.linksThroughFactors;
    lines.push(row(label, '**ours**', qOurs, median(times), `${twice} / ${afterEdit} of ${graph.factors.length}`));
    lines.push(row(label, 'ELK layered', qElk, median(elkTimes), '—'));
  }
  lines.push('');
  lines.push(
    `All diagrams together: crossings ${totals.ours.crossings} (ours) against ${totals.elk.crossings} (ELK); links through factors ${totals.ours.through} against ${totals.elk.through}.`,
  );
  lines.push('');
  lines.push(ringLimits());
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
