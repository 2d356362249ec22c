import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, readLanguage } from '@samenzicht/shared/model/language';
import { setLanguage } from '@samenzicht/shared/ydoc/story';
import { useEditor, useSession } from '../store/EditorContext.tsx';

/**
 * The language the analysis is written in (not the interface language): factors from the library and the story come
 * in this language. The facilitator sees and changes it here; what is already written stays as it is.
 */
export function AnalysisLanguage() {
  const { t } = useTranslation();
  const session = useSession();
  const language = useEditor((s) => s.doc.language);
  const readOnly = useEditor((s) => s.readOnly);
  const hint = useId();
  return (
    <label className="field">
      <span>{t('manage.languageTitle')}</span>
      <select
        value={language}
        disabled={readOnly}
        aria-describedby={hint}
        onChange={(e) => setLanguage(session.doc, session.origin, readLanguage(e.target.value))}
        data-testid="analysis-language"
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang}>
            {t(`language.${lang}`)}
          </option>
        ))}
      </select>
      <span className="hint" id={hint}>
        {t('manage.languageIntro')}
      </span>
    </label>
  );
}
