import { useCallback, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { restoreFromTrash } from '@samenzicht/shared/ydoc/restoreFactor';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { readTrash, TRASH_LIMITS, type TrashEntry } from '@samenzicht/shared/ydoc/trash';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { Session } from '../sync/session.ts';
import { reportRestore } from '../sync/api.ts';
import '../history/history.css';

/** The Prullenbak entries of the live document, read again on every change of the trash map. */
function useTrash(session: Session): readonly TrashEntry[] {
  const [cache] = useState(() => ({ version: -1, seen: -2, entries: [] as TrashEntry[] }));
  const subscribe = useCallback(
    (notify: () => void) => {
      const { trash } = getMaps(session.doc);
      const onChange = () => {
        cache.version++;
        notify();
      };
      trash.observeDeep(onChange);
      return () => trash.unobserveDeep(onChange);
    },
    [session, cache],
  );
  const get = useCallback(() => {
    if (cache.seen !== cache.version) {
      cache.entries = readTrash(session.doc);
      cache.seen = cache.version;
    }
    return cache.entries;
  }, [session, cache]);
  return useSyncExternalStore(subscribe, get);
}

/**
 * The Prullenbak: what was deleted in the last 30 days, newest first, each brought back with one press (a factor
 * with its links and ties, as one undo step). Viewers see the list without the buttons.
 */
export function TrashPanel() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  const factors = useEditor((s) => s.doc.factors);
  const entries = useTrash(session);
  const [status, setStatus] = useState('');
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  // A link's ends by name: the factor on the canvas, or the one in the Prullenbak.
  const labelOf = (id: string): string => {
    const live = factors.get(id);
    if (live) return live.label || t('trash.unnamed');
    const gone = entries.find((e) => e.type === 'factor' && e.id === id);
    return gone?.type === 'factor' ? gone.factor.label || t('trash.unnamed') : t('trash.unnamed');
  };

  const restore = (entry: TrashEntry) => {
    session.undo.stopCapturing();
    const result = restoreFromTrash(session.doc, session.origin, entry.id);
    session.undo.stopCapturing();
    if (!result.restored) return;
    const name =
      entry.type === 'factor' ? entry.factor.label || t('trash.unnamed') : `${labelOf(entry.link.from)} → ${labelOf(entry.link.to)}`;
    setStatus(
      entry.type === 'factor'
        ? result.linksLeftOut > 0
          ? t('trash.restoredFactorSome', { name, count: result.linksLeftOut })
          : t('trash.restoredFactor', { name })
        : t('trash.restoredLink', { name }),
    );
    session.store.setState((s) => {
      s.selectedNodes = entry.type === 'factor' ? new Set([entry.id]) : new Set();
      s.selectedEdges = entry.type === 'link' ? new Set([entry.id]) : new Set();
    });
    void reportRestore(session.id, session.token, entry.type, nameOf(session));
  };

  return (
    <section className="trash" aria-labelledby="trash-title" data-testid="trash">
      <h3 id="trash-title">{t('trash.title')}</h3>
      <p className="hint">{t('trash.intro', { days: TRASH_LIMITS.days })}</p>
      <p className="trash-status" role="status" aria-live="polite" data-testid="trash-status">
        {status}
      </p>
      {entries.length === 0 ? <p className="hint">{t('trash.empty')}</p> : null}
      <ul className="trash-list">
        {entries.map((entry) => {
          const blocked = entry.type === 'link' && (!factors.has(entry.link.from) || !factors.has(entry.link.to));
          const missing = entry.type === 'link' ? [entry.link.from, entry.link.to].filter((id) => !factors.has(id)) : [];
          const title =
            entry.type === 'factor'
              ? entry.factor.label || t('trash.unnamed')
              : t('trash.link', { from: labelOf(entry.link.from), to: labelOf(entry.link.to) });
          const details = [
            entry.by ? t('trash.by', { name: entry.by }) : null,
            when.format(new Date(entry.deletedAt)),
            entry.type === 'factor' && entry.links.length > 0 ? t('trash.links', { count: entry.links.length }) : null,
          ].filter((part): part is string => part !== null);
          return (
            <li key={entry.id} className="trash-item" data-testid="trash-item">
              <div className="trash-what">
                {entry.type === 'factor' ? (
                  <KindIcon kind={entry.factor.kind} />
                ) : (
                  <span className="trash-link-mark" aria-hidden="true">
                    →
                  </span>
                )}
                <span className="trash-label">{title}</span>
              </div>
              <p className="trash-details">{details.join(' · ')}</p>
              {blocked ? <p className="hint">{t('trash.needsEnds', { names: missing.map(labelOf).join(', ') })}</p> : null}
              {readOnly ? null : (
                <button
                  type="button"
                  className="trash-restore"
                  disabled={blocked}
                  onClick={() => restore(entry)}
                  aria-label={t('trash.restoreOne', { name: title })}
                  data-testid="trash-restore"
                >
                  {t('trash.restore')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function nameOf(session: Session): string {
  const user = (session.provider.awareness.getLocalState() as { user?: { name?: unknown } } | null)?.user;
  return typeof user?.name === 'string' ? user.name : '';
}
