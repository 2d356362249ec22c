import { Suspense, lazy, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { buildExportText, downloadText, fileNameFor } from '../files/exportFile.ts';
import { startImport } from '../files/importFlow.ts';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { reportExport } from '../sync/api.ts';
import { loadName } from '../sync/identity.ts';
import { ImportDialog } from './ImportDialog.tsx';
import '../files/files.css';

// The export dialog brings the renderer with it: its own chunk, fetched when someone opens it.
const ExportDialog = lazy(() => import('../export/ExportDialog.tsx'));

/** "Bestand": save the analysis as a file or export it (everyone), open a file or an exported PNG into it (not when only viewing). */
export function FileMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  const [open, setOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const exportFile = () => {
    setOpen(false);
    const analysis = readAnalysis(session.doc);
    downloadText(fileNameFor(analysis.title), buildExportText(analysis));
    // Into the access log like every export (the export dialog says so when it fails; the menu has no room to).
    void reportExport(session.id, session.token, 'json', loadName()).then((ok) => {
      if (!ok) console.warn('the file export could not be written to the access log');
    });
  };

  const chooseFile = () => {
    setOpen(false);
    input.current?.click();
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared, so choosing the same file again is a change again.
    event.target.value = '';
    if (file) void startImport(session, file);
  };

  return (
    <div className="file-menu" ref={root}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="file-menu">
        {t('files.menu')}
      </button>
      {open ? (
        <div className="file-menu-list" role="menu">
          <button type="button" role="menuitem" onClick={exportFile} data-testid="export-file" autoFocus>
            {t('files.export')}
          </button>
          <button type="button" role="menuitem" onClick={() => (setOpen(false), setExporting(true))} data-testid="export-open">
            {t('export.open')}
          </button>
          {!readOnly ? (
            <button type="button" role="menuitem" onClick={chooseFile} data-testid="import-file">
              {t('files.import')}
            </button>
          ) : null}
        </div>
      ) : null}
      {!readOnly ? (
        <input ref={input} type="file" accept=".json,application/json,.png,image/png" hidden onChange={onFile} data-testid="import-input" />
      ) : null}
      <ImportDialog />
      {exporting ? (
        <Suspense fallback={null}>
          <ExportDialog onClose={() => setExporting(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
