import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { deleteAnalysis, rotateLink, withLink } from '../sync/api.ts';
import { loadLinks, saveLinks, type AccessRole } from '../sync/links.ts';
import { AccessLogPanel } from './AccessLogPanel.tsx';
import { TitleEditor } from './TitleEditor.tsx';
import { AnalysisLanguage } from './AnalysisLanguage.tsx';
import { Dialog } from '../ui/Dialog.tsx';

const ROLES: readonly AccessRole[] = ['editor', 'viewer', 'facilitator'];

function RotateLinks() {
  const { t } = useTranslation();
  const session = useSession();
  const [message, setMessage] = useState<string | null>(null);
  /** The role whose new link waits for a yes, asked in the panel itself rather than in a browser pop-up. */
  const [asking, setAsking] = useState<AccessRole | null>(null);
  const [busy, setBusy] = useState(false);

  const rotate = async (role: AccessRole) => {
    setBusy(true);
    const answer = await rotateLink(session.id, session.token, role);
    setBusy(false);
    setAsking(null);
    if (!answer.ok) return setMessage(t('manage.rotateFailed'));
    const links = loadLinks(session.id);
    if (links) saveLinks(session.id, withLink(links, role, answer.value.link));
    // My own link changed: continue on the new one.
    if (role === 'facilitator') window.location.replace(answer.value.link);
    else setMessage(t('manage.rotated'));
  };

  return (
    <>
      <p className="hint">{t('manage.linksIntro')}</p>
      <div className="rotate-row">
        {ROLES.map((role) => (
          <button
            key={role}
            type="button"
            aria-expanded={asking === role}
            onClick={() => {
              setMessage(null);
              setAsking(role);
            }}
            data-testid={`rotate-${role}`}
          >
            {t('manage.rotate')}: {t(`role.${role}`)}
          </button>
        ))}
      </div>
      {asking !== null ? (
        <div className="confirm-box" role="group" aria-labelledby="rotate-question" data-testid="rotate-confirm-box">
          <p id="rotate-question">{t('manage.rotateConfirm', { role: t(`role.${asking}`) })}</p>
          <button type="button" autoFocus disabled={busy} onClick={() => void rotate(asking)} data-testid="rotate-confirm">
            {t('manage.rotateYes')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => setAsking(null)} data-testid="rotate-cancel">
            {t('manage.rotateNo')}
          </button>
        </div>
      ) : null}
      {message ? (
        <p role="status" data-testid="rotate-message">
          {message}
        </p>
      ) : null}
    </>
  );
}

function DeleteAnalysis() {
  const { t } = useTranslation();
  const session = useSession();
  const title = useEditor((s) => s.doc.title);
  const [typed, setTyped] = useState('');
  const [failed, setFailed] = useState(false);
  const matches = typed.trim() === title.trim() && title.trim() !== '';

  const remove = async () => {
    if (!matches) return;
    if (await deleteAnalysis(session.id, session.token)) {
      try {
        localStorage.removeItem(`samenzicht.links.${session.id}`);
        localStorage.removeItem(`samenzicht.role.${session.id}`);
        const recent = JSON.parse(localStorage.getItem('samenzicht.recent') ?? '[]') as Array<{ id: string }>;
        localStorage.setItem('samenzicht.recent', JSON.stringify(recent.filter((r) => r.id !== session.id)));
      } catch {
        // Nothing remembered on this device.
      }
      window.location.assign('/?verwijderd=1');
    } else setFailed(true);
  };

  return (
    <>
      <p>{t('manage.deleteIntro')}</p>
      <label className="field">
        <span>{t('manage.deleteConfirmLabel', { title })}</span>
        <input value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="delete-confirm" />
      </label>
      <button type="button" className="danger" disabled={!matches} onClick={() => void remove()} data-testid="delete-analysis">
        {t('manage.delete')}
      </button>
      {failed ? <p className="error">{t('manage.deleteFailed')}</p> : null}
    </>
  );
}

/** The facilitator's panel: rename, renew links, read the access log, delete. */
export function ManagePanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  // Focus on "close" (the dialog stays scrolled to its title), not in the name field: no keyboard pops up on a phone.
  const close = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title={t('manage.title')} onClose={onClose} className="dialog manage" testId="manage-dialog" initialFocus={close}>
      <label className="field">
        <span>{t('manage.rename')}</span>
        <TitleEditor />
      </label>
      <AnalysisLanguage />
      <h3>{t('manage.linksTitle')}</h3>
      <RotateLinks />
      <h3>{t('manage.logTitle')}</h3>
      <p className="hint">{t('manage.logIntro')}</p>
      <AccessLogPanel />
      <h3>{t('manage.deleteTitle')}</h3>
      <DeleteAnalysis />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} ref={close}>
          {t('manage.close')}
        </button>
      </div>
    </Dialog>
  );
}
