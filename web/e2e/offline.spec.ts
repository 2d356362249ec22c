/**
 * Offline in the browser: edits made while the server is down are kept in the browser (IndexedDB), survive
 * closing the tab, and merge into the stored analysis when the server is back.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSession } from './fixture.ts';
import { openAnalysis } from './harness.ts';

/**
 * Whether the page's own copy of analysis `id` in IndexedDB (y-indexeddb, database `samenzicht:<id>`) holds `text`,
 * read in the page through a connection of its own. Labels are stored as UTF-8 inside the Yjs updates.
 */
async function keptInBrowser(page: Page, id: string, text: string): Promise<boolean> {
  return page.evaluate(
    async ([name, wanted]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        const updates = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const needle = new TextEncoder().encode(wanted);
        const holds = (bytes: Uint8Array) => {
          for (let i = 0; i + needle.length <= bytes.length; i++) {
            let j = 0;
            while (j < needle.length && bytes[i + j] === needle[j]) j++;
            if (j === needle.length) return true;
          }
          return false;
        };
        return updates.some((update) => holds(new Uint8Array(update as ArrayBuffer)));
      } finally {
        db.close();
      }
    },
    [`samenzicht:${id}`, text],
  );
}

describe('offline editing', () => {
  const session = useSession();

  it('keeps edits made while the server is down across a reload and closing the tab, and merges them later', async () => {
    const analysis = await session.createAnalysis({ title: 'Offline' });
    const person = await session.newPerson('Anna');
    await openAnalysis(person.page, analysis.links.editor);
    // The service worker (web/public/sw.js) keeps the app itself, so the page can be reloaded without the server.
    await person.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await session.stopServer();
    await person.page.getByTestId('connection').filter({ hasNotText: 'Verbonden' }).waitFor();

    await person.page.getByTestId('add-factor').click();
    await person.page.locator('textarea.factor-editor').fill('Bedacht zonder verbinding');
    await person.page.locator('textarea.factor-editor').press('Enter');
    await person.page.getByTestId('connection').filter({ hasText: 'je werk blijft op dit apparaat' }).waitFor();
    // Reloading while the server is down: the app comes from the service worker, the edit from IndexedDB, once it
    // is written there.
    await expect.poll(() => keptInBrowser(person.page, analysis.id, 'Bedacht zonder verbinding')).toBe(true);
    await person.page.reload();
    await person.page.locator('[data-testid="factor"]', { hasText: 'Bedacht zonder verbinding' }).waitFor();
    await person.page.getByTestId('add-factor').click();
    await person.page.locator('textarea.factor-editor').fill('Ook na het herladen');
    await person.page.locator('textarea.factor-editor').press('Enter');
    // Closed once IndexedDB holds the edit: from then on the edits live only in this browser.
    await expect.poll(() => keptInBrowser(person.page, analysis.id, 'Ook na het herladen')).toBe(true);
    await person.page.close();

    await session.startServer();
    const stored = async () => (await session.readFile<{ factors: Array<{ label: string }> }>(analysis)).factors.map((f) => f.label);
    // Nobody is connected yet: the server has none of it.
    expect(await stored()).toEqual([]);

    const page = await person.context.newPage();
    await openAnalysis(page, analysis.links.editor);
    await page.locator('[data-testid="factor"]', { hasText: 'Bedacht zonder verbinding' }).waitFor();
    await expect.poll(async () => (await stored()).sort()).toEqual(['Bedacht zonder verbinding', 'Ook na het herladen']);
  });
});
