import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutCompare, COMPARE_LETTERS } from '@samenzicht/shared/export/compareLayout';
import { exportFileName } from '@samenzicht/shared/export/fileName';
import { layoutExport, type ExportLayout } from '@samenzicht/shared/export/layout';
import { renderLayoutSvg } from '@samenzicht/shared/export/renderSvg';
import type { ExportLanguage } from '@samenzicht/shared/export/words';
import type { Analysis } from '@samenzicht/shared/model/types';
import { compareAnalyses, type AnalysisDiff } from '@samenzicht/shared/versions/compare';
import { summarizeChanges } from '@samenzicht/shared/versions/summary';
import { loadWebFaces } from '../export/exportFonts.ts';
import { downloadBlob, renderLayoutExport } from '../export/renderInBrowser.ts';
import { useSession } from '../store/EditorContext.tsx';
import { reportExport } from '../sync/api.ts';
import { loadName } from '../sync/identity.ts';
import { historyStoreOf, type CompareSide, type HistoryView as View } from './historyStore.ts';
import type { VersionInfo } from './versionsApi.ts';
import './history.css';

const ExportDialog = lazy(() => import('../export/ExportDialog.tsx'));

/*
 * The pictures, the compare overlay and the exports: the shared export layout and renderers, loaded with this module
 * only when a version or comparison is opened (not with the editor).
 */

