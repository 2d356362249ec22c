/**
 * Issue 13, joining: the facilitator opens "Delen" and sees, per link, a QR code drawn in the browser (decoded here
 * back to the link) and a short code on request; a second browser types the code on the start page and joins as
 * editor; someone who scans the QR code comes in too; the access log says which way each came in.
 */
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSession } from './fixture.ts';
import { openAnalysis } from './harness.ts';

/** Renders the QR code's SVG to pixels in the page and decodes them here with jsQR. */
async function decodeQr(page: Page, testId: string): Promise<string | null> {
  const image = await page
    .getByTestId(testId)
    .getByTestId('qr-code')
    .first()
    .evaluate(async (svg) => {
      const size = 400;
      const source = new XMLSerializer().serializeToString(svg);
      const img = new Image(size, size);
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0, size, size);
      // One grey byte per pixel, as base64: a quarter of RGBA, and a string crosses to Node far faster than an array.
      const rgba = context.getImageData(0, 0, size, size).data;
      let grey = '';
      for (let i = 0; i < rgba.length; i += 4) grey += String.fromCharCode(rgba[i]!);
      return { size, grey: btoa(grey) };
    });
  const grey = Buffer.from(image.grey, 'base64');
  const rgba = new Uint8ClampedArray(grey.length * 4);
  grey.forEach((value, i) => rgba.fill(value, i * 4, i * 4 + 3).fill(255, i * 4 + 3, i * 4 + 4));
  return jsQR(rgba, image.size, image.size)?.data ?? null;
}

async function roleOf(serverUrl: string, id: string, token: string): Promise<unknown> {
  const response = await fetch(`${serverUrl}/api/analyses/${id}/session`, { headers: { authorization: `Bearer ${token}` } });
  return response.status === 200 ? ((await response.json()) as { role: unknown }).role : response.status;
}

describe('joining by QR code and by short code', () => {
  const session = useSession({ people: { facilitator: { name: 'Ingrid' } } });

  // One story in steps (each its own test, so a slow machine gets the time per step): what one step found, the next uses.
  let id = '';
  let facilitatorToken = '';
  let codeText = '';

  it('the facilitator makes the analysis on the start page', async () => {
    const page = session.people.facilitator.page;
    const base = session.server.url;
    // Made on this device, so the share panel knows the three links.
    await page.goto(`${base}/`);
    await page.getByPlaceholder('Bijvoorbeeld: Gezin M. — verklarende analyse').fill('Gezin Vos');
    await page.getByTestId('new-analysis').click();
    await page.getByTestId('connection').filter({ hasText: 'Verbonden' }).waitFor();
    const url = new URL(page.url());
    id = url.pathname.split('/')[2]!;
    facilitatorToken = url.hash.slice(1);
  });

  it('the facilitator sees a QR code per link that decodes to the link with via=qr, and makes a code', async () => {
    const page = session.people.facilitator.page;
    await page.getByTestId('share').click();
    const editorLink = await page.getByTestId('share-editor').locator('input').inputValue();
    const viewerLink = await page.getByTestId('share-viewer').locator('input').inputValue();
    const [editorBase, editorToken] = editorLink.split('#') as [string, string];
    expect(await decodeQr(page, 'join-editor')).toBe(`${editorBase}?via=qr#${editorToken}`);
    const [viewerBase, viewerToken] = viewerLink.split('#') as [string, string];
    expect(await decodeQr(page, 'join-viewer')).toBe(`${viewerBase}?via=qr#${viewerToken}`);
    // The facilitator's own QR code is not on screen until asked for, and has no short code.
    expect(await page.getByTestId('share-facilitator').getByTestId('qr-code').count()).toBe(0);
    expect(await page.getByTestId('make-code-facilitator').count()).toBe(0);

    await page.getByTestId('make-code-editor').click();
    codeText = (await page.getByTestId('join-code-editor').getByTestId('join-code-value').innerText()).trim();
    expect(codeText).toMatch(/^[a-z]{3,9} [a-z]{3,9} [a-z]{3,9} [0-9]{2}$/);
    expect(await page.getByTestId('join-code-editor').innerText()).toContain('De code werkt tot');

    // Large, for the room; Escape closes it and leaves the share panel open.
    await page.getByTestId('large-qr-editor').click();
    const large = page.getByTestId('qr-large');
    await large.waitFor();
    expect(await large.innerText()).toContain(codeText);
    const box = await large.getByTestId('qr-code').boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    await page.keyboard.press('Escape');
    await large.waitFor({ state: 'detached' });
    expect(await page.getByTestId('share-editor').isVisible()).toBe(true);
  });

  it('a code typed on the start page, in capitals with hyphens, joins as editor; a wrong one says so', async () => {
    const base = session.server.url;
    const mother = await session.newPerson('Moeder');
    await mother.page.goto(`${base}/`);
    await mother.page.getByTestId('join-code-input').fill('appel appel appel 00');
    await mother.page.getByTestId('join-submit').click();
    await mother.page.getByRole('alert').filter({ hasText: 'Deze code klopt niet of is verlopen. Vraag een nieuwe code.' }).waitFor();
    await mother.page.getByTestId('join-code-input').fill(`  ${codeText.toUpperCase().replaceAll(' ', '-')} `);
    await mother.page.getByTestId('join-submit').click();
    await mother.page.getByTestId('connection').filter({ hasText: 'Verbonden' }).waitFor();
    const joined = new URL(mother.page.url());
    expect(joined.pathname).toBe(`/a/${id}`);
    // `via` was read and taken out of the address bar; the token stays in the fragment.
    expect(joined.search).toBe('');
    expect(await roleOf(base, id, joined.hash.slice(1))).toBe('editor');
    expect(await mother.page.getByTestId('add-factor').isEnabled()).toBe(true);

    // Her device does not know the three links, but she can pass on her own way in.
    await mother.page.getByTestId('share').click();
    await mother.page.getByTestId('share-own-editor').getByTestId('qr-code').waitFor();
    await mother.page.getByTestId('make-code-editor').click();
    const hers = (await mother.page.getByTestId('join-code-value').innerText()).trim();
    expect(hers).toMatch(/^[a-z]{3,9} [a-z]{3,9} [a-z]{3,9} [0-9]{2}$/);
    expect(hers).not.toBe(codeText);
  });

  it('someone who scans the QR code comes in; the access log says who came in which way', async () => {
    const page = session.people.facilitator.page;
    const grandfather = await session.newPerson('Opa');
    await openAnalysis(grandfather.page, (await decodeQr(page, 'join-viewer'))!);

    await page.keyboard.press('Escape');
    await page.getByTestId('manage').click();
    const log = page.getByTestId('access-log');
    await log.getByTestId('log-entry').filter({ hasText: 'Moeder' }).filter({ hasText: 'via code' }).waitFor();
    await log.getByTestId('log-entry').filter({ hasText: 'Opa' }).filter({ hasText: 'via QR-code' }).waitFor();
    const ingrid = await log.getByTestId('log-entry').filter({ hasText: 'Ingrid' }).filter({ hasText: 'geopend' }).first().innerText();
    expect(ingrid).not.toContain('via');
    expect(await roleOf(session.server.url, id, facilitatorToken)).toBe('facilitator');
  });
});
