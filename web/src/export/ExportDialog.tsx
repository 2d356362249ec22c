/**
 * "Exporteren": the whole analysis as PNG, SVG, PDF or the analysis file, for every role (viewers too). Loaded
 * lazily from the file menu, with the shared renderer; pdf-lib comes later still, on the first PDF.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutExport, type ExportOptions } from '@samenzicht/shared/export/layout';
import type { Paper } from '@samenzicht/shared/export/renderPdf';
import type { ExportLanguage } from '@samenzicht/shared/export/words';
import type { Analysis } from '@samenzicht/shared/model/types';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { buildExportText, downloadText, fileNameFor } from '../files/exportFile.ts';
import { reportExport } from '../sync/api.ts';
import { loadName } from '../sync/identity.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { PNG_LIMITS, highlightLoopsFor, planPngSize, type ExportFormat, type PngSize, type ReportAs } from './exportPlan.ts';
import { FormatChoice, PaperChoice, ReportAsChoice, ScaleChoice, ShowChoice } from './ExportOptions.tsx';
import { RenderError, STEPS, downloadBlob, renderExport, type ExportStep, type RenderFailure } from './renderInBrowser.ts';
import './export.css';

type Status =
  | { readonly step: 'idle' }
  | { readonly step: 'busy'; readonly progress: ExportStep | null }
  | { readonly step: 'done'; readonly fileName: string; readonly png: PngSize | null; readonly wanted: number }
  | { readonly step: 'cancelled' }
  | { readonly step: 'failed'; readonly reason: RenderFailure };

function ScaledNotice({ size, wanted, done }: { size: PngSize; wanted: number; done: boolean }) {
  const { t, i18n } = useTranslation();
  const values = { wanted, width: size.width.toLocaleString(i18n.language), height: size.height.toLocaleString(i18n.language) };
  return (
    <p className="banner banner--warning export-notice" role="status" data-testid="export-scaled">
      {t(done ? 'export.scaledDone' : 'export.scaledNotice', values)}
    </p>
  );
}

function Progress({ steps, current }: { steps: readonly ExportStep[]; current: ExportStep | null }) {
  const { t } = useTranslation();
  const at = current ? steps.indexOf(current) : 0;
  return (
    <div className="export-progress" role="status" data-testid="export-progress">
      <progress max={steps.length} value={at} aria-label={t('export.progress')} />
      <span>{current ? t(`export.step.${current}`) : t('export.step.fonts')}</span>
    </div>
  );
}

/**
 * `analysis`: export this instead of the live analysis (a version opened read-only; its title names the version, so
 * the version is in the header of every format). Loops are then not offered for highlighting: they are the live ones.
 */
