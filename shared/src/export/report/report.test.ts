import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analysePatterns, type Patterns } from '../../graph/patterns.ts';
import type { Loop } from '../../graph/loops.ts';
import { loopTarget } from '../../model/comment.ts';
import type { Analysis, Comment, StanceMark } from '../../model/types.ts';
import { readExamples, readTtfFonts, tinyAnalysis } from '../../testing/export.ts';
import { readPdfText, squeeze } from '../../testing/pdfText.ts';
import { PAPER_SIZES } from '../paper.ts';
import { REPORT_WORDS } from '../reportWords.ts';
import { WORDS } from '../words.ts';
import { MIN_TEXT_PT, layoutReport } from './reportPages.ts';
import { renderReportPdf } from './reportPdf.ts';
import { REPORT_SECTIONS, chooseListedLoops } from './reportSections.ts';
import { reportLayoutSvg, reportPageSvgs } from './reportSvg.ts';

const fonts = readTtfFonts();
const AT = new Date('2026-03-12T13:05:00Z');
const MEDIUM = readExamples().find((e) => e.name === 'medium.samenzicht.json')!.analysis;

/** Comments of a test analysis: a thread with a reply, one done, one on a link, one on a loop, one on a gone factor. */
function testComments(loop: Loop): Comment[] {
  const base = { author: 'Ingrid', actor: 'a4', replyTo: null, resolved: false } as const;
  return [
    { ...base, id: 'c1', on: 'f1', at: '2026-03-10T09:30:00Z', text: 'Dit speelde al voor de verhuizing.' },
    {
      ...base,
      id: 'c2',
      on: 'f1',
      at: '2026-03-10T10:00:00Z',
      text: 'Ja, al sinds de scheiding.',
      author: 'Moeder',
      actor: 'a1',
      replyTo: 'c1',
    },
    { ...base, id: 'c3', on: MEDIUM.links[0]!.id, at: '2026-03-11T08:00:00Z', text: 'Klopt de richting van dit verband?', resolved: true },
    {
      id: 'c4',
      on: loopTarget(loop.links),
      at: '2026-03-11T12:15:00Z',
      text: 'Deze cirkel zagen we allebei.',
      author: 'Sam',
      replyTo: null,
      resolved: false,
    },
    { ...base, id: 'c5', on: 'f999', at: '2026-03-12T07:45:00Z', text: 'Hoort deze nog bij het gezin?' },
  ];
}

/** Stances of two people: the same on the first five factors, different on the next two, one link marked by one. */
function testStances(): StanceMark[] {
  const f = MEDIUM.factors.map((x) => x.id);
  return [
    ...f.slice(0, 7).map((on): StanceMark => ({ actor: 'a1', on, stance: 'recognise' })),
    ...f.slice(0, 5).map((on): StanceMark => ({ actor: 'a4', on, stance: 'recognise' })),
    { actor: 'a4', on: f[5]!, stance: 'doubt' },
    { actor: 'a4', on: f[6]!, stance: 'not-recognise' },
    { actor: 'a1', on: MEDIUM.links[0]!.id, stance: 'doubt' },
  ];
}

/**
 * The medium example with a note on every third factor, a name on every vicious loop it lists, two people's
 * stances and a few comments.
 */
function testAnalysis(): Analysis {
  const patterns = analysePatterns(MEDIUM);
  const named = patterns.loops.filter((l) => l.vicious).slice(0, 6);
  return {
    ...MEDIUM,
    stances: testStances(),
    comments: testComments(named[0]!),
    factors: MEDIUM.factors.map((f, i) =>
      i % 3 === 0 ? { ...f, note: `Toelichting ${i}: dit zagen we op de huisbezoeken in het voorjaar, bij de zus thuis.` } : f,
    ),
    loops: [...MEDIUM.loops, ...named.map((l, i) => ({ links: [...l.links], name: `Testkring ${i + 1}` }))],
  };
}

