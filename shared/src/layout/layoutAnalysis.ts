/**
 * "Netjes maken" on an analysis: the loops found as the patterns panel finds them, the box sizes measured as the
 * canvas and the export draw them, the ring layout (ringLayout.ts) of all factors or of a selection. One function
 * for the Web Worker, the command line and the benchmark, so all three lay out alike.
 */
import type { Analysis, Position } from '../model/types.ts';
import { findLoops } from '../graph/loops.ts';
import { layoutBox } from '../export/boxLayout.ts';
import { WORDS, type ExportLanguage } from '../export/words.ts';
import { ringLayout, type Move, type Size } from './ringLayout.ts';

export type { Move, Size };

/** What the layout reads of an analysis: the actors only for the names a factor's box shows. */
export type LayoutAnalysisInput = Pick<Analysis, 'factors' | 'links'> & { readonly actors?: Analysis['actors'] };

export interface LayoutRequest {
  readonly analysis: LayoutAnalysisInput;
  /**
   * Sizes to use instead of the measured ones (tests). Without them every box is measured as the canvas draws it
   * (`export/boxLayout.ts`: the same text metrics, the names of the people involved included), so the editor, the
   * command line and every client lay out alike, and a size the browser has not measured yet changes nothing.
   */
  readonly sizes?: ReadonlyMap<string, Size>;
  /** Lay out only these factors (and the links between them), put back at their top-left corner. */
  readonly only?: ReadonlySet<string>;
  /** The language the kind words are measured in (default Dutch). */
  readonly language?: ExportLanguage;
  /** Told the share of the work done (0 to 1) as the layout goes; last with 1. */
  readonly onProgress?: (share: number) => void;
}

/** Loops the layout steers by: the shortest first, at most this many. */
const LAYOUT_LOOPS = 300;

/** The size of each factor's box: measured when given, else from its text as the export lays it out. */
export function boxSizes(
  analysis: Pick<Analysis, 'factors'>,
  measured?: ReadonlyMap<string, Size>,
  language: ExportLanguage = 'nl',
): Map<string, Size> {
  const words = WORDS[language];
  return new Map(
    analysis.factors.map((f) => {
      const given = measured?.get(f.id);
      if (given && given.width > 0 && given.height > 0) return [f.id, { width: Math.ceil(given.width), height: Math.ceil(given.height) }];
      const box = layoutBox(f, words, []);
      return [f.id, { width: box.width, height: box.height }];
    }),
  );
}

/** The loops of the factors in `analysis`, each as factor ids in order, shortest first; the same for every run. */
export function loopsForLayout(analysis: Pick<Analysis, 'factors' | 'links'>): string[][] {
  // No time budget that load could cut short: a cap on the number keeps it quick and the answer the same.
  const found = findLoops({ ...analysis, loops: [] }, { maxLoops: LAYOUT_LOOPS * 2, timeBudgetMs: 60_000 });
  return found.loops
    .map((l) => [...l.factors])
    .sort((a, b) => a.length - b.length || (a.join('\u0000') < b.join('\u0000') ? -1 : 1))
    .slice(0, LAYOUT_LOOPS);
}

/** Lays out the analysis (or `only` its selection); returns the new top-left corner of every factor laid out. */
export function layoutAnalysis(request: LayoutRequest): Move[] {
  const { analysis, only } = request;
  const factors = analysis.factors.filter((f) => !only || only.has(f.id));
  if (factors.length === 0) return [];
  const ids = new Set(factors.map((f) => f.id));
  const links = analysis.links.filter((l) => ids.has(l.from) && ids.has(l.to));
  const part = { factors, links };
  const sizes = boxSizes({ factors, ...(analysis.actors ? { actors: analysis.actors } : {}) }, request.sizes, request.language);
  const moves = ringLayout({
    factors,
    links,
    sizes,
    loops: loopsForLayout(part),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  });
  if (!only) return moves;
  // A selection stays where it was: its top-left corner does not move.
  const anchor: Position = { x: Math.min(...factors.map((f) => f.position.x)), y: Math.min(...factors.map((f) => f.position.y)) };
  const minX = Math.min(...moves.map((m) => m.position.x));
  const minY = Math.min(...moves.map((m) => m.position.y));
  return moves.map((m) => ({ id: m.id, position: { x: m.position.x - minX + anchor.x, y: m.position.y - minY + anchor.y } }));
}
