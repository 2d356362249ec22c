import { useId, useRef, type MouseEvent, type PointerEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isBackdropClick, useNativeDialog } from './useNativeDialog.ts';
import './ui.css';

export interface DialogProps {
  /** The heading that names the dialog (its accessible name). */
  readonly title: ReactNode;
  /** Called by the close button, a click on the backdrop and (unless `onEscape` is given) Escape. */
  readonly onClose: () => void;
  /** Escape, when it should do something else than close (stop a running export; nothing for a required answer). */
  readonly onEscape?: () => void;
  /** False for a question that must be answered: the backdrop does not close it. */
  readonly dismissible?: boolean;
  /** `alertdialog` for a problem the person has to read. */
  readonly role?: 'dialog' | 'alertdialog';
  readonly className?: string;
  readonly testId?: string;
  readonly busy?: boolean;
  /** Focus on opening, without scrolling a long dialog; otherwise the first control. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly returnFocus?: RefObject<HTMLElement | null>;
  readonly children: ReactNode;
}

/**
 * The one dialog of the app: a native modal `<dialog>` (the page behind is inert; Escape reaches only the top one;
 * focus moves in and comes back to the opener). Mounted means open.
 */
export function Dialog({
  title,
  onClose,
  onEscape,
  dismissible = true,
  role,
  className,
  testId,
  busy,
  initialFocus,
  returnFocus,
  children,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useNativeDialog(ref, { modal: true, onEscape: onEscape ?? (dismissible ? onClose : () => {}), initialFocus, returnFocus });
  const pressedOnBackdrop = useRef(false);

  return (
    <dialog
      ref={ref}
      className={`ui-dialog nokey${className ? ` ${className}` : ''}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-busy={busy || undefined}
      // A question that must be answered: Escape is no close request at all (useNativeDialog reopens it where
      // a browser does not know this attribute yet).
      closedby={dismissible || onEscape ? undefined : 'none'}
      data-testid={testId}
      onPointerDown={(e: PointerEvent<HTMLDialogElement>) => {
        pressedOnBackdrop.current = isBackdropClick(e.currentTarget, e);
      }}
      onClick={(e: MouseEvent<HTMLDialogElement>) => {
        // Only a press that began and ended on the backdrop: selecting text inside and letting go outside is no click away.
        if (dismissible && pressedOnBackdrop.current && isBackdropClick(e.currentTarget, e)) onClose();
        pressedOnBackdrop.current = false;
      }}
    >
      <h2 id={titleId} className="ui-dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

export interface SheetProps {
  readonly title: ReactNode;
  readonly onClose: () => void;
  /** Non-modal: the canvas above stays usable (the side panel on a phone); modal: a menu or a question. */
  readonly modal?: boolean;
  readonly className?: string;
  readonly testId?: string;
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly returnFocus?: RefObject<HTMLElement | null>;
  /** Shown beside the title, before the close button. */
  readonly actions?: ReactNode;
  /** The title names the sheet for screen readers only (the actions say enough on screen). */
  readonly hideTitle?: boolean;
  readonly children: ReactNode;
}

/** A panel that slides up from the bottom edge, on the same native `<dialog>`, with a handle bar that closes it. */
export function Sheet({
  title,
  onClose,
  modal = true,
  className,
  testId,
  initialFocus,
  returnFocus,
  actions,
  hideTitle,
  children,
}: SheetProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useNativeDialog(ref, { modal, onEscape: onClose, initialFocus, returnFocus });
  const pressedOnBackdrop = useRef(false);

  return (
    <dialog
      ref={ref}
      className={`ui-dialog ui-sheet nokey${modal ? ' ui-sheet--modal' : ''}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onPointerDown={(e: PointerEvent<HTMLDialogElement>) => {
        pressedOnBackdrop.current = isBackdropClick(e.currentTarget, e);
      }}
      onClick={(e: MouseEvent<HTMLDialogElement>) => {
        if (modal && pressedOnBackdrop.current && isBackdropClick(e.currentTarget, e)) onClose();
        pressedOnBackdrop.current = false;
      }}
    >
      {/* For fingers and pointers (the × is the keyboard's way out), so not in the tab order. */}
      <button
        type="button"
        className="ui-sheet-handle"
        tabIndex={-1}
        onClick={onClose}
        aria-label={t('shell.closeSheet')}
        data-testid="sheet-handle"
      >
        <span aria-hidden="true" />
      </button>
      <div className="ui-sheet-head">
        <h2 id={titleId} className={hideTitle ? 'visually-hidden' : 'ui-dialog-title'}>
          {title}
        </h2>
        {actions}
        <button type="button" className="ui-icon-button" onClick={onClose} aria-label={t('shell.close')} data-testid="sheet-close">
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="ui-sheet-body">{children}</div>
    </dialog>
  );
}
