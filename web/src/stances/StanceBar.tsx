import { useTranslation } from 'react-i18next';
import { STANCES, stanceKey } from '@samenzicht/shared/model/stance';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { STANCE_SYMBOL, STANCE_WORD } from './derived.ts';
import { toggleMyStance } from './setMyStance.ts';

/**
 * Three buttons for this person's stance on one factor or link: "Herken ik", "Twijfel", "Herken ik niet". The one
 * chosen is pressed; pressing it again clears it. Shown only to someone who is one of the people involved.
 */
export function StanceBar({ on, compact = false, testPrefix = '' }: { on: string; compact?: boolean; testPrefix?: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const myActor = useEditor((s) => s.myActor);
  const actorName = useEditor((s) => (s.myActor ? s.doc.actors.get(s.myActor)?.name : undefined));
  const readOnly = useEditor((s) => s.readOnly);
  const current = useEditor((s) => (s.myActor ? (s.doc.stances.get(stanceKey(s.myActor, on))?.stance ?? null) : null));
  if (!myActor || actorName === undefined || readOnly) return null;
  return (
    <div
      className={`stance-bar nodrag nopan${compact ? ' stance-bar--compact' : ''}`}
      role="group"
      aria-label={t('stances.barLabel', { actor: actorName })}
      data-testid={`${testPrefix}stance-bar`}
    >
      {STANCES.map((stance, i) => (
        <button
          key={stance}
          type="button"
          className={`stance-button stance-button--${stance}`}
          aria-pressed={current === stance}
          aria-keyshortcuts={String(i + 1)}
          onClick={() => toggleMyStance(session, on, stance)}
          data-testid={`${testPrefix}stance-${stance}`}
        >
          <span aria-hidden="true">{STANCE_SYMBOL[stance]}</span> {t(`stances.${STANCE_WORD[stance]}`)}
        </button>
      ))}
    </div>
  );
}
