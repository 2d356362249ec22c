import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HomeFiles } from '../files/HomeFiles.tsx';
import { JoinByCode } from './JoinByCode.tsx';
import { LanguageSwitch } from '../panels/LanguageSwitch.tsx';
import { loadRecent, saveLinks, type AnalysisLinks } from '../sync/links.ts';
import { ANALYSIS_LIMITS } from '@samenzicht/shared/model/analysisLimits';
import { LANGUAGES, readLanguage, type Language } from '@samenzicht/shared/model/language';
import { FILE_FORMAT } from '@samenzicht/shared/schema/parseAnalysisFile';

interface CreateAnswer {
  id: string;
  links: AnalysisLinks;
}

function isCreateAnswer(value: unknown): value is CreateAnswer {
  const v = value as CreateAnswer | null;
  return typeof v?.id === 'string' && typeof v.links?.facilitator === 'string';
}

/** Start: create a new analysis (opening the facilitator link) or reopen a recent one. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState('');
  /** The language the analysis is written in: the interface language unless chosen otherwise. */
  const [chosenLanguage, setChosenLanguage] = useState<Language | null>(null);
  const language = chosenLanguage ?? readLanguage(i18n.language);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recent = loadRecent();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/analyses', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // An empty analysis that says its language (CONTRACT.md §1 version 2, `language`).
        body: JSON.stringify({
          title: title.trim() || t('home.defaultTitle'),
          content: { format: FILE_FORMAT, version: 1, factors: [], links: [], language },
        }),
      });
      const answer: unknown = await response.json();
      if (!response.ok || !isCreateAnswer(answer)) throw new Error(`status ${response.status}`);
      saveLinks(answer.id, answer.links);
      window.location.assign(answer.links.facilitator);
    } catch {
      setError(t('home.createFailed'));
      setBusy(false);
    }
  };

  return (
    <main className="home">
      <header className="home-header">
        <h1>Samenzicht</h1>
        <LanguageSwitch />
      </header>
      {new URLSearchParams(window.location.search).has('verwijderd') ? (
        <p className="banner banner--info" role="status" data-testid="deleted-notice">
          {t('home.deleted')}
        </p>
      ) : null}
      <p className="tagline">{t('app.tagline')}</p>
      <p>{t('home.intro')}</p>
      <JoinByCode />
      <form className="home-create" onSubmit={(e) => void create(e)}>
        <label className="field">
          <span>{t('home.titleLabel')}</span>
          <input
            value={title}
            maxLength={ANALYSIS_LIMITS.titleLength}
            placeholder={t('home.titlePlaceholder')}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('home.languageLabel')}</span>
          <select value={language} onChange={(e) => setChosenLanguage(readLanguage(e.target.value))} data-testid="new-analysis-language">
            {LANGUAGES.map((lang) => (
              <option key={lang} value={lang}>
                {t(`language.${lang}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy} data-testid="new-analysis">
          {busy ? t('home.creating') : t('home.create')}
        </button>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      <HomeFiles />
      {recent.length > 0 ? (
        <section className="home-recent">
          <h2>{t('home.recent')}</h2>
          <ul>
            {recent.map((r) => (
              <li key={r.id}>
                <a href={r.link}>{r.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
