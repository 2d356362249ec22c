import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../store/EditorContext.tsx';
import { fetchLog, type LogEntry } from '../sync/api.ts';
import type { AccessRole } from '../sync/links.ts';

/** Entries per page: enough to read a session at a glance, small enough to stay quick on a phone. */
const PAGE_SIZE = 50;
/** What the facilitator can choose to see; the order is how often each is looked for. */
const ACTIONS = [
  'opened',
  'edited',
  'renamed',
  'exported',
  'restored',
  'versionMade',
  'versionRestored',
  'versionDeleted',
  'rotated',
  'created',
] as const;
/** Names the server writes itself (server/src/accessLog.ts), shown as words in the reader's language. */
const UNKNOWN_NAME = 'onbekend';
const GATHER_NAME = '(meerdere namen)';
/** The name search waits this long after the last key, so typing does not send a request per letter. */
const SEARCH_DELAY_MS = 300;

type Status = 'loading' | 'ready' | 'failed';

/** Waits until `value` has not changed for `ms`, then returns it. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The facilitator's access log: who did what, newest first, with a filter by action and name and older pages. */
export function AccessLogPanel() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [action, setAction] = useState('');
  const [nameInput, setNameInput] = useState('');
  const name = useSettled(nameInput.trim(), SEARCH_DELAY_MS);
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  // Only the answer to the latest request counts (a slow page must not land after a new filter).
  const latest = useRef(0);

  const load = useCallback(
    async (before: string | null) => {
      const ticket = ++latest.current;
      setStatus('loading');
      const answer = await fetchLog(session.id, session.token, { limit: PAGE_SIZE, before, action: action || null, name: name || null });
      if (ticket !== latest.current) return;
      if (!answer.ok) return setStatus('failed');
      setEntries((shown) => (before === null ? answer.value.entries : [...shown, ...answer.value.entries]));
      setNext(answer.value.next);
      setStatus('ready');
    },
    [session, action, name],
  );

  useEffect(() => {
    setEntries([]);
    setNext(null);
    void load(null);
    // A counter, not a DOM node: bumping it on cleanup makes answers of this load arrive as stale.
    const requests = latest;
    return () => {
      requests.current++;
    };
  }, [load]);

  const filtered = action !== '' || name !== '';
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  const displayName = (value: string) =>
    value === UNKNOWN_NAME ? t('manage.logUnknownName') : value === GATHER_NAME ? t('manage.logManyNames') : value;
  const describeDetail = (entry: LogEntry) => {
    if (!entry.detail) return null;
    if (entry.action === 'renamed') return t('manage.logRenamedFrom', { name: displayName(entry.detail) });
    if (entry.action === 'restored') return t(`manage.logRestored_${entry.detail}`, { defaultValue: entry.detail });
    if (entry.action === 'opened') return t(`manage.logVia_${entry.detail}`, { defaultValue: entry.detail });
    return t(`role.${entry.detail as AccessRole}`, { defaultValue: entry.detail });
  };

  return (
    <div className="log-panel">
      <div className="log-filters">
        <label className="field">
          <span>{t('manage.logShow')}</span>
          <select value={action} onChange={(e) => setAction(e.target.value)} data-testid="log-action-filter">
            <option value="">{t('manage.logAll')}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`manage.action_${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('manage.logFindName')}</span>
          <input
            type="search"
            value={nameInput}
            maxLength={40}
            onChange={(e) => setNameInput(e.target.value)}
            data-testid="log-name-filter"
          />
        </label>
      </div>
      {entries.length > 0 ? (
        <div className="log-scroll">
          <table className="log" data-testid="access-log">
            <thead>
              <tr>
                <th>{t('manage.logWhen')}</th>
                <th>{t('manage.logWho')}</th>
                <th>{t('manage.logWhat')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const detail = describeDetail(entry);
                return (
                  <tr key={entry.id} data-testid="log-entry">
                    <td className="log-when">{when.format(new Date(entry.at))}</td>
                    <td className="log-who">
                      {displayName(entry.name)}{' '}
                      <span className="hint">({t(`role.${entry.role as AccessRole}`, { defaultValue: entry.role })})</span>
                    </td>
                    <td className="log-what">
                      {t(`manage.action_${entry.action}`, { defaultValue: entry.action })}
                      {detail ? <span className="hint"> · {detail}</span> : null}
                      {entry.count > 1 ? (
                        <span className="log-count" data-testid="log-count">
                          {t('manage.logCount', { count: entry.count, time: time.format(new Date(entry.last ?? entry.at)) })}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {status === 'ready' && entries.length === 0 && next === null ? (
        <p className="hint" data-testid="log-empty">
          {filtered ? t('manage.logNoMatch') : t('manage.logEmpty')}
        </p>
      ) : null}
      {status === 'failed' ? <p className="error">{t('manage.logFailed')}</p> : null}
      <div className="log-footer" aria-live="polite">
        {status === 'loading' ? <span className="hint">{t('manage.logLoading')}</span> : null}
        {status !== 'loading' && next !== null ? (
          <button type="button" onClick={() => void load(next)} data-testid="log-more">
            {t('manage.logMore')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
