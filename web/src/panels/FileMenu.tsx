import { Suspense, lazy, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { buildExportText, downloadText, fileNameFor } from '../files/exportFile.ts';
import { startImport } from '../files/importFlow.ts';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { reportExport } from '../sync/api.ts';
import { loadName } from '../sync/identity.ts';
import { MenuPopover, type MenuItem } from '../ui/Menu.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import '../files/files.css';

// The export dialog brings the renderer with it: its own chunk, fetched when someone opens it.
const ExportDialog = lazy(() => import('../export/ExportDialog.tsx'));

/**
 * "Bestand": save the analysis as a file or export it (everyone), open a file or an exported PNG into it (not when
 * only viewing). The items go into the file menu on a wide screen and into the header's menu on a small one;
 * `parts` (the file input and the import and export dialogs) stay mounted either way.
 */
export function useFileActions(): { items: MenuItem[]; parts: ReactNode } {
  const { t } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  const [exporting, setExporting] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const exportFile = () => {
    const analysis = readAnalysis(session.doc);
    downloadText(fileNameFor(analysis.title), buildExportText(analysis));
    // Into the access log like every export (the export dialog says so when it fails; the menu has no room to).
    void reportExport(session.id, session.token, 'json', loadName()).then((ok) => {
      if (!ok) console.warn('the file export could not be written to the access log');
    });
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared, so choosing the same file again is a change again.
    event.target.value = '';
    if (file) void startImport(session, file);
  };

  const items: MenuItem[] = [
    { id: 'export-file', group: 'file', label: t('files.export'), onSelect: exportFile, testId: 'export-file' },
    { id: 'export-open', group: 'file', label: t('export.open'), onSelect: () => setExporting(true), testId: 'export-open' },
  ];
  if (!readOnly) {
    // After the menu has closed (the page behind a modal menu is inert); the click still counts as the person's.
    const chooseFile = () => window.setTimeout(() => input.current?.click(), 0);
    items.push({ id: 'import-file', group: 'file', label: t('files.import'), onSelect: chooseFile, testId: 'import-file' });
  }

  const parts = (
    <>
      {!readOnly ? (
        <input ref={input} type="file" accept=".json,application/json,.png,image/png" hidden onChange={onFile} data-testid="import-input" />
      ) : null}
      <ImportDialog />
      {exporting ? (
        <Suspense fallback={null}>
          <ExportDialog onClose={() => setExporting(false)} />
        </Suspense>
      ) : null}
    </>
  );
  return { items, parts };
}

/** The "Bestand" button with its drop-down menu (wide screens). */
export function FileMenu({ items }: { items: readonly MenuItem[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <div className="file-menu">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="file-menu"
      >
        {t('files.menu')}
      </button>
      {open ? (
        <MenuPopover anchor={button} label={t('files.menu')} items={items} onClose={() => setOpen(false)} testId="file-menu-list" />
      ) : null}
    </div>
  );
}
