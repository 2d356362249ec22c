import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog.tsx';

/**
 * Asks for the name others will see; a first name or a role word is enough. The first time it must be answered
 * (Escape and the backdrop do nothing); when changing the name, `onCancel` keeps the old one.
 */
export function NamePrompt({ initial, onDone, onCancel }: { initial: string; onDone: (name: string) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onDone(name.trim());
  };
  return (
    <Dialog
      title={t('name.title')}
      onClose={onCancel ?? (() => {})}
      dismissible={onCancel !== undefined}
      className="dialog name-prompt"
      testId="name-prompt"
      initialFocus={input}
    >
      <form onSubmit={submit}>
        <p>{t('name.intro')}</p>
        <label className="field">
          <span>{t('name.label')}</span>
          <input
            ref={input}
            value={name}
            maxLength={40}
            autoComplete="nickname"
            enterKeyHint="done"
            placeholder={t('name.placeholder')}
            onChange={(e) => setName(e.target.value)}
            data-testid="name-input"
          />
        </label>
        <div className="dialog-actions">
          {onCancel ? (
            <button type="button" onClick={onCancel}>
              {t('name.cancel')}
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={!name.trim()}>
            {t('name.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
