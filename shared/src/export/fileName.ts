/** The file name of an export, the same in the browser (export dialog) and on the server (Content-Disposition). */

export type ExportFileFormat = 'png' | 'svg' | 'pdf';

/**
 * A file name from the title that is safe on every system and in a header: letters without accents, digits and
 * hyphens, at most 80 characters, plus the date as people in the Netherlands read it (the header says the same, not
 * UTC's); `samenzicht-analyse` when nothing is left of the title.
 */
export function exportFileName(title: string, at: Date, format: ExportFileFormat): string {
  return `${fileBase(title)}-${amsterdamDay(at)}.${format}`;
}

/** The file name of a case-file report: as exportFileName, with "verslag" (or "report") before the date. */
export function reportFileName(title: string, at: Date, format: 'pdf' | 'png', language: 'nl' | 'en'): string {
  return `${fileBase(title)}-${language === 'en' ? 'report' : 'verslag'}-${amsterdamDay(at)}.${format}`;
}

function fileBase(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return base || 'samenzicht-analyse';
}

function amsterdamDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