/** What the report must carry: every loop name, every break point's sentence, every note. */
function expectedTexts(analysis: Analysis, patterns: Patterns, language: 'nl' | 'en'): string[] {
  const words = REPORT_WORDS[language];
  const label = (id: string) => analysis.factors.find((f) => f.id === id)!.label;
  const total = patterns.loops.filter((l) => l.vicious).length;
  const linkById = new Map(analysis.links.map((l) => [l.id, l]));
  return [
    ...patterns.loops.flatMap((l) => (l.name ? [l.name] : [])),
    ...patterns.breakPoints.links.map((id) => {
      const link = linkById.get(id)!;
      return words.breakLink(label(link.from), label(link.to), patterns.linkCounts[id]!, total);
    }),
    ...patterns.breakPoints.factors.map((id) => words.breakFactor(label(id), patterns.factorCounts[id]!, total)),
    ...analysis.factors.flatMap((f) => (f.note.trim() ? [f.note.trim()] : [])),
    ...analysis.links.flatMap((l) => (l.note.trim() ? [l.note.trim()] : [])),
    ...(analysis.comments ?? []).map((c) => c.text),
    ...(analysis.stances ?? [])
      .filter((m) => m.stance !== 'recognise')
      .map((m) => words.stance(m.actor === 'a1' ? 'Moeder' : 'Gezinsvoogd', m.stance)),
  ];
}

describe('the case-file report as PDF, read back with pdf.js', () => {
  const analysis = testAnalysis();
  it.each([
    ['A4', 'nl'],
    ['A3', 'nl'],
    ['A4', 'en'],
    ['A3', 'en'],
  ] as const)(
    '%s %s: holds every loop name, break point and note; no text under 8 pt; every page marked',
    async (paper, language) => {
      // One loop search for the report and the check (a search under a time budget can find less on a busy machine).
      const patterns = analysePatterns(analysis, { timeBudgetMs: 60_000 });
      const bytes = await renderReportPdf(analysis, { paper, language, fonts, exportedAt: AT, timeZone: 'Europe/Amsterdam', patterns });
      const pages = await readPdfText(bytes);
      const all = squeeze(pages.map((p) => p.text).join(' '));
      const expected = expectedTexts(analysis, patterns, language);
      expect(expected.length).toBeGreaterThan(20);
      for (const text of expected) expect(all, text).toContain(squeeze(text));

      const sizes = pages.flatMap((p) => p.items.map((it) => it.size));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(MIN_TEXT_PT);

      const words = REPORT_WORDS[language];
      const time =
        language === 'nl' ? '12 maart 2026 om 14:05 (tijdzone Europe/Amsterdam)' : '12 March 2026 at 14:05 (time zone Europe/Amsterdam)';
      for (const [i, page] of pages.entries()) {
        expect(page.text).toContain(words.confidential);
        expect(squeeze(page.text)).toContain(squeeze(analysis.title));
        expect(squeeze(page.text)).toContain(squeeze(time));
        expect(squeeze(page.text)).toContain(squeeze(words.version(words.currentVersion)));
        expect(page.text).toContain(words.page(i + 1, pages.length));
        // Every page is the paper asked for, upright or lying.
        const { width, height } = PAPER_SIZES[paper];
        expect([Math.round(page.width), Math.round(page.height)].sort()).toEqual([Math.round(width), Math.round(height)].sort());
      }
      // The diagram comes first: its factors' labels are on the first pages, before the conclusions.
      expect(squeeze(pages[0]!.text + pages[1]!.text)).toContain(squeeze(analysis.factors[0]!.label));
    },
    60_000,
  );

  it('puts a small diagram on one page, with its text at 100 % (no part pages)', async () => {
    const report = layoutReport(tinyAnalysis(), { exportedAt: AT });
    expect(report.diagramParts).toBe(1);
    expect(report.diagramScale).toBe(1);
    const pages = await readPdfText(await renderReportPdf(tinyAnalysis(), { fonts, exportedAt: AT }));
    expect(pages[0]!.text).toContain('Steunende zus');
    expect(pages[0]!.width).toBeGreaterThan(pages[0]!.height);
    expect(pages[1]!.text).toContain(REPORT_WORDS.nl.loopsTitle);
  });

  it('splits a diagram too large for one page into parts, on A4 more than on A3, and gives an overview first', () => {
    // Without the stance marks, whose initials (11 px) are the smallest text when there are any.
    const withoutStances = { ...analysis, stances: [] };
    const a4 = layoutReport(withoutStances, { paper: 'A4', exportedAt: AT });
    const a3 = layoutReport(withoutStances, { paper: 'A3', exportedAt: AT });
    expect(a4.diagramParts).toBeGreaterThan(1);
    expect(a3.diagramParts).toBeLessThan(a4.diagramParts);
    // The parts are drawn at the smallest scale that keeps the smallest diagram text (11.52 px) at 8 pt.
    expect(a4.diagramScale * 11.52).toBeGreaterThanOrEqual(MIN_TEXT_PT);
    expect(a4.diagramScale * 11.52).toBeLessThan(MIN_TEXT_PT + 0.1);
    expect(a4.text).toContain(REPORT_WORDS.nl.diagramTiled(a4.diagramParts, 2, a4.diagramParts + 1));
  });

  it('highlights loops in the report too, numbered on the drawing and in the legend', async () => {
    const loop = analysePatterns(analysis).loops[0]!;
    const pages = await readPdfText(await renderReportPdf(analysis, { fonts, exportedAt: AT, highlightLoops: [loop] }));
    const diagramPages = pages.slice(0, layoutReport(analysis, { exportedAt: AT }).diagramParts + 1);
    expect(diagramPages.some((p) => p.items.some((it) => it.text === loop.id))).toBe(true);
    expect(squeeze(pages[0]!.text)).toContain(squeeze(`${loop.id} · ${loop.name ?? ''}`.replace(/ · $/, '')));
  });

  it('names the strengths acting on each vicious loop and the people with their factors', () => {
    const report = layoutReport(tinyAnalysis({ loops: [{ links: ['l1', 'l2'], name: 'De schuldenspiraal' }] }), { exportedAt: AT });
    expect(report.text).toContain('R1 · De schuldenspiraal: Krachten die hier al tegenin werken: Steunende zus');
    expect(report.text).toContain('Moeder (Ouder)');
    expect(report.text).toContain('Factoren: Schulden; Stress');
    expect(report.text).toContain('Schulden › Stress › weer Schulden');
  });
});

