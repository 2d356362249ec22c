/**
 * The facilitator's access log in real Chromium: a person who gives the name only after the app connected is shown
 * under that name, repeated reads are one line with a count, older entries come with "Oudere tonen", and the
 * filters by action and name work.
 */
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { useSession, type LogEntry } from './fixture.ts';

/** More visitors than one page of the panel (50) holds. */
const VISITORS = 55;

describe('the access log panel', () => {
  const session = useSession({
    analysis: { title: 'Logboek' },
    people: { facilitator: { name: 'Gespreksleider Fenna', opens: 'facilitator' } },
  });

  async function waitForLog(check: (entries: LogEntry[]) => boolean, what: string): Promise<void> {
    await expect.poll(async () => check(await session.readLog()), { message: what }).toBe(true);
  }

  /** A stock sync client that opens the analysis under `name` and leaves once the server answered. */
  function visit(name: string): Promise<void> {
    const { server, analysis } = session;
    const url = `${server.url.replace(/^http/, 'ws')}/sync/${analysis.id}?token=${analysis.tokens.viewer}&name=${encodeURIComponent(name)}`;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('message', () => socket.close());
      socket.once('close', () => resolve());
      socket.once('error', reject);
    });
  }

  it('shows a person who gave the name after the app connected under that name', async () => {
    const { facilitator } = session.people;
    // No saved name: the app connects first and asks the name after.
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      localStorage.setItem('samenzicht.language', 'nl');
      // Not asked who they are in the analysis (stances.spec covers that question).
      localStorage.setItem('samenzicht.seatAsk', 'never');
    });
    const page = await context.newPage();
    await page.goto(session.analysis.links.editor);
    await page.getByTestId('name-input').fill('Tante Ria');
    await page.getByTestId('name-input').press('Enter');
    await waitForLog((entries) => entries.some((e) => e.name === 'Tante Ria' && e.action === 'opened'), 'Tante Ria opened');

    await facilitator.page.getByTestId('manage').click();
    const log = facilitator.page.getByTestId('access-log');
    await log.getByTestId('log-entry').filter({ hasText: 'Tante Ria' }).filter({ hasText: 'geopend' }).waitFor();
    expect(await log.innerText()).not.toContain('onbekend');
    await facilitator.page.keyboard.press('Escape');
    await context.close();
  });

  it('shows repeated reads as one line with a count', async () => {
    const { facilitator } = session.people;
    const { server, analysis } = session;
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/api/analyses/${analysis.id}`, {
        headers: { authorization: `Bearer ${analysis.tokens.viewer}` },
      });
      expect(response.status).toBe(200);
    }
    await facilitator.page.getByTestId('manage').click();
    const row = facilitator.page.getByTestId('log-entry').filter({ hasText: 'geëxporteerd' });
    await row
      .getByTestId('log-count')
      .filter({ hasText: /^3 keer, laatst om \d{1,2}:\d{2}$/ })
      .waitFor();
    expect(await row.count()).toBe(1);
    await facilitator.page.keyboard.press('Escape');
  });

  it('shows the newest 50 first; "Oudere tonen" reaches the oldest entry', async () => {
    const { facilitator } = session.people;
    for (let i = 0; i < VISITORS; i++) await visit(`Bezoeker ${i}`);
    await waitForLog((entries) => entries.filter((e) => e.name.startsWith('Bezoeker')).length === VISITORS, 'every visitor is logged');

    const page = facilitator.page;
    await page.getByTestId('manage').click();
    const rows = page.getByTestId('log-entry');
    await page.getByTestId('log-more').waitFor();
    expect(await rows.count()).toBe(50);
    expect(await rows.first().innerText()).toContain(`Bezoeker ${VISITORS - 1}`);
    expect(await rows.filter({ hasText: 'aangemaakt' }).count()).toBe(0);

    await page.getByTestId('log-more').click();
    await rows.filter({ hasText: 'aangemaakt' }).waitFor();
    expect(await rows.count()).toBeGreaterThan(VISITORS);
    expect(await page.getByTestId('log-more').count()).toBe(0);
    // Every entry once: the two pages do not overlap.
    const texts = await rows.allInnerTexts();
    for (let i = 0; i < VISITORS; i++)
      expect(
        texts.filter((text) => text.includes(`Bezoeker ${i} `)),
        `Bezoeker ${i}`,
      ).toHaveLength(1);
    await page.keyboard.press('Escape');
  });

  it('filters by action and by part of a name', async () => {
    const { facilitator } = session.people;
    const page = facilitator.page;
    await page.getByTestId('manage').click();
    await page.getByTestId('log-more').waitFor();
    await page.getByTestId('log-action-filter').selectOption('created');
    const rows = page.getByTestId('log-entry');
    await page.getByTestId('log-more').waitFor({ state: 'detached' });
    await rows.filter({ hasText: 'aangemaakt' }).waitFor();
    expect(await rows.count()).toBe(1);

    await page.getByTestId('log-action-filter').selectOption('');
    await page.getByTestId('log-name-filter').fill('ria');
    await page.getByTestId('log-more').waitFor({ state: 'detached' });
    await rows.filter({ hasText: 'Tante Ria' }).first().waitFor();
    for (const text of await rows.allInnerTexts()) expect(text).toContain('Tante Ria');

    await page.getByTestId('log-name-filter').fill('niemand hier');
    await page.getByTestId('log-empty').filter({ hasText: 'Niets gevonden' }).waitFor();
    await page.keyboard.press('Escape');
  });
});
