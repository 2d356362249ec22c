/**
 * The method in the editor, in real Chromium with two people: kinds, domains, evidence and polarity through the
 * inspector, per-person undo, the library, people involved, the legend and the language switch.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSession } from './fixture.ts';

const factor = (page: Page, label: string) => page.locator('[data-testid="factor"]', { hasText: label });

const CONTENT = {
  format: 'samenzicht/analysis',
  version: 1,
  title: 'Gezin W.',
  factors: [
    { id: 'f1', label: 'Schulden', kind: 'perpetuating', domain: 'context', position: { x: 0, y: 0 } },
    { id: 'f2', label: 'Stress', kind: 'perpetuating', domain: 'parents', position: { x: 360, y: 0 } },
    { id: 'f3', label: 'Afspraken missen', kind: 'aggravating', position: { x: 180, y: 220 } },
  ],
  links: [{ id: 'l1', from: 'f1', to: 'f2', polarity: '+' }],
};

interface StoredFile {
  factors: Array<{ id: string; label: string; kind: string; domain?: string; evidence: string }>;
  links: Array<{ id: string; polarity: string; note: string }>;
  actors: Array<{ name: string; role: string; factors: string[] }>;
}

describe('the method in the editor', () => {
  const session = useSession({
    analysis: { content: CONTENT },
    people: { a: { name: 'Anna', opens: 'facilitator' }, b: { name: 'Bram', opens: 'editor' } },
  });
  const stored = () => session.readFile<StoredFile>();

  it('sets kind, domain and evidence through the inspector, and the other side sees it', async () => {
    const { a, b } = session.people;
    await factor(a.page, 'Afspraken missen').click();
    await a.page.getByTestId('inspector-factor').waitFor();
    await a.page.getByTestId('kind-problem').check({ force: true });
    await a.page.getByTestId('inspector-domain').selectOption('family');
    await a.page.getByTestId('evidence-hypothesis').check({ force: true });
    const seen = factor(b.page, 'Afspraken missen');
    await expect.poll(() => seen.innerText()).toContain('Zorgpunt');
    await expect.poll(() => seen.innerText()).toContain('Gezin');
    await expect.poll(() => seen.innerText()).toContain('Denken we');
    await expect.poll(() => seen.getAttribute('class')).toContain('factor--hypothesis');
    // What "Gezien of gehoord" and "Denken we" mean is visible text under the choice (no hover on a phone).
    expect(await a.page.getByTestId('evidence-hint-hypothesis').innerText()).toContain('nog niet zeker');
    // The method's term is there for the facilitator (Anna), the plain words for everyone.
    expect(await a.page.getByTestId('inspector-factor').innerText()).toContain('In de methode: probleem');
    await factor(b.page, 'Afspraken missen').click();
    await b.page.getByTestId('inspector-factor').filter({ hasText: 'Denken we' }).waitFor();
    expect(await b.page.getByTestId('inspector-factor').innerText()).not.toContain('In de methode');
    const file = await stored();
    expect(file.factors.find((f) => f.id === 'f3')).toMatchObject({ kind: 'problem', domain: 'family', evidence: 'hypothesis' });
  });

  it('sets the kind of several factors at once, as one undo step', async () => {
    const { a } = session.people;
    await factor(a.page, 'Schulden').click();
    await factor(a.page, 'Stress').click({ modifiers: ['Shift'] });
    await a.page.getByTestId('inspector-factor').filter({ hasText: '2 factoren gekozen' }).waitFor();
    await a.page.getByTestId('kind-protective').check({ force: true });
    await expect.poll(async () => (await stored()).factors.filter((f) => f.kind === 'protective').length).toBe(2);
    await a.page.locator('.react-flow__pane').click({ position: { x: 20, y: 400 } });
    await a.page.getByTestId('undo').click();
    await expect.poll(async () => (await stored()).factors.filter((f) => f.kind === 'perpetuating').length).toBe(2);
  });

  it('switches polarity on the line and through the inspector, and B sees it', async () => {
    const { a, b } = session.people;
    await a.page.getByTestId('link-polarity').click();
    await expect.poll(() => b.page.getByTestId('link-polarity').innerText()).toBe('−');
    await b.page.locator('.react-flow__edge').first().click({ force: true });
    await b.page.getByTestId('inspector-link').waitFor();
    await b.page.getByTestId('polarity-plus').check({ force: true });
    await b.page.getByTestId('inspector-link-note').fill('Dat vertelde moeder.');
    await b.page.getByTestId('inspector-link-note').blur();
    await expect.poll(() => a.page.getByTestId('link-polarity').innerText()).toBe('+');
    await expect.poll(async () => (await stored()).links[0]).toMatchObject({ polarity: '+', note: 'Dat vertelde moeder.' });
  });

  it('A’s undo undoes only A’s own change, never B’s', async () => {
    const { a, b } = session.people;
    // A renames one factor, then B renames another; A undoes.
    await factor(a.page, 'Schulden').dblclick();
    await a.page.locator('textarea.factor-editor').fill('Schulden bij de Belastingdienst');
    await a.page.locator('textarea.factor-editor').press('Enter');
    await factor(b.page, 'Schulden bij de Belastingdienst').waitFor();
    await factor(b.page, 'Stress').dblclick();
    await b.page.locator('textarea.factor-editor').fill('Aanhoudende stress');
    await b.page.locator('textarea.factor-editor').press('Enter');
    await factor(a.page, 'Aanhoudende stress').waitFor();
    await a.page.locator('.react-flow__pane').click({ position: { x: 20, y: 400 } });
    await a.page.keyboard.press('Control+z');
    await factor(b.page, 'Schulden').filter({ hasNotText: 'Belastingdienst' }).waitFor();
    const labels = (await stored()).factors.map((f) => f.label).sort();
    expect(labels).toEqual(['Aanhoudende stress', 'Afspraken missen', 'Schulden']);
  });

  it('adds a factor from the library and ties a person to it', async () => {
    const { a, b } = session.people;
    await a.page.getByTestId('tab-library').click();
    await a.page.getByTestId('library-search').fill('kind slaapt');
    await a.page.getByTestId('library-item').click();
    await factor(b.page, 'Kind slaapt slecht').waitFor();
    expect(await factor(b.page, 'Kind slaapt slecht').innerText()).toContain('Maakt het erger');

    await a.page.getByTestId('tab-actors').click();
    await a.page.getByTestId('actor-name').fill('Moeder');
    await a.page.getByTestId('actor-add').click();
    await a.page.getByTestId('tab-inspector').click();
    await factor(a.page, 'Kind slaapt slecht').click();
    await a.page
      .getByTestId('inspector-factor')
      .getByLabel(/Moeder/)
      .check();
    await expect.poll(() => factor(b.page, 'Kind slaapt slecht').innerText()).toContain('Moeder');
    const file = await stored();
    const tied = file.factors.find((f) => f.label === 'Kind slaapt slecht')!;
    expect(file.actors).toEqual([{ id: expect.any(String), name: 'Moeder', role: 'parent', factors: [tied.id] }]);
  });

  it('hides the legend and switches the language', async () => {
    const { a, b } = session.people;
    await a.page.getByTestId('legend').waitFor();
    await a.page.getByTestId('legend-hide').click();
    await a.page.getByTestId('legend-show').waitFor();
    expect(await a.page.getByTestId('add-factor').innerText()).toContain('Factor toevoegen');
    await a.page.getByTestId('language').selectOption('en');
    await expect.poll(() => a.page.getByTestId('add-factor').innerText()).toContain('Add factor');
    expect(await a.page.locator('html').getAttribute('lang')).toBe('en');
    // Remembered on reload; B keeps Dutch.
    await a.page.reload();
    await a.page.getByTestId('add-factor').filter({ hasText: 'Add factor' }).waitFor();
    expect(await b.page.getByTestId('add-factor').innerText()).toContain('Factor toevoegen');
  });
});
