/**
 * Patterns in real Chromium: loops found live, a loop chosen in the panel highlights exactly its links, loop
 * names are shared, break points are marked, and loop numbers stay while unrelated parts change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSession } from './fixture.ts';
import { ROOT } from './harness.ts';

const SMALL = JSON.parse(readFileSync(join(ROOT, 'examples/small.samenzicht.json'), 'utf8'));

/** Waits until the loops shown were computed from the document as the page has it now (patternsRunner.ts). */
async function patternsUpToDate(page: Page): Promise<void> {
  const revision = page.getByTestId('patterns-revision');
  const docRevision = Number(await revision.getAttribute('data-doc-revision'));
  await expect.poll(async () => Number(await revision.getAttribute('data-patterns-revision'))).toBeGreaterThanOrEqual(docRevision);
}

async function loopLinkIds(page: Page): Promise<string[]> {
  return page.$$eval('.react-flow__edge', (edges) =>
    edges
      .filter((e) => e.querySelector('.link--loop'))
      .map((e) => e.getAttribute('data-id')!)
      .sort(),
  );
}

describe('patterns in the editor', () => {
  const session = useSession({
    analysis: { content: SMALL },
    people: { a: { name: 'Anna', opens: 'facilitator' }, b: { name: 'Bram', opens: 'editor' } },
  });

  beforeAll(async () => {
    const { a, b } = session.people;
    await a.page.getByTestId('tab-patterns').click();
    await b.page.getByTestId('tab-patterns').click();
  });

  it('finds the loops of the analysis, with the vicious circles', async () => {
    const { a } = session.people;
    await a.page.getByTestId('patterns-summary').filter({ hasText: '2 kringlopen gevonden, waarvan 2 vicieuze cirkels' }).waitFor();
    expect(await a.page.getByTestId('loop').count()).toBe(2);
  });

  it('choosing a loop highlights exactly its links', async () => {
    const { a } = session.people;
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
    const { a, b } = session.people;
    const unnamed = await a.page.$$eval('[data-testid="loop"]', (els) =>
      els.filter((e) => (e.querySelector('input') as HTMLInputElement).value === '').map((e) => e.getAttribute('data-loop-id')),
    );
    expect(unnamed).toHaveLength(1);
    const other = a.page.locator(`[data-testid="loop"][data-loop-id="${unnamed[0]}"]`);
    await other.getByTestId('loop-name').fill('Wantrouwen houdt het vast');
    await other.getByTestId('loop-name').press('Enter');
    await b.page.locator('[data-testid="loop-name"][value="Wantrouwen houdt het vast"]').waitFor();
    const file = await session.readFile<{ loops: Array<{ name: string; links: string[] }> }>();
    expect(file.loops.map((l) => l.name).sort()).toEqual(['De schuldenspiraal', 'Wantrouwen houdt het vast']);
  });

  it('marks the break points with the sentence and on the canvas', async () => {
    const { a } = session.people;
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
    const { a, b } = session.people;
    const ids = async (page: Page) =>
      page.$$eval('[data-testid="loop"]', (els) =>
        els.map((e) => `${e.getAttribute('data-loop-id')}=${(e.querySelector('input') as HTMLInputElement).value}`).sort(),
      );
    await patternsUpToDate(a.page);
    const before = await ids(a.page);
    await b.page.getByTestId('add-factor').click();
    await b.page.locator('textarea.factor-editor').fill('Nieuwe baan');
    await b.page.locator('textarea.factor-editor').press('Enter');
    await a.page.locator('[data-testid="factor"]', { hasText: 'Nieuwe baan' }).waitFor();
    // The loops shown are those of the document with the new factor: only then does "unchanged" say anything.
    await patternsUpToDate(a.page);
    expect(await ids(a.page)).toEqual(before);
  });

  it('"Netjes maken" lays everything out in one transaction, undone in one step', async () => {
    const { a } = session.people;
    const positions = async () => {
      const file = await session.readFile<{ factors: Array<{ id: string; kind: string; position: { x: number; y: number } }> }>();
      return Object.fromEntries(file.factors.map((f) => [f.id, f.position]));
    };
    await a.page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } });
    const before = await positions();
    await a.page.getByTestId('layout').click();
    await expect.poll(async () => JSON.stringify(await positions())).not.toBe(JSON.stringify(before));
    // Said in a notice, with a way back.
    const notice = a.page.getByTestId('linking-toast').filter({ hasText: /factoren hebben een nieuwe plek/ });
    await notice.waitFor();
    await expect.poll(() => notice.getByTestId('linking-toast-undo').isVisible()).toBe(true);
    const after = await positions();
    // Reads as an explanation: the trigger (f1) left of what keeps it going (f2), the concern (f6) right of both;
    // the strength "Band met de kinderen" (f8) stands beside what it counters ("Afspraken missen", f4).
    expect(after.f1!.x).toBeLessThan(after.f2!.x);
    expect(after.f2!.x).toBeLessThan(after.f6!.x);
    expect(Math.abs(after.f8!.x - after.f4!.x)).toBeLessThan(320);
    expect(Math.abs(after.f8!.y - after.f4!.y)).toBeLessThan(220);
    await a.page.getByTestId('undo').click();
    await expect.poll(async () => JSON.stringify(await positions())).toBe(JSON.stringify(before));
  });
});
