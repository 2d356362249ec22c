/** Export of the whole analysis as `<title>.samenzicht.json` (CONTRACT.md §1). */
import type { Analysis } from '@samenzicht/shared/model/types';
import { toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';

export const FILE_SUFFIX = '.samenzicht.json';

/** A file name from the title: characters no file system accepts are left out; never empty. */
export function fileNameFor(title: string): string {
  const base = title
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 100)
    .trim();
  return `${base || 'analyse'}${FILE_SUFFIX}`;
}

/** The text of the export file: the same content as `GET /api/analyses/:id`, indented for people who look inside. */
export function buildExportText(analysis: Analysis): string {
  return `${JSON.stringify(toAnalysisFile(analysis), null, 2)}\n`;
}

/** Lets the browser save `text` as a file (no server round trip: it works offline too). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
