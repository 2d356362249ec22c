/**
 * Comments in real Chromium (issue 14): threads on factors, links and loops, written and answered live by two people,
 * resolved, kept through save, reload, file export and import and a PNG that carries the analysis; the badge on the
 * canvas and the unread marker; viewers read only; the facilitator's neutral-wording hint (an editor never sees it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { useSession } from './fixture.ts';
import { openAnalysis, reopenAnalysis } from './harness.ts';

interface FileComment {
  id: string;
  on: string;
  author: string;
  actor?: string;
  at: string;
  text: string;
  replyTo: string | null;
  resolved: boolean;
}
interface AnalysisFile {
  factors: Array<{ id: string; label: string }>;
  links: Array<{ id: string }>;
  comments?: FileComment[];
}

const FAMILY = {
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Gezin K. — verklarende analyse',
  factors: [
    { id: 'f1', label: 'Schulden', kind: 'perpetuating', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Stress', kind: 'aggravating', position: { x: 320, y: 0 } },
    { id: 'f3', label: 'Steunende zus', kind: 'protective', position: { x: 160, y: 220 } },
  ],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '+' },
    { id: 'l2', from: 'f2', to: 'f1', polarity: '+' },
    { id: 'l3', from: 'f3', to: 'f2', polarity: '-' },
  ],
  actors: [{ id: 'a1', name: 'Moeder', role: 'parent', factors: [] }],
};

const factor = (page: Page, label: string) => page.locator('[data-testid="factor"]', { hasText: label });
const thread = (page: Page, text: string) => page.locator('[data-testid="thread"]', { hasText: text });
const badge = (page: Page, on: string) => page.locator(`[data-testid="comment-badge"][data-on="${on}"]`);

/** Selects a factor by a click on its label, so the side panel shows its properties and comments. */
async function select(page: Page, label: string): Promise<void> {
  await factor(page, label).locator('.factor-label').click();
  await page.locator('[data-testid="comments"]').first().waitFor();
}

async function write(page: Page, text: string): Promise<void> {
  await page.getByTestId('comment-text').fill(text);
  await page.getByTestId('comment-send').click();
}

const bytesOf = async (download: Download) => readFileSync((await download.path())!);

