import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Analysis } from '@samenzicht/shared/model/types';
import { parseAnalysisText, toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { ImportProblem } from '../panels/ImportDialog.tsx';
import { saveLinks } from '../sync/links.ts';
import { createAnalysisFrom } from './createFromFile.ts';
import { EXAMPLES, KNOWN_EXAMPLES } from './examples.ts';
import { readImportFile, type ImportRead } from './readImportFile.ts';
import './files.css';

type ImportFailed = Extract<ImportRead, { ok: false }>;

function carriesFiles(event: DragEvent): boolean {
  return !!event.dataTransfer && [...event.dataTransfer.types].includes('Files');
}

/** A file dropped anywhere on the start page opens as a new analysis; returns whether a file is being dragged. */
function useHomeDrop(onDrop: (file: File) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onDrop);
  useEffect(() => {
    latest.current = onDrop;
  });
  useEffect(() => {
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    // relatedTarget is null only when the drag leaves the window.
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) latest.current(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

/** Start page: open a fictional example, a saved file or an exported PNG (chosen or dropped) as a new analysis (as its facilitator). */
export function HomeFiles() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<ImportFailed | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const openAsNew = async (analysis: Analysis, fileName: string) => {
    const title = analysis.title.trim() || t('home.defaultTitle');
    const answer = await createAnalysisFrom(toAnalysisFile(analysis), title);
    if (answer.ok) {
      saveLinks(answer.id, answer.links);
      window.location.assign(answer.links.facilitator);
      return;
    }
    setBusy(false);
    if (answer.status === 400 && answer.errors.length > 0) {
      setProblem({ ok: false, fileName, reason: 'invalid', size: 0, errors: answer.errors, warnings: [], source: null });
    } else {
      setError(answer.status === 413 ? t('files.serverTooLarge') : t('files.openFailed'));
    }
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch {
      setBusy(false);
      setError(t('files.openFailed'));
    }
  };

  const openExample = (example: (typeof EXAMPLES)[number]) =>
    run(async () => {
      const parsed = parseAnalysisText(await example.load());
      if (!parsed.ok) throw new Error(`example ${example.name} does not parse`);
      await openAsNew(parsed.value, `${example.name}.samenzicht.json`);
    });

  const openFile = (file: File) =>
    run(async () => {
      const read = await readImportFile(file);
      if (read.ok) await openAsNew(read.analysis, read.fileName);
      else {
        setBusy(false);
        setProblem(read);
      }
    });

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void openFile(file);
  };

  const dragging = useHomeDrop((file) => {
    if (!busy) void openFile(file);
  });

  const label = (name: string) => ((KNOWN_EXAMPLES as readonly string[]).includes(name) ? t(`files.example_${name}`) : name);

  return (
    <section className="home-files">
      <div className="home-files-part">
        <h2>{t('files.fromFileTitle')}</h2>
        <p className="hint">{t('files.fromFileIntro')}</p>
        <button type="button" disabled={busy} onClick={() => input.current?.click()} data-testid="open-file">
          {t('files.fromFile')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json,.png,image/png"
          hidden
          onChange={onFile}
          data-testid="open-file-input"
        />
      </div>
      {EXAMPLES.length > 0 ? (
        <div className="home-files-part">
          <h2>{t('files.examplesTitle')}</h2>
          <p className="hint">{t('files.examplesIntro')}</p>
          <div className="home-examples">
            {EXAMPLES.map((example) => (
              <button
                key={example.name}
                type="button"
                disabled={busy}
                onClick={() => void openExample(example)}
                data-testid={`example-${example.name}`}
              >
                {label(example.name)}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {busy ? (
        <p className="hint" role="status">
          {t('files.opening')}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {problem ? <ImportProblem read={problem} onClose={() => setProblem(null)} /> : null}
      {dragging ? (
        <div className="file-drop-hint" aria-hidden="true">
          <span>{t('files.dropHome')}</span>
        </div>
      ) : null}
    </section>
  );
}
