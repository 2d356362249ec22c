import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { restoreFactor } from '@samenzicht/shared/ydoc/restoreFactor';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import './deletedNotice.css';

/**
 * Someone else deleted the factor this person was typing in: a calm notice that the text is kept, with "put it back
 * with my text" (the factor, its links and ties, as one undo step) and "copy text". Not a dialog: the session goes on.
 */
export function DeletedNotice() {
  const { t } = useTranslation();
  const session = useSession();
  const notice = useEditor((s) => s.deletedWhileEditing);
  const readOnly = useEditor((s) => s.readOnly);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  if (!notice) return null;
  const { factor } = notice.snapshot;
  const text = [factor.label, factor.note].filter((part) => part.trim() !== '').join('\n\n');

  const close = () => {
    setCopied(null);
    session.store.setState((s) => void (s.deletedWhileEditing = null));
  };
  const restore = () => {
    session.undo.stopCapturing();
    restoreFactor(session.doc, session.origin, notice.snapshot);
    session.undo.stopCapturing();
    session.store.setState((s) => {
      s.deletedWhileEditing = null;
      s.selectedNodes = new Set([factor.id]);
      s.selectedEdges = new Set();
    });
    setCopied(null);
  };
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };

  return (
    <section className="deleted-notice" role="status" aria-live="polite" data-testid="deleted-notice">
      <p className="deleted-notice-text">{notice.by ? t('editing.deletedBy', { name: notice.by }) : t('editing.deleted')}</p>
      <blockquote className="deleted-notice-quote">{text || '…'}</blockquote>
      {copied === 'yes' ? <p className="hint">{t('editing.copied')}</p> : null}
      {copied === 'failed' ? <p className="hint">{t('editing.copyFailed')}</p> : null}
      <div className="deleted-notice-actions">
        {readOnly ? null : (
          <button type="button" className="primary" onClick={restore} data-testid="deleted-restore">
            {t('editing.restore')}
          </button>
        )}
        <button type="button" onClick={copy} data-testid="deleted-copy">
          {t('editing.copy')}
        </button>
        <button type="button" onClick={close}>
          {t('editing.close')}
        </button>
      </div>
    </section>
  );
}
