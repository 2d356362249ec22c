import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@samenzicht/shared/model/types';
import { ACTOR_LIMITS } from '@samenzicht/shared/model/actor';
import { addActor } from '@samenzicht/shared/ydoc/commands';
import { Dialog } from '../ui/Dialog.tsx';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { chooseMyActor } from './useSeat.ts';
import { loadAskSeat, saveAskSeat } from './seat.ts';

const NEW = '\u0000new';
const NONE = '\u0000none';

/**
 * After the name: "Wie ben jij in deze analyse?" One of the people involved, a new one (name and role), or none
 * (the neutral facilitator). Asked once per analysis on a device; "Later" asks again next time.
 */
export function SeatPrompt({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const actors = useEditor((s) => s.doc.actors);
  const myActor = useEditor((s) => s.myActor);
  const facilitator = useEditor((s) => s.role === 'facilitator');
  const [choice, setChoice] = useState<string>(myActor ?? (facilitator ? NONE : actors.size > 0 ? '' : NEW));
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('parent');
  const first = useRef<HTMLInputElement>(null);
  const ready = choice === NONE || (choice === NEW ? name.trim() !== '' : actors.has(choice));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    saveAskSeat(!never);
    if (choice === NONE) chooseMyActor(session, null);
    else if (choice === NEW)
      chooseMyActor(session, addActor(session.doc, session.origin, { name: name.trim().slice(0, ACTOR_LIMITS.nameLength), role }));
    else chooseMyActor(session, choice);
    onClose();
  };
  const [never, setNever] = useState(!loadAskSeat());
  const later = () => {
    saveAskSeat(!never);
    session.store.setState((s) => void (s.seatQuestion = 'done'));
    onClose();
  };

  return (
    <Dialog title={t('stances.seatTitle')} onClose={later} className="dialog seat-prompt" testId="seat-prompt" initialFocus={first}>
      <form onSubmit={submit}>
        <p>{t('stances.seatIntro')}</p>
        <fieldset className="seat-options">
          <legend className="visually-hidden">{t('stances.seatTitle')}</legend>
          {[...actors.values()].map((actor, i) => (
            <label key={actor.id} className="seat-option">
              <input
                ref={i === 0 ? first : undefined}
                type="radio"
                name="seat"
                checked={choice === actor.id}
                onChange={() => setChoice(actor.id)}
                data-testid="seat-actor"
                data-actor={actor.id}
              />
              <span>
                {actor.name} <span className="hint">· {t(`role_actor.${actor.role}`)}</span>
              </span>
            </label>
          ))}
          <label className="seat-option">
            <input
              ref={actors.size === 0 ? first : undefined}
              type="radio"
              name="seat"
              checked={choice === NEW}
              onChange={() => setChoice(NEW)}
              data-testid="seat-new"
            />
            <span>{t('stances.seatNew')}</span>
          </label>
          {choice === NEW ? (
            <div className="seat-new-fields">
              <label className="field">
                <span>{t('stances.seatNewName')}</span>
                <input
                  value={name}
                  maxLength={ACTOR_LIMITS.nameLength}
                  placeholder={t('actors.namePlaceholder')}
                  onChange={(e) => setName(e.target.value)}
                  data-testid="seat-new-name"
                />
              </label>
              <label className="field">
                <span>{t('stances.seatNewRole')}</span>
                <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="seat-new-role">
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role_actor.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : null}
          <label className="seat-option">
            <input type="radio" name="seat" checked={choice === NONE} onChange={() => setChoice(NONE)} data-testid="seat-none" />
            <span>{facilitator ? t('stances.seatNoneFacilitator') : t('stances.seatNone')}</span>
          </label>
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={never} onChange={(e) => setNever(e.target.checked)} data-testid="seat-never" />
          {t('stances.seatNever')}
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={later} data-testid="seat-later">
            {t('stances.seatLater')}
          </button>
          <button type="submit" className="primary" disabled={!ready} data-testid="seat-save">
            {t('stances.seatSave')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
