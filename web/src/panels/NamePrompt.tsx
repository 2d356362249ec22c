import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks once for the name others will see; a first name or a role word is enough. */
export function NamePrompt({ initial, onDone }: { initial: string; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onDone(name.trim());
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="name-title" onSubmit={submit}>
        <h2 id="name-title">{t('name.title')}</h2>
        <p>{t('name.intro')}</p>
        <label className="field">
          <span>{t('name.label')}</span>
          <input
            autoFocus
            value={name}
            maxLength={40}
            placeholder={t('name.placeholder')}
            onChange={(e) => setName(e.target.value)}
            data-testid="name-input"
          />
        </label>
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={!name.trim()}>
            {t('name.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
