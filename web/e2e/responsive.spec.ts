/**
 * Every device (issue 13): no sideways page scroll from a 360 px phone to a 4K screen, upright and on its side; on a
 * phone the canvas gets the screen, the header folds into one row with a menu, the side panel is a sheet, and what
 * one taps is at least 44 × 44 px, a long press adds a factor; on a wide screen the side panel can be put away. The dialog primitive: focus goes
 * in and comes back, the page behind is inert, Escape closes only the top dialog.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSession, type Role } from './fixture.ts';
import { ROOT, openAnalysis } from './harness.ts';

const SMALL = readFileSync(join(ROOT, 'examples/small.samenzicht.json'), 'utf8');
const LABEL = 'Steunende zus';

interface Size {
  readonly width: number;
  readonly height: number;
  /** A phone or tablet: touch, and the mobile viewport. */
  readonly touch: boolean;
}
const PHONES: readonly Size[] = [
  { width: 360, height: 740, touch: true },
  { width: 390, height: 844, touch: true },
];
const OTHERS: readonly Size[] = [
  { width: 740, height: 360, touch: true },
  { width: 844, height: 390, touch: true },
  { width: 820, height: 1180, touch: true },
  { width: 1440, height: 900, touch: false },
  { width: 1920, height: 1080, touch: false },
  { width: 3840, height: 2160, touch: false },
];

const factor = (page: Page, label: string) => page.locator('[data-testid="factor"]', { hasText: label });
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** How far the page scrolls sideways (0: not at all). */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    return root.scrollWidth - root.clientWidth;
  });

/** The share of the window's height and area the canvas takes. */
const canvasShare = (page: Page) =>
  page.evaluate(() => {
    const box = document.querySelector('.react-flow')!.getBoundingClientRect();
    const height = Math.max(0, Math.min(innerHeight, box.bottom) - Math.max(0, box.top));
    const width = Math.max(0, Math.min(innerWidth, box.right) - Math.max(0, box.left));
    return { height: height / innerHeight, area: (width * height) / (innerWidth * innerHeight) };
  });

/** Controls one can tap inside `selector` that are smaller than 44 × 44 css px, with what they are. */
const smallTargets = (page: Page, selector: string) =>
  page.evaluate((within) => {
    const found: string[] = [];
    for (const root of document.querySelectorAll(within)) {
      const controls = root.querySelectorAll<HTMLElement>(
        'button, select, a[href], textarea, input:not([type="radio"]):not([type="checkbox"]):not([type="file"])',
      );
      for (const el of controls) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        // Read out but not shown (a toolbar word on a phone).
        if (box.width <= 1 && box.height <= 1) continue;
        // 0.01 px for floating point: a box moved by a fractional transform can measure 43.99999 px.
        if (box.width < 43.99 || box.height < 43.99) {
          found.push(
            `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? el.textContent?.trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`,
          );
        }
      }
    }
    return found;
  }, selector);

