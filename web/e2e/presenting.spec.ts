/**
 * The big screen and the facilitator's lead, in real Chromium: presentation mode at 1920 × 1080 with 30 factors
 * (readable labels, no chrome, a legend that covers nothing), loop labels on the canvas, following the
 * facilitator's view in a second browser, and a spotlight seen there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSession } from './fixture.ts';
import { ROOT } from './harness.ts';

interface FileFactor {
  id: string;
}
interface FileLink {
  id: string;
  from: string;
  to: string;
}

/** 30 factors of the medium example and the links between them (its saved loop names left out). */
function thirtyFactors(): Record<string, unknown> {
  const medium = JSON.parse(readFileSync(join(ROOT, 'examples/medium.samenzicht.json'), 'utf8'));
  const factors = (medium.factors as FileFactor[]).slice(0, 30);
  const ids = new Set(factors.map((f) => f.id));
  const links = (medium.links as FileLink[]).filter((l) => ids.has(l.from) && ids.has(l.to));
  const actors = (medium.actors as Array<{ factors: string[] }>).map((a) => ({ ...a, factors: a.factors.filter((id) => ids.has(id)) }));
  return { ...medium, title: 'Gezin Presentatie', factors, links, actors, loops: [] };
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The canvas transform of a page: translate x, y and zoom. */
async function transformOf(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  return page.$eval('.react-flow__viewport', (el) => {
    const m = new DOMMatrix(getComputedStyle(el).transform);
    return { x: m.e, y: m.f, zoom: m.a };
  });
}

/** The diagram point in the middle of a page's canvas. */
async function centreOf(page: Page): Promise<{ x: number; y: number }> {
  const t = await transformOf(page);
  const box = await page.$eval('.react-flow', (el) => {
    const r = el.getBoundingClientRect();
    return { width: r.width, height: r.height };
  });
  return { x: (box.width / 2 - t.x) / t.zoom, y: (box.height / 2 - t.y) / t.zoom };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Drags the empty canvas of `page` by (dx, dy). */
async function pan(page: Page, dx: number, dy: number): Promise<void> {
  const start = await page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    for (let y = r.top + 60; y < r.bottom - 60; y += 20) {
      for (let x = r.left + 60; x < r.right - 260; x += 20) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  if (!start) throw new Error('no empty spot on the canvas to drag');
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + dx / 2, start.y + dy / 2, { steps: 4 });
  await page.mouse.move(start.x + dx, start.y + dy, { steps: 4 });
  await page.mouse.up();
}

describe('the big screen and the facilitator lead', () => {
  const session = useSession({
    analysis: { content: thirtyFactors() },
    people: { ingrid: { name: 'Ingrid', opens: 'facilitator' }, bram: { name: 'Bram', opens: 'editor' } },
  });

  it('presentation mode at 1920 × 1080: no chrome, labels of at least 16 px, a legend that covers no factor', async () => {
    const { page } = session.people.ingrid;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => page.locator('[data-testid="factor"]').count()).toBe(30);
    await page.getByTestId('present').click();
    await page.locator('.canvas[data-presenting]').waitFor();

    // The canvas covers the page: header, toolbar and side panel are not reachable, and no minimap or zoom buttons.
    const covered = await page.evaluate(() =>
      ['.editor-header', '.toolbar', '.sidebar'].map((selector) => {
        const el = document.querySelector(selector);
        if (!el) return true;
        const r = el.getBoundingClientRect();
        return !!document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.canvas');
      }),
    );
    expect(covered).toEqual([true, true, true]);
    const canvas = await page.$eval('.canvas', (el) => el.getBoundingClientRect().toJSON() as Rect);
    expect(canvas).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(await page.locator('.react-flow__minimap, .react-flow__controls').count()).toBe(0);

    // Every label: its font size times the zoom is at least 16 css px.
    const { zoom } = await transformOf(page);
    const sizes = await page.$$eval('.factor-label', (els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(sizes).toHaveLength(30);
    expect(Math.min(...sizes) * zoom).toBeGreaterThanOrEqual(16);

    // The legend is shown and covers no factor.
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.getAttribute('data-corner')).not.toBe('none');
    await expect
      .poll(async () => {
        const box = (await legend.boundingBox())!;
        const factors = await page.$$eval('[data-testid="factor"]', (els) => els.map((el) => el.getBoundingClientRect().toJSON() as Rect));
        return factors.filter((f) => overlaps(box, f)).length;
      })
      .toBe(0);

    await page.keyboard.press('Escape');
    await page.locator('.canvas:not([data-presenting])').waitFor();
    expect(await page.locator('.react-flow__minimap').count()).toBe(1);
  });

  it('labels each loop the patterns panel lists, and the labels can be hidden', async () => {
    const { page } = session.people.bram;
    await page.getByTestId('tab-patterns').click();
    const revision = page.getByTestId('patterns-revision');
    await expect
      .poll(
        async () =>
          Number(await revision.getAttribute('data-patterns-revision')) >= Number(await revision.getAttribute('data-doc-revision')),
      )
      .toBe(true);
    const listed = await page.$$eval('[data-testid="loop"]', (els) => els.map((el) => el.getAttribute('data-loop-id')!));
    expect(listed.length).toBeGreaterThan(0);
    const labelled = await page.$$eval('[data-testid="loop-label"]', (els) => els.map((el) => el.getAttribute('data-loop-id')!));
    // Every label names a listed loop; a loop whose middle is too crowded for a free place gets none rather than
    // one drawn over another (the medium example has more loops than its middle has room for).
    expect(labelled.length).toBeGreaterThan(Math.min(listed.length, 40) / 2);
    expect(labelled.filter((id) => !listed.slice(0, 40).includes(id))).toEqual([]);
    const boxes = await page.$$eval('[data-testid="loop-label"]', (els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
    }
    expect(await page.getByTestId('loop-label').first().getAttribute('title')).toMatch(/^(Versterkend|Remmend) [RB]\d+/);

    const toggle = page.getByTestId('loop-labels-button');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    await expect.poll(() => page.getByTestId('loop-label').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('samenzicht.loopLabels'))).toBe('hidden');
    await toggle.click();
    await expect.poll(() => page.getByTestId('loop-label').count()).toBe(labelled.length);
  });

  it('a participant follows the facilitator view and stops by touching the canvas', async () => {
    const ingrid = session.people.ingrid.page;
    const bram = session.people.bram.page;
    await ingrid.setViewportSize({ width: 1280, height: 800 });
    await ingrid.getByTestId('lead').click();
    await bram.getByTestId('follow-banner').filter({ hasText: 'Je volgt Ingrid' }).waitFor();

    const before = await transformOf(bram);
    await pan(ingrid, -300, -200);
    await expect.poll(async () => JSON.stringify(await transformOf(bram))).not.toBe(JSON.stringify(before));
    // The same diagram point ends up in the middle of both canvases.
    const leaderCentre = await centreOf(ingrid);
    await expect
      .poll(async () => {
        const c = await centreOf(bram);
        return Math.hypot(c.x - leaderCentre.x, c.y - leaderCentre.y);
      })
      .toBeLessThan(5);

    // Touching the canvas stops following: the next pan of the facilitator reaches Bram but does not move him.
    await bram.mouse.click(20, (await bram.locator('.react-flow').boundingBox())!.y + 200);
    await bram.getByTestId('follow-invite').filter({ hasText: 'Ingrid laat iedereen meekijken' }).waitFor();
    const stopped = await transformOf(bram);
    await pan(ingrid, 200, 100);
    const leader = await transformOf(ingrid);
    await expect
      .poll(async () => {
        const [x, y] = ((await bram.getByTestId('lead-banner').getAttribute('data-lead-view')) ?? '').split(',').map(Number);
        return Math.abs(x! - leader.x) < 1 && Math.abs(y! - leader.y) < 1;
      })
      .toBe(true);
    expect(await transformOf(bram)).toEqual(stopped);

    // From the banner Bram follows again.
    await bram.getByTestId('follow-rejoin').click();
    await bram.getByTestId('follow-banner').waitFor();
    await expect.poll(async () => JSON.stringify(await transformOf(bram))).not.toBe(JSON.stringify(stopped));

    await ingrid.getByTestId('lead').click();
    await expect.poll(() => bram.getByTestId('follow-banner').count()).toBe(0);
  });

  it('a spotlight on a factor is seen in the other browser and cleared', async () => {
    const ingrid = session.people.ingrid.page;
    const bram = session.people.bram.page;
    const label = await ingrid.locator('[data-factor-id="f3"] .factor-label').innerText();
    await ingrid.locator('[data-factor-id="f3"]').click();
    await ingrid.getByTestId('spotlight').click();
    await bram
      .getByTestId('spot-banner')
      .filter({ hasText: `Ingrid wijst aan: ${label}` })
      .waitFor();
    const outline = await bram.$eval('[data-factor-id="f3"]', (el) => getComputedStyle(el).outlineWidth);
    expect(outline).toBe('4px');
    // Others are quieted in colour only; their text keeps its colour.
    const other = await bram.$eval('[data-factor-id="f1"]', (el) => ({
      filter: getComputedStyle(el).filter,
      opacity: getComputedStyle(el).opacity,
      ink: getComputedStyle(el.querySelector('.factor-label')!).color,
    }));
    expect(other).toEqual({ filter: 'saturate(0.25)', opacity: '1', ink: 'rgb(31, 41, 51)' });

    await ingrid.getByTestId('spotlight-clear').click();
    await expect.poll(() => bram.getByTestId('spot-banner').count()).toBe(0);
    expect(await bram.locator('style[data-testid="spotlight-style"]').count()).toBe(0);
  });
});
