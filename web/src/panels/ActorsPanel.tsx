import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@samenzicht/shared/model/types';
import { addActor, removeActors, updateActor } from '@samenzicht/shared/ydoc/commands';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { CommitField } from './CommitField.tsx';
import { ACTOR_LIMITS } from '@samenzicht/shared/model/actor';

/** Everyone involved, with their role; highlighting one shows the factors that concern them. */
export function ActorsPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const actors = useEditor((s) => s.doc.actors);
  const readOnly = useEditor((s) => s.readOnly);
  const highlight = useEditor((s) => s.highlightActor);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('parent');

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    addActor(session.doc, session.origin, { name: name.trim().slice(0, ACTOR_LIMITS.nameLength), role });
    setName('');
  };
  const toggleHighlight = (id: string) => session.store.setState((s) => void (s.highlightActor = s.highlightActor === id ? null : id));

  return (
    <div className="actors" data-testid="actors">
      <p className="hint">{t('actors.intro')}</p>
      {!readOnly ? (
        <form className="actor-add" onSubmit={add}>
          <input
            value={name}
            maxLength={ACTOR_LIMITS.nameLength}
            placeholder={t('actors.namePlaceholder')}
            aria-label={t('actors.name')}
            onChange={(e) => setName(e.target.value)}
            data-testid="actor-name"
          />
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label={t('actors.role')} data-testid="actor-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role_actor.${r}`)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!name.trim()} data-testid="actor-add">
            {t('actors.add')}
          </button>
        </form>
      ) : null}
      {actors.size === 0 ? <p className="hint">{t('actors.empty')}</p> : null}
      <ul className="actor-list">
        {[...actors.values()].map((actor) => (
          <li key={actor.id} className={highlight === actor.id ? 'actor actor--on' : 'actor'} data-testid="actor">
            <CommitField
              value={actor.name}
              maxLength={ACTOR_LIMITS.nameLength}
              readOnly={readOnly}
              aria-label={t('actors.name')}
              onCommit={(value) => value.trim() && updateActor(session.doc, session.origin, actor.id, { name: value.trim() })}
            />
            <select
              value={actor.role}
              disabled={readOnly}
              aria-label={t('actors.role')}
              onChange={(e) => updateActor(session.doc, session.origin, actor.id, { role: e.target.value as Role })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role_actor.${r}`)}
                </option>
              ))}
            </select>
            <span className="hint">{t('actors.factorCount', { count: actor.factors.length })}</span>
            <button type="button" onClick={() => toggleHighlight(actor.id)} aria-pressed={highlight === actor.id}>
              {highlight === actor.id ? t('actors.highlightOff') : t('actors.highlight', { name: actor.name })}
            </button>
            {!readOnly ? (
              <button type="button" className="link-button" onClick={() => removeActors(session.doc, session.origin, [actor.id])}>
                {t('actors.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
