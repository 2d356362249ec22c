import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setTitle } from '@samenzicht/shared/ydoc/commands';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { ANALYSIS_LIMITS } from '@samenzicht/shared/model/analysisLimits';

/** The analysis title, editable in place; written when the field loses focus or on Enter. */
export function TitleEditor() {
  const { t } = useTranslation();
  const session = useSession();
  const title = useEditor((s) => s.doc.title);
  const readOnly = useEditor((s) => s.readOnly);
  const [draft, setDraft] = useState(title);
  const [focused, setFocused] = useState(false);

  useEffect(() => {
    if (!focused) setDraft(title);
  }, [title, focused]);

  useEffect(() => {
    document.title = `${title || t('analysis.untitled')} · Samenzicht`;
  }, [title, t]);

  const commit = () => {
    const value = draft.trim().slice(0, 200);
    if (value !== title) setTitle(session.doc, session.origin, value);
  };

  return (
    <input
      className="title-editor"
      aria-label={t('analysis.titleLabel')}
      placeholder={t('analysis.untitled')}
      value={draft}
      readOnly={readOnly}
      maxLength={ANALYSIS_LIMITS.titleLength}
      onChange={(e) => setDraft(e.target.value)}
      onFocus={() => setFocused(true)}
      onBlur={() => {
        setFocused(false);
        commit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') {
          setDraft(title);
          setFocused(false);
        }
      }}
      data-testid="title"
    />
  );
}
