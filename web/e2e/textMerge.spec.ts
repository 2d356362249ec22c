/**
 * Two people type in one factor's note at the same moment and both keep what they typed; each sees where the other
 * is; a factor deleted while someone types in it is offered back with their text.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSession } from './fixture.ts';

interface StoredFile {
  factors: Array<{ id: string; label: string; note: string }>;
  links: Array<{ from: string; to: string }>;
}

const CONTENT = {
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Gezin Test',
  factors: [
    { id: 'f1', label: 'Schulden', kind: 'perpetuating', note: 'Begin.', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Stress thuis', kind: 'perpetuating', note: '', position: { x: 320, y: 0 } },
    { id: 'f3', label: 'Slecht slapen', kind: 'aggravating', note: '', position: { x: 160, y: 220 } },
  ],
  links: [{ id: 'l1', from: 'f3', to: 'f2', polarity: '+' }],
};

const factorNode = (page: Page, id: string) => page.locator(`[data-testid="factor"][data-factor-id="${id}"]`);

/** Selects the factor and puts the caret at the end of its note in the side panel. */
async function focusNoteEnd(page: Page, id: string): Promise<void> {
  await factorNode(page, id).click();
  const note = page.getByTestId('inspector-note');
  await note.click();
  await page.keyboard.press('Control+End');
}

describe('typing together in one factor', () => {
  const session = useSession({
    analysis: { content: CONTENT },
    people: { a: { name: 'Moeder', opens: 'editor' }, b: { name: 'Ingrid', opens: 'facilitator' } },
  });

  it('two people type a sentence each into the same note at the same moment: both sentences stay, everywhere', async () => {
    const { a, b } = session.people;
    await focusNoteEnd(a.page, 'f1');
    await focusNoteEnd(b.page, 'f1');
    // Each sees the other in the same field, by name.
    await a.page.getByTestId('also-editing-note').filter({ hasText: 'Ook Ingrid past dit aan.' }).waitFor();
    await b.page.getByTestId('also-editing-note').filter({ hasText: 'Ook Moeder past dit aan.' }).waitFor();

    const mine = ' Moeder vertelt over de brieven.';
    const theirs = ' Ingrid vraagt wanneer het begon.';
    await Promise.all([a.page.keyboard.type(mine, { delay: 15 }), b.page.keyboard.type(theirs, { delay: 15 })]);

    const noteIn = (page: Page) => page.getByTestId('inspector-note').inputValue();
    for (const page of [a.page, b.page]) {
      await expect.poll(() => noteIn(page)).toContain(mine);
      await expect.poll(() => noteIn(page)).toContain(theirs);
    }
    expect(await noteIn(a.page)).toBe(await noteIn(b.page));
    expect(await noteIn(a.page)).toHaveLength('Begin.'.length + mine.length + theirs.length);
    await expect
      .poll(async () => (await session.readFile<StoredFile>()).factors.find((f) => f.id === 'f1')!.note)
      .toBe(await noteIn(a.page));
  });

  it("shows the other person's selection as a ring with their name, and 'typt…' while they type", async () => {
    const { a, b } = session.people;
    const mark = a.page.locator('[data-testid="peer-mark"][data-factor-id="f1"]');
    await mark.filter({ hasText: 'Ingrid typt…' }).waitFor();
    await b.page.getByTestId('inspector-note').blur();
    await mark.filter({ hasText: 'Ingrid' }).filter({ hasNotText: 'typt' }).waitFor();
    await factorNode(b.page, 'f2').click();
    await a.page.locator('[data-testid="peer-mark"][data-factor-id="f2"]', { hasText: 'Ingrid' }).waitFor();
    await mark.waitFor({ state: 'detached' });
  });

  it('a factor deleted while someone types in it: they are told, and "Zet terug" brings it back with their text', async () => {
    const { a, b } = session.people;
    // Moeder types in the note of "Stress thuis", which Ingrid has selected.
    await focusNoteEnd(a.page, 'f2');
    await a.page.keyboard.type('Ik slaap slecht door de zorgen.');
    await expect
      .poll(async () => (await session.readFile<StoredFile>()).factors.find((f) => f.id === 'f2')?.note)
      .toBe('Ik slaap slecht door de zorgen.');
    await b.page.getByTestId('inspector-factor').waitFor();
    await factorNode(b.page, 'f2').click();
    await b.page.keyboard.press('Delete');
    await factorNode(b.page, 'f2').waitFor({ state: 'detached' });

    const notice = a.page.getByTestId('deleted-notice');
    await notice.filter({ hasText: 'Ingrid heeft deze factor net verwijderd. Je tekst is bewaard.' }).waitFor();
    expect(await notice.innerText()).toContain('Ik slaap slecht door de zorgen.');
    await a.page.getByTestId('deleted-restore').click();
    await notice.waitFor({ state: 'detached' });

    await factorNode(b.page, 'f2').waitFor();
    await expect
      .poll(async () => {
        const file = await session.readFile<StoredFile>();
        const f2 = file.factors.find((f) => f.id === 'f2');
        return [f2?.label, f2?.note, file.links.some((l) => l.from === 'f3' && l.to === 'f2')];
      })
      .toEqual(['Stress thuis', 'Ik slaap slecht door de zorgen.', true]);
    // Putting it back was one step: one undo takes the factor away again, with its link.
    await a.page.getByTestId('undo').click();
    await factorNode(b.page, 'f2').waitFor({ state: 'detached' });
    await expect.poll(async () => (await session.readFile<StoredFile>()).links.length).toBe(0);
  });

  it('a word composed on one side (as phone keyboards do) while the other types elsewhere: both stay', async () => {
    const { a, b } = session.people;
    const noteIn = (page: Page) => page.getByTestId('inspector-note').inputValue();
    await focusNoteEnd(a.page, 'f1');
    const before = await noteIn(a.page);
    await factorNode(b.page, 'f1').click();
    await b.page.getByTestId('inspector-note').click();
    await b.page.keyboard.press('Control+Home');
    // Moeder's keyboard composes a word (an input method, through the browser's own protocol); Ingrid types meanwhile.
    const ime = await a.context.newCDPSession(a.page);
    await ime.send('Input.imeSetComposition', { text: 'zor', selectionStart: 3, selectionEnd: 3 });
    await b.page.keyboard.type('Eerst: ');
    await expect.poll(async () => (await session.readFile<StoredFile>()).factors.find((f) => f.id === 'f1')!.note).toBe(`Eerst: ${before}`);
    await ime.send('Input.insertText', { text: ' zorgen' });
    const expected = `Eerst: ${before} zorgen`;
    for (const page of [a.page, b.page]) await expect.poll(() => noteIn(page)).toBe(expected);
    await expect.poll(async () => (await session.readFile<StoredFile>()).factors.find((f) => f.id === 'f1')!.note).toBe(expected);
  });
});
