/** Keyboard only: Tab reaches the factors, Enter edits, arrow keys move, Delete removes, Ctrl+Z undoes. */
import { describe, expect, it } from 'vitest';
import { useSession } from './fixture.ts';

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
  const session = useSession({ analysis: { content: CONTENT }, people: { person: { name: 'Toetsenbord', opens: 'editor' } } });
  const stored = () => session.readFile<{ factors: Array<{ id: string; label: string; position: { x: number; y: number } }> }>();

  it('reaches a factor with Tab, edits it with Enter, moves it with arrows and removes it with Delete', async () => {
    const page = session.people.person.page;
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
