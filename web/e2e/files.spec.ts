/**
 * Files and the clipboard in real Chromium: export, import (menu, drop, errors, replace or add, one undo step),
 * copy and paste between two analyses, the examples and "open from file" on the start page, the keys overview.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSession } from './fixture.ts';
import { ROOT, openAnalysis, type CreatedAnalysis } from './harness.ts';

const SMALL_TEXT = readFileSync(join(ROOT, 'examples/small.samenzicht.json'), 'utf8');
const SMALL = JSON.parse(SMALL_TEXT) as AnalysisFile;

interface AnalysisFile {
  title: string;
  factors: Array<{ id: string; label: string; kind: string; position: { x: number; y: number } }>;
  links: Array<{ id: string; from: string; to: string; polarity: string }>;
  actors: Array<{ id: string; name: string; role: string; factors: string[] }>;
  loops: Array<{ links: string[]; name: string }>;
}

const TWO_FACTORS = {
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Gezin W.',
  factors: [
    { id: 'f1', label: 'Wachtlijst GGZ', kind: 'perpetuating', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Steun van opa', kind: 'protective', position: { x: 300, y: 0 } },
  ],
  links: [{ id: 'l1', from: 'f2', to: 'f1', polarity: '-' }],
};

const factor = (page: Page, label: string) => page.locator('[data-testid="factor"]', { hasText: label });

/** Pastes seen by the page, recorded after the app's own listener had its turn (see `recordPastes`). */
interface SeenPaste {
  /** The app took it: it prevents the default of a paste it inserts. */
  readonly taken: boolean;
  /** The clipboard held a Samenzicht analysis. */
  readonly analysis: boolean;
}

/** Records every paste the page sees, by a listener added after the app's own, so it runs after it. */
async function recordPastes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: SeenPaste[] = [];
    (window as unknown as { seenPastes: SeenPaste[] }).seenPastes = seen;
    document.addEventListener('paste', (event) => {
      seen.push({
        taken: event.defaultPrevented,
        analysis: (event.clipboardData?.getData('text/plain') ?? '').includes('samenzicht/analysis'),
      });
    });
  });
}

