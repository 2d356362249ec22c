import { Fragment, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog.tsx';
import '../files/files.css';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

/** One way to do something: keys pressed together; a `~` prefix marks words to translate (mouse actions). */
type Combo = readonly string[];

const ROWS: ReadonlyArray<{ action: string; combos: readonly Combo[] }> = [
  { action: 'add', combos: [['~doubleClick']] },
  { action: 'addTouch', combos: [['~longPress']] },
  { action: 'edit', combos: [['Enter']] },
  { action: 'connect', combos: [['L']] },
  { action: 'connectDrag', combos: [['~dragDot']] },
  { action: 'connectTap', combos: [['~tapConnect']] },
  { action: 'delete', combos: [['Delete'], ['Backspace']] },
  { action: 'undo', combos: [[MOD, 'Z']] },
  {
    action: 'redo',
    combos: [
      [MOD, 'Shift', 'Z'],
      [MOD, 'Y'],
    ],
  },
  { action: 'copy', combos: [[MOD, 'C']] },
  { action: 'cut', combos: [[MOD, 'X']] },
  { action: 'paste', combos: [[MOD, 'V']] },
  { action: 'duplicate', combos: [[MOD, 'D']] },
  { action: 'selectAll', combos: [[MOD, 'A']] },
  { action: 'multi', combos: [['Shift', '~click']] },
  { action: 'move', combos: [['~arrows']] },
  { action: 'focus', combos: [['Tab'], ['Shift', 'Tab']] },
  { action: 'stance', combos: [['1'], ['2'], ['3']] },
  { action: 'present', combos: [['P']] },
  { action: 'help', combos: [['?']] },
  { action: 'escape', combos: [['Escape']] },
];

function Keys({ combos }: { combos: readonly Combo[] }) {
  const { t } = useTranslation();
  const key = (name: string): ReactNode =>
    name.startsWith('~') ? <span>{t(`files.shortcuts.${name.slice(1)}`)}</span> : <kbd>{name}</kbd>;
  return (
    <>
      {combos.map((combo, i) => (
        <Fragment key={i}>
          {i > 0 ? <span className="shortcut-or"> {t('files.shortcuts.or')} </span> : null}
          {combo.map((name, j) => (
            <Fragment key={j}>
              {j > 0 ? ' + ' : null}
              {key(name)}
            </Fragment>
          ))}
        </Fragment>
      ))}
    </>
  );
}

/** Every key of the editor in one overview, opened with "?" or the "?" button. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  // Focused without scrolling: the button is at the end of a long dialog, past the title.
  const close = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title={t('files.shortcuts.title')}
      onClose={onClose}
      className="dialog shortcuts"
      testId="shortcuts-dialog"
      initialFocus={close}
    >
      <p data-testid="shortcuts-linking">{t('linking.hint')}</p>
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">{t('files.shortcuts.keys')}</th>
            <th scope="col">{t('files.shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.action}>
              <td>
                <Keys combos={row.combos} />
              </td>
              <td>{t(`files.shortcuts.${row.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} ref={close}>
          {t('files.shortcuts.close')}
        </button>
      </div>
    </Dialog>
  );
}
