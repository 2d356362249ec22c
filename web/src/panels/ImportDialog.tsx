import { useEffect, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { formatIssue, type Issue } from '@samenzicht/shared/schema/errors';
import { describePlace } from '../files/describePlace.ts';
import { cancelImport, chooseImport, importFlowOf } from '../files/importFlow.ts';
import { formatSize, isPngName, type ImportRead } from '../files/readImportFile.ts';
import { useSession } from '../store/EditorContext.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import '../files/files.css';

type ImportFailed = Extract<ImportRead, { ok: false }>;

function IssueList({ issues, source, testId }: { issues: readonly Issue[]; source: unknown; testId: string }) {
  const { t } = useTranslation();
  return (
    <ul className="import-issues">
      {issues.map((issue, i) => {
        const place = describePlace(issue.path, (key, values) => t(key, values), source);
        return (
          <li key={i} data-testid={testId}>
            {place ? <strong>{place}</strong> : null}
            {issue.code ? <span className="import-issue-text">{t(`files.issue.${issue.code}`, { ...issue.params })}</span> : null}
            <code title={t('files.rawPlace')}>{formatIssue(issue)}</code>
          </li>
        );
      })}
    </ul>
  );
}

/** "Dit bestand kan niet worden geopend": what is wrong and where; used by the editor and the start page. */
export function ImportProblem({ read, onClose }: { read: ImportFailed; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  // The main button is focused without scrolling: a long list of errors would scroll past the title.
  const closeButton = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title={t('files.problemTitle')}
      onClose={onClose}
      role="alertdialog"
      className="dialog import-dialog"
      testId="import-problem"
      initialFocus={closeButton}
    >
      {read.reason === 'tooLarge' ? (
        <p>
          {t(isPngName({ name: read.fileName }) ? 'files.tooLargeImage' : 'files.tooLarge', {
            size: formatSize(read.size, i18n.language),
          })}
        </p>
      ) : null}
      {read.reason === 'png' ? <p>{t('files.png')}</p> : null}
      {read.reason === 'unreadable' ? <p>{t('files.unreadable')}</p> : null}
      {read.reason === 'invalid' ? (
        <>
          <p>{t('files.problemIntro', { file: read.fileName })}</p>
          <h3>{t('files.errorsTitle')}</h3>
          <IssueList issues={read.errors} source={read.source} testId="import-error" />
          {read.warnings.length > 0 ? (
            <>
              <h3>{t('files.warningsTitle')}</h3>
              <IssueList issues={read.warnings} source={read.source} testId="import-warning" />
            </>
          ) : null}
          <p className="hint">{t('files.problemHint')}</p>
        </>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} ref={closeButton}>
          {t('files.close')}
        </button>
      </div>
    </Dialog>
  );
}

function ImportChoice() {
  const { t } = useTranslation();
  const session = useSession();
  const current = useStore(importFlowOf(session), (s) => s.current);
  const mainButton = useRef<HTMLButtonElement>(null);
  if (current.step !== 'choose') return null;
  const { read, existing } = current;
  const values = { file: read.fileName, existing, incoming: read.analysis.factors.length };
  return (
    <Dialog
      title={existing > 0 ? t('files.chooseTitle') : t('files.openTitle')}
      onClose={() => cancelImport(session)}
      className="dialog import-dialog"
      testId="import-choose"
      initialFocus={mainButton}
    >
      <p>{existing > 0 ? t('files.chooseIntro', values) : t('files.openIntro', values)}</p>
      {existing > 0 ? (
        <dl className="import-choices">
          <dt>{t('files.add')}</dt>
          <dd>{t('files.addHint')}</dd>
          <dt>{t('files.replace')}</dt>
          <dd>{t('files.replaceHint')}</dd>
        </dl>
      ) : null}
      {read.warnings.length > 0 ? (
        <>
          <h3>{t('files.warningsTitle')}</h3>
          <IssueList issues={read.warnings} source={null} testId="import-warning" />
        </>
      ) : null}
      <p className="hint">{t('files.undoHint')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => cancelImport(session)} data-testid="import-cancel">
          {t('files.cancel')}
        </button>
        {existing > 0 ? (
          <>
            <button type="button" onClick={() => chooseImport(session, 'replace')} data-testid="import-replace">
              {t('files.replace')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => chooseImport(session, 'add')}
              data-testid="import-add"
              ref={mainButton}
            >
              {t('files.add')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => chooseImport(session, 'replace')}
            data-testid="import-open"
            ref={mainButton}
          >
            {t('files.open')}
          </button>
        )}
      </div>
    </Dialog>
  );
}

/** The import dialogs of the editor, and bringing an imported file into view. */
export function ImportDialog() {
  const { t } = useTranslation();
  const session = useSession();
  const flow = useReactFlow();
  const current = useStore(importFlowOf(session), (s) => s.current);
  const finished = useStore(importFlowOf(session), (s) => s.finished);
  const seen = useRef(finished);

  useEffect(() => {
    if (finished === seen.current) return;
    seen.current = finished;
    // After the new nodes are measured, or fitView would not know their size.
    const timer = setTimeout(() => void flow.fitView({ padding: 0.2, maxZoom: 1.2, duration: 300 }), 80);
    return () => clearTimeout(timer);
  }, [finished, flow]);

  switch (current.step) {
    case 'idle':
      return null;
    case 'reading':
      return (
        <p className="import-status" role="status">
          {t('files.reading')}
        </p>
      );
    case 'problem':
      return <ImportProblem read={current.read} onClose={() => cancelImport(session)} />;
    case 'choose':
      return <ImportChoice />;
  }
}