describe('files and clipboard', () => {
  const session = useSession({ people: { a: { name: 'Anna' }, b: { name: 'Bram' } } });
  const stored = (analysis: CreatedAnalysis) => session.readFile<AnalysisFile>(analysis);
  const createAnalysis = (body: Record<string, unknown>) => session.createAnalysis(body);

  const chooseFile = async (page: Page, name: string, content: string | Buffer, mimeType = 'application/json') => {
    await page.getByTestId('import-input').setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
  };

  it('export downloads a file equal to what the server answers, named after the title; a viewer can export too', async () => {
    const { a } = session.people;
    const analysis = await createAnalysis({ content: SMALL });
    await openAnalysis(a.page, analysis.links.viewer);
    await factor(a.page, 'Steunende zus').waitFor();
    await a.page.getByTestId('file-menu').click();
    // Viewing only: saving is offered, opening a file is not.
    expect(await a.page.getByTestId('import-file').count()).toBe(0);
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByTestId('export-file').click()]);
    expect(download.suggestedFilename()).toBe('Voorbeeldgezin — verklarende analyse.samenzicht.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as unknown;
    expect(exported).toEqual(await stored(analysis));
    expect((exported as AnalysisFile).factors).toHaveLength(SMALL.factors.length);
  });

  it('a bad file shows each error with its place and changes nothing', async () => {
    const { a } = session.people;
    const analysis = await createAnalysis({ content: TWO_FACTORS });
    await openAnalysis(a.page, analysis.links.editor);
    await factor(a.page, 'Wachtlijst GGZ').waitFor();
    const before = await stored(analysis);
    const bad = structuredClone(SMALL) as unknown as {
      factors: Array<Record<string, unknown>>;
      links: Array<Record<string, unknown>>;
      extra: number;
    };
    bad.factors[3]!.kind = 'probleem';
    bad.links[0]!.to = 'f99';
    bad.extra = 1;
    await chooseFile(a.page, 'kapot.samenzicht.json', JSON.stringify(bad));
    const dialog = a.page.getByTestId('import-problem');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Dit bestand kan niet worden geopend');
    const errors = await dialog.getByTestId('import-error').allInnerTexts();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('Factor 4 ("Afspraken missen"), soort factor');
    expect(errors[0]).toContain('factors[3].kind: expected one of');
    expect(errors[0]).toContain('Dit moet een van deze zijn: problem, predisposing');
    expect(errors[0]).toContain('(gevonden: "probleem")');
    expect(errors[1]).toContain('Verband 1, naar');
    expect(errors[1]).toContain('Er is geen factor met id "f99".');
    expect(errors[1]).toContain('links[0].to');
    expect(await dialog.getByTestId('import-warning').allInnerTexts()).toEqual([expect.stringContaining('extra')]);
    await a.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // A later change from this page, through the same connection: once the server has it, it would have had
    // anything the import wrote before it.
    await a.page.getByTestId('title').fill('Gezin W. — daarna');
    await a.page.getByTestId('title').press('Enter');
    await expect.poll(async () => (await stored(analysis)).title).toBe('Gezin W. — daarna');
    expect({ ...(await stored(analysis)), title: before.title }).toEqual(before);
    expect(await a.page.locator('[data-testid="factor"]').count()).toBe(2);
  });

  it('refuses a file over 5 MB, and a PNG only when it carries no analysis, with one clear sentence each', async () => {
    const { a } = session.people;
    const analysis = await createAnalysis({ content: TWO_FACTORS });
    await openAnalysis(a.page, analysis.links.editor);
    const before = await stored(analysis);
    await chooseFile(a.page, 'groot.samenzicht.json', Buffer.alloc(5 * 1024 * 1024 + 1, 32));
    await a.page.getByTestId('import-problem').filter({ hasText: 'te groot' }).waitFor();
    await a.page.getByTestId('import-problem').getByRole('button').click();
    await chooseFile(a.page, 'analyse.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png');
    // A PNG that Samenzicht exported opens (export.spec.ts); one without an analysis is refused.
    await a.page.getByTestId('import-problem').filter({ hasText: 'In deze afbeelding zit geen analyse.' }).waitFor();
    await a.page.getByTestId('import-problem').getByRole('button').click();
    expect(await stored(analysis)).toEqual(before);
  });

  it('a good file into a non-empty analysis asks; "toevoegen" keeps the old factors, places the new ones right of them, and the other person sees them', async () => {
    const { a, b } = session.people;
    const analysis = await createAnalysis({ content: TWO_FACTORS });
    await openAnalysis(a.page, analysis.links.editor);
    await openAnalysis(b.page, analysis.links.editor);
    await factor(b.page, 'Steun van opa').waitFor();
    await chooseFile(a.page, 'voorbeeld.samenzicht.json', SMALL_TEXT);
    const choose = a.page.getByTestId('import-choose');
    await choose.waitFor();
    expect(await choose.innerText()).toContain('Vervangen of toevoegen?');
    await choose.getByTestId('import-add').click();
    await factor(b.page, 'Terugvordering kinderopvangtoeslag').waitFor();
    await factor(b.page, 'Wachtlijst GGZ').waitFor();
    expect(await b.page.locator('[data-testid="factor"]').count()).toBe(2 + SMALL.factors.length);

    const after = await stored(analysis);
    expect(after.factors).toHaveLength(2 + SMALL.factors.length);
    const old = after.factors.filter((f) => f.id === 'f1' || f.id === 'f2');
    expect(old.map((f) => f.label).sort()).toEqual(['Steun van opa', 'Wachtlijst GGZ']);
    const added = after.factors.filter((f) => f.id !== 'f1' && f.id !== 'f2');
    expect(added.map((f) => f.label).sort()).toEqual(SMALL.factors.map((f) => f.label).sort());
    expect(Math.min(...added.map((f) => f.position.x))).toBeGreaterThan(Math.max(...old.map((f) => f.position.x)));
    expect(after.links).toHaveLength(1 + SMALL.links.length);
    expect(after.title).toBe('Gezin W.');

    // One import is one undo step.
    await a.page.getByTestId('undo').click();
    await expect.poll(async () => (await stored(analysis)).factors.length).toBe(2);
    await expect.poll(() => b.page.locator('[data-testid="factor"]').count()).toBe(2);
  });

  it('"vervangen" makes the analysis equal to the file', async () => {
    const { a } = session.people;
    const analysis = await createAnalysis({ content: TWO_FACTORS });
    await openAnalysis(a.page, analysis.links.editor);
    await factor(a.page, 'Steun van opa').waitFor();
    await chooseFile(a.page, 'voorbeeld.samenzicht.json', SMALL_TEXT);
    await a.page.getByTestId('import-replace').click();
    await factor(a.page, 'Steunende zus').waitFor();
    await expect.poll(async () => (await stored(analysis)).factors.length).toBe(SMALL.factors.length);
    // The server lists by id (as text: "l10" before "l2"); the file lists by number.
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));
    const file = await stored(analysis);
    expect({ ...file, factors: byId(file.factors), links: byId(file.links) }).toEqual({
      ...SMALL,
      // A version-1 file is stored as version 2, in which nobody marked anything yet.
      version: 2,
      stances: [],
      signals: { share: false, team: '' },
      factors: byId(SMALL.factors),
      links: byId(SMALL.links),
    });
  });

  it('a file dropped on the canvas of an empty analysis opens without a question', async () => {
    const { a } = session.people;
    const analysis = await createAnalysis({ title: 'Leeg' });
    await openAnalysis(a.page, analysis.links.editor);
    await a.page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'voorbeeld.samenzicht.json', { type: 'application/json' }));
      const target = document.querySelector('.react-flow__pane')!;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    }, SMALL_TEXT);
    await factor(a.page, 'Steunende zus').waitFor();
    expect(await a.page.getByTestId('import-choose').count()).toBe(0);
    await expect.poll(async () => (await stored(analysis)).factors.length).toBe(SMALL.factors.length);
  });

  it('copy and paste between two analyses; paste again, duplicate, select all and cut', async () => {
    const { a } = session.people;
    const source = await createAnalysis({ content: SMALL });
    const target = await createAnalysis({ content: TWO_FACTORS });
    await openAnalysis(a.page, source.links.viewer);
    const other = await a.context.newPage();
    await openAnalysis(other, target.links.editor);

    // Copying works while only viewing.
    await factor(a.page, 'Schulden na terugvordering toeslagen').click();
    await factor(a.page, 'Aanhoudende stress').click({ modifiers: ['Shift'] });
    await a.page.keyboard.press('Control+C');

    await factor(other, 'Wachtlijst GGZ').waitFor();
    await other.bringToFront();
    await other.keyboard.press('Control+V');
    await factor(other, 'Aanhoudende stress').waitFor();
    let file = await stored(target);
    expect(file.factors).toHaveLength(4);
    const pasted = file.factors.filter((f) => f.id !== 'f1' && f.id !== 'f2');
    const byLabel = new Map(pasted.map((f) => [f.label, f.id]));
    // Only the link between the two copied factors came along, and the mother, tied to the copied factor only.
    expect(file.links.filter((l) => l.id !== 'l1')).toEqual([
      expect.objectContaining({
        from: byLabel.get('Schulden na terugvordering toeslagen'),
        to: byLabel.get('Aanhoudende stress'),
        polarity: '+',
      }),
    ]);
    expect(file.actors).toEqual([
      expect.objectContaining({ name: 'Moeder', role: 'parent', factors: [byLabel.get('Aanhoudende stress')] }),
    ]);
    // The pasted factors are the selection now.
    expect(await other.locator('.factor--selected').count()).toBe(2);

    // A second paste lands one step further; duplicate copies the selection; the mother is not added twice.
    await other.keyboard.press('Control+V');
    await expect.poll(async () => (await stored(target)).factors.length).toBe(6);
    await other.keyboard.press('Control+D');
    await expect.poll(async () => (await stored(target)).factors.length).toBe(8);
    file = await stored(target);
    expect(file.actors).toHaveLength(1);
    expect(file.actors[0]!.factors).toHaveLength(3);
    const stress = file.factors.filter((f) => f.label === 'Aanhoudende stress').map((f) => f.position);
    expect(new Set(stress.map((p) => `${p.x},${p.y}`)).size).toBe(3);

    // Select all, then cut: everything goes, and pasting it back restores the count.
    await other.keyboard.press('Control+A');
    expect(await other.locator('.factor--selected').count()).toBe(8);
    await other.keyboard.press('Control+X');
    await expect.poll(async () => (await stored(target)).factors.length).toBe(0);
    await other.keyboard.press('Control+V');
    await expect.poll(async () => (await stored(target)).factors.length).toBe(8);

    // A viewer cannot paste, not even locally (the server would refuse it anyway): the page sees the paste of an
    // analysis, and the app leaves it alone.
    await a.page.bringToFront();
    await recordPastes(a.page);
    await a.page.keyboard.press('Control+V');
    await expect
      .poll(() => a.page.evaluate(() => (window as unknown as { seenPastes: SeenPaste[] }).seenPastes))
      .toEqual([{ taken: false, analysis: true }]);
    expect(await a.page.locator('[data-testid="factor"]').count()).toBe(SMALL.factors.length);
    expect((await stored(source)).factors).toHaveLength(SMALL.factors.length);
    await other.close();
  });

  it('"?" opens the overview of keys, Escape closes it', async () => {
    const { a } = session.people;
    const analysis = await createAnalysis({ content: TWO_FACTORS });
    await openAnalysis(a.page, analysis.links.viewer);
    await a.page.keyboard.press('?');
    const dialog = a.page.getByTestId('shortcuts-dialog');
    await dialog.waitFor();
    for (const text of ['Ctrl', 'Kopie maken', 'Plakken', 'Pijltjestoetsen', 'Escape']) expect(await dialog.innerText()).toContain(text);
    await a.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await a.page.getByTestId('shortcuts').click();
    await dialog.waitFor();
  });

  it('"Voorbeeld openen" opens the small example with its factors', async () => {
    const { page } = await session.newPerson('Gespreksleider');
    await page.goto(session.server.url);
    await page.getByTestId('example-small').click();
    await page.waitForURL(/\/a\/[A-Za-z0-9_-]+#/);
    await page.getByTestId('connection').filter({ hasText: 'Verbonden' }).waitFor();
    await factor(page, 'Terugvordering kinderopvangtoeslag').waitFor();
    expect(await page.locator('[data-testid="factor"]').count()).toBe(SMALL.factors.length);
    expect(await page.getByTestId('title').inputValue()).toBe(SMALL.title);
    // Opened as facilitator, with the links remembered for sharing.
    await page.getByTestId('share').click();
    expect(await page.getByTestId('share-viewer').locator('input').inputValue()).toMatch(/\/a\/[A-Za-z0-9_-]+#/);
    await page.context().close();
  });

  it('"Analyse openen uit bestand" makes a new analysis from a good file, and explains a bad one', async () => {
    const { page } = await session.newPerson('Gespreksleider');
    await page.goto(session.server.url);
    await page.getByTestId('open-file-input').setInputFiles({
      name: 'kapot.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"samenzicht/analysis","version":9,"factors":[],"links":[]}'),
    });
    const dialog = page.getByTestId('import-problem');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('newer Samenzicht');
    await dialog.getByRole('button').click();
    expect(page.url()).toBe(`${session.server.url}/`);
    await page
      .getByTestId('open-file-input')
      .setInputFiles({ name: 'gezin.samenzicht.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(TWO_FACTORS)) });
    await page.waitForURL(/\/a\/[A-Za-z0-9_-]+#/);
    await factor(page, 'Steun van opa').waitFor();
    expect(await page.getByTestId('title').inputValue()).toBe('Gezin W.');
    await page.context().close();
  });
});
