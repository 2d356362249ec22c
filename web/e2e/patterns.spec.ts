/**
 * Patterns in real Chromium: loops found live, a loop chosen in the panel highlights exactly its links, loop
 * names are shared, break points are marked, and loop numbers stay while unrelated parts change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  ROOT,
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

const SMALL = JSON.parse(readFileSync(join(ROOT, 'examples/small.samenzicht.json'), 'utf8'));

async function loopLinkIds(page: Page): Promise<string[]> {
  return page.$$eval('.react-flow__edge', (edges) =>
    edges.filter((e) => e.querySelector('.link--loop')).map((e) => e.getAttribute('data-id')!).sort(),
  );
}

describe('patterns in the editor', () => {
  let server: ServerProcess;
  let dataDir: string;
  let browser: Browser;
  let analysis: CreatedAnalysis;
  let a: Person;
  let b: Person;

  beforeAll(async () => {
    dataDir = makeDataDir();
    server = await startServerProcess({ dataDir });
    browser = await launchBrowser();
    analysis = await createAnalysis(server.url, { content: SMALL });
    a = await newPerson(browser, 'Anna');
    b = await newPerson(browser, 'Bram');
    await openAnalysis(a.page, analysis.links.facilitator);
    await openAnalysis(b.page, analysis.links.editor);
    await a.page.getByTestId('tab-patterns').click();
    await b.page.getByTestId('tab-patterns').click();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeDataDir(dataDir);
  });

  it('finds the loops of the analysis, with the vicious circles', async () => {
    await a.page.getByTestId('patterns-summary').filter({ hasText: '2 lussen gevonden, waarvan 2 vicieuze cirkel(s)' }).waitFor();
    expect(await a.page.getByTestId('loop').count()).toBe(2);
  });

  it('choosing a loop highlights exactly its links', async () => {
    const loop = a.page.getByTestId('loop').filter({ has: a.page.locator('input[value="De schuldenspiraal"]') });
    await loop.getByTestId('loop-show').click();
    await a.page.mouse.move(10, 10);
    await expect.poll(() => loopLinkIds(a.page)).toEqual(['l2', 'l3', 'l4', 'l5']);
    // Factors outside the loop are dimmed.
    const dimmed = await a.page.$$eval('[data-testid="factor"].factor--dimmed', (els) => els.length);
    expect(dimmed).toBe(9 - 4);
    await loop.getByTestId('loop-show').click();
    await expect.poll(() => loopLinkIds(a.page)).toEqual([]);
  });

  it('a loop name is shared and stored in the file', async () => {
    const unnamed = await a.page.$$eval('[data-testid="loop"]', (els) =>
      els.filter((e) => (e.querySelector('input') as HTMLInputElement).value === '').map((e) => e.getAttribute('data-loop-id')),
    );
    expect(unnamed).toHaveLength(1);
    const other = a.page.locator(`[data-testid="loop"][data-loop-id="${unnamed[0]}"]`);
    await other.getByTestId('loop-name').fill('Wantrouwen houdt het vast');
    await other.getByTestId('loop-name').press('Enter');
    await b.page.locator('[data-testid="loop-name"][value="Wantrouwen houdt het vast"]').waitFor();
    const response = await fetch(`${server.url}/api/analyses/${analysis.id}`, {
      headers: { authorization: `Bearer ${analysis.tokens.viewer}` },
    });
    const file = (await response.json()) as { loops: Array<{ name: string; links: string[] }> };
    expect(file.loops.map((l) => l.name).sort()).toEqual(['De schuldenspiraal', 'Wantrouwen houdt het vast']);
  });

  it('marks the break points with the sentence and on the canvas', async () => {
    const breaks = a.page.getByTestId('break-points');
    await breaks.getByTestId('break-link').first().waitFor();
    expect(await breaks.innerText()).toContain('doorbreekt 2 van de 2 vicieuze cirkels');
    await a.page.getByTestId('show-breaks').check();
    await a.page.getByTestId('break-mark').first().waitFor();
    const marked = await a.page.$$eval('[data-testid="break-mark"]', (els) => els.map((e) => e.getAttribute('data-link-id')));
    expect(marked.length).toBe(await breaks.getByTestId('break-link').count());
    expect(['l2', 'l4', 'l5']).toContain(marked[0]);
  });

  it('loop numbers stay the same while an unrelated part changes', async () => {
    const ids = async (page: Page) =>
      page.$$eval('[data-testid="loop"]', (els) =>
        els.map((e) => `${e.getAttribute('data-loop-id')}=${(e.querySelector('input') as HTMLInputElement).value}`).sort(),
      );
    const before = await ids(a.page);
    await b.page.getByTestId('add-factor').click();
    await b.page.locator('textarea.factor-editor').fill('Nieuwe baan');
    await b.page.locator('textarea.factor-editor').press('Enter');
    await a.page.locator('[data-testid="factor"]', { hasText: 'Nieuwe baan' }).waitFor();
    await a.page.waitForTimeout(600);
    expect(await ids(a.page)).toEqual(before);
  });

  it('"Netjes maken" lays everything out in one transaction, undone in one step', async () => {
    const positions = async () => {
      const response = await fetch(`${server.url}/api/analyses/${analysis.id}`, {
        headers: { authorization: `Bearer ${analysis.tokens.viewer}` },
      });
      const file = (await response.json()) as { factors: Array<{ id: string; kind: string; position: { x: number; y: number } }> };
      return Object.fromEntries(file.factors.map((f) => [f.id, f.position]));
    };
    await a.page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } });
    const before = await positions();
    await a.page.getByTestId('layout').click();
    await expect.poll(async () => JSON.stringify(await positions())).not.toBe(JSON.stringify(before));
    const after = await positions();
    // Reads as an explanation: the trigger (f1) left of what keeps it going (f2), the concern (f6) right of both.
    expect(after.f1!.x).toBeLessThan(after.f2!.x);
    expect(after.f2!.x).toBeLessThan(after.f6!.x);
    expect(after.f8!.x).toBeGreaterThan(after.f6!.x);
    await a.page.getByTestId('undo').click();
    await expect.poll(async () => JSON.stringify(await positions())).toBe(JSON.stringify(before));
  });
});
