import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analysePatterns } from '../graph/patterns.ts';
import { layoutExport, type ExportLayout } from './layout.ts';
import { renderAnalysisSvg, type EmbeddedFontFace } from './renderSvg.ts';
import { readExamples, tinyAnalysis } from '../testing/export.ts';
import { measureText } from './textMetrics.ts';
import { BOX } from './theme.ts';
import { formatExportDate } from './words.ts';

const AT = new Date('2025-03-12T13:05:00Z');
const EXAMPLES = readExamples();

function count(svg: string, pattern: RegExp): number {
  return svg.match(pattern)?.length ?? 0;
}

/** Every text shape of every box ends inside the box's padding. */
function overflowingText(layout: ExportLayout): string[] {
  const problems: string[] = [];
  for (const box of layout.boxes) {
    const right = box.innerLeft + box.innerWidth + 0.01;
    for (const shape of box.shapes) {
      if (shape.type !== 'text') continue;
      const end = shape.x + measureText(shape.text, shape.style);
      if (end > right || shape.x < box.innerLeft - 0.01)
        problems.push(`${box.factorId}: "${shape.text}" ends at ${end}, box text ends at ${right}`);
    }
    for (const line of box.labelLines) {
      if (measureText(line, { size: 15.2, weight: 400 }) > box.innerWidth + 0.01) problems.push(`${box.factorId}: "${line}"`);
    }
  }
  return problems;
}

describe.each(EXAMPLES)('the SVG of $name', ({ analysis }) => {
  const options = { exportedAt: AT, showActors: true };
  const { svg, width, height } = renderAnalysisSvg(analysis, options);
  const layout = layoutExport(analysis, options);

  it('is well-formed XML of the stated size', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain(`width="${width}" height="${height}"`);
    expect(Number.isInteger(width) && Number.isInteger(height)).toBe(true);
  });

  it('draws every link and every factor once', () => {
    expect(count(svg, /<g class="link[^"]*" data-link-id=/g)).toBe(analysis.links.length);
    expect(count(svg, /<g class="factor[^"]*" data-factor-id=/g)).toBe(analysis.factors.length);
    for (const link of analysis.links) expect(svg).toContain(`data-link-id="${link.id}"`);
  });

  it('keeps every line of text inside its box', () => {
    expect(overflowingText(layout)).toEqual([]);
    for (const box of layout.boxes) {
      expect(box.width).toBeGreaterThanOrEqual(BOX.minWidth);
      expect(box.width).toBeLessThanOrEqual(BOX.maxWidth);
    }
  });

  it('keeps everything on the page', () => {
    for (const box of layout.boxes) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(height);
    }
  });

  it('shows the title, the time of export and the legend', () => {
    expect(svg).toContain('Gemaakt op 12 maart 2025 om 14:05');
    expect(svg).toContain('>Legenda<');
    for (const word of [
      'Zorgpunt',
      'Achtergrond',
      'Aanleiding',
      'Houdt het in stand',
      'Maakt het erger',
      'Kracht',
      'versterkt',
      'vermindert',
    ]) {
      expect(svg).toContain(`>${word}<`);
    }
  });
});

