import { useEffect, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { startImport } from './importFlow.ts';
import './files.css';

function carriesFiles(event: { dataTransfer: DataTransfer | null }): boolean {
  return !!event.dataTransfer && [...event.dataTransfer.types].includes('Files');
}

/**
 * Opening a file by dropping it on the canvas. Only drags that carry files are handled; every other drag (such as a
 * factor from the library) passes through untouched.
 */
export function FileDrop({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  const [over, setOver] = useState(false);

  // A file dropped anywhere else would make the browser leave the analysis to show the file.
  useEffect(() => {
    const guard = (event: globalThis.DragEvent) => {
      if (event.defaultPrevented || !carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  const onDragOver = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = readOnly ? 'none' : 'copy';
    if (!over) setOver(true);
  };
  const onDragLeave = (event: DragEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
  };
  const onDrop = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !readOnly) void startImport(session, file);
  };

  return (
    <div className="file-drop" onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop} data-testid="file-drop">
      {children}
      {over ? (
        <div className="file-drop-hint" aria-hidden="true">
          <span>{readOnly ? t('files.dropReadOnly') : t('files.dropHere')}</span>
        </div>
      ) : null}
    </div>
  );
}
