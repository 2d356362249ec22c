import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { cancelConnect, finishConnect } from './linking.ts';
import { findTargets } from './linkRules.ts';
import { useLinking } from './linkingStore.ts';
import './linking.css';

/** At most this many names are listed; typing more of a name narrows the list. */
const MAX_OPTIONS = 8;

/** Touch screens get no keyboard popping up over the diagram: the list waits until the field is tapped. */
const coarsePointer = () => typeof window !== 'undefined' && window.matchMedia?.('(pointer: coarse)').matches;

/**
 * Connect mode's bar: what to do now, a field to type the target's name (a combobox: arrow keys choose, Enter
 * links, Escape stops) and a button to stop. A click or tap on a factor links it too (useConnectMode.ts).
 */
export function ConnectBar() {
  const from = useLinking((s) => s.connectFrom);
  return from === null ? null : <ConnectBarView from={from} />;
}

function ConnectBarView({ from }: { from: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const factors = useEditor((s) => s.doc.factors);
  const links = useEditor((s) => s.doc.links);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optionId = (index: number) => `${listId}-${index}`;

  const fromLabel = factors.get(from)?.label.trim() || t('factor.placeholder');
  const all = useMemo(() => findTargets({ factors, links }, from, query, t('factor.placeholder')), [factors, links, from, query, t]);
  const options = all.slice(0, MAX_OPTIONS);
  // The list opens on typing or an arrow key, not on focus: it would cover the factors one may want to click.
  const shown = open ? options : [];

  useEffect(() => {
    if (!coarsePointer()) input.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => setActive(0), [query]);

  const choose = (index: number) => {
    const option = options[index];
    if (option) finishConnect(session, option.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Keys typed here are for the field, not for the editor's shortcuts or React Flow.
    event.stopPropagation();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (options.length === 0 ? 0 : (i + step + options.length) % options.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (options.length > 0) choose(Math.min(active, options.length - 1));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancelConnect(session);
    }
  };

  const expanded = shown.length > 0;
  return (
    <div className="connect-bar" data-testid="connect-bar">
      <p className="connect-bar-text">{t('linking.choose', { from: fromLabel })}</p>
      <div className="connect-bar-row">
        <div className="connect-combo">
          <label htmlFor={`${listId}-input`} className="visually-hidden">
            {t('linking.searchLabel')}
          </label>
          <input
            ref={input}
            id={`${listId}-input`}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded ? optionId(Math.min(active, shown.length - 1)) : undefined}
            placeholder={t('linking.searchPlaceholder')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
            }}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
            data-testid="connect-search"
          />
          <ul id={listId} role="listbox" className="connect-options" hidden={!expanded} aria-label={t('linking.searchLabel')}>
            {shown.map((option, index) => (
              <li
                key={option.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                aria-disabled={option.linked || undefined}
                className={`connect-option${index === active ? ' connect-option--active' : ''}${option.linked ? ' connect-option--linked' : ''}`}
                // Keep focus in the field, so the list does not close before the click.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(index)}
                data-testid="connect-option"
              >
                {option.label}
                {option.linked ? <span className="connect-option-note"> · {t('linking.alreadyLinked')}</span> : null}
              </li>
            ))}
          </ul>
          {open && query.trim() !== '' && all.length === 0 ? (
            <p className="connect-none" role="status">
              {t('linking.noMatch')}
            </p>
          ) : null}
        </div>
        <button type="button" className="connect-cancel" onClick={() => cancelConnect(session)} data-testid="connect-cancel">
          {t('linking.cancel')}
        </button>
      </div>
    </div>
  );
}
