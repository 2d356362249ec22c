/**
 * The font files of the export, read once from node_modules (shared/src/export/fontFiles.ts names them): TTF paths
 * for resvg, TTF bytes for the PDF, and the woff2 subsets embedded in a standalone SVG. Never fetched from elsewhere.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { TTF_FILES, WEB_FONT_FILES } from '@samenzicht/shared/export/fontFiles';
import type { EmbeddedFontFace } from '@samenzicht/shared/export/renderSvg';
import type { FontWeight } from '@samenzicht/shared/export/textMetrics';

const require = createRequire(import.meta.url);

export interface ExportFonts {
  /** For resvg's `fontFiles`. */
  readonly ttfPaths: readonly string[];
  /** For `renderAnalysisPdf`. */
  readonly ttf: Record<FontWeight, Uint8Array>;
  /** For `renderAnalysisSvg` (standalone SVG files). */
  readonly webFaces: readonly EmbeddedFontFace[];
}

/** The TTF paths, resolved without reading anything (resvg reads them itself). */
export const TTF_PATHS: Record<FontWeight, string> = {
  400: require.resolve(TTF_FILES[400]),
  700: require.resolve(TTF_FILES[700]),
};

let loading: Promise<ExportFonts> | null = null;

/** Reads the font files on first use; later calls share the result. */
export function loadExportFonts(): Promise<ExportFonts> {
  loading ??= (async () => {
    const [regular, bold, ...web] = await Promise.all([
      readFile(TTF_PATHS[400]),
      readFile(TTF_PATHS[700]),
      ...WEB_FONT_FILES.map((face) => readFile(require.resolve(face.file))),
    ]);
    return {
      ttfPaths: [TTF_PATHS[400], TTF_PATHS[700]],
      ttf: { 400: new Uint8Array(regular!), 700: new Uint8Array(bold!) },
      webFaces: WEB_FONT_FILES.map((face, i) => ({
        weight: face.weight,
        format: 'woff2' as const,
        data: new Uint8Array(web[i]!),
        unicodeRange: face.unicodeRange,
      })),
    };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
