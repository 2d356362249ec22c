import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { AccessRole } from '../sync/links.ts';
import { makeJoinCode, type CodeRole, type JoinCode } from './joinApi.ts';
import { withJoinWay } from './joinWay.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { QrCode } from './QrCode.tsx';
import './joinCodes.css';

type CodeState =
  { kind: 'none' } | { kind: 'making' } | { kind: 'shown'; code: JoinCode; expired: boolean } | { kind: 'failed'; message: string };

function failureMessage(status: number): string {
  if (status === 403) return 'join.viewerOnly';
  if (status === 429) return 'join.tooManyCodes';
  return 'join.makeFailed';
}

/** A short code for `role`, made on request with this person's own token; it says until when it works. */
function SpokenCode({ role, state, onMake }: { role: CodeRole; state: CodeState; onMake: () => void }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  return (
    <div className="join-code" data-testid={`join-code-${role}`}>
      <span className="join-code-title">{t('join.codeTitle')}</span>
      {state.kind === 'shown' ? (
        <>
          <output className={`join-code-value${state.expired ? ' join-code-value--expired' : ''}`} data-testid="join-code-value">
            {state.code.code}
          </output>
          <span className="hint" role="status">
            {state.expired
              ? t('join.codeExpired')
              : t('join.codeHint', { host: window.location.host, time: time.format(new Date(state.code.expiresAt)) })}
          </span>
        </>
      ) : null}
      {state.kind === 'failed' ? (
        <span className="error" role="alert">
          {t(state.message)}
        </span>
      ) : null}
      <button type="button" onClick={onMake} disabled={state.kind === 'making'} data-testid={`make-code-${role}`}>
        {state.kind === 'making' ? t('join.making') : state.kind === 'shown' ? t('join.newCode') : t('join.makeCode')}
      </button>
    </div>
  );
}

/** The QR code as big as the screen allows, for people in the room to scan from the shared screen. */
function LargeQr({ text, title, code, onClose }: { text: string; title: string; code: JoinCode | null; onClose: () => void }) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  // The app's one dialog primitive: Escape closes this one only, not the share panel below it; focus comes back.
  return (
    <Dialog title={title} onClose={onClose} className="qr-large" testId="qr-large" initialFocus={close}>
      <QrCode text={text} label={title} className="qr-code qr-code--large" />
      {code ? (
        <p className="qr-large-code">
          {t('join.largeCode', { host: window.location.host })} <strong>{code.code}</strong>
        </p>
      ) : null}
      <button type="button" onClick={onClose} ref={close}>
        {t('join.close')}
      </button>
    </Dialog>
  );
}

/**
 * How a person in the room gets in without typing a long link: a QR code of `link` (marked `?via=qr` for the access
 * log) that can be shown large, and, for the editor and viewer roles, a short code to say aloud. The facilitator's
 * QR code is hidden until asked for, and never has a short code.
 */
export function JoinCodes({ role, link }: { role: AccessRole; link: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [code, setCode] = useState<CodeState>({ kind: 'none' });
  const [large, setLarge] = useState(false);
  const [revealed, setRevealed] = useState(role !== 'facilitator');
  const qrText = withJoinWay(link, 'qr');
  const roleName = t(`share.${role}`);

  const shownExpiry = code.kind === 'shown' && !code.expired ? code.code.expiresAt : null;
  useEffect(() => {
    if (shownExpiry === null) return;
    const timer = setTimeout(
      () => setCode((c) => (c.kind === 'shown' ? { ...c, expired: true } : c)),
      Math.max(0, shownExpiry - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [shownExpiry]);

  const make = async (codeRole: CodeRole) => {
    setCode({ kind: 'making' });
    const made = await makeJoinCode(session.id, session.token, codeRole);
    setCode(made.ok ? { kind: 'shown', code: made.value, expired: false } : { kind: 'failed', message: failureMessage(made.status) });
  };

  if (!revealed) {
    return (
      <div className="join-codes join-codes--hidden">
        <button type="button" onClick={() => setRevealed(true)} data-testid={`show-qr-${role}`}>
          {t('join.showQr')}
        </button>
        <span className="hint">{t('join.facilitatorQrHint')}</span>
      </div>
    );
  }
  return (
    <div className="join-codes" data-testid={`join-${role}`}>
      <div className="join-qr">
        <QrCode text={qrText} label={t('join.qrLabel', { role: roleName })} />
        <button type="button" onClick={() => setLarge(true)} data-testid={`large-qr-${role}`}>
          {t('join.showLarge')}
        </button>
      </div>
      {role === 'facilitator' ? (
        <span className="hint">{t('join.facilitatorQrHint')}</span>
      ) : (
        <SpokenCode role={role} state={code} onMake={() => void make(role)} />
      )}
      {large ? (
        <LargeQr
          text={qrText}
          title={t('join.largeTitle', { role: roleName })}
          code={code.kind === 'shown' && !code.expired ? code.code : null}
          onClose={() => setLarge(false)}
        />
      ) : null}
    </div>
  );
}

/** On a device that did not make the links: the QR code and a code for this person's own role and link. */
export function OwnJoinCodes() {
  const { t } = useTranslation();
  const session = useSession();
  const role = useEditor((s) => s.role);
  if (role === null || role === 'facilitator') return null;
  const link = `${window.location.origin}/a/${session.id}#${session.token}`;
  return (
    <div className="share-link" data-testid={`share-own-${role}`}>
      <p className="hint">{t('join.ownIntro', { role: t(`share.${role}`) })}</p>
      <JoinCodes role={role} link={link} />
    </div>
  );
}
