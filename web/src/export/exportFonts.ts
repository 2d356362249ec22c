/// <reference types="vite/client" />
/**
 * The export's font files in the browser, fetched from our own origin only (the CSP allows nothing else): Vite
 * copies the packaged files into the build and gives their URLs. The woff2 subsets are the ones the app's own CSS
 * already uses, so an SVG or PNG export downloads nothing new; the TTFs are fetched only for a PDF.
 * The package paths must stay those of shared/src/export/fontFiles.ts (exportFonts.test.ts checks this).
 */
import ttf400 from '@expo-google-fonts/atkinson-hyperlegible/400Regular/AtkinsonHyperlegible_400Regular.ttf?url';
import ttf700 from '@expo-google-fonts/atkinson-hyperlegible/700Bold/AtkinsonHyperlegible_700Bold.ttf?url';
import latin400 from '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff2?url';
import latin700 from '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-700-normal.woff2?url';
import latinExt400 from '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-ext-400-normal.woff2?url';
import latinExt700 from '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-ext-700-normal.woff2?url';
import { WEB_FONT_FILES } from '@samenzicht/shared/export/fontFiles';
import type { EmbeddedFontFace } from '@samenzicht/shared/export/renderSvg';
import type { FontWeight } from '@samenzicht/shared/export/textMetrics';

/** URL of each web font file, by its package path in WEB_FONT_FILES. */
const WEB_FONT_URLS: Record<string, string> = {
  '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff2': latin400,
  '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-700-normal.woff2': latin700,
  '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-ext-400-normal.woff2': latinExt400,
  '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-ext-700-normal.woff2': latinExt700,
};

const TTF_URLS: Record<FontWeight, string> = { 400: ttf400, 700: ttf700 };

async function fetchBytes(url: string): Promise<Uint8Array> {
  // Same origin, and cached by the browser: the app's CSS already loaded the woff2 files.
  const response = await fetch(url);
  if (!response.ok) throw new Error(`font ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let webFaces: Promise<EmbeddedFontFace[]> | null = null;
let ttf: Promise<Record<FontWeight, Uint8Array>> | null = null;

/** The woff2 subsets to embed in an SVG (and so in the PNG drawn from it); fetched once per page. */
export function loadWebFaces(): Promise<EmbeddedFontFace[]> {
  webFaces ??= Promise.all(
    WEB_FONT_FILES.map(async (face) => {
      const url = WEB_FONT_URLS[face.file];
      if (!url) throw new Error(`no URL for ${face.file}`);
      return { weight: face.weight, format: 'woff2' as const, data: await fetchBytes(url), unicodeRange: face.unicodeRange };
    }),
  );
  webFaces.catch(() => (webFaces = null));
  return webFaces;
}

/** The TTFs for the PDF; fetched once per page, on the first PDF export. */
export function loadTtfFonts(): Promise<Record<FontWeight, Uint8Array>> {
  ttf ??= Promise.all([fetchBytes(TTF_URLS[400]), fetchBytes(TTF_URLS[700])]).then(([regular, bold]) => ({ 400: regular, 700: bold }));
  ttf.catch(() => (ttf = null));
  return ttf;
}
