/**
 * Which packaged font files the export uses, as package paths that Node's resolver or a bundler can find. Nothing
 * here reads a file: the server reads them from node_modules, the browser gets them from our own origin. Fonts are
 * never fetched from anywhere else.
 */
import type { FontWeight } from './textMetrics.ts';

/** TTFs (npm: @expo-google-fonts/atkinson-hyperlegible, OFL-1.1): for resvg and for the PDF. */
export const TTF_FILES: Record<FontWeight, string> = {
  400: '@expo-google-fonts/atkinson-hyperlegible/400Regular/AtkinsonHyperlegible_400Regular.ttf',
  700: '@expo-google-fonts/atkinson-hyperlegible/700Bold/AtkinsonHyperlegible_700Bold.ttf',
};

export interface WebFontFile {
  readonly weight: FontWeight;
  /** Package path of the woff2 file (npm: @fontsource/atkinson-hyperlegible, OFL-1.1). */
  readonly file: string;
  /** The CSS unicode-range of the subset (from the package's unicode.json). */
  readonly unicodeRange: string;
}

const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const LATIN_EXT =
  'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';

const woff2 = (subset: string, weight: FontWeight) =>
  `@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-${subset}-${weight}-normal.woff2`;

/** The web font subsets embedded in a standalone SVG (a subset is left out when no character of the SVG needs it). */
export const WEB_FONT_FILES: readonly WebFontFile[] = [
  { weight: 400, file: woff2('latin', 400), unicodeRange: LATIN },
  { weight: 700, file: woff2('latin', 700), unicodeRange: LATIN },
  { weight: 400, file: woff2('latin-ext', 400), unicodeRange: LATIN_EXT },
  { weight: 700, file: woff2('latin-ext', 700), unicodeRange: LATIN_EXT },
];
