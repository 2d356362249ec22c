/**
 * Two people edit one analysis live in real Chromium, against a real server that is restarted mid-test.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { DOC_SCHEMA_VERSION, getMaps } from '@samenzicht/shared/ydoc/shape';
import { useSession } from './fixture.ts';
import { openAnalysis } from './harness.ts';

const factor = (page: Page, label: string) => page.locator('[data-testid="factor"]', { hasText: label });

async function typeLabel(page: Page, label: string): Promise<void> {
  const editor = page.locator('textarea.factor-editor');
  await editor.waitFor();
  await editor.fill(label);
  await editor.press('Enter');
  await factor(page, label).waitFor();
}

/** Double-clicks an empty spot of the canvas at (x, y) relative to the canvas and names the new factor. */
async function addFactorAt(page: Page, x: number, y: number, label: string): Promise<void> {
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.dblclick(box.x + x, box.y + y);
  await typeLabel(page, label);
}

async function centreOf(page: Page, selector: string) {
  const box = (await page.locator(selector).first().boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('live collaboration in the browser', () => {
  const session = useSession({
    analysis: { title: 'Voorbeeldgezin' },
    people: { a: { name: 'Anna', opens: 'facilitator' }, b: { name: 'Bram', opens: 'editor' } },
  });

  it('shows who is here and the title', async () => {
    const { a, b } = session.people;
    await a.page.getByTestId('presence').filter({ hasText: 'Bram' }).waitFor();
    await b.page.getByTestId('presence').filter({ hasText: 'Anna' }).waitFor();
    expect(await a.page.getByTestId('title').inputValue()).toBe('Voorbeeldgezin');
  });

  it('A adds and names a factor, B sees it', async () => {
    const { a, b } = session.people;
    await a.page.getByTestId('add-factor').click();
    await typeLabel(a.page, 'Schulden na terugvordering');
    await factor(b.page, 'Schulden na terugvordering').waitFor();
  });

  it('B adds a factor by double-click and connects two factors, A sees the link', async () => {
    const { a, b } = session.people;
    await addFactorAt(b.page, 200, 520, 'Aanhoudende stress');
    const from = factor(b.page, 'Schulden na terugvordering');
    const to = factor(b.page, 'Aanhoudende stress');
    await from.hover();
    const source = await centreOf(b.page, '[data-testid="factor"]:has-text("Schulden na terugvordering") .react-flow__handle.source');
    await to.hover();
    const target = await centreOf(b.page, '[data-testid="factor"]:has-text("Aanhoudende stress") .react-flow__handle.target');
    await b.page.mouse.move(source.x, source.y);
    await b.page.mouse.down();
    await b.page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 5 });
    await b.page.mouse.move(target.x, target.y, { steps: 5 });
    await b.page.mouse.up();
    await b.page.locator('.react-flow__edge').first().waitFor();
    await a.page.locator('.react-flow__edge').first().waitFor();
    expect(await a.page.locator('[data-testid="link-polarity"]').count()).toBe(1);
  });

  it('a remote drag is visible before it ends, and written once when it ends', async () => {
    const { a, b } = session.people;
    const storedY = async () => {
      const file = await session.readFile<{ factors: Array<{ label: string; position: { y: number } }> }>();
      return file.factors.find((f) => f.label === 'Aanhoudende stress')!.position.y;
    };
    const storedBefore = await storedY();
    const before = (await factor(b.page, 'Aanhoudende stress').boundingBox())!;
    const start = (await factor(a.page, 'Aanhoudende stress').boundingBox())!;
    await a.page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await a.page.mouse.down();
    await a.page.mouse.move(start.x + start.width / 2 + 40, start.y + start.height / 2 + 60, { steps: 4 });
    await a.page.mouse.move(start.x + start.width / 2 + 120, start.y + start.height / 2 + 160, { steps: 8 });
    // Still holding the mouse: B already sees the factor moving, with who moves it.
    await expect.poll(async () => (await factor(b.page, 'Aanhoudende stress').boundingBox())!.y - before.y).toBeGreaterThan(100);
    await b.page.locator('.factor-movedby', { hasText: 'Anna' }).waitFor();
    // Nothing is written to the document while the drag goes on.
    expect(await storedY()).toBe(storedBefore);
    await a.page.mouse.up();
    await b.page.locator('.factor-movedby').waitFor({ state: 'detached' });
    const after = (await factor(b.page, 'Aanhoudende stress').boundingBox())!;
    expect(after.y - before.y).toBeGreaterThan(100);
    await expect.poll(storedY).toBeGreaterThan(storedBefore + 100);
  });

  it('A reloads and everything is still there', async () => {
    const { a } = session.people;
    await a.page.reload();
    await openAnalysis(a.page, session.analysis.links.facilitator);
    await factor(a.page, 'Schulden na terugvordering').waitFor();
    await factor(a.page, 'Aanhoudende stress').waitFor();
    await a.page.locator('.react-flow__edge').first().waitFor();
    expect(await a.page.locator('[data-testid="factor"]').count()).toBe(2);
  });

  it('the server restarts mid-session and both go on editing', async () => {
    const { a, b } = session.people;
    await session.stopServer();
    await a.page.getByTestId('connection').filter({ hasNotText: 'Verbonden' }).waitFor();
    // A keeps working while the server is away.
    // An empty spot: below the legend, away from the two factors and their link (the header takes two rows at 1280 px).
    await addFactorAt(a.page, 260, 470, 'Boetes');
    await a.page.getByTestId('connection').filter({ hasText: 'je werk blijft op dit apparaat' }).waitFor();
    await session.startServer();
    await a.page.getByTestId('connection').filter({ hasText: 'Verbonden' }).waitFor({ timeout: 20_000 });
    await b.page.getByTestId('connection').filter({ hasText: 'Verbonden' }).waitFor({ timeout: 20_000 });
    await factor(b.page, 'Boetes').waitFor();
    await b.page.getByTestId('title').fill('Voorbeeldgezin — na herstart');
    await b.page.getByTestId('title').press('Enter');
    await expect.poll(() => a.page.getByTestId('title').inputValue()).toBe('Voorbeeldgezin — na herstart');
  });

  it('a document written by a newer Samenzicht turns the page read-only and asks for a reload', async () => {
    const { a, b } = session.people;
    // A newer client has stamped a higher schema version into the shared document.
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(session.server.url.replace(/^http/, 'ws') + '/sync', session.analysis.id, doc, {
      params: { token: session.analysis.tokens.editor },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    try {
      await new Promise<void>((resolve) => provider.on('sync', (synced: boolean) => synced && resolve()));
      getMaps(doc).meta.set('schemaVersion', DOC_SCHEMA_VERSION + 1);
      for (const page of [a.page, b.page]) {
        await page
          .getByTestId('newer-version')
          .filter({ hasText: 'Er is een nieuwe versie van Samenzicht. Laad de pagina opnieuw.' })
          .waitFor();
        // Read-only: the editing toolbar is gone.
        await expect.poll(() => page.getByTestId('add-factor').count()).toBe(0);
      }
      // Nothing these pages do lowers it again. A later message from each page (its pointer, over its own socket)
      // reaches this client: a write of the version by that page would have come before it.
      const cursorOf = (name: string) =>
        JSON.stringify([...provider.awareness.getStates().values()].find((state) => state.user?.name === name)?.cursor ?? null);
      for (const [name, page] of [
        ['Anna', a.page],
        ['Bram', b.page],
      ] as const) {
        const before = cursorOf(name);
        const pane = (await page.locator('.react-flow__pane').boundingBox())!;
        // Below the legend: a pointer over the legend is not a pointer on the canvas.
        await page.mouse.move(pane.x + 237, pane.y + 431);
        await expect.poll(() => cursorOf(name)).not.toBe(before);
      }
      expect(getMaps(doc).meta.get('schemaVersion')).toBe(DOC_SCHEMA_VERSION + 1);
    } finally {
      provider.destroy();
      doc.destroy();
    }
  });
});
