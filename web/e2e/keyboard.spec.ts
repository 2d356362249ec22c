/** Keyboard only: Tab reaches the factors, Enter edits, arrow keys move, Delete removes, Ctrl+Z undoes. */
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
  type CreatedAnalysis,
  type Person,
  type ServerProcess,
} from './harness.ts';

const CONTENT = {
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Toetsenbord',
  factors: [
    { id: 'f1', label: 'Eerste', kind: 'problem', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Tweede', kind: 'protective', position: { x: 300, y: 0 } },
  ],
  links: [],
};

describe('keyboard access', () => {
  let server: ServerProcess;
  let dataDir: string;
  let browser: Browser;
  let analysis: CreatedAnalysis;
  let person: Person;

  const stored = async () => {
    const response = await fetch(`${server.url}/api/analyses/${analysis.id}`, {
      headers: { authorization: `Bearer ${analysis.tokens.viewer}` },
    });
    return (await response.json()) as { factors: Array<{ id: string; label: string; position: { x: number; y: number } }> };
  };

  beforeAll(async () => {
    dataDir = makeDataDir();
    server = await startServerProcess({ dataDir });
    browser = await launchBrowser();
    analysis = await createAnalysis(server.url, { content: CONTENT });
    person = await newPerson(browser, 'Toetsenbord');
    await openAnalysis(person.page, analysis.links.editor);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeDataDir(dataDir);
  });

  it('reaches a factor with Tab, edits it with Enter, moves it with arrows and removes it with Delete', async () => {
    const page = person.page;
    // Tab until a factor node has focus.
    let focused = '';
    for (let i = 0; i < 40 && !focused.startsWith('f'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('data-id') ?? '');
    }
    expect(focused).toMatch(/^f[12]$/);
    const label = focused === 'f1' ? 'Eerste' : 'Tweede';

    await page.keyboard.press('Enter');
    const editor = page.locator('textarea.factor-editor');
    await editor.waitFor();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(`${label} (aangepast)`);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stored()).factors.find((f) => f.id === focused)?.label).toBe(`${label} (aangepast)`);

    const before = (await stored()).factors.find((f) => f.id === focused)!.position;
    await page.locator(`.react-flow__node[data-id="${focused}"]`).focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await stored()).factors.find((f) => f.id === focused)!.position.x).toBeGreaterThan(before.x);

    await page.keyboard.press('Delete');
    await expect.poll(async () => (await stored()).factors.map((f) => f.id)).not.toContain(focused);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await stored()).factors.map((f) => f.id)).toContain(focused);
  });
});
