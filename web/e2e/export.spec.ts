/**
 * Exporting in real Chromium, under the app's CSP: the PNG (size, link pixels, the analysis it carries, and opening
 * it again in another browser context), SVG and PDF, the notice when a PNG is scaled down, and a PNG that carries
 * no analysis.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { PNG_LIMITS } from '@samenzicht/shared/export/canvasLimits';
import { layoutExport } from '@samenzicht/shared/export/layout';
import { extractAnalysisFromPng } from '@samenzicht/shared/export/pngText';
import { parseAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { useSession } from './fixture.ts';
import { ROOT, openAnalysis, type CreatedAnalysis } from './harness.ts';
import { checkLinkPixels } from '@samenzicht/shared/testing/pngPixels';
import { readPdfText, squeeze } from '@samenzicht/shared/testing/pdfText';

const example = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, `examples/${name}.samenzicht.json`), 'utf8')) as { title: string; factors: unknown[] };
const SMALL = example('small');
const MEDIUM = example('medium');
const LARGE = example('large');

/** Three factors far apart: at scale 4 the picture would be far wider than a browser canvas may be. */
const WIDE = {
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Gezin Breed',
  factors: [
    { id: 'f1', label: 'Schulden', kind: 'perpetuating', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Stress', kind: 'aggravating', position: { x: 3000, y: 0 } },
    { id: 'f3', label: 'Steunende zus', kind: 'protective', position: { x: 6000, y: 0 } },
  ],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '+' },
    { id: 'l2', from: 'f3', to: 'f2', polarity: '-' },
  ],
};

/** The share of pixels that differ clearly between two pictures of the same size. */
function differingPixels(x: PNG, y: PNG): number {
  expect([x.width, x.height]).toEqual([y.width, y.height]);
  let differing = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    const d = Math.abs(x.data[i]! - y.data[i]!) + Math.abs(x.data[i + 1]! - y.data[i + 1]!) + Math.abs(x.data[i + 2]! - y.data[i + 2]!);
    if (d > 90) differing++;
  }
  return differing / (x.width * x.height);
}

const factor = (page: Page, label: string) => page.locator('[data-testid="factor"]', { hasText: label });
const byId = <T extends { id: string }>(list: T[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));

/** An analysis file with its lists in id order, to compare files whose lists may come in another order. */
function normalised(file: { factors: Array<{ id: string }>; links: Array<{ id: string }>; actors?: Array<{ id: string }> }) {
  return { ...file, factors: byId(file.factors), links: byId(file.links), actors: byId(file.actors ?? []) };
}