/** A layout drawn as an image (blob: URL, allowed by the CSP), with the app's fonts embedded once they are loaded. */
function LayoutPicture({ layout, alt, testId }: { layout: ExportLayout; alt: string; testId: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  // Fitted to the width, or at full size to read the boxes (scrolling inside the picture's frame).
  const [full, setFull] = useState(false);
  useEffect(() => {
    let current = true;
    let made: string | null = null;
    const show = (svg: string) => {
      if (!current) return;
      if (made) URL.revokeObjectURL(made);
      made = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      setUrl(made);
    };
    void loadWebFaces().then(
      (faces) => show(renderLayoutSvg(layout, faces)),
      () => show(renderLayoutSvg(layout)),
    );
    return () => {
      current = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [layout]);
  return (
    <div className={full ? 'history-picture history-picture--full' : 'history-picture'} data-testid={testId}>
      <button type="button" className="history-zoom" aria-pressed={full} onClick={() => setFull(!full)} data-testid="picture-zoom">
        {t(full ? 'versions.fit' : 'versions.fullSize')}
      </button>
      <div className="history-picture-frame">
        {url ? <img src={url} alt={alt} width={layout.width} height={layout.height} /> : <p className="hint">…</p>}
      </div>
    </div>
  );
}

function useLanguage(): ExportLanguage {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'nl';
}

function useSideName() {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (version: VersionInfo | null) => (version ? `‘${version.name}’ (${when.format(new Date(version.at))})` : t('versions.now'));
}

/** The title in the header of a version's picture and exports: the analysis and the version. */
function versionTitle(analysis: Analysis, version: VersionInfo, label: string): string {
  return `${analysis.title || ''}${analysis.title ? ' — ' : ''}${label}: ${version.name}`;
}

function VersionView({ version, analysis, onBack }: { version: VersionInfo; analysis: Analysis; onBack: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const sideName = useSideName();
  const [exporting, setExporting] = useState(false);
  const titled = useMemo(() => ({ ...analysis, title: versionTitle(analysis, version, t('versions.version')) }), [analysis, version, t]);
  const layout = useMemo(() => layoutExport(titled, { language }), [titled, language]);
  return (
    <>
      <div className="history-banner" role="region" aria-label={t('versions.viewing')} data-testid="version-banner">
        <p>
          <strong>{t('versions.viewingVersion', { name: sideName(version) })}</strong>{' '}
          <span className="history-hint">{t('versions.viewingHint')}</span>
        </p>
        <div className="history-banner-actions">
          <button type="button" onClick={() => setExporting(true)} data-testid="version-export">
            {t('versions.export')}
          </button>
          <button type="button" className="primary" onClick={onBack} data-testid="history-back">
            {t('versions.backToNow')}
          </button>
        </div>
      </div>
      <div className="history-body">
        <p className="hint">{t('versions.counts', { factors: analysis.factors.length, links: analysis.links.length })}</p>
        <LayoutPicture layout={layout} alt={t('versions.pictureOf', { name: version.name })} testId="version-picture" />
      </div>
      {exporting ? (
        <Suspense fallback={null}>
          <ExportDialog onClose={() => setExporting(false)} analysis={titled} />
        </Suspense>
      ) : null}
    </>
  );
}

/** The differences as a list: what a screen reader reads, and what the picture shows with letters. */
function ChangeList({ diff, from, to }: { diff: AnalysisDiff; from: Analysis; to: Analysis }) {
  const { t } = useTranslation();
  const label = (id: string) => to.factors.find((f) => f.id === id)?.label ?? from.factors.find((f) => f.id === id)?.label ?? id;
  const linkLabel = (id: string) => {
    const link = to.links.find((l) => l.id === id) ?? from.links.find((l) => l.id === id);
    return link ? `${label(link.from)} → ${label(link.to)}` : id;
  };
  const items: Array<{ key: string; letter: string; text: string }> = [];
  for (const id of diff.factors.added)
    items.push({ key: `fa${id}`, letter: COMPARE_LETTERS.added, text: t('compare.factorAdded', { name: label(id) }) });
  for (const id of diff.factors.removed)
    items.push({ key: `fr${id}`, letter: COMPARE_LETTERS.removed, text: t('compare.factorRemoved', { name: label(id) }) });
  for (const change of diff.factors.changed) {
    const fields = change.fields.filter((f) => f !== 'position');
    if (fields.length === 0) continue;
    const what = fields.map((f) => t(`compare.field_${f}`)).join(', ');
    items.push({
      key: `fc${change.id}`,
      letter: COMPARE_LETTERS.changed,
      text: t('compare.factorChanged', { name: label(change.id), what }),
    });
  }
  for (const id of diff.links.added)
    items.push({ key: `la${id}`, letter: COMPARE_LETTERS.added, text: t('compare.linkAdded', { name: linkLabel(id) }) });
  for (const id of diff.links.removed)
    items.push({ key: `lr${id}`, letter: COMPARE_LETTERS.removed, text: t('compare.linkRemoved', { name: linkLabel(id) }) });
  for (const change of diff.links.changed) {
    if (!change.fields.includes('polarity') && !change.fields.includes('note')) continue;
    const what = change.fields.map((f) => t(`compare.field_${f}`)).join(', ');
    items.push({
      key: `lc${change.id}`,
      letter: COMPARE_LETTERS.changed,
      text: t('compare.linkChanged', { name: linkLabel(change.id), what }),
    });
  }
  if (items.length === 0) return <p className="hint">{t('compare.none')}</p>;
  return (
    <ul className="compare-changes" data-testid="compare-changes">
      {items.map((item) => (
        <li key={item.key} data-testid="compare-change">
          <span className="compare-letter" aria-hidden="true">
            {item.letter}
          </span>
          {item.text}
        </li>
      ))}
    </ul>
  );
}

function CompareView({ from, to, mode, onBack }: { from: CompareSide; to: CompareSide; mode: 'overlay' | 'side'; onBack: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const language = useLanguage();
  const sideName = useSideName();
  const [status, setStatus] = useState('');
  const diff = useMemo(() => compareAnalyses(from.analysis, to.analysis), [from, to]);
  const summary = useMemo(() => summarizeChanges(diff, from.analysis, to.analysis, language), [diff, from, to, language]);
  const title = `${to.analysis.title || from.analysis.title}${to.analysis.title || from.analysis.title ? ' — ' : ''}${sideName(from.version)} → ${sideName(to.version)}`;
  const overlay = useMemo(
    () => layoutCompare(from.analysis, to.analysis, diff, { language, title, summary }),
    [from, to, diff, language, title, summary],
  );
  const sides = useMemo(
    () =>
      mode === 'side'
        ? [from, to].map((side) => layoutExport({ ...side.analysis, title: sideName(side.version) }, { language, legend: false }))
        : [],
    [mode, from, to, language, sideName],
  );
  const setMode = (next: 'overlay' | 'side') =>
    historyStoreOf(session).setState((s) => (s.view?.kind === 'compare' ? { view: { ...s.view, mode: next } } : {}));

  const save = async (format: 'png' | 'pdf') => {
    setStatus(t('compare.saving'));
    try {
      const fileName = exportFileName(title, new Date(), format);
      const result = await renderLayoutExport(overlay, to.analysis, format, fileName, { language });
      downloadBlob(result.fileName, result.blob);
      setStatus(t('compare.saved', { name: result.fileName }));
      void reportExport(session.id, session.token, format, loadName());
    } catch (error) {
      console.warn('compare export failed', error);
      setStatus(t('compare.saveFailed'));
    }
  };

  return (
    <>
      <div className="history-banner" role="region" aria-label={t('compare.title')} data-testid="compare-banner">
        <p>
          <strong>{t('compare.comparing', { from: sideName(from.version), to: sideName(to.version) })}</strong>{' '}
          <span className="history-hint">{t('versions.viewingHint')}</span>
        </p>
        <div className="history-banner-actions">
          <div className="history-mode" role="group" aria-label={t('compare.mode')}>
            <button type="button" aria-pressed={mode === 'overlay'} onClick={() => setMode('overlay')} data-testid="compare-overlay">
              {t('compare.overlay')}
            </button>
            <button type="button" aria-pressed={mode === 'side'} onClick={() => setMode('side')} data-testid="compare-side">
              {t('compare.side')}
            </button>
          </div>
          <button type="button" onClick={() => void save('png')} data-testid="compare-png">
            {t('compare.png')}
          </button>
          <button type="button" onClick={() => void save('pdf')} data-testid="compare-pdf">
            {t('compare.pdf')}
          </button>
          <button type="button" className="primary" onClick={onBack} data-testid="history-back">
            {t('versions.backToNow')}
          </button>
        </div>
      </div>
      <div className="history-body">
        <p className="compare-summary" data-testid="compare-summary">
          {summary}
        </p>
        <p className="history-status" role="status" aria-live="polite">
          {status}
        </p>
        {mode === 'overlay' ? (
          <>
            <p className="hint compare-key">
              {(['added', 'removed', 'changed'] as const).map((mark) => (
                <span key={mark}>
                  <span className="compare-letter" aria-hidden="true">
                    {COMPARE_LETTERS[mark]}
                  </span>
                  {t(`compare.mark_${mark}`)}
                </span>
              ))}
            </p>
            <LayoutPicture layout={overlay} alt={summary} testId="compare-picture" />
          </>
        ) : (
          <div className="compare-sides">
            {sides.map((layout, i) => (
              <section key={i} aria-label={sideName((i === 0 ? from : to).version)}>
                <h3>{sideName((i === 0 ? from : to).version)}</h3>
                <LayoutPicture layout={layout} alt={sideName((i === 0 ? from : to).version)} testId="compare-side-picture" />
              </section>
            ))}
          </div>
        )}
        <h3>{t('compare.listTitle')}</h3>
        <ChangeList diff={diff} from={from.analysis} to={to.analysis} />
      </div>
    </>
  );
}

/** The version or comparison of the history store (HistoryView.tsx loads this module only when there is one). */
export default function HistoryViewBody({ view }: { view: View }) {
  const session = useSession();
  const onBack = () => historyStoreOf(session).setState({ view: null });
  return view.kind === 'version' ? (
    <VersionView version={view.version} analysis={view.analysis} onBack={onBack} />
  ) : (
    <CompareView from={view.from} to={view.to} mode={view.mode} onBack={onBack} />
  );
}
