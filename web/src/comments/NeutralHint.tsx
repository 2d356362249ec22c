import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { findJudgingWords } from '@samenzicht/shared/language/judgingWords';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { useCommentsLocal } from './localComments.ts';

/**
 * A quiet hint for the facilitator (only) when `text` holds judging words (LANGUAGE.md): each with a neutral wording
 * to consider. It never blocks anything, and can be switched off on this device.
 */
export function NeutralHint({ text }: { text: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const facilitator = useEditor((s) => s.role === 'facilitator');
  const on = useCommentsLocal(session.id, (s) => s.hints);
  const setHints = useCommentsLocal(session.id, (s) => s.setHints);
  // Typing stays quick: the words are looked for in a render that may lag a keystroke behind.
  const deferred = useDeferredValue(text);
  const matches = useMemo(() => (facilitator && on ? findJudgingWords(deferred) : []), [facilitator, on, deferred]);
  if (matches.length === 0) return null;
  return (
    <div className="neutral-hint" role="note" data-testid="neutral-hint">
      <p className="neutral-hint-intro">{t('neutral.intro')}</p>
      <ul>
        {matches.slice(0, 3).map((m) => (
          <li key={`${m.index}:${m.text}`}>
            {t('neutral.suggestion', { word: m.text, alternative: m.word.alternative })} <span className="hint">{m.word.note}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={() => setHints(false)} data-testid="neutral-hint-off">
        {t('neutral.off')}
      </button>
    </div>
  );
}

/** The facilitator's switch for the hints (remembered on this device). */
export function NeutralHintSwitch() {
  const { t } = useTranslation();
  const session = useSession();
  const facilitator = useEditor((s) => s.role === 'facilitator');
  const on = useCommentsLocal(session.id, (s) => s.hints);
  const setHints = useCommentsLocal(session.id, (s) => s.setHints);
  if (!facilitator) return null;
  return (
    <label className="check">
      <input type="checkbox" checked={on} onChange={(e) => setHints(e.target.checked)} data-testid="neutral-hints-switch" />
      {t('neutral.switch')}
    </label>
  );
}