describe('every device', () => {
  const session = useSession({ analysis: { content: JSON.parse(SMALL) as unknown } });

  /** A person on a device of this size who already gave their name (unless `named` is false). */
  const open = async (size: Size, role: Role = 'editor', named = true): Promise<Page> => {
    const context = await session.browser.newContext({
      viewport: { width: size.width, height: size.height },
      hasTouch: size.touch,
      isMobile: size.touch,
    });
    await context.addInitScript((give) => {
      if (give && !localStorage.getItem('samenzicht.name')) localStorage.setItem('samenzicht.name', 'Ingrid');
      localStorage.setItem('samenzicht.language', 'nl');
      localStorage.setItem('samenzicht.seatAsk', 'never');
    }, named);
    const page = await context.newPage();
    if (named) {
      await openAnalysis(page, session.analysis.links[role]);
      await factor(page, LABEL).waitFor();
    } else await page.goto(session.analysis.links[role]);
    return page;
  };

  it('phones: no sideways scroll, the canvas takes at least 60 % of the screen, one header row with a menu', async () => {
    for (const size of PHONES) {
      const page = await open(size);
      const at = `${size.width}×${size.height}`;
      expect(await sideways(page), at).toBeLessThanOrEqual(0);
      const share = await canvasShare(page);
      expect(share.height, at).toBeGreaterThanOrEqual(0.6);
      expect(share.area, at).toBeGreaterThanOrEqual(0.6);
      // One row: the header is as high as its tallest control, no wrapping.
      const header = await page.locator('.editor-header').boundingBox();
      expect(header!.height, at).toBeLessThan(64);
      expect(await page.getByTestId('share').count(), `${at}: share is in the menu`).toBe(0);
      expect(await smallTargets(page, '.editor-header, .toolbar, .panel-bar'), at).toEqual([]);
      await page.getByTestId('header-menu').tap();
      await page.getByTestId('header-menu-sheet').waitFor();
      // Measured at rest, after the sheet's slide-up.
      await page.getByTestId('header-menu-sheet').evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
      expect(await smallTargets(page, '[data-testid="header-menu-sheet"]'), at).toEqual([]);
      expect(await sideways(page), `${at} with the menu open`).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  it('no sideways scroll from a phone on its side to a 4K screen', async () => {
    for (const size of OTHERS) {
      const page = await open(size);
      expect(await sideways(page), `${size.width}×${size.height}`).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  it('the menu opens and closes with the keyboard, arrow keys move through it, focus comes back', async () => {
    const page = await open(PHONES[1]!, 'facilitator');
    await page.getByTestId('header-menu').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('header-menu-sheet').waitFor();
    // Focus on the first item; the arrows go down, up, to the end and back to the start.
    await expect.poll(() => focusedTestId(page)).toBe('share');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId(page)).toBe('manage');
    await page.keyboard.press('ArrowUp');
    expect(await focusedTestId(page)).toBe('share');
    await page.keyboard.press('End');
    expect(await focusedTestId(page)).toBe('language-en');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId(page)).toBe('share');
    // The canvas behind is inert while the menu is open.
    expect(await page.evaluate(() => document.querySelector('[data-testid="header-menu-sheet"]')!.matches(':modal'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('header-menu-sheet').waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('header-menu');

    // An item that opens a dialog: the menu closes, the dialog gives focus back to the menu button.
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedTestId(page)).toBe('share');
    await page.keyboard.press('Enter');
    await page.getByTestId('share-dialog').waitFor();
    expect(await page.getByTestId('header-menu-sheet').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('share-dialog').waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('header-menu');
    await page.context().close();
  });

  it('Escape closes only the top dialog; focus returns to what opened each; the page behind is inert', async () => {
    const page = await open(OTHERS[3]!, 'facilitator');
    await page.getByTestId('manage').click();
    const manage = page.getByTestId('manage-dialog');
    await manage.waitFor();
    // Nothing behind the dialog can be reached by the pointer: the backdrop is on top of it.
    const add = (await page.getByTestId('add-factor').boundingBox())!;
    expect(
      await page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.closest('dialog')?.getAttribute('data-testid') ?? null,
        [add.x + add.width / 2, add.y + add.height / 2],
      ),
    ).toBe('manage-dialog');
    // "?" on a button inside opens the overview of keys on top of it.
    await page.getByTestId('rotate-editor').focus();
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-dialog');
    await help.waitFor();
    expect(await page.locator('dialog:modal').count()).toBe(2);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(await manage.isVisible()).toBe(true);
    expect(await focusedTestId(page)).toBe('rotate-editor');
    await page.keyboard.press('Escape');
    await manage.waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('manage');
    await page.context().close();
  });

  it('on a phone the panel is a sheet over the lower part that shows the selected factor', async () => {
    const page = await open(PHONES[1]!);
    await factor(page, LABEL).tap();
    await page.getByTestId('panel-open').tap();
    const sheet = page.getByTestId('panel-sheet');
    await sheet.waitFor();
    expect(await sheet.getByTestId('inspector-label').inputValue()).toBe(LABEL);
    // The canvas above stays in view (and usable: the sheet is not modal).
    const box = (await sheet.boundingBox())!;
    expect(box.y).toBeGreaterThan(844 * 0.35);
    expect(await sheet.evaluate((el) => el.matches(':modal'))).toBe(false);
    expect(await smallTargets(page, '[data-testid="panel-sheet"]')).toEqual([]);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    // Another tab, then closed with its button: focus back on the bar that opened it.
    await sheet.getByTestId('tab-patterns').tap();
    await sheet.getByTestId('sheet-close').tap();
    await sheet.waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('panel-open');
    await page.context().close();
  });

  it('on a phone a finger resting on an empty spot adds a factor there, ready to type', async () => {
    const page = await open(PHONES[1]!);
    const count = () => page.locator('[data-testid="factor"]').count();
    const before = await count();
    // An empty spot of the canvas: the first point of a grid where the pane itself is hit.
    const spot = await page.evaluate(() => {
      const box = document.querySelector('.react-flow')!.getBoundingClientRect();
      for (let y = box.bottom - 30; y > box.top + 30; y -= 25) {
        for (let x = box.left + 80; x < box.right - 30; x += 25) {
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
        }
      }
      return null;
    });
    expect(spot).not.toBeNull();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: spot!.x, y: spot!.y }] });
    await expect.poll(count).toBe(before + 1);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    // The new factor is being edited (the lift of the finger did not deselect it).
    await page.locator('.factor-editor').waitFor();
    await page.keyboard.type('Schaamte');
    await page.keyboard.press('Enter');
    await factor(page, 'Schaamte').waitFor();
    await page.context().close();
  });

  it('on a wide screen the side panel can be put away, and that is remembered', async () => {
    const page = await open(OTHERS[3]!);
    const before = (await page.locator('.react-flow').boundingBox())!.width;
    await page.getByTestId('sidebar-hide').click();
    await page.getByTestId('sidebar-show').waitFor();
    expect(await page.locator('.sidebar').count()).toBe(0);
    const after = (await page.locator('.react-flow').boundingBox())!.width;
    expect(after).toBeGreaterThan(before + 250);
    expect(after).toBeGreaterThanOrEqual(1440 - 48);
    await page.reload();
    await factor(page, LABEL).waitFor();
    await page.getByTestId('sidebar-show').click();
    await page.locator('.sidebar').waitFor();
    await page.context().close();
  });

  it('the name prompt works on a phone', async () => {
    const page = await open(PHONES[0]!, 'editor', false);
    const input = page.getByTestId('name-input');
    await input.waitFor();
    const box = (await page.getByTestId('name-prompt').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await focusedTestId(page)).toBe('name-input');
    // It has to be answered: Escape leaves it open.
    await page.keyboard.press('Escape');
    await expect.poll(() => input.isVisible()).toBe(true);
    expect(await page.getByTestId('name-prompt').evaluate((el) => el.matches(':modal'))).toBe(true);
    await input.fill('Moeder');
    await input.press('Enter');
    await page.getByTestId('name-prompt').waitFor({ state: 'detached' });
    await page.getByTestId('header-menu').tap();
    expect(await page.getByTestId('presence').innerText()).toContain('Moeder');
    await page.context().close();
  });
});
