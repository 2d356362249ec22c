/** The start page creates an analysis and opens it as facilitator, with the three links in the share panel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, makeDataDir, newPerson, removeDataDir, startServerProcess, type ServerProcess } from './harness.ts';

describe('start page', () => {
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

  it('"Nieuwe analyse" creates one, opens it and shows the three links', async () => {
    const { page } = await newPerson(browser, 'Gespreksleider');
    await page.goto(server.url);
    await page.getByRole('textbox').fill('Gezin K. — verklarende analyse');
    await page.getByTestId('new-analysis').click();
    await page.waitForURL(/\/a\/[A-Za-z0-9_-]+#/);
    await page.getByTestId('connection').filter({ hasText: 'Verbonden' }).waitFor();
    expect(await page.getByTestId('title').inputValue()).toBe('Gezin K. — verklarende analyse');
    await page.getByTestId('share').click();
    for (const role of ['facilitator', 'editor', 'viewer']) {
      const value = await page.getByTestId(`share-${role}`).locator('input').inputValue();
      expect(value).toMatch(new RegExp(`^${server.url}/a/[A-Za-z0-9_-]+#[A-Za-z0-9_-]{22,}$`));
    }
  });

  it('an incomplete link says what to do, in Dutch', async () => {
    const { page } = await newPerson(browser, 'Ouder');
    await page.goto(`${server.url}/a/abcdefghijklmnop`);
    await page.getByRole('alert').filter({ hasText: 'Deze link is niet compleet' }).waitFor();
  });
});
