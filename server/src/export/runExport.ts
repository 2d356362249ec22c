/**
 * One export, start to end, as the worker runs it: the analysis (rebuilt from stored bytes when nobody has it
 * open), the loops to highlight, then the SVG, PDF or PNG. Pure of threads, so it can be tested in-process.
 */
import { analysePatterns } from '@samenzicht/shared/graph/patterns';
import type { HighlightLoop } from '@samenzicht/shared/export/layout';
import { renderAnalysisPdf } from '@samenzicht/shared/export/renderPdf';
import { renderAnalysisSvg } from '@samenzicht/shared/export/renderSvg';
import { renderReportPdf } from '@samenzicht/shared/export/report/reportPdf';
import type { Analysis } from '@samenzicht/shared/model/types';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { restoreDoc } from '../restoreDoc.ts';
import { loadExportFonts } from './exportFonts.ts';
import type { AnalysisSource, ExportJob, ExportOutcome } from './jobs.ts';
import { renderAnalysisPng, renderReportPng } from './renderPng.ts';

/** The loop search may take a little longer here than in the editor; the job's time budget bounds it anyway. */
const LOOP_LIMITS = { maxLoops: 10_000, timeBudgetMs: 2_000 } as const;

/** The loops named by `ids` (R1, B2, …), or null when one of them does not exist. */
export function findHighlightLoops(analysis: Analysis, ids: readonly string[]): HighlightLoop[] | null {
  if (ids.length === 0) return [];
  const byId = new Map(analysePatterns(analysis, LOOP_LIMITS).loops.map((l) => [l.id, l]));
  const loops: HighlightLoop[] = [];
  for (const id of ids) {
    const loop = byId.get(id);
    if (!loop) return null;
    loops.push({ links: loop.links, id: loop.id, type: loop.type, ...(loop.name ? { name: loop.name } : {}) });
  }
  return loops;
}

function readSource(source: AnalysisSource): { analysis: Analysis; skipped: number } {
  if (source.kind === 'analysis') return { analysis: source.analysis, skipped: 0 };
  const { doc, skipped } = restoreDoc(source.stored);
  try {
    return { analysis: readAnalysis(doc), skipped };
  } finally {
    doc.destroy();
  }
}

/** Renders the export asked for by `job`. */
export async function runExport(job: ExportJob): Promise<ExportOutcome> {
  const { analysis, skipped } = readSource(job.source);
  const { query } = job;
  const loops = findHighlightLoops(analysis, query.loops);
  if (loops === null) return { ok: false, reason: 'badLoops' };
  const options = {
    language: query.language,
    exportedAt: job.exportedAt,
    showActors: query.actors,
    stances: query.stances,
    highlightLoops: loops,
  };
  const fonts = await loadExportFonts();
  const done = (body: Uint8Array, scaledTo: number | null = null): ExportOutcome => ({
    ok: true,
    body,
    title: analysis.title,
    scaledTo,
    skipped,
  });
  if (query.report) {
    // The server's own time zone, printed on every page (the dossier says when and where-in-time it was made).
    const report = { ...options, paper: query.paper };
    switch (job.format) {
      case 'pdf':
        return done(await renderReportPdf(analysis, { ...report, fonts: fonts.ttf }));
      case 'png': {
        const png = await renderReportPng(analysis, { ...report, scale: query.scale });
        return done(png.png, png.scaled ? png.scale : null);
      }
      case 'svg':
        return { ok: false, reason: 'badReport' };
    }
  }
  switch (job.format) {
    case 'svg':
      return done(new TextEncoder().encode(renderAnalysisSvg(analysis, { ...options, fontFaces: fonts.webFaces }).svg));
    case 'png': {
      const png = await renderAnalysisPng(analysis, { ...options, scale: query.scale });
      return done(png.png, png.scaled ? png.scale : null);
    }
    case 'pdf':
      return done(await renderAnalysisPdf(analysis, { ...options, paper: query.paper, fonts: fonts.ttf }));
  }
}