describe('the report in pieces', () => {
  it('keeps a clear list of sections, each starting with its heading', () => {
    expect(REPORT_SECTIONS.map((s) => s.id)).toEqual(['loops', 'breakPoints', 'strengths', 'notes', 'actors', 'stances', 'comments']);
    const analysis = tinyAnalysis();
    const patterns = analysePatterns(analysis);
    const context = {
      analysis,
      patterns,
      words: REPORT_WORDS.en,
      exportWords: WORDS.en,
      label: (id: string) => analysis.factors.find((f) => f.id === id)!.label,
      listedLoops: chooseListedLoops(patterns.loops),
      formatAt: (iso: string) => iso,
    };
    for (const section of REPORT_SECTIONS) expect(section.blocks(context)[0]!.kind).toBe('heading');
  });

  it('lists every named loop, then fills up to the limit, vicious first', () => {
    const patterns = analysePatterns(testAnalysis());
    const listed = chooseListedLoops(patterns.loops, 5);
    expect(listed.filter((l) => l.name)).toHaveLength(patterns.loops.filter((l) => l.name).length);
    expect(listed.length).toBeGreaterThanOrEqual(5);
    const firstOther = listed.findIndex((l) => !l.vicious);
    if (firstOther >= 0) expect(listed.slice(firstOther).every((l) => !l.vicious)).toBe(true);
  });

  it('says how many loops it left out of a large analysis', () => {
    const large = readExamples().find((e) => e.name === 'large.samenzicht.json')!.analysis;
    // One search, handed to the report: a search under a time budget may find fewer loops on a busy machine.
    const patterns = analysePatterns(large, { timeBudgetMs: 60_000 });
    const report = layoutReport(large, { exportedAt: AT, language: 'en', patterns });
    expect(patterns.loops.length).toBeGreaterThan(40);
    expect(report.text).toContain(`${patterns.loops.length - 40} more loops are not in this report`);
  });

  it('draws each page, and all pages in one tall SVG for the PNG', () => {
    const report = layoutReport(tinyAnalysis(), { exportedAt: AT });
    const pages = reportPageSvgs(report);
    expect(pages).toHaveLength(report.pages.length);
    const tall = reportLayoutSvg(report);
    expect(tall.pages).toBe(report.pages.length);
    expect(tall.height).toBeGreaterThan(report.pages.reduce((sum, p) => sum + p.height, 0));
    expect(tall.svg.match(/class="page"/g)).toHaveLength(report.pages.length);
  });

  it('has no see-through drawing: nothing is faded below print contrast', async () => {
    const loop = analysePatterns(tinyAnalysis()).loops[0]!;
    const bytes = await renderReportPdf(tinyAnalysis(), { fonts, exportedAt: AT, highlightLoops: [loop] });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(new TextDecoder('latin1').decode(bytes)).not.toMatch(/\/ca 0\.|\/CA 0\./);
  });
});

