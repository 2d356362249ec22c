import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../store/EditorContext.tsx';
import { dismissToast, useLinking } from './linkingStore.ts';
import './linking.css';

/** How long a notice stays; long enough to read it aloud and reach "undo". */
const TOAST_MS = 8000;

/**
 * What linking says: every sentence in a polite live region (screen readers), and a link made or refused and a
 * polarity changed also as a short visible notice with "Ongedaan maken".
 */
export function LinkingNotice() {
  const { t } = useTranslation();
  const session = useSession();
  const announcement = useLinking((s) => s.announcement);
  const toast = useLinking((s) => s.toast);

  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => dismissToast(session, toast.id), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [session, toast]);

  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="linking-status">
        {announcement?.text ?? ''}
      </div>
      {toast ? (
        <div className="linking-toast" data-testid="linking-toast" key={toast.id}>
          <span>{toast.text}</span>
          <span className="linking-toast-actions">
            {toast.undo ? (
              <button
                type="button"
                onClick={() => {
                  dismissToast(session, toast.id);
                  toast.undo?.();
                }}
                data-testid="linking-toast-undo"
              >
                {t('toolbar.undo')}
              </button>
            ) : null}
            <button
              type="button"
              className="linking-toast-close"
              onClick={() => dismissToast(session, toast.id)}
              aria-label={t('linking.closeNotice')}
            >
              ×
            </button>
          </span>
        </div>
      ) : null}
    </>
  );
}
