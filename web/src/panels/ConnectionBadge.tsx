import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/EditorContext.tsx';
import './connection.css';

/**
 * Always-visible connection and save state, in words (not only colour): "Verbonden · Alles opgeslagen" only when
 * the server said it stored every edit of this page (sync/ack.ts), "Bezig met opslaan…" until then, and "Geen
 * verbinding" within 2 s of the network or the server going quiet.
 */
export function ConnectionBadge() {
  const { t } = useTranslation();
  const connection = useEditor((s) => s.connection);
  const unsent = useEditor((s) => s.unsent);
  const saveState = useEditor((s) => s.saveState);
  const text = t(`connection.${connection === 'closed' ? 'offline' : connection}`);
  let detail: string | null = null;
  if (connection === 'connected')
    detail = saveState === 'storing' ? t('connection.saving') : saveState === 'stored' ? t('connection.saved') : null;
  else if (unsent || saveState === 'storing') detail = t('connection.unsent');
  const storing = connection === 'connected' && saveState === 'storing';
  return (
    <div
      className={`connection connection--${connection}${storing ? ' connection--storing' : ''}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
      data-save-state={saveState}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span>{text}</span>
      {detail ? <span className="connection-detail">· {detail}</span> : null}
      {connection === 'offline' || connection === 'reconnecting' ? (
        <span className="visually-hidden">{t('connection.offlineHint')}</span>
      ) : null}
    </div>
  );
}
