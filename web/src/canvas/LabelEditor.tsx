import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateFactors } from '@samenzicht/shared/ydoc/commands';
import { FACTOR_LIMITS } from '@samenzicht/shared/model/factor';
import { useSession } from '../store/EditorContext.tsx';
import { useLiveText } from '../text/useLiveText.ts';
import { textOf } from '../text/textSource.ts';

/**
 * The label typed on the factor itself. Live like every shared text field (useLiveText.ts): two people typing in one
 * label both keep their text. Enter or leaving the field ends the edit; Escape takes back what was typed here
 * (only that: what someone else typed meanwhile stays).
 */
export function LabelEditor({ id, label }: { id: string; label: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const typed = useRef(false);
  const done = useRef(false);
  const live = useLiveText<HTMLTextAreaElement>({
    value: label,
    write: (text) => {
      typed.current = true;
      updateFactors(session.doc, session.origin, [id], { label: text });
    },
    editing: { id, field: 'label' },
    source: () => textOf(session.doc, 'factors', id, 'label'),
    trimOnBlur: true,
  });
  const { ref } = live;

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, [ref]);

  const finish = (keep: boolean) => {
    if (done.current) return;
    done.current = true;
    live.onBlur();
    // Everything typed here since the field opened is one undo step (typingUndo.ts).
    if (!keep && typed.current) session.undo.undo();
    session.store.setState((s) => void (s.editingId = s.editingId === id ? null : s.editingId));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    event.stopPropagation();
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      finish(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish(false);
    }
  };

  return (
    <textarea
      {...live}
      className="factor-editor nodrag nopan nowheel"
      aria-label={t('factor.editLabel')}
      title={t('factor.editHint')}
      maxLength={FACTOR_LIMITS.labelLength}
      rows={Math.min(4, Math.max(1, Math.ceil(label.length / 24)))}
      onKeyDown={onKeyDown}
      onBlur={() => finish(true)}
    />
  );
}
