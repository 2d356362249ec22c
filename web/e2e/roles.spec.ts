/**
 * Access by link in real Chromium: a viewer changes nothing, a renewed link stops the old one with a Dutch
 * message, the facilitator reads the access log and deletes, and the app talks to no host but its own server.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSession } from './fixture.ts';
import { openAnalysis } from './harness.ts';

const factor = (page: Page, label: string) => page.locator('[data-testid="factor"]', { hasText: label });

const CONTENT = {
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Gezin V.',
  factors: [
    { id: 'f1', label: 'Schulden', kind: 'perpetuating', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Stress', kind: 'perpetuating', position: { x: 320, y: 0 } },
  ],
  links: [{ id: 'l1', from: 'f1', to: 'f2', polarity: '+' }],
};

interface StoredFile {
  title: string;
  factors: Array<{ id: string; label: string; position: { x: number; y: number } }>;
  links: Array<{ id: string; polarity: string }>;
}

describe('roles in the browser', () => {
  // The people open the analysis themselves, once their requests are watched.
  const session = useSession({
    analysis: { content: CONTENT },
    people: { facilitator: { name: 'Gespreksleider Fenna' }, editor: { name: 'Oom Evert' }, viewer: { name: 'Buurvrouw Vera' } },
  });
  const stored = () => session.readFile<StoredFile>(session.analysis, 'facilitator');
  const foreignRequests: string[] = [];
  const socketUrls: string[] = [];

  beforeAll(async () => {
    const { analysis, people } = session;
    for (const person of Object.values(people)) {
      person.context.on('request', (request) => {
        const url = new URL(request.url());
        if (url.origin !== session.server.url && url.protocol !== 'data:' && url.protocol !== 'blob:') foreignRequests.push(request.url());
      });
      person.page.on('websocket', (socket) => socketUrls.push(socket.url()));
    }
    await openAnalysis(people.facilitator.page, analysis.links.facilitator);
    await openAnalysis(people.editor.page, analysis.links.editor);
    await openAnalysis(people.viewer.page, analysis.links.viewer);
  });

  it('a viewer sees "alleen bekijken" and cannot change anything by mouse or keyboard', async () => {
    const { viewer, editor } = session.people;
    const page = viewer.page;
    await page.getByTestId('role').filter({ hasText: 'Alleen bekijken' }).waitFor();
    // The banner says whom to tell, instead of what the viewer cannot do.
    await page.getByTestId('viewer-hint').filter({ hasText: 'Zeg het tegen de procesbegeleider.' }).waitFor();
    expect(await page.getByTestId('add-factor').count()).toBe(0);
    const before = await stored();

    // Double-click on empty canvas adds nothing.
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.mouse.dblclick(pane.x + 60, pane.y + pane.height - 60);
    // Dragging a factor does not move it.
    const box = (await factor(page, 'Schulden').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 150, { steps: 6 });
    await page.mouse.up();
    // Selecting and pressing Delete, Backspace, Enter, Ctrl+Z does nothing to the analysis.
    await factor(page, 'Schulden').click();
    for (const key of ['Delete', 'Backspace', 'Enter', 'Control+z']) await page.keyboard.press(key);
    expect(await page.locator('textarea.factor-editor').count()).toBe(0);
    // The polarity mark is shown but cannot be switched.
    expect(await page.getByTestId('link-polarity').isDisabled()).toBe(true);
    // The title cannot be edited.
    expect(await page.getByTestId('title').getAttribute('readonly')).not.toBeNull();

    // A later change reaches this page: the render that shows it shows the page's own document as it is after all
    // of the above (one store), so a factor added or moved by this viewer would show too. The editor's presence
    // changes nothing stored.
    const evert = page.getByTestId('remote-cursor').filter({ hasText: 'Oom Evert' });
    const cursorAt = async () => ((await evert.count()) > 0 ? evert.getAttribute('style') : null);
    const cursorBefore = await cursorAt();
    const editorPane = (await editor.page.locator('.react-flow__pane').boundingBox())!;
    await editor.page.mouse.move(editorPane.x + 200, editorPane.y + 200);
    await expect.poll(cursorAt).not.toBe(cursorBefore);
    expect(await factor(page, 'Schulden').count()).toBe(1);
    expect(await page.locator('[data-testid="factor"]').count()).toBe(2);
    // And nothing reached the server (which drops a viewer's updates in any case).
    expect(await stored()).toEqual(before);
  });

  it('the viewer sees an editor’s change appear live', async () => {
    const { viewer, editor } = session.people;
    await editor.page.getByTestId('add-factor').click();
    const input = editor.page.locator('textarea.factor-editor');
    await input.fill('Boetes');
    await input.press('Enter');
    await factor(viewer.page, 'Boetes').waitFor();
  });

  it('the facilitator reads the access log: who opened and who changed, without content', async () => {
    const { facilitator } = session.people;
    const page = facilitator.page;
    await page.getByTestId('manage').click();
    const log = page.getByTestId('access-log');
    await log.waitFor();
    const text = await log.innerText();
    expect(text).toContain('Oom Evert');
    expect(text).toContain('Buurvrouw Vera');
    expect(text).toContain('geopend');
    expect(text).toContain('gewijzigd');
    expect(text).not.toContain('Boetes');
    await page.keyboard.press('Escape');
  });

  it('a renewed editor link stops the old one at once, with a Dutch message', async () => {
    const { facilitator, editor } = session.people;
    const { analysis } = session;
    const page = facilitator.page;
    await page.getByTestId('manage').click();
    // Asked in the panel, and nothing happens before the yes.
    await page.getByTestId('rotate-editor').click();
    await page.getByTestId('rotate-cancel').click();
    expect(await page.getByTestId('rotate-confirm-box').count()).toBe(0);
    expect(await editor.page.getByTestId('closed').count()).toBe(0);
    await page.getByTestId('rotate-editor').click();
    await page.getByTestId('rotate-confirm').click();
    await page.getByTestId('rotate-message').waitFor();
    // The no did nothing: the one rotation in the log is the yes (a rotation is never folded into another).
    expect((await session.readLog()).filter((e) => e.action === 'rotated').map((e) => e.detail)).toEqual(['editor']);
    await editor.page
      .getByTestId('closed')
      .filter({ hasText: 'Deze link werkt niet meer. Dat ligt niet aan jou. Vraag de procesbegeleider om een nieuwe link.' })
      .waitFor();
    expect(await editor.page.getByTestId('add-factor').count()).toBe(0);
    // The old link, opened again, gets the same message.
    const again = await session.newPerson('Oom Evert');
    await again.page.goto(analysis.links.editor);
    await again.page.getByTestId('closed').filter({ hasText: 'Deze link werkt niet meer' }).waitFor();
    await again.context.close();
    await page.keyboard.press('Escape');
  });

  it('the facilitator deletes the analysis after typing its title', async () => {
    const { facilitator, viewer } = session.people;
    const { analysis } = session;
    const page = facilitator.page;
    await page.getByTestId('manage').click();
    const button = page.getByTestId('delete-analysis');
    expect(await button.isDisabled()).toBe(true);
    await page.getByTestId('delete-confirm').fill('Gezin V.');
    await button.click();
    await page.getByTestId('deleted-notice').waitFor();
    const response = await fetch(`${session.server.url}/api/analyses/${analysis.id}`, {
      headers: { authorization: `Bearer ${analysis.tokens.facilitator}` },
    });
    expect(response.status).toBe(401);
    await viewer.page.getByTestId('closed').waitFor();
  });

  it('made no request to any host but the Samenzicht server', () => {
    expect(foreignRequests).toEqual([]);
  });

  it('sync sockets carry no token in their URL (it would show in the console and in proxy logs)', () => {
    expect(socketUrls.length).toBeGreaterThanOrEqual(3);
    const tokens = Object.values(session.analysis.tokens);
    for (const url of socketUrls) {
      expect(url).not.toMatch(/[?&]token=/);
      for (const token of tokens) expect(url).not.toContain(token);
    }
  });
});
