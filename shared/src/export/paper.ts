/** Paper for the PDF exports and the report. Kept apart from renderPdf.ts so the SVG and PNG paths need no pdf-lib. */
export type Paper = 'A4' | 'A3';

export const PAPERS: readonly Paper[] = ['A4', 'A3'];

/** Landscape page sizes in PDF points (1/72 inch). */
export const PAPER_SIZES: Record<Paper, { readonly width: number; readonly height: number }> = {
  A4: { width: 841.89, height: 595.28 },
  A3: { width: 1190.55, height: 841.89 },
};
