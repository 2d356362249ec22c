import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchSignals } from '@samenzicht/shared/model/library';
import { signalByCode } from '@samenzicht/shared/library/signals';
import { readLanguage } from '@samenzicht/shared/model/language';
import type { Factor } from '@samenzicht/shared/model/types';
import { setFactorSignal } from '@samenzicht/shared/ydoc/factorSignal';
import { useEditor, useSession } from '../store/EditorContext.tsx';

/** How many matches the choice shows at once (search narrows it down). */
const SHOWN = 6;

/**
 * The facilitator ties factors to a signal of the library (its stable code), or unties them: a search field with a
 * short list of matches. The label stays as the people wrote it; the code only says which signal the factor stands
 * for, so signals can later be counted across analyses without names.
 */
export function SignalChoice({ factors }: { factors: readonly Factor[] }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  const language = readLanguage(i18n.language);
  const [query, setQuery] = useState('');
  const listId = useId();
  const ids = factors.map((f) => f.id);
  const first = factors[0]?.signal;
  const same = factors.every((f) => f.signal === first);
  const current = same ? first : undefined;
  const matches = useMemo(() => (query.trim() ? searchSignals(query, language).slice(0, SHOWN) : []), [query, language]);
  const known = signalByCode(current);

  const choose = (code: string | null) => {
    setFactorSignal(session.doc, session.origin, ids, code);
    setQuery('');
  };

  return (
    <fieldset className="field signal-choice" disabled={readOnly} data-testid="signal-choice">
      <legend>{t('signal.title')}</legend>
      <p className="hint">{t('signal.hint')}</p>
      {current ? (
        <div className="signal-current">
          <span data-testid="signal-current">
            {known ? known[language] : t('signal.unknown')} <code className="signal-code">{current}</code>
          </span>
          <button type="button" onClick={() => choose(null)} data-testid="signal-remove">
            {t('signal.remove')}
          </button>
        </div>
      ) : (
        <p className="hint" data-testid="signal-current">
          {same ? t('signal.none') : t('inspector.mixed')}
        </p>
      )}
      <input
        type="search"
        value={query}
        placeholder={t('signal.searchPlaceholder')}
        aria-label={t('signal.search')}
        aria-controls={listId}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="signal-search"
      />
      <ul id={listId} className="signal-matches" aria-live="polite">
        {query.trim() && matches.length === 0 ? <li className="hint">{t('signal.noMatch')}</li> : null}
        {matches.map((s) => (
          <li key={s.code}>
            <button type="button" className="signal-match" onClick={() => choose(s.code)} data-testid="signal-match" data-signal={s.code}>
              {s[language]} <code className="signal-code">{s.code}</code>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
