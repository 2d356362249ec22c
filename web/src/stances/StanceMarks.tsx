import './stances.css';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stance } from '@samenzicht/shared/model/types';
import { useEditor } from '../store/EditorContext.tsx';
import { MARK_SENTENCE, STANCE_SYMBOL, actorColour, initialOf, marksSignature } from './derived.ts';

/**
 * The stances on one factor or link: a small mark per person in their colour, with a symbol (✓ ? ✗) and their
 * initial, so it reads without colour too; the full sentence is the mark's name for screen readers and its tooltip.
 */
function StanceMarksView({ id }: { id: string }) {
  const { t } = useTranslation();
  const signature = useEditor((s) => marksSignature(s.doc, id));
  const actors = useEditor((s) => s.doc.actors);
  if (!signature) return null;
  const marks = signature.split(';').map((part) => {
    const at = part.lastIndexOf(':');
    return { actor: part.slice(0, at), stance: part.slice(at + 1) as Stance };
  });
  return (
    <ul className="stance-marks" aria-label={t('stances.marksLabel')} data-testid="stance-marks">
      {marks.map(({ actor, stance }) => {
        const name = actors.get(actor)?.name ?? '';
        const sentence = t(MARK_SENTENCE[stance], { name });
        return (
          <li
            key={actor}
            className={`stance-mark stance-mark--${stance}`}
            style={{ borderColor: actorColour(actors, actor), color: actorColour(actors, actor) }}
            title={sentence}
            data-testid="stance-mark"
            data-actor={actor}
            data-stance={stance}
          >
            <span aria-hidden="true">
              {STANCE_SYMBOL[stance]}
              {initialOf(name)}
            </span>
            <span className="visually-hidden">{sentence}</span>
          </li>
        );
      })}
    </ul>
  );
}

export const StanceMarks = memo(StanceMarksView);
