/** Reads the text of a PDF back with a real PDF reader (pdf.js), as a person's viewer or a search would (tests only). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfTextItem {
  readonly text: string;
  /** The font size in points, from the text item's transform (its vertical scale). */
  readonly size: number;
}

export interface PdfPageText {
  readonly width: number;
  readonly height: number;
  readonly items: readonly PdfTextItem[];
  /** The page's text, items joined by spaces. */
  readonly text: string;
}

/** Every page's text items with their sizes. */
export async function readPdfText(bytes: Uint8Array): Promise<PdfPageText[]> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: PdfPageText[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , c, d] = item.transform as number[];
        items.push({ text: item.str, size: Math.hypot(c!, d!) });
      }
      pages.push({ width: x1 - x0, height: y1 - y0, items, text: items.map((it) => it.text).join(' ') });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Text with every run of white space removed, to find a sentence however its lines were broken. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}
