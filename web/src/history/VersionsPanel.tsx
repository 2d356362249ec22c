import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { loadName } from '../sync/identity.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { historyStoreOf, useHistory, type CompareSide } from './historyStore.ts';
import { deleteVersion, fetchVersion, listVersions, makeVersion, restoreVersion, type VersionInfo } from './versionsApi.ts';

/** The longest version name the form takes. */
export const VERSION_NAME_LENGTH = 120;
const NOW = 'now';

type Load = { readonly state: 'loading' } | { readonly state: 'failed' } | { readonly state: 'ready'; readonly versions: VersionInfo[] };

/**
 * "Versies": frozen copies of the analysis (made by hand here, or by the server at the end of a session), each
 * opened read-only on the canvas, compared with another or with now, restored (facilitator, after a calm question)
 * or deleted (facilitator).
 */
export function VersionsPanel() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const role = useEditor((s) => s.role);
  const readOnly = useEditor((s) => s.readOnly);
  const stamp = useHistory((s) => s.listStamp);
  const history = historyStoreOf(session);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<{ action: 'restore' | 'delete'; version: VersionInfo } | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState(NOW);
  const opener = useRef<HTMLElement | null>(null);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const canMake = !readOnly && (role === 'facilitator' || role === 'editor');
  const isFacilitator = role === 'facilitator' && !readOnly;

  useEffect(() => {
    let current = true;
    void listVersions(session.id, session.token).then((result) => {
      if (!current) return;
      setLoad(result.ok ? { state: 'ready', versions: result.value } : { state: 'failed' });
      if (result.ok && result.value[0]) setFrom((old) => (old && result.value.some((v) => v.id === old) ? old : result.value[0]!.id));
    });
    return () => {
      current = false;
    };
  }, [session, stamp]);

  const versions = load.state === 'ready' ? load.versions : [];
  const reload = () => history.setState((s) => ({ listStamp: s.listStamp + 1 }));
  const failed = (key: string) => setStatus(t(key));

  const make = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = name.trim().slice(0, VERSION_NAME_LENGTH);
    if (!wanted || busy) return;
    setBusy(true);
    const result = await makeVersion(session.id, session.token, wanted, loadName() ?? '');
    setBusy(false);
    if (!result.ok) return failed('versions.makeFailed');
    setName('');
    setStatus(t('versions.made', { name: result.value.name }));
    reload();
  };

  const sideOf = async (id: string): Promise<CompareSide | null> => {
    if (id === NOW) return { version: null, analysis: readAnalysis(session.doc) };
    const version = versions.find((v) => v.id === id);
    if (!version) return null;
    const result = await fetchVersion(session.id, session.token, id);
    return result.ok ? { version, analysis: result.value } : null;
  };

  const open = async (version: VersionInfo) => {
    setBusy(true);
    const result = await fetchVersion(session.id, session.token, version.id);
    setBusy(false);
    if (!result.ok) return failed('versions.openFailed');
    history.setState({ view: { kind: 'version', version, analysis: result.value } });
  };

  const compare = async (fromId: string, toId: string) => {
    if (fromId === toId) return failed('versions.sameTwice');
    setBusy(true);
    const [a, b] = await Promise.all([sideOf(fromId), sideOf(toId)]);
    setBusy(false);
    if (!a || !b) return failed('versions.openFailed');
    // The older one first, so "added" means added since then.
    const older = (side: CompareSide) => (side.version ? Date.parse(side.version.at) : Number.POSITIVE_INFINITY);
    const [first, second] = older(a) <= older(b) ? [a, b] : [b, a];
    history.setState({ view: { kind: 'compare', from: first, to: second, mode: 'overlay' } });
  };

  const confirmed = async () => {
    if (!confirm) return;
    const { action, version } = confirm;
    setBusy(true);
    if (action === 'restore') {
      const result = await restoreVersion(session.id, session.token, version.id);
      setBusy(false);
      setConfirm(null);
      if (!result.ok) return failed('versions.restoreFailed');
      history.setState({ view: null });
      setStatus(t('versions.restored', { name: version.name }));
    } else {
      const ok = await deleteVersion(session.id, session.token, version.id);
      setBusy(false);
      setConfirm(null);
      if (!ok) return failed('versions.deleteFailed');
      setStatus(t('versions.deleted', { name: version.name }));
    }
    reload();
  };

  const counts = (v: VersionInfo) =>
    [
      t('versions.factors', { count: v.factors }),
      t('versions.links', { count: v.links }),
      v.loops === null ? null : t('versions.loops', { count: v.loops }),
    ]
      .filter((part): part is string => part !== null)
      .join(' · ');

  return (
    <section className="versions" aria-labelledby="versions-title" data-testid="versions">
      <h3 id="versions-title">{t('versions.title')}</h3>
      <p className="hint">{t('versions.intro')}</p>
      {canMake ? (
        <form className="versions-make" onSubmit={(e) => void make(e)}>
          <label className="field">
            <span>{t('versions.name')}</span>
            <input
              value={name}
              maxLength={VERSION_NAME_LENGTH}
              placeholder={t('versions.namePlaceholder')}
              onChange={(e) => setName(e.target.value)}
              data-testid="version-name"
            />
          </label>
          <button type="submit" className="primary" disabled={!name.trim() || busy} data-testid="version-make">
            {t('versions.make')}
          </button>
        </form>
      ) : null}
      <p className="versions-status" role="status" aria-live="polite" data-testid="versions-status">
        {status}
      </p>
      {load.state === 'loading' ? <p className="hint">{t('versions.loading')}</p> : null}
      {load.state === 'failed' ? <p className="hint">{t('versions.loadFailed')}</p> : null}
      {load.state === 'ready' && versions.length === 0 ? <p className="hint">{t('versions.empty')}</p> : null}
      {versions.length > 0 ? (
        <div className="versions-compare">
          <label className="field">
            <span>{t('versions.compareFrom')}</span>
            <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="compare-from">
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} ({when.format(new Date(v.at))})
                </option>
              ))}
              <option value={NOW}>{t('versions.now')}</option>
            </select>
          </label>
          <label className="field">
            <span>{t('versions.compareTo')}</span>
            <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="compare-to">
              <option value={NOW}>{t('versions.now')}</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} ({when.format(new Date(v.at))})
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={busy || !from} onClick={() => void compare(from, to)} data-testid="compare-start">
            {t('versions.compare')}
          </button>
        </div>
      ) : null}
      <ul className="versions-list">
        {versions.map((v) => (
          <li key={v.id} className="version" data-testid="version">
            <p className="version-name">
              <strong>{v.name}</strong>
              {v.auto ? <span className="version-auto"> · {t('versions.auto')}</span> : null}
            </p>
            <p className="version-details">
              <time dateTime={v.at}>{when.format(new Date(v.at))}</time> · {counts(v)}
            </p>
            {v.people && v.people.length > 0 ? (
              <p className="version-details">{t('versions.people', { names: v.people.join(', ') })}</p>
            ) : null}
            <div className="version-actions">
              <button type="button" disabled={busy} onClick={() => void open(v)} data-testid="version-open">
                {t('versions.open')}
              </button>
              <button type="button" disabled={busy} onClick={() => void compare(v.id, NOW)} data-testid="version-compare-now">
                {t('versions.compareNow')}
              </button>
              {isFacilitator ? (
                <>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={(e) => {
                      opener.current = e.currentTarget;
                      setConfirm({ action: 'restore', version: v });
                    }}
                    data-testid="version-restore"
                  >
                    {t('versions.restore')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    onClick={(e) => {
                      opener.current = e.currentTarget;
                      setConfirm({ action: 'delete', version: v });
                    }}
                    data-testid="version-delete"
                  >
                    {t('versions.delete')}
                  </button>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {confirm ? (
        <Dialog
          title={t(confirm.action === 'restore' ? 'versions.restoreTitle' : 'versions.deleteTitle', { name: confirm.version.name })}
          onClose={() => setConfirm(null)}
          busy={busy}
          returnFocus={opener}
          testId="version-confirm"
        >
          <p>{t(confirm.action === 'restore' ? 'versions.restoreIntro' : 'versions.deleteIntro')}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirm(null)}>
              {t('versions.cancel')}
            </button>
            <button
              type="button"
              className={confirm.action === 'delete' ? 'danger' : 'primary'}
              disabled={busy}
              onClick={() => void confirmed()}
              data-testid="version-confirm-yes"
            >
              {t(confirm.action === 'restore' ? 'versions.restoreYes' : 'versions.deleteYes')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
