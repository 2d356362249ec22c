/**
 * Who recognises what (issue 14): three people — the facilitator, a mother on her phone and a professional — each say
 * who they are and mark factors; the canvas and the headline show where they differ; the filter shows exactly the
 * differing factors; the stances survive a reload, a file export and import, and a PNG export and import.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { extractAnalysisFromPng } from '@samenzicht/shared/export/pngText';
import { useSession } from './fixture.ts';
import { openAnalysis } from './harness.ts';

/** Fictional: four factors, a loop of three, one person involved already (the mother). */
const CONTENT = {
  format: 'samenzicht/analysis',
  version: 2,
  title: 'Voorbeeldgezin — wie herkent wat',
  factors: [
    { id: 'f1', label: 'Schulden na terugvordering', kind: 'perpetuating', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Afspraken gemist door stress', kind: 'perpetuating', position: { x: 320, y: 0 } },
    { id: 'f3', label: 'Boetes en aanmaningen', kind: 'aggravating', position: { x: 160, y: 200 } },
    { id: 'f4', label: 'Steunende zus', kind: 'protective', position: { x: 520, y: 200 } },
  ],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '+' },
    { id: 'l2', from: 'f2', to: 'f3', polarity: '+' },
    { id: 'l3', from: 'f3', to: 'f1', polarity: '+' },
  ],
  actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: [] }],
};

type Mark = { actor: string; on: string; stance: string };
const byTarget = (marks: readonly Mark[]) => [...marks].sort((a, b) => (a.on + a.actor < b.on + b.actor ? -1 : 1));

