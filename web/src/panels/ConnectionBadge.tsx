import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/EditorContext.tsx';

/** Always-visible connection and save state, in words (not only colour). */
export function ConnectionBadge() {
  const { t } = useTranslation();
  const connection = useEditor((s) => s.connection);
  const unsent = useEditor((s) => s.unsent);
  const text = t(`connection.${connection === 'closed' ? 'offline' : connection}`);
  const detail = connection === 'connected' ? t('connection.saved') : unsent ? t('connection.unsent') : null;
  return (
    <div className={`connection connection--${connection}`} role="status" aria-live="polite" data-testid="connection">
      <span className="connection-dot" aria-hidden="true" />
      <span>{text}</span>
      {detail ? <span className="connection-detail">· {detail}</span> : null}
      {connection === 'offline' || connection === 'reconnecting' ? (
        <span className="visually-hidden">{t('connection.offlineHint')}</span>
      ) : null}
    </div>
  );
}