describe('who recognises what, and the comments, in the report', () => {
  const analysis = testAnalysis();
  const patterns = analysePatterns(analysis, { timeBudgetMs: 60_000 });
  const loop = patterns.loops.find((l) => l.name === 'Testkring 1')!;
  const label = (id: string) => analysis.factors.find((f) => f.id === id)!.label;
  const nl = layoutReport(analysis, { exportedAt: AT, timeZone: 'Europe/Amsterdam', patterns });
  const en = layoutReport(analysis, { exportedAt: AT, timeZone: 'Europe/Amsterdam', patterns, language: 'en' });
  const [f, link] = [MEDIUM.factors.map((x) => x.id), MEDIUM.links[0]!];

  it('says how much everyone shares, who took part, and where they differ', () => {
    expect(nl.text).toContain('Gedeeld door iedereen: 5 van 42 factoren, 0 van 73 verbanden.');
    expect(nl.text).toContain('Meegedaan: Moeder (Ouder), Gezinsvoogd (Professional).');
    expect(nl.text).toContain(`Hier verschillen we`);
    expect(nl.text).toContain(`"${label(f[5]!)}": Moeder herkent dit; Gezinsvoogd twijfelt`);
    expect(nl.text).toContain(`"${label(f[6]!)}": Moeder herkent dit; Gezinsvoogd herkent dit niet`);
    // Marked by one of the two: not shared yet, and the report says who has not said anything.
    expect(nl.text).toContain(`"${label(link.from)}" versterkt "${label(link.to)}": Moeder twijfelt; nog niets gezegd: Gezinsvoogd`);
    expect(nl.text).toContain(`Nog door niemand gemarkeerd: ${42 - 7 + 73 - 1} factoren en verbanden.`);
    expect(en.text).toContain('Shared by everyone: 5 of 42 factors, 0 of 73 connections.');
    expect(en.text).toContain(`"${label(f[6]!)}": Moeder recognises it; Gezinsvoogd does not recognise it`);
  });

  it('prints every comment with its writer, time (in the report’s time zone) and what it is about, replies under it', () => {
    const text = nl.text;
    expect(text).toContain('4 gesprekken, waarvan 3 nog open.');
    expect(text).toContain(`Bij factor "${label('f1')}"`);
    // 09:30 UTC is 10:30 in Amsterdam in March.
    expect(text).toContain('Ingrid (als Gezinsvoogd), 10 maart 2026 10:30: Dit speelde al voor de verhuizing.');
    expect(text).toContain('Reactie van Moeder (als Moeder), 10 maart 2026 11:00: Ja, al sinds de scheiding.');
    expect(text.indexOf('Dit speelde al')).toBeLessThan(text.indexOf('Ja, al sinds de scheiding'));
    expect(text).toContain(`Bij het verband: "${label(link.from)}" versterkt "${label(link.to)}"`);
    expect(text).toContain('(afgerond): Klopt de richting van dit verband?');
    expect(text).toContain(`Bij kringloop ${loop.id} · Testkring 1`);
    expect(text).toContain('Sam, 11 maart 2026 13:15: Deze cirkel zagen we allebei.');
    expect(text).toContain('Bij iets dat niet meer in de tekening staat');
    expect(en.text).toContain('Reply from Moeder (as Moeder), 10 March 2026 11:00: Ja, al sinds de scheiding.');
    expect(en.text).toContain('(done): Klopt de richting van dit verband?');
  });

  it('says so when nobody marked anything or wrote a comment', () => {
    const plain = layoutReport(tinyAnalysis(), { exportedAt: AT });
    expect(plain.text).toContain(REPORT_WORDS.nl.stancesNone);
    expect(plain.text).toContain(REPORT_WORDS.nl.commentsNone);
  });
});
