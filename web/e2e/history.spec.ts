/**
 * Sessions over time (issue 16): two sessions a week apart, each ending with a version; comparing them shows exactly
 * what changed and names the vicious circle that was broken; the Prullenbak brings back a deleted factor with its
 * links (and the access log says so). The server runs in this process with a clock the test moves (StartOptions.now)
 * and each page's clock is set to the same day (Playwright's page.clock), so the two sessions are on different days
 * for the server's versions and for the dates the browser shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseConfig } from '../../server/src/config.ts';
import { startServer, type RunningServer } from '../../server/src/server.ts';
import {
  createAnalysis,
  launchBrowser,
  makeDataDir,
  newPerson,
  openAnalysis,
  removeDataDir,
  type CreatedAnalysis,
  type Person,
} from './harness.ts';

const DAY = 24 * 60 * 60 * 1000;
const DAY_1 = Date.UTC(2026, 2, 2, 9, 30);
const DAY_8 = DAY_1 + 7 * DAY;

/** A fictional family: a debt spiral (a vicious circle with a name) and a strength beside it. */
const CONTENT = {
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Gezin de Vries (fictief)',
  factors: [
    { id: 'f1', label: 'Schulden', kind: 'perpetuating', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Stress bij moeder', kind: 'perpetuating', position: { x: 320, y: 0 } },
    { id: 'f3', label: 'Afspraken missen', kind: 'aggravating', position: { x: 160, y: 220 } },
    { id: 'f4', label: 'Steun van de buurvrouw', kind: 'protective', position: { x: 560, y: 220 } },
  ],
  links: [
    { id: 'l1', from: 'f1', to: 'f2', polarity: '+' },
    { id: 'l2', from: 'f2', to: 'f3', polarity: '+' },
    { id: 'l3', from: 'f3', to: 'f1', polarity: '+' },
    { id: 'l4', from: 'f4', to: 'f2', polarity: '-' },
  ],
  loops: [{ links: ['l1', 'l2', 'l3'], name: 'De schuldenspiraal' }],
};

interface StoredFile {
  factors: Array<{ id: string; label: string; kind: string }>;
  links: Array<{ id: string; from: string; to: string }>;
}

const factor = (page: Page, label: string) => page.locator('[data-testid="factor"]', { hasText: label });

describe('sessions over time', () => {
  let clock = DAY_1;
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let analysis: CreatedAnalysis;
  let leader: Person;

  beforeAll(async () => {
    dataDir = makeDataDir();
    server = await startServer(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }), {
      now: () => clock,
      // Requests are not printed; errors are.
      log: { info: () => undefined, error: (message, error) => console.error(message, error) },
    });
    analysis = await createAnalysis(server.url, { content: CONTENT });
    browser = await launchBrowser();
    leader = await newPerson(browser, 'Gespreksleider Sam');
    await leader.page.clock.setFixedTime(DAY_1);
    await openAnalysis(leader.page, analysis.links.facilitator);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) removeDataDir(dataDir);
  });

  const readFile = async (): Promise<StoredFile> => {
    const response = await fetch(`${server.url}/api/analyses/${analysis.id}`, {
      headers: { authorization: `Bearer ${analysis.tokens.facilitator}` },
    });
    return (await response.json()) as StoredFile;
  };

  const openHistory = async (page: Page) => {
    await page.getByTestId('tab-history').click();
    await page.getByTestId('versions').waitFor();
  };

  const makeVersion = async (page: Page, name: string) => {
    await page.getByTestId('version-name').fill(name);
    await page.getByTestId('version-make').click();
    await page.getByTestId('version').filter({ hasText: name }).waitFor();
  };

  it('session 1: the facilitator makes a named version', async () => {
    const { page } = leader;
    await openHistory(page);
    await makeVersion(page, 'Sessie 1 — kennismaking');
    const row = page.getByTestId('version').filter({ hasText: 'Sessie 1 — kennismaking' });
    expect(await row.textContent()).toContain('4 factoren · 4 verbanden · 1 vicieuze cirkel');
    expect(await row.locator('time').getAttribute('datetime')).toBe(new Date(DAY_1).toISOString());
  });

  it('session 2, a week later: a factor deleted, one changed, one added, then a second version', async () => {
    const { page } = leader;
    clock = DAY_8;
    await page.clock.setFixedTime(DAY_8);
    await page.getByTestId('tab-inspector').click();
    await factor(page, 'Afspraken missen').click();
    await page.getByTestId('delete').click();
    await expect.poll(async () => (await readFile()).factors.map((f) => f.id)).toEqual(['f1', 'f2', 'f4']);
    await factor(page, 'Stress bij moeder').click();
    // The radio sits under its icon: the label is what a person clicks.
    await page.locator('label', { has: page.getByTestId('kind-precipitating') }).click();
    await page.getByTestId('add-factor').click();
    const editor = page.locator('textarea.factor-editor');
    await editor.fill('Opa helpt met de post');
    await editor.press('Enter');
    await expect.poll(async () => (await readFile()).factors.map((f) => f.label).sort()).toContain('Opa helpt met de post');
    await expect.poll(async () => (await readFile()).factors.find((f) => f.id === 'f2')?.kind).toBe('precipitating');

    await openHistory(page);
    await makeVersion(page, 'Sessie 2 — een week later');
    const row = page.getByTestId('version').filter({ hasText: 'Sessie 2 — een week later' });
    expect(await row.locator('time').getAttribute('datetime')).toBe(new Date(DAY_8).toISOString());
    expect(await row.textContent()).toContain('4 factoren · 2 verbanden · 0 vicieuze cirkels');
  });

  it('compare shows exactly what changed and the summary names the broken loop', async () => {
    const { page } = leader;
    await openHistory(page);
    const versions = page.getByTestId('version');
    const first = await versions.filter({ hasText: 'Sessie 1' }).count();
    expect(first).toBe(1);
    const fromValue = await page
      .getByTestId('compare-from')
      .locator('option', { hasText: 'Sessie 1 — kennismaking' })
      .getAttribute('value');
    const toValue = await page.getByTestId('compare-to').locator('option', { hasText: 'Sessie 2 — een week later' }).getAttribute('value');
    await page.getByTestId('compare-from').selectOption(fromValue!);
    await page.getByTestId('compare-to').selectOption(toValue!);
    await page.getByTestId('compare-start').click();
    await page.getByTestId('compare-banner').waitFor();

    const changes = await page.getByTestId('compare-change').allTextContents();
    expect(changes.sort()).toEqual(
      [
        '+Factor erbij: Opa helpt met de post',
        '−Factor weg: Afspraken missen',
        '~Stress bij moeder: soort veranderd',
        '−Verband weg: Stress bij moeder → Afspraken missen',
        '−Verband weg: Afspraken missen → Schulden',
      ].sort(),
    );
    const summary = await page.getByTestId('compare-summary').textContent();
    expect(summary).toMatch(/1 vicieuze cirkel doorbroken \(R1 [‘']De schuldenspiraal[’']\)/);
    expect(summary).toContain('1 factor erbij');
    expect(summary).toContain('1 factor weg');
    expect(summary).toMatch(/Stress bij moeder[’']? van “houdt het in stand” naar “aanleiding”/i);
    // The overlay picture is drawn; side by side shows both.
    await page.getByTestId('compare-picture').locator('img').waitFor();
    await page.getByTestId('compare-side').click();
    await expect.poll(() => page.getByTestId('compare-side-picture').locator('img').count()).toBe(2);

    // The overlay and its summary save as PNG and PDF.
    for (const format of ['png', 'pdf'] as const) {
      const download = page.waitForEvent('download');
      await page.getByTestId(`compare-${format}`).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
    }
    await page.getByTestId('history-back').click();
    await page.getByTestId('history-view').waitFor({ state: 'detached' });
  });

  it('a version opens read-only over the canvas, with a banner and the way back to now', async () => {
    const { page } = leader;
    await openHistory(page);
    await page.getByTestId('version').filter({ hasText: 'Sessie 1' }).getByTestId('version-open').click();
    const banner = page.getByTestId('version-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Sessie 1 — kennismaking');
    await page.getByTestId('version-picture').locator('img').waitFor();
    // Undo does nothing to the live analysis while a version is shown.
    const before = await readFile();
    await page.keyboard.press('Control+z');
    expect(await readFile()).toEqual(before);
    await page.keyboard.press('Escape');
    await page.getByTestId('history-view').waitFor({ state: 'detached' });
  });

  it('the Prullenbak brings back a deleted factor with its links, and the access log records it', async () => {
    const { page } = leader;
    await openHistory(page);
    const item = page.getByTestId('trash-item').filter({ hasText: 'Afspraken missen' });
    await item.waitFor();
    expect(await item.textContent()).toContain('weggehaald door Gespreksleider Sam');
    expect(await item.textContent()).toContain('2 verbanden');
    await item.getByTestId('trash-restore').click();
    await page.getByTestId('trash-status').filter({ hasText: 'Afspraken missen staat weer in de tekening' }).waitFor();
    await expect
      .poll(async () => {
        const file = await readFile();
        return { factors: file.factors.some((f) => f.id === 'f3'), links: file.links.map((l) => l.id).sort() };
      })
      .toEqual({ factors: true, links: ['l1', 'l2', 'l3', 'l4'] });
    await factor(page, 'Afspraken missen').waitFor();
    expect(await page.getByTestId('trash-item').filter({ hasText: 'Afspraken missen' }).count()).toBe(0);
    await expect
      .poll(async () => {
        const response = await fetch(`${server.url}/api/analyses/${analysis.id}/log`, {
          headers: { authorization: `Bearer ${analysis.tokens.facilitator}` },
        });
        const { entries } = (await response.json()) as { entries: Array<{ action: string; detail?: string; name: string }> };
        return entries.filter((e) => e.action === 'restored').map((e) => [e.name, e.detail]);
      })
      .toEqual([['Gespreksleider Sam', 'factor']]);
  });
});
