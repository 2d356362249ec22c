/** The start page creates an analysis and opens it as facilitator, with the three links in the share panel. */
import { describe, expect, it } from 'vitest';
import { useSession } from './fixture.ts';

describe('start page', () => {
  const session = useSession();

  it('"Nieuwe analyse" creates one, opens it and shows the three links', async () => {
    const { page } = await session.newPerson('Gespreksleider');
    await page.goto(session.server.url);
    await page.getByRole('textbox', { name: /Naam van de analyse/ }).fill('Gezin K. — verklarende analyse');
    await page.getByTestId('new-analysis').click();
    await page.waitForURL(/\/a\/[A-Za-z0-9_-]+#/);
    await page.getByTestId('connection').filter({ hasText: 'Verbonden' }).waitFor();
    expect(await page.getByTestId('title').inputValue()).toBe('Gezin K. — verklarende analyse');
    await page.getByTestId('share').click();
    for (const role of ['facilitator', 'editor', 'viewer']) {
      const value = await page.getByTestId(`share-${role}`).locator('input').inputValue();
      expect(value).toMatch(new RegExp(`^${session.server.url}/a/[A-Za-z0-9_-]+#[A-Za-z0-9_-]{22,}$`));
    }
  });

  it('an incomplete link says what to do, in Dutch', async () => {
    const { page } = await session.newPerson('Ouder');
    await page.goto(`${session.server.url}/a/abcdefghijklmnop`);
    await page.getByRole('alert').filter({ hasText: 'Deze link is niet compleet' }).waitFor();
  });
});
