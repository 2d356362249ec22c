/**
 * The library in English, signal codes, the language of an analysis and the story panel, in real Chromium: an
 * English-speaking facilitator works on a Dutch analysis (the library shows English, adds Dutch labels with their
 * code), tags a factor with a signal, edits the story that a Dutch parent watches, and goes back to the generated one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSession } from './fixture.ts';

const factor = (page: Page, label: string) => page.locator('[data-testid="factor"]', { hasText: label });
const MEDIUM = JSON.parse(readFileSync(new URL('../../examples/medium.samenzicht.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

interface StoredFile {
  language?: string;
  story?: string;
  factors: Array<{ id: string; label: string; signal?: string }>;
}

describe('library, signals and the story', () => {
  const session = useSession({
    analysis: { content: { ...MEDIUM, language: 'nl' } },
    people: {
      lead: { name: 'Sam', opens: 'facilitator', language: 'en' },
      parent: { name: 'Moeder', opens: 'viewer' },
    },
  });
  const stored = () => session.readFile<StoredFile>();

  it('shows the library in English and adds the Dutch label of a Dutch analysis, with its signal code', async () => {
    const { lead, parent } = session.people;
    await lead.page.getByTestId('tab-library').click();
    await lead.page.getByTestId('library-adds-in').filter({ hasText: 'Dutch' }).waitFor();
    await lead.page.getByTestId('library-search').fill('fixed contact person');
    const item = lead.page.getByTestId('library-item');
    expect(await item.innerText()).toContain('A fixed contact person who can be reached');
    await item.click();
    await factor(parent.page, 'Een vaste contactpersoon die bereikbaar is').waitFor();
    const added = (await stored()).factors.find((f) => f.label === 'Een vaste contactpersoon die bereikbaar is');
    expect(added?.signal).toBe('vaste-contactpersoon');
  });

  it('lets the facilitator tag a factor with a signal and take it off again', async () => {
    const { lead } = session.people;
    await lead.page.getByTestId('tab-inspector').click();
    // The buttons above the factor added just before (still selected) can lie over this one: click it directly.
    await factor(lead.page, 'Schaamte').dispatchEvent('click');
    await lead.page.getByTestId('signal-search').fill('shame');
    await lead.page.getByTestId('signal-match').filter({ hasText: 'ouder-schaamte' }).click();
    await lead.page.getByTestId('signal-current').filter({ hasText: 'ouder-schaamte' }).waitFor();
    await expect.poll(async () => (await stored()).factors.find((f) => f.label === 'Schaamte')?.signal).toBe('ouder-schaamte');
    await lead.page.getByTestId('signal-remove').click();
    await expect.poll(async () => (await stored()).factors.find((f) => f.label === 'Schaamte')?.signal).toBeUndefined();
  });

  it('shows the story; the facilitator edits it, the parent sees the edit, it is kept, and the generated one comes back', async () => {
    const { lead, parent } = session.people;
    await lead.page.getByTestId('tab-story').click();
    await parent.page.getByTestId('tab-story').click();
    const parentText = parent.page.getByTestId('story-text');
    await parentText
      .filter({ hasText: '“De schuldenspiraal” is een vicieuze cirkel: door schulden komt er meer aanhoudende stress' })
      .waitFor();
    expect(await parent.page.getByTestId('story-edit').count()).toBe(0);

    await lead.page.getByTestId('story-edit').click();
    const area = lead.page.getByTestId('story-textarea');
    await area.click();
    await area.press('Control+Home');
    await area.pressSequentially('Ons verhaal. ');
    await lead.page.getByTestId('story-edit').click();
    await parentText.filter({ hasText: 'Ons verhaal. Voorbeeldgezin' }).waitFor();
    await parent.page.getByTestId('story-edited').waitFor();
    await expect.poll(async () => (await stored()).story?.startsWith('Ons verhaal. Voorbeeldgezin')).toBe(true);

    // Kept with the analysis: a reload shows the edited story.
    await parent.page.reload();
    await parent.page.getByTestId('tab-story').click();
    await parentText.filter({ hasText: 'Ons verhaal.' }).waitFor();

    await lead.page.getByTestId('story-reset').click();
    await expect.poll(() => parentText.innerText()).not.toContain('Ons verhaal.');
    expect(await parent.page.getByTestId('story-edited').count()).toBe(0);
    await expect.poll(async () => (await stored()).story).toBeUndefined();
  });

  it('the facilitator changes the language of the analysis; a new analysis starts in the chosen language', async () => {
    const { lead } = session.people;
    await lead.page.getByTestId('manage').click();
    await lead.page.getByTestId('analysis-language').selectOption('en');
    await expect.poll(async () => (await stored()).language).toBe('en');
    await lead.page.keyboard.press('Escape');

    const home = await session.newPerson('Kim', 'nl');
    await home.page.goto(`${session.server.url}/`);
    expect(await home.page.getByTestId('new-analysis-language').inputValue()).toBe('nl');
    await home.page.getByTestId('new-analysis-language').selectOption('en');
    await home.page.getByTestId('new-analysis').click();
    await home.page.waitForURL(/\/a\/[^#]+#.+/);
    const url = new URL(home.page.url());
    const id = url.pathname.split('/').pop()!;
    const response = await fetch(`${session.server.url}/api/analyses/${id}`, { headers: { authorization: `Bearer ${url.hash.slice(1)}` } });
    expect(((await response.json()) as StoredFile).language).toBe('en');
  });
});
