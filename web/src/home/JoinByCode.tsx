import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { codeJoinPath, joinWithCode, type JoinResult } from '../join/joinApi.ts';
import '../join/joinCodes.css';

const MESSAGES: Record<Extract<JoinResult, { ok: false }>['reason'], string> = {
  wrong: 'join.wrong',
  tooMany: 'join.tooMany',
  failed: 'join.failed',
};

/** On the start page: type the short code someone said or showed, and open the analysis it leads to. */
export function JoinByCode() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() === '') {
      setError('join.empty');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await joinWithCode(code);
    if (result.ok) {
      window.location.assign(codeJoinPath(result.value));
      return;
    }
    setError(MESSAGES[result.reason]);
    setBusy(false);
  };

  return (
    <form className="home-join" onSubmit={(e) => void submit(e)} aria-labelledby="home-join-title" data-testid="join-by-code">
      <h2 id="home-join-title">{t('join.homeTitle')}</h2>
      <label htmlFor="home-join-code" className="hint">
        {t('join.homeIntro')}
      </label>
      <div className="home-join-row">
        <input
          id="home-join-code"
          value={code}
          maxLength={100}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          placeholder={t('join.homePlaceholder')}
          aria-invalid={error !== null}
          aria-describedby={error ? 'home-join-error' : undefined}
          onChange={(e) => setCode(e.target.value)}
          data-testid="join-code-input"
        />
        <button type="submit" className="primary" disabled={busy} data-testid="join-submit">
          {busy ? t('join.homeJoining') : t('join.homeJoin')}
        </button>
      </div>
      {error ? (
        <p className="error" role="alert" id="home-join-error">
          {t(error)}
        </p>
      ) : null}
    </form>
  );
}
