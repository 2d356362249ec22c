/** The choices of the export dialog: kind of file, sharpness or paper, and what is shown. */
import { useTranslation } from 'react-i18next';
import type { Paper } from '@samenzicht/shared/export/renderPdf';
import type { Loop } from '@samenzicht/shared/graph/loops';
import { PNG_LIMITS, PNG_SCALES, orderLoopsForExport, type ExportFormat, type ReportAs } from './exportPlan.ts';

const FORMATS: readonly ExportFormat[] = ['png', 'svg', 'pdf', 'report', 'file'];
const REPORT_AS: readonly ReportAs[] = ['pdf', 'png'];
const PAPERS: readonly Paper[] = ['A4', 'A3'];

export function FormatChoice({
  value,
  onChange,
  disabled,
}: {
  value: ExportFormat;
  onChange: (f: ExportFormat) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="export-formats" disabled={disabled}>
      <legend>{t('export.format')}</legend>
      {FORMATS.map((format) => (
        <label key={format} className="export-choice">
          <input
            type="radio"
            name="export-format"
            value={format}
            checked={value === format}
            onChange={() => onChange(format)}
            data-testid={`export-format-${format}`}
          />
          <span>
            <strong>{t(`export.${format}`)}</strong>
            <span className="hint">{t(`export.${format}Hint`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function ScaleChoice({ value, onChange, disabled }: { value: number; onChange: (scale: number) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <label className="field export-field">
      <span>{t('export.scale')}</span>
      <select value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))} data-testid="export-scale">
        {PNG_SCALES.map((scale) => (
          <option key={scale} value={scale}>
            {t(scale === PNG_LIMITS.defaultScale ? 'export.scaleDefault' : 'export.scaleOption', { scale })}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PaperChoice({
  value,
  onChange,
  disabled,
  report = false,
}: {
  value: Paper;
  onChange: (paper: Paper) => void;
  disabled: boolean;
  /** The report turns each page the way it fits best: no "landscape" in the words. */
  report?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="export-paper" disabled={disabled}>
        <legend>{t('export.paper')}</legend>
        {PAPERS.map((paper) => (
          <label key={paper}>
            <input
              type="radio"
              name="export-paper"
              value={paper}
              checked={value === paper}
              onChange={() => onChange(paper)}
              data-testid={`export-paper-${paper}`}
            />{' '}
            {t(report ? `export.reportPaper${paper}` : `export.paper${paper}`)}
          </label>
        ))}
      </fieldset>
      {report ? <p className="hint">{t('export.reportPaperHint')}</p> : null}
    </>
  );
}

/** The report as a PDF or as one tall PNG. */
export function ReportAsChoice({ value, onChange, disabled }: { value: ReportAs; onChange: (as: ReportAs) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset className="export-report-as" disabled={disabled}>
      <legend>{t('export.reportAs')}</legend>
      {REPORT_AS.map((as) => (
        <label key={as}>
          <input
            type="radio"
            name="export-report-as"
            value={as}
            checked={value === as}
            onChange={() => onChange(as)}
            data-testid={`export-report-${as}`}
          />{' '}
          {t(as === 'pdf' ? 'export.reportPdf' : 'export.reportPng')}
        </label>
      ))}
    </fieldset>
  );
}

interface ShowChoiceProps {
  readonly actors: boolean;
  readonly onActors: (on: boolean) => void;
  /** Each person's stance marks and the shared-ness headline. */
  readonly stances: boolean;
  readonly onStances: (on: boolean) => void;
  /** Null while the loops are still being computed. */
  readonly loops: readonly Loop[] | null;
  readonly chosen: ReadonlySet<string>;
  readonly onToggleLoop: (id: string) => void;
  readonly disabled: boolean;
}

/** Names of the people involved in the boxes, and which loops to highlight (the one chosen in the panel is ticked). */
export function ShowChoice({ actors, onActors, stances, onStances, loops, chosen, onToggleLoop, disabled }: ShowChoiceProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="export-show" disabled={disabled}>
      <legend>{t('export.show')}</legend>
      <label>
        <input type="checkbox" checked={actors} onChange={(e) => onActors(e.target.checked)} data-testid="export-actors" />{' '}
        {t('export.actors')}
      </label>
      <label>
        <input type="checkbox" checked={stances} onChange={(e) => onStances(e.target.checked)} data-testid="export-stances" />{' '}
        {t('stances.exportOption')}
      </label>
      <div className="export-loops">
        <span>{t('export.loops')}</span>
        {loops === null ? (
          <span className="hint">{t('export.loopsComputing')}</span>
        ) : loops.length === 0 ? (
          <span className="hint">{t('export.loopsNone')}</span>
        ) : (
          <>
            <span className="hint">{t('export.loopsHint')}</span>
            <ul>
              {orderLoopsForExport(loops).map((loop) => (
                <li key={loop.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.has(loop.id)}
                      onChange={() => onToggleLoop(loop.id)}
                      data-testid="export-loop"
                      data-loop-id={loop.id}
                    />{' '}
                    <strong>{loop.id}</strong>{' '}
                    {[loop.name, t(`patterns.${loop.type}`), loop.vicious ? t('patterns.vicious') : ''].filter(Boolean).join(' · ')}
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </fieldset>
  );
}