describe('renderAnalysisSvg', () => {
  it('escapes every text and drops characters XML forbids', () => {
    const analysis = tinyAnalysis({ title: 'A <b>&"\'\u0001</b>' });
    const factors = analysis.factors.map((f, i) =>
      i === 0 ? { ...f, id: 'x"><script>', label: '<script>alert(1)</script> & \u0007' } : f,
    );
    const links = analysis.links.map((l) =>
      l.from === 'a' ? { ...l, from: 'x"><script>' } : l.to === 'a' ? { ...l, to: 'x"><script>' } : l,
    );
    const { svg } = renderAnalysisSvg({ ...analysis, factors, links, actors: [] }, { exportedAt: AT });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('data-factor-id="x&quot;&gt;&lt;script&gt;"');
  });

  it('writes the header and legend in English when asked', () => {
    const { svg } = renderAnalysisSvg(tinyAnalysis(), { exportedAt: AT, language: 'en' });
    expect(svg).toContain('Made on 12 March 2025 at 14:05');
    expect(svg).toContain('>Legend<');
    expect(svg).toContain('>Keeps it going<');
    expect(svg).toContain('lang="en"');
  });

  it('prints the names of the people involved only when asked', () => {
    expect(renderAnalysisSvg(tinyAnalysis(), { exportedAt: AT }).svg).not.toContain('>Moeder<');
    expect(renderAnalysisSvg(tinyAnalysis(), { exportedAt: AT, showActors: true }).svg).toContain('>Moeder<');
  });

  it('draws the links of highlighted loops thicker and the rest quieter, never see-through', () => {
    const analysis = tinyAnalysis();
    const loop = analysePatterns(analysis).loops[0]!;
    const layout = layoutExport(analysis, { exportedAt: AT, highlightLoops: [loop] });
    expect(
      layout.links
        .filter((l) => l.highlighted)
        .map((l) => l.linkId)
        .sort(),
    ).toEqual(['l1', 'l2']);
    expect(layout.links.find((l) => l.linkId === 'l3')!.faded).toBe(true);
    expect(layout.boxes.find((b) => b.factorId === 'c')!.faded).toBe(true);
    expect(layout.boxes.find((b) => b.factorId === 'a')!.faded).toBe(false);
    const { svg } = renderAnalysisSvg(analysis, { exportedAt: AT, highlightLoops: [loop] });
    expect(svg).toMatch(/class="link link--plus link--highlighted" data-link-id="l1"/);
    expect(svg).toMatch(/class="link link--minus link--quiet" data-link-id="l3"/);
    expect(svg).not.toContain('opacity');
    expect(svg).toContain(`>${loop.id} · versterkend<`);
  });

  it('draws two opposite links side by side, not on top of each other', () => {
    const layout = layoutExport(tinyAnalysis(), { exportedAt: AT });
    const [l1, l2] = ['l1', 'l2'].map((id) => layout.links.find((l) => l.linkId === id)!.segments[0]!);
    expect(Math.abs(l1!.y1 - l2!.y2)).toBeGreaterThan(15);
  });

  it('moves a polarity mark that a box would hide along its line', () => {
    const analysis = tinyAnalysis({
      factors: [
        { id: 'a', label: 'A', kind: 'problem', domain: null, evidence: 'observation', note: '', position: { x: 0, y: 0 } },
        { id: 'm', label: 'In de weg', kind: 'problem', domain: null, evidence: 'observation', note: '', position: { x: 560, y: 0 } },
        { id: 'b', label: 'B', kind: 'problem', domain: null, evidence: 'observation', note: '', position: { x: 840, y: 0 } },
      ],
      links: [{ id: 'l', from: 'a', to: 'b', polarity: '-', note: '' }],
      actors: [],
    });
    const layout = layoutExport(analysis, { exportedAt: AT });
    const mark = layout.links[0]!.mark;
    const m = layout.boxes.find((b) => b.factorId === 'm')!;
    expect(mark.x < m.x - 12 || mark.x > m.x + m.width + 12).toBe(true);
  });

  it('draws a factor that influences itself', () => {
    const analysis = tinyAnalysis({ links: [{ id: 'self', from: 'a', to: 'a', polarity: '+', note: '' }] });
    const layout = layoutExport(analysis, { exportedAt: AT });
    expect(layout.links[0]!.segments).toHaveLength(3);
    expect(XMLValidator.validate(renderAnalysisSvg(analysis, { exportedAt: AT }).svg)).toBe(true);
  });

  it('renders an empty analysis', () => {
    const { svg } = renderAnalysisSvg({ title: '', factors: [], links: [], actors: [], loops: [] }, { exportedAt: AT });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('>Naamloze analyse<');
  });

  it('embeds only the font subsets whose characters it uses', () => {
    const face = (weight: 400 | 700, range: string, byte: number): EmbeddedFontFace => ({
      weight,
      format: 'woff2',
      data: new Uint8Array([byte, byte, byte]),
      unicodeRange: range,
    });
    const faces = [face(400, 'U+0000-00FF', 1), face(700, 'U+0000-00FF', 2), face(400, 'U+0100-024F', 3)];
    const plain = renderAnalysisSvg(tinyAnalysis(), { exportedAt: AT, fontFaces: faces }).svg;
    expect(count(plain, /@font-face/g)).toBe(2);
    expect(plain).toContain("font-family:'Atkinson Hyperlegible'");
    expect(plain).toContain('src:url(data:font/woff2;base64,AQEB)');
    const turkish = renderAnalysisSvg(tinyAnalysis({ title: 'Gezin Şahin' }), { exportedAt: AT, fontFaces: faces }).svg;
    expect(count(turkish, /@font-face/g)).toBe(3);
    expect(XMLValidator.validate(turkish)).toBe(true);
  });
});

describe('formatExportDate', () => {
  it('gives the date and time in Dutch time, winter and summer', () => {
    expect(formatExportDate(new Date('2025-03-12T13:05:00Z'), 'nl')).toEqual({ date: '12 maart 2025', time: '14:05' });
    expect(formatExportDate(new Date('2025-07-01T22:30:00Z'), 'nl')).toEqual({ date: '2 juli 2025', time: '00:30' });
    expect(formatExportDate(new Date('2025-07-01T22:30:00Z'), 'en', 'UTC')).toEqual({ date: '1 July 2025', time: '22:30' });
  });
});