describe('stances: who recognises what', () => {
  const session = useSession({ analysis: { content: CONTENT }, people: { leader: { name: 'Leider', opens: 'facilitator' } } });
  const contexts: BrowserContext[] = [];

  /** Someone who gave their name but was not yet asked who they are, on a device of this size. */
  const person = async (name: string, size: { width: number; height: number; touch?: boolean }): Promise<Page> => {
    const context = await session.browser.newContext({
      viewport: { width: size.width, height: size.height },
      hasTouch: size.touch ?? false,
      isMobile: size.touch ?? false,
    });
    contexts.push(context);
    await context.addInitScript((n) => {
      if (!localStorage.getItem('samenzicht.name')) localStorage.setItem('samenzicht.name', n);
      localStorage.setItem('samenzicht.language', 'nl');
    }, name);
    return context.newPage();
  };
  const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"] [data-testid="factor"]`);
  const marksOn = async (page: Page, id: string) =>
    (
      await node(page, id)
        .locator('[data-testid="stance-mark"]')
        .evaluateAll((els) => els.map((el) => `${el.getAttribute('data-actor')}:${el.getAttribute('data-stance')}`))
    ).sort();
  const stored = async (): Promise<Mark[]> => byTarget((await session.readFile<{ stances: Mark[] }>()).stances);

  let mother: Page;
  let professional: Page;
  let professionalActor = '';

  it('the mother on her phone says who she is after her name, and marks with one tap on each button', async () => {
    mother = await person('Sanne', { width: 390, height: 844, touch: true });
    await openAnalysis(mother, session.analysis.links.editor);
    await mother.getByTestId('seat-prompt').waitFor();
    await mother.locator('[data-testid="seat-actor"][data-actor="a1"]').check();
    await mother.getByTestId('seat-save').tap();
    await mother.getByTestId('seat-prompt').waitFor({ state: 'detached' });

    for (const [id, stance] of [
      ['f1', 'recognise'],
      ['f2', 'recognise'],
      ['f3', 'not-recognise'],
    ] as const) {
      await node(mother, id).tap();
      // The buttons above the chosen factor speak to her as the person she chose.
      expect(await mother.getByTestId('stance-bar').getAttribute('aria-label')).toBe('Wat vind jij hiervan, Moeder?');
      await mother.getByTestId(`stance-${stance}`).tap();
      await expect.poll(() => marksOn(mother, id)).toEqual([`a1:${stance}`]);
    }
    // The buttons are big enough for a finger.
    const box = await mother.getByTestId('stance-recognise').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(43.99);
  });

  it('a professional joins as someone new, marks by keyboard, and can undo a mark', async () => {
    professional = await person('Jeroen', { width: 1440, height: 900 });
    await openAnalysis(professional, session.analysis.links.editor);
    await professional.getByTestId('seat-prompt').waitFor();
    await professional.getByTestId('seat-new').check();
    await professional.getByTestId('seat-new-name').fill('Gezinsvoogd');
    await professional.getByTestId('seat-new-role').selectOption('professional');
    await professional.getByTestId('seat-save').click();
    await professional.getByTestId('seat-prompt').waitFor({ state: 'detached' });
    // The new person's id, as this device remembers it for the analysis.
    const remembered = () =>
      professional.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith('samenzicht.actor.'))?.[1] ?? '');
    await expect.poll(remembered).not.toBe('');
    professionalActor = await remembered();

    for (const [id, key] of [
      ['f1', '1'],
      ['f2', '3'],
      ['f3', '2'],
    ] as const) {
      await node(professional, id).click();
      await professional.keyboard.press(key);
    }
    await expect.poll(() => marksOn(professional, 'f3')).toEqual(['a1:not-recognise', `${professionalActor}:doubt`].sort());
    // Undo takes back the last mark, redo puts it back.
    await professional.keyboard.press('Control+z');
    await expect.poll(() => marksOn(professional, 'f3')).toEqual(['a1:not-recognise']);
    await professional.keyboard.press('Control+Shift+z');
    await expect.poll(() => marksOn(professional, 'f3')).toEqual(['a1:not-recognise', `${professionalActor}:doubt`].sort());
  });

  it('the facilitator is neutral, sees every mark, the headline, the loop, and filters to exactly the differences', async () => {
    const { page } = session.people.leader;
    expect(await page.getByTestId('seat-prompt').count()).toBe(0);
    // Who each person is shows beside their name.
    await expect.poll(() => page.getByTestId('peer-seat').count()).toBe(2);
    const p = professionalActor;
    await expect.poll(() => marksOn(page, 'f1')).toEqual(['a1:recognise', `${p}:recognise`].sort());
    await expect.poll(() => marksOn(page, 'f2')).toEqual(['a1:recognise', `${p}:not-recognise`].sort());
    await expect.poll(() => marksOn(page, 'f3')).toEqual(['a1:not-recognise', `${p}:doubt`].sort());
    expect(await marksOn(page, 'f4')).toEqual([]);
    // Readable without colour: a symbol and the initial.
    expect(await node(page, 'f2').locator(`[data-actor="${p}"]`).textContent()).toContain('✗G');

    await page.getByTestId('tab-patterns').click();
    await expect
      .poll(() => page.getByTestId('sharedness-headline').textContent())
      .toBe('Gedeeld door iedereen: 1 van 4 factoren, 0 van 3 verbanden');
    await expect.poll(() => page.getByTestId('loop-shared').first().getAttribute('data-status')).toBe('differs');

    await page.getByTestId('filter-differs').click();
    const visible = () => page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')).sort());
    await expect.poll(visible).toEqual(['f2', 'f3']);
    await page.getByTestId('filter-unmarked').click();
    await expect.poll(visible).toEqual(['f4']);
    await page.getByTestId('filter-off').click();
    await expect.poll(visible).toEqual(['f1', 'f2', 'f3', 'f4']);
  });

  it('the facilitator can correct who a present person is; that person is told', async () => {
    const { page } = session.people.leader;
    await page.getByLabel('Jeroen is').selectOption('a1');
    await professional.getByTestId('seat-corrected').filter({ hasText: 'Moeder' }).waitFor();
    await expect.poll(() => professional.getByTestId('my-seat').textContent()).toBe('als Moeder');
    await page.getByLabel('Jeroen is').selectOption(professionalActor);
    await expect.poll(() => professional.getByTestId('my-seat').textContent()).toBe('als Gezinsvoogd');
  });

  it('the stances are stored, and stay after a reload (the mother is still the mother)', async () => {
    const p = professionalActor;
    const expected = byTarget([
      { actor: 'a1', on: 'f1', stance: 'recognise' },
      { actor: p, on: 'f1', stance: 'recognise' },
      { actor: 'a1', on: 'f2', stance: 'recognise' },
      { actor: p, on: 'f2', stance: 'not-recognise' },
      { actor: 'a1', on: 'f3', stance: 'not-recognise' },
      { actor: p, on: 'f3', stance: 'doubt' },
    ]);
    await expect.poll(stored).toEqual(expected);
    await mother.reload();
    await node(mother, 'f3').waitFor();
    expect(await mother.getByTestId('seat-prompt').count()).toBe(0);
    await expect.poll(() => marksOn(mother, 'f2')).toEqual(['a1:recognise', `${p}:not-recognise`].sort());
    await node(mother, 'f4').tap();
    expect(await mother.getByTestId('stance-bar').getAttribute('aria-label')).toBe('Wat vind jij hiervan, Moeder?');
  });

  const bytesOf = async (download: Download) => readFileSync((await download.path())!);

  it('round-trips through the analysis file: export and open again', async () => {
    const { page } = session.people.leader;
    const before = await stored();
    await page.getByTestId('file-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-file').click()]);
    const file = JSON.parse((await bytesOf(download)).toString('utf8')) as { version: number; stances: Mark[] };
    expect(file.version).toBe(2);
    expect(byTarget(file.stances)).toEqual(before);

    const other = await person('Bram', { width: 1440, height: 900 });
    await other.goto(session.server.url);
    await other.getByTestId('open-file-input').setInputFiles({
      name: 'gezin.samenzicht.json',
      mimeType: 'application/json',
      buffer: await bytesOf(download),
    });
    await other.waitForURL(/\/a\/[A-Za-z0-9_-]+#/);
    await expect.poll(() => marksOn(other, 'f2')).toEqual(['a1:recognise', `${professionalActor}:not-recognise`].sort());
  });

  it('round-trips through a PNG export: the picture carries the stances and opens again with them', async () => {
    const { page } = session.people.leader;
    const before = await stored();
    await page.getByTestId('file-menu').click();
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-dialog').waitFor();
    expect(await page.getByTestId('export-stances').isChecked()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-start').click()]);
    await page.getByTestId('export-done').waitFor();
    const bytes = await bytesOf(download);
    const inside = extractAnalysisFromPng(bytes) as { stances: Mark[] };
    expect(byTarget(inside.stances)).toEqual(before);

    const other = await person('Bram', { width: 1440, height: 900 });
    await other.goto(session.server.url);
    await other.getByTestId('open-file-input').setInputFiles({ name: 'analyse.png', mimeType: 'image/png', buffer: bytes });
    await other.waitForURL(/\/a\/[A-Za-z0-9_-]+#/);
    await expect.poll(() => marksOn(other, 'f3')).toEqual(['a1:not-recognise', `${professionalActor}:doubt`].sort());
    for (const context of contexts) await context.close();
  });
});