export default function ExportDialog({ onClose, analysis: fixed }: { onClose: () => void; analysis?: Analysis }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const livePatterns = useEditor((s) => s.patterns);
  const patterns = fixed ? null : livePatterns;
  const pinnedLoop = useEditor((s) => s.pinnedLoop);
  const [format, setFormat] = useState<ExportFormat>('png');
  const [scale, setScale] = useState<number>(PNG_LIMITS.defaultScale);
  const [paper, setPaper] = useState<Paper>('A4');
  const [reportAs, setReportAs] = useState<ReportAs>('pdf');
  const [actors, setActors] = useState(false);
  const [stances, setStances] = useState(true);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(pinnedLoop ? [pinnedLoop] : []));
  const [status, setStatus] = useState<Status>({ step: 'idle' });
  // False when the last export could not be written to the access log (after retries): said, not hidden.
  const [logged, setLogged] = useState(true);
  const abort = useRef<AbortController | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const busy = status.step === 'busy';

  useEffect(() => () => abort.current?.abort(), []);

  const language: ExportLanguage = i18n.language === 'en' ? 'en' : 'nl';
  const options = (): ExportOptions => ({
    language,
    exportedAt: new Date(),
    showActors: actors,
    stances,
    highlightLoops: highlightLoopsFor(patterns?.loops ?? [], chosen),
  });

  // The size the PNG will have, to warn before it is made. The analysis as it is when the dialog opened.
  const snapshot = useMemo(() => fixed ?? readAnalysis(session.doc), [session, fixed]);
  const preview = useMemo(() => {
    if (format !== 'png') return null;
    const layout = layoutExport(snapshot, {
      language,
      showActors: actors,
      stances,
      highlightLoops: highlightLoopsFor(patterns?.loops ?? [], chosen),
    });
    return planPngSize(layout.width, layout.height, scale);
  }, [format, snapshot, language, actors, stances, patterns, chosen, scale]);

  // A changed choice makes the last result (and its notice) out of date.
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setStatus({ step: 'idle' });
    };
  const toggleLoop = changed((id: string) =>
    setChosen((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    }),
  );

  // Every export goes into the access log, as the server's own exports do. The download never waits for it.
  const report = (made: ExportFormat) => {
    setLogged(true);
    const reported = made === 'file' ? 'json' : made === 'report' ? reportAs : made;
    void reportExport(session.id, session.token, reported, loadName()).then((ok) => {
      if (!ok) {
        setLogged(false);
        console.warn(`the ${made} export could not be written to the access log`);
      }
    });
  };

  const start = async () => {
    const analysis = fixed ?? readAnalysis(session.doc);
    if (format === 'file') {
      const fileName = fileNameFor(analysis.title);
      downloadText(fileName, buildExportText(analysis));
      setStatus({ step: 'done', fileName, png: null, wanted: scale });
      report('file');
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ step: 'busy', progress: null });
    try {
      const request = { format, scale, paper, reportAs, options: options() };
      const result = await renderExport(analysis, request, (progress) => setStatus({ step: 'busy', progress }), controller.signal);
      downloadBlob(result.fileName, result.blob);
      setStatus({ step: 'done', fileName: result.fileName, png: result.png ?? null, wanted: scale });
      report(format);
    } catch (error) {
      if (controller.signal.aborted) setStatus({ step: 'cancelled' });
      else setStatus({ step: 'failed', reason: error instanceof RenderError ? error.reason : 'other' });
      if (!(error instanceof RenderError) && !controller.signal.aborted) console.error(error);
    } finally {
      abort.current = null;
    }
  };

  return (
    <Dialog
      title={t('export.title')}
      onClose={onClose}
      // While busy, Escape stops the export and the backdrop does nothing; the dialog stays.
      onEscape={busy ? () => abort.current?.abort() : undefined}
      dismissible={!busy}
      busy={busy}
      className="dialog export-dialog"
      testId="export-dialog"
      initialFocus={startButton}
    >
      <div className="export-body">
        <p className="hint">{t('export.intro')}</p>
        <FormatChoice value={format} onChange={changed(setFormat)} disabled={busy} />
        {format === 'png' ? <ScaleChoice value={scale} onChange={changed(setScale)} disabled={busy} /> : null}
        {format === 'png' && preview && !preview.scaled ? (
          <p className="hint" data-testid="export-size">
            {t('export.size', {
              width: preview.width.toLocaleString(i18n.language),
              height: preview.height.toLocaleString(i18n.language),
            })}
          </p>
        ) : null}
        {format === 'png' && preview?.scaled && !(status.step === 'done' && status.png) ? (
          <ScaledNotice size={preview} wanted={scale} done={false} />
        ) : null}
        {format === 'report' ? <ReportAsChoice value={reportAs} onChange={changed(setReportAs)} disabled={busy} /> : null}
        {format === 'pdf' || format === 'report' ? (
          <PaperChoice value={paper} onChange={changed(setPaper)} disabled={busy} report={format === 'report'} />
        ) : null}
        {format !== 'file' ? (
          <ShowChoice
            actors={actors}
            onActors={changed(setActors)}
            stances={stances}
            onStances={changed(setStances)}
            loops={patterns?.loops ?? null}
            chosen={chosen}
            onToggleLoop={toggleLoop}
            disabled={busy}
          />
        ) : null}
      </div>
      <div className="export-footer">
        {status.step === 'busy' && format !== 'file' ? <Progress steps={STEPS[format]} current={status.progress} /> : null}
        {status.step === 'done' && status.png?.scaled ? <ScaledNotice size={status.png} wanted={status.wanted} done /> : null}
        {status.step === 'done' ? (
          <p className="export-done" role="status" data-testid="export-done">
            {t('export.done', { file: status.fileName })}
          </p>
        ) : null}
        {status.step === 'done' && !logged ? (
          <p className="hint" role="status" data-testid="export-not-logged">
            {t('export.notLogged')}
          </p>
        ) : null}
        {status.step === 'cancelled' ? <p role="status">{t('export.cancelled')}</p> : null}
        {status.step === 'failed' ? (
          <p className="error" role="alert" data-testid="export-failed">
            {t(`export.failed.${status.reason}`)}
          </p>
        ) : null}
        <div className="dialog-actions">
          {busy ? (
            <button type="button" onClick={() => abort.current?.abort()} data-testid="export-stop">
              {t('export.cancel')}
            </button>
          ) : (
            <button type="button" onClick={onClose} data-testid="export-close">
              {t('export.close')}
            </button>
          )}
          <button
            type="button"
            className="primary"
            onClick={() => void start()}
            disabled={busy}
            ref={startButton}
            data-testid="export-start"
          >
            {t('export.start')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