describe('comments', () => {
  const session = useSession({
    analysis: { content: FAMILY },
    people: { fenna: { name: 'Fenna', opens: 'facilitator' }, moeder: { name: 'Mira', opens: 'editor' } },
  });
  const stored = (analysis = session.analysis) => session.readFile<AnalysisFile>(analysis);

  it('a thread with a reply, resolved, is seen live by both and kept through save and reload', async () => {
    const { fenna, moeder } = session.people;
    await select(fenna.page, 'Schulden');
    await write(fenna.page, 'Dit begon al voor 2019.');

    // Mira sees the new comment at once: a badge with the number of open threads, marked as new for her.
    await badge(moeder.page, 'f1').waitFor();
    expect(await badge(moeder.page, 'f1').getAttribute('data-open')).toBe('1');
    expect(await badge(moeder.page, 'f1').getAttribute('data-unread')).toBe('true');
    // Fenna wrote it herself: open for her too, nothing new.
    expect(await badge(fenna.page, 'f1').getAttribute('data-unread')).toBe('false');

    await select(moeder.page, 'Schulden');
    const first = thread(moeder.page, 'Dit begon al voor 2019.');
    await first.waitFor();
    expect(await first.getByTestId('comment-new').count()).toBe(1);
    expect(await first.locator('.comment-author').innerText()).toBe('Fenna');
    await first.getByTestId('comment-reply').click();
    await moeder.page.getByTestId('comment-reply-text').fill('Klopt, na de brief van de Belastingdienst.');
    await moeder.page.getByTestId('comment-reply-send').click();
    await thread(fenna.page, 'Klopt, na de brief').waitFor();

    await thread(fenna.page, 'Dit begon al').getByTestId('comment-resolve').click();
    await moeder.page.locator('[data-testid="thread"][data-resolved="true"]').waitFor();
    // A resolved thread is no longer open: the badge goes.
    await expect.poll(() => badge(moeder.page, 'f1').count()).toBe(0);

    await expect.poll(async () => (await stored()).comments?.length).toBe(2);
    const comments = (await stored()).comments!;
    const root = comments.find((c) => c.replyTo === null)!;
    expect(root).toMatchObject({ on: 'f1', author: 'Fenna', text: 'Dit begon al voor 2019.', resolved: true });
    expect(root.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(comments.find((c) => c.replyTo !== null)).toMatchObject({
      on: 'f1',
      author: 'Mira',
      replyTo: root.id,
      text: 'Klopt, na de brief van de Belastingdienst.',
      resolved: false,
    });

    // Reopened, it counts as open again; the reload keeps everything.
    await moeder.page.locator('[data-testid="thread"][data-resolved="true"] summary').click();
    await moeder.page.getByTestId('comment-reopen').click();
    await badge(fenna.page, 'f1').waitFor();
    await reopenAnalysis(fenna.page);
    await select(fenna.page, 'Schulden');
    await thread(fenna.page, 'Klopt, na de brief').waitFor();
    expect(await thread(fenna.page, 'Dit begon al').getAttribute('data-resolved')).toBe('false');
  });

  it('comments on a link and on a loop; adding one is undone by "Ongedaan maken"', async () => {
    const { fenna, moeder } = session.people;
    // The loop Schulden ↔ Stress, in the patterns panel.
    await moeder.page.getByTestId('tab-patterns').click();
    await moeder.page.getByTestId('loop').first().getByTestId('loop-comments').click();
    await write(moeder.page, 'Deze cirkel herken ik.');
    await expect.poll(async () => (await stored()).comments?.find((c) => c.on.startsWith('loop:'))?.on).toBe('loop:l1,l2');

    await fenna.page.getByTestId('tab-patterns').click();
    const loopButton = fenna.page.getByTestId('loop').first().getByTestId('loop-comments');
    await expect.poll(() => loopButton.innerText()).toContain('1 open');
    await loopButton.click();
    await thread(fenna.page, 'Deze cirkel herken ik.').waitFor();

    // A link: chosen by a click on its line.
    await fenna.page.getByTestId('tab-inspector').click();
    await fenna.page.getByTestId('rf__edge-l3').click({ force: true });
    await fenna.page.getByTestId('inspector-link').waitFor();
    await write(fenna.page, 'Waarom denken we dit?');
    await badge(moeder.page, 'l3').waitFor();
    await fenna.page.getByTestId('undo').click();
    await expect.poll(() => badge(moeder.page, 'l3').count()).toBe(0);
    expect((await stored()).comments?.some((c) => c.on === 'l3')).toBe(false);
  });

  it('the unread marker: a count on the comments tab until the person looks, remembered on their device', async () => {
    const { fenna, moeder } = session.people;
    await select(fenna.page, 'Stress');
    await write(fenna.page, 'Hoe vaak slaap je slecht?');
    const unread = moeder.page.getByTestId('comments-unread');
    await unread.waitFor();
    const before = Number(await unread.getAttribute('data-count'));
    expect(before).toBeGreaterThanOrEqual(1);
    await moeder.page.getByTestId('tab-comments').click();
    await moeder.page.getByTestId('comments-panel').waitFor();
    // The new ones stay marked while she looks; the count on the tab goes.
    expect(await thread(moeder.page, 'Hoe vaak slaap je slecht?').getByTestId('comment-new').count()).toBe(1);
    await expect.poll(() => unread.count()).toBe(0);
    await reopenAnalysis(moeder.page);
    await factor(moeder.page, 'Stress').waitFor();
    await moeder.page.getByTestId('tab-inspector').waitFor();
    expect(await moeder.page.getByTestId('comments-unread').count()).toBe(0);
    // Someone else writes again: new for her again.
    await write(fenna.page, 'En overdag?');
    await moeder.page.getByTestId('comments-unread').waitFor();
    expect(await moeder.page.getByTestId('comments-unread').getAttribute('data-count')).toBe('1');
  });

  it('the facilitator gets a quiet hint for judging words, with an alternative; an editor never; it can be switched off', async () => {
    const { fenna, moeder } = session.people;
    await select(fenna.page, 'Steunende zus');
    await fenna.page.getByTestId('comment-text').fill('Moeder faalt in het bijhouden van de post');
    const hint = fenna.page.getByTestId('neutral-hint');
    await hint.waitFor();
    expect(await hint.innerText()).toContain('het lukte (nog) niet om');
    // It never blocks: the comment is placed as written.
    await fenna.page.getByTestId('comment-send').click();
    await thread(fenna.page, 'Moeder faalt').waitFor();
    // The placed comment carries the hint for her, not for Mira, who also types a judging word in a label.
    await thread(fenna.page, 'Moeder faalt').getByTestId('neutral-hint').waitFor();
    await select(moeder.page, 'Steunende zus');
    await thread(moeder.page, 'Moeder faalt').waitFor();
    await moeder.page.getByTestId('inspector-label').fill('Zus is onwillig');
    await moeder.page.getByTestId('comment-text').fill('Het is de schuld van de zus');
    await expect.poll(() => fenna.page.getByTestId('inspector-label').inputValue()).toBe('Zus is onwillig');
    expect(await moeder.page.getByTestId('neutral-hint').count()).toBe(0);
    // The facilitator sees the label's hint live.
    await expect.poll(() => fenna.page.locator('[data-testid="inspector-factor"] > label [data-testid="neutral-hint"]').count()).toBe(1);
    await moeder.page.getByTestId('inspector-label').fill('Steunende zus');
    await moeder.page.getByTestId('comment-text').fill('');
    await expect.poll(() => fenna.page.locator('[data-testid="inspector-factor"] > label [data-testid="neutral-hint"]').count()).toBe(0);

    await fenna.page.getByTestId('neutral-hint-off').first().click();
    await expect.poll(() => fenna.page.getByTestId('neutral-hint').count()).toBe(0);
    await reopenAnalysis(fenna.page);
    await select(fenna.page, 'Steunende zus');
    await thread(fenna.page, 'Moeder faalt').waitFor();
    expect(await fenna.page.getByTestId('neutral-hint').count()).toBe(0);
    await fenna.page.getByTestId('tab-comments').click();
    await fenna.page.getByTestId('neutral-hints-switch').check();
    await thread(fenna.page, 'Moeder faalt').getByTestId('neutral-hint').waitFor();
  });

  it('a viewer reads the threads but cannot write, answer or resolve', async () => {
    const viewer = await session.newPerson('Kijker');
    await openAnalysis(viewer.page, session.analysis.links.viewer);
    await select(viewer.page, 'Schulden');
    await thread(viewer.page, 'Dit begon al voor 2019.').waitFor();
    for (const id of ['comment-text', 'comment-reply', 'comment-resolve', 'comment-delete', 'comment-edit'])
      expect(await viewer.page.getByTestId(id).count(), id).toBe(0);
    await viewer.context.close();
  });

  it('comments travel with the analysis: file export and import, and PNG export and import', async () => {
    const { fenna } = session.people;
    const expected = (await stored()).comments!;
    expect(expected.length).toBeGreaterThanOrEqual(4);

    // The analysis file.
    await fenna.page.getByTestId('file-menu').click();
    const [download] = await Promise.all([fenna.page.waitForEvent('download'), fenna.page.getByTestId('export-file').click()]);
    const exported = JSON.parse((await bytesOf(download)).toString('utf8')) as AnalysisFile;
    expect(exported.comments).toEqual(expected);
    const target = await session.createAnalysis({ title: 'Leeg' });
    await openAnalysis(fenna.page, target.links.facilitator);
    await fenna.page
      .getByTestId('import-input')
      .setInputFiles({ name: 'gezin.samenzicht.json', mimeType: 'application/json', buffer: await bytesOf(download) });
    await factor(fenna.page, 'Schulden').waitFor();
    await expect.poll(async () => (await stored(target)).comments).toEqual(expected);
    // The import selected all it brought in; the comments overview chooses the one factor a thread is about.
    await fenna.page.getByTestId('tab-comments').click();
    await fenna.page.locator('[data-testid="comments-group"][data-on="f1"] [data-testid="comments-target"]').click();
    await fenna.page.getByTestId('tab-inspector').click();
    await fenna.page.locator('[data-testid="comments"][data-on="f1"]').waitFor();
    await thread(fenna.page, 'Klopt, na de brief').waitFor();

    // A PNG made in the browser carries the analysis, comments included; it opens again into another analysis.
    await fenna.page.getByTestId('file-menu').click();
    await fenna.page.getByTestId('export-open').click();
    await fenna.page.getByTestId('export-dialog').waitFor();
    const [png] = await Promise.all([
      fenna.page.waitForEvent('download', { timeout: 60_000 }),
      fenna.page.getByTestId('export-start').click(),
    ]);
    await fenna.page.getByTestId('export-done').waitFor();
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    await fenna.page.keyboard.press('Escape');
    const fromPng = await session.createAnalysis({ title: 'Uit PNG' });
    await openAnalysis(fenna.page, fromPng.links.facilitator);
    await fenna.page.getByTestId('import-input').setInputFiles({ name: 'analyse.png', mimeType: 'image/png', buffer: await bytesOf(png) });
    await factor(fenna.page, 'Schulden').waitFor();
    await expect.poll(async () => (await stored(fromPng)).comments).toEqual(expected);
    await badge(fenna.page, 'f1').waitFor();
  });

  it('on a phone the comments are in the bottom sheet, and a parent writes one there', async () => {
    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await context.addInitScript(() => {
      localStorage.setItem('samenzicht.name', 'Mira');
      localStorage.setItem('samenzicht.language', 'nl');
      // Not asked who they are in the analysis (stances.spec covers that question).
      localStorage.setItem('samenzicht.seatAsk', 'never');
    });
    const page = await context.newPage();
    await openAnalysis(page, session.analysis.links.editor);
    await factor(page, 'Stress').locator('.factor-label').tap();
    await page.getByTestId('panel-open').tap();
    await page.getByTestId('panel-sheet').waitFor();
    await page.getByTestId('comment-text').fill('Ik slaap slecht door de post.');
    const send = page.getByTestId('comment-send');
    const box = (await send.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(43.99);
    await send.tap();
    await thread(page, 'Ik slaap slecht door de post.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
