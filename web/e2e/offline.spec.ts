/**
 * Offline in the browser: edits made while the server is down are kept in the browser (IndexedDB), survive
 * closing the tab, and merge into the stored analysis when the server is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  createAnalysis,
  launchBrowser,
  makeDataDir,
  newPerson,
  openAnalysis,
  removeDataDir,
  startServerProcess,
  type ServerProcess,
} from './harness.ts';

describe('offline editing', () => {
  let server: ServerProcess;
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = makeDataDir();
    server = await startServerProcess({ dataDir });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeDataDir(dataDir);
  });

  it('keeps edits made while the server is down across a reload and closing the tab, and merges them later', async () => {
    const analysis = await createAnalysis(server.url, { title: 'Offline' });
    const person = await newPerson(browser, 'Anna');
    await openAnalysis(person.page, analysis.links.editor);
    // The service worker (web/public/sw.js) keeps the app itself, so the page can be reloaded without the server.
    await person.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const port = server.port;
    await server.stop();
    await person.page.getByTestId('connection').filter({ hasNotText: 'Verbonden' }).waitFor();

    await person.page.getByTestId('add-factor').click();
    await person.page.locator('textarea.factor-editor').fill('Bedacht zonder verbinding');
    await person.page.locator('textarea.factor-editor').press('Enter');
    await person.page.getByTestId('connection').filter({ hasText: 'Nog niet gedeeld' }).waitFor();
    // Reloading while the server is down: the app comes from the service worker, the edit from IndexedDB.
    await person.page.waitForTimeout(300);
    await person.page.reload();
    await person.page.locator('[data-testid="factor"]', { hasText: 'Bedacht zonder verbinding' }).waitFor();
    await person.page.getByTestId('add-factor').click();
    await person.page.locator('textarea.factor-editor').fill('Ook na het herladen');
    await person.page.locator('textarea.factor-editor').press('Enter');
    // Give IndexedDB a moment to write, then close the tab: the edits now live only in this browser.
    await person.page.waitForTimeout(300);
    await person.page.close();

    server = await startServerProcess({ dataDir, port });
    const stored = async () => {
      const response = await fetch(`${server.url}/api/analyses/${analysis.id}`, {
        headers: { authorization: `Bearer ${analysis.tokens.viewer}` },
      });
      return ((await response.json()) as { factors: Array<{ label: string }> }).factors.map((f) => f.label);
    };
    expect(await stored()).toEqual([]);

    const page = await person.context.newPage();
    await openAnalysis(page, analysis.links.editor);
    await page.locator('[data-testid="factor"]', { hasText: 'Bedacht zonder verbinding' }).waitFor();
    await expect.poll(async () => (await stored()).sort()).toEqual(['Bedacht zonder verbinding', 'Ook na het herladen']);
  });
});
