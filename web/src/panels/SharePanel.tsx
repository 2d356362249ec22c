import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadLinks, type AccessRole } from '../sync/links.ts';
import { useSession } from '../store/EditorContext.tsx';
import { JoinCodes, OwnJoinCodes } from '../join/JoinCodes.tsx';
import { Dialog } from '../ui/Dialog.tsx';

const ROLES: readonly AccessRole[] = ['editor', 'viewer', 'facilitator'];

function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard permission: the field is selectable, so the person can copy by hand.
    }
  };
  return (
    <button type="button" onClick={() => void copy()}>
      {copied ? t('share.copied') : t('share.copy')}
    </button>
  );
}

/** The three links of the analysis, each with what it allows and a copy button. */
export function SharePanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const links = loadLinks(session.id);
  const close = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title={t('share.title')} onClose={onClose} className="dialog share" testId="share-dialog" initialFocus={close}>
      <p>{t('share.intro')}</p>
      {links ? (
        <dl className="share-links">
          {ROLES.map((role) => (
            <div key={role} className="share-link" data-testid={`share-${role}`}>
              <dt>{t(`share.${role}`)}</dt>
              <dd>
                <span className="hint">{t(`share.${role}Hint`)}</span>
                <span className="share-row">
                  <input readOnly value={links[role]} aria-label={t(`share.${role}`)} onFocus={(e) => e.target.select()} />
                  <CopyButton text={links[role]} />
                </span>
                <JoinCodes role={role} link={links[role]} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <>
          <p className="hint">{t('share.unknown')}</p>
          <OwnJoinCodes />
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} ref={close}>
          {t('share.close')}
        </button>
      </div>
    </Dialog>
  );
}