describe('export', () => {
  const session = useSession({ people: { a: { name: 'Anna' } } });
  const cspViolations: string[] = [];
  const createAnalysis = (body: Record<string, unknown>) => session.createAnalysis(body);

  const stored = async (
    id: string,
    token: string,
  ): Promise<Record<string, unknown> & { factors: Array<{ id: string }>; links: Array<{ id: string }> }> => {
    const response = await fetch(`${session.server.url}/api/analyses/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as never;
  };

  /** The exports Anna made, as the facilitator reads them in the access log (newest first): "role format". */
  const annasExports = async (analysis: CreatedAnalysis): Promise<string[]> =>
    (await session.readLog(analysis)).filter((e) => e.action === 'exported' && e.name === 'Anna').map((e) => `${e.role} ${e.detail}`);

  const openExport = async (page: Page) => {
    await page.getByTestId('file-menu').click();
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-dialog').waitFor();
  };

  /** Clicks "Exporteren" and returns the download and the milliseconds from the click to the download. */
  const exportNow = async (page: Page): Promise<{ download: Download; ms: number }> => {
    const started = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-start').click()]);
    const ms = Date.now() - started;
    await page.getByTestId('export-done').waitFor();
    return { download, ms };
  };

  const bytesOf = async (download: Download) => readFileSync((await download.path())!);

  const exportPng = async (analysis: CreatedAnalysis, content: { factors: unknown[] }, link: 'viewer' | 'editor' = 'viewer') => {
    const { a } = session.people;
    await openAnalysis(a.page, analysis.links[link]);
    await a.page
      .locator('[data-testid="factor"]')
      .nth(content.factors.length - 1)
      .waitFor();
    await openExport(a.page);
    return exportNow(a.page);
  };

  beforeAll(() => {
    session.people.a.page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  it('a viewer exports the whole medium example as PNG at 2×: layout size × 2, every link in its colour, the analysis inside; it opens again elsewhere', async () => {
    const { a } = session.people;
    const analysis = await createAnalysis({ content: MEDIUM });
    await openAnalysis(a.page, analysis.links.viewer);
    await factor(a.page, (MEDIUM.factors[0] as { label: string }).label).waitFor();
    // Zoomed in on one corner: the export still holds everything.
    await a.page.locator('.react-flow__pane').hover();
    for (let i = 0; i < 5; i++) await a.page.mouse.wheel(0, -400);
    await openExport(a.page);
    expect(await a.page.getByTestId('export-format-png').isChecked()).toBe(true);
    expect(await a.page.getByTestId('export-scale').inputValue()).toBe('2');
    // Whether the progress bar showed at all, however briefly.
    await a.page.evaluate(() => {
      const seen = new MutationObserver(() => {
        if (document.querySelector('[data-testid="export-progress"]')) (window as unknown as { sawProgress: boolean }).sawProgress = true;
      });
      seen.observe(document.body, { childList: true, subtree: true });
    });
    const { download, ms } = await exportNow(a.page);
    console.log(`PNG export of the medium example at 2×: ${ms} ms`);
    expect(await a.page.evaluate(() => (window as unknown as { sawProgress?: boolean }).sawProgress)).toBe(true);
    expect(download.suggestedFilename()).toMatch(/^Voorbeeldgezin-uitgebreid-verklarende-analyse-\d{4}-\d{2}-\d{2}\.png$/);

    const bytes = await bytesOf(download);
    const file = await stored(analysis.id, analysis.tokens.viewer);
    const parsed = parseAnalysisFile(file);
    if (!parsed.ok) throw new Error('stored analysis does not parse');
    const layout = layoutExport(parsed.value, { language: 'nl', exportedAt: new Date() });
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([layout.width * 2, layout.height * 2]);
    const { checked, missing } = checkLinkPixels(png, layout, 2);
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(Math.floor(layout.links.length * 0.66));
    expect(extractAnalysisFromPng(bytes)).toEqual(file);
    expect(await a.page.getByTestId('export-scaled').count()).toBe(0);
    // Made under the app's CSP (fonts from our own origin, the SVG drawn from a blob: URL), without a complaint.
    expect((await fetch(session.server.url)).headers.get('content-security-policy')).toContain("font-src 'self'");
    expect(cspViolations).toEqual([]);
    // The export made in the browser is in the access log, with the name Anna gave (reported after the download).
    await expect.poll(() => annasExports(analysis), { timeout: 15_000 }).toEqual(['viewer png']);
    expect(await a.page.getByTestId('export-not-logged').count()).toBe(0);

    // Someone else opens the picture from the start page: a new analysis, the same content.
    const other = await session.newPerson('Bram');
    await other.page.goto(session.server.url);
    await other.page
      .getByTestId('open-file-input')
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'image/png', buffer: bytes });
    await other.page.waitForURL(/\/a\/[A-Za-z0-9_-]+#/);
    await factor(other.page, (MEDIUM.factors[0] as { label: string }).label).waitFor();
    expect(await other.page.locator('[data-testid="factor"]').count()).toBe(MEDIUM.factors.length);
    const [, id, token] = /\/a\/([A-Za-z0-9_-]+)#(.+)$/.exec(other.page.url())!;
    expect(id).not.toBe(analysis.id);
    expect(normalised(await stored(id!, token!))).toEqual(normalised(file));
    await other.context.close();
  });

  it('the PNG opens into an empty analysis too, by the menu and by dropping it on the canvas, and dropped on the start page', async () => {
    const { a } = session.people;
    const source = await createAnalysis({ content: SMALL });
    const { download } = await exportPng(source, SMALL);
    const bytes = await bytesOf(download);
    const file = await stored(source.id, source.tokens.viewer);

    // The browser's picture is the server's (resvg): the same fonts and layout; only anti-aliasing differs. With the
    // browser's fallback font instead of the embedded one, about 2.4 % of the pixels differ.
    const response = await fetch(`${session.server.url}/api/analyses/${source.id}/export.png?scale=2`, {
      headers: { authorization: `Bearer ${source.tokens.viewer}` },
    });
    expect(differingPixels(PNG.sync.read(bytes), PNG.sync.read(Buffer.from(await response.arrayBuffer())))).toBeLessThan(0.015);

    const empty = await createAnalysis({ title: 'Leeg' });
    await openAnalysis(a.page, empty.links.editor);
    await a.page.getByTestId('import-input').setInputFiles({ name: 'analyse.png', mimeType: 'image/png', buffer: bytes });
    await factor(a.page, 'Steunende zus').waitFor();
    await expect.poll(async () => (await stored(empty.id, empty.tokens.viewer)).factors.length).toBe(SMALL.factors.length);
    expect(normalised(await stored(empty.id, empty.tokens.viewer))).toEqual(normalised(file));

    const dropped = await createAnalysis({ title: 'Leeg' });
    await openAnalysis(a.page, dropped.links.editor);
    await a.page.evaluate(
      (data) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], 'analyse.png', { type: 'image/png' }));
        const target = document.querySelector('.react-flow__pane')!;
        target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
        target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      },
      [...bytes],
    );
    await factor(a.page, 'Steunende zus').waitFor();
    await expect.poll(async () => (await stored(dropped.id, dropped.tokens.viewer)).factors.length).toBe(SMALL.factors.length);

    await a.page.goto(session.server.url);
    await a.page.getByTestId('open-file').waitFor();
    await a.page.evaluate(
      (data) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], 'analyse.png', { type: 'image/png' }));
        document.body.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
        document.body.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      },
      [...bytes],
    );
    await a.page.waitForURL(/\/a\/[A-Za-z0-9_-]+#/);
    await factor(a.page, 'Steunende zus').waitFor();
    expect(await a.page.locator('[data-testid="factor"]').count()).toBe(SMALL.factors.length);
  });

  it('SVG (with the chosen loop highlighted) and PDF on A3 are well-formed files', async () => {
    const { a } = session.people;
    const analysis = await createAnalysis({ content: SMALL });
    await openAnalysis(a.page, analysis.links.editor);
    await a.page.getByTestId('tab-patterns').click();
    const loop = a.page.getByTestId('loop').filter({ has: a.page.locator('input[value="De schuldenspiraal"]') });
    await loop.getByTestId('loop-show').click();
    await openExport(a.page);
    // The loop chosen in the panel is ticked.
    const ticked = await a.page.$$eval('[data-testid="export-loop"]', (boxes) =>
      boxes.filter((b) => (b as HTMLInputElement).checked).map((b) => b.getAttribute('data-loop-id')),
    );
    expect(ticked).toHaveLength(1);

    await a.page.getByTestId('export-format-svg').check();
    await a.page.getByTestId('export-actors').check();
    const svg = (await bytesOf((await exportNow(a.page)).download)).toString('utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('@font-face');
    expect(svg).toContain('Moeder');
    const highlighted = [...svg.matchAll(/class="link[^"]*link--highlighted" data-link-id="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(highlighted).toEqual(['l2', 'l3', 'l4', 'l5']);
    expect(svg.match(/data-link-id=/g)).toHaveLength(10);

    await a.page.getByTestId('export-format-pdf').check();
    await a.page.getByTestId('export-paper-A3').check();
    const { download } = await exportNow(a.page);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await bytesOf(download);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([1191, 842]);

    await a.page.getByTestId('export-format-file').check();
    const json = JSON.parse((await bytesOf((await exportNow(a.page)).download)).toString('utf8'));
    expect(json).toEqual(await stored(analysis.id, analysis.tokens.viewer));
    await expect.poll(() => annasExports(analysis), { timeout: 15_000 }).toEqual(['editor json', 'editor pdf', 'editor svg']);
  });

  it('the case-file report from the dialog: a PDF whose text holds the conclusions, on every page marked, and one PNG of its pages', async () => {
    const { a } = session.people;
    // With what people said in the session: who recognises what, and a comment with a reply.
    const content = {
      ...SMALL,
      version: 2,
      stances: [
        { actor: 'a1', on: 'f4', stance: 'recognise' },
        { actor: 'a3', on: 'f4', stance: 'doubt' },
      ],
      comments: [
        {
          id: 'c1',
          on: 'f4',
          author: 'Ingrid',
          actor: 'a3',
          at: '2026-11-30T09:30:00Z',
          text: 'Komen de brieven wel aan?',
          replyTo: null,
          resolved: false,
        },
        {
          id: 'c2',
          on: 'f4',
          author: 'Moeder',
          actor: 'a1',
          at: '2026-11-30T09:42:00Z',
          text: 'Niet altijd.',
          replyTo: 'c1',
          resolved: false,
        },
      ],
    };
    const analysis = await createAnalysis({ content });
    await openAnalysis(a.page, analysis.links.viewer);
    await factor(a.page, (SMALL.factors[0] as { label: string }).label).waitFor();
    await openExport(a.page);
    await a.page.getByTestId('export-format-report').check();
    expect(await a.page.getByTestId('export-report-pdf').isChecked()).toBe(true);
    await a.page.getByTestId('export-paper-A3').check();
    const { download } = await exportNow(a.page);
    expect(download.suggestedFilename()).toMatch(/-verslag-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pages = await readPdfText(new Uint8Array(await bytesOf(download)));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.text).toContain('VERTROUWELIJK');
      expect(Math.round(Math.max(page.width, page.height))).toBe(1191);
    }
    const text = squeeze(pages.map((p) => p.text).join(' '));
    expect(text).toContain(squeeze('R1 · De schuldenspiraal'));
    expect(text).toContain(squeeze('Waar kan de cirkel breken?'));
    expect(text).toContain(squeeze('"Afspraken missen": Moeder herkent dit; Gezinsvoogd twijfelt'));
    expect(text).toContain(squeeze('Ingrid (als Gezinsvoogd), 30 november 2026'));
    expect(text).toContain(squeeze('Komen de brieven wel aan?'));
    expect(text).toContain(squeeze('Reactie van Moeder (als Moeder)'));
    expect(Math.min(...pages.flatMap((p) => p.items.map((it) => it.size)))).toBeGreaterThanOrEqual(8);

    await a.page.getByTestId('export-report-png').check();
    const png = await exportNow(a.page);
    expect(png.download.suggestedFilename()).toMatch(/-verslag-\d{4}-\d{2}-\d{2}\.png$/);
    const bytes = new Uint8Array(await bytesOf(png.download));
    // Every page under each other: taller than a landscape and an upright A3 page at 96 dpi.
    expect(PNG.sync.read(Buffer.from(bytes)).height).toBeGreaterThan(1123 + 1587);
    expect(parseAnalysisFile(extractAnalysisFromPng(bytes)).ok).toBe(true);
    await expect.poll(() => annasExports(analysis), { timeout: 15_000 }).toEqual(['viewer png', 'viewer pdf']);
  });

  it('a PNG too large for a browser canvas is scaled down with a notice, never cut off', async () => {
    const { a } = session.people;
    const analysis = await createAnalysis({ content: WIDE });
    await openAnalysis(a.page, analysis.links.viewer);
    // Fitted this wide, the canvas draws plain boxes (the label as tooltip): waited for by id. The label is still
    // the factor's accessible name.
    const far = a.page.locator('[data-testid="factor"][data-factor-id="f3"]');
    await far.waitFor();
    expect(await far.getAttribute('class')).toContain('factor--far');
    expect(await far.textContent()).toBe('Steunende zus');
    await openExport(a.page);
    await a.page.getByTestId('export-scale').selectOption('4');
    // Told before, and after.
    expect(await a.page.getByTestId('export-scaled').innerText()).toContain('te groot voor scherpte 4×');
    const { download } = await exportNow(a.page);
    expect(await a.page.getByTestId('export-scaled').innerText()).toContain('Er is niets weggelaten');
    const png = PNG.sync.read(await bytesOf(download));
    const parsed = parseAnalysisFile(await stored(analysis.id, analysis.tokens.viewer));
    if (!parsed.ok) throw new Error('stored analysis does not parse');
    const layout = layoutExport(parsed.value, { language: 'nl', exportedAt: new Date() });
    expect(png.width).toBeLessThanOrEqual(PNG_LIMITS.maxSide);
    expect(png.width).toBeGreaterThan(PNG_LIMITS.maxSide - 400);
    // The same proportions: scaled, not cut.
    expect(Math.abs(png.width / png.height - layout.width / layout.height)).toBeLessThan(0.01);
    const scale = png.width / layout.width;
    expect(checkLinkPixels(png, layout, scale).missing).toEqual([]);
  });

  it('a PNG without an analysis gets one clear Dutch sentence, in the editor and on the start page', async () => {
    const { a } = session.people;
    const plain = new PNG({ width: 4, height: 4 });
    plain.data.fill(255);
    const bytes = PNG.sync.write(plain);
    const message = 'In deze afbeelding zit geen analyse. Kies een afbeelding die je met Samenzicht hebt gemaakt.';

    const analysis = await createAnalysis({ title: 'Leeg' });
    await openAnalysis(a.page, analysis.links.editor);
    await a.page.getByTestId('import-input').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: bytes });
    const dialog = a.page.getByTestId('import-problem');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(message);
    await dialog.getByRole('button').click();
    expect((await stored(analysis.id, analysis.tokens.viewer)).factors).toEqual([]);

    await a.page.goto(session.server.url);
    await a.page.getByTestId('open-file-input').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: bytes });
    await a.page.getByTestId('import-problem').filter({ hasText: message }).waitFor();
    expect(a.page.url()).toBe(`${session.server.url}/`);
  });

  it('the large example exports too, with the analysis inside (the time is printed, not asserted)', async () => {
    const analysis = await createAnalysis({ content: LARGE });
    const { download, ms } = await exportPng(analysis, LARGE);
    const png = PNG.sync.read(await bytesOf(download));
    console.log(`PNG export of the large example at 2×: ${ms} ms (${png.width} × ${png.height} px)`);
    expect(extractAnalysisFromPng(await bytesOf(download))).toEqual(await stored(analysis.id, analysis.tokens.viewer));
  });
});
