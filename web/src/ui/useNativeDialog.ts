import { useLayoutEffect, useRef, type RefObject } from 'react';

export interface NativeDialogOptions {
  /** Modal: the rest of the page is inert and Escape reaches only the top dialog (the browser's top layer). */
  readonly modal: boolean;
  /** Escape (the dialog's cancel request). The owner decides: usually it unmounts the dialog. */
  readonly onEscape: () => void;
  /** Where focus goes when the dialog opens; without it the browser focuses the first control. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  /** Where focus goes back to when the dialog goes; without it, what had focus when the dialog opened. */
  readonly returnFocus?: RefObject<HTMLElement | null>;
}

/**
 * Opens a native `<dialog>` for as long as the component that holds it is mounted: `showModal()` (or `show()`) on
 * mount, `close()` and focus back to the opener on unmount. Escape is handed to `onEscape` instead of closing by
 * itself, so React's state stays the only truth about what is open.
 */
export function useNativeDialog(ref: RefObject<HTMLDialogElement | null>, options: NativeDialogOptions): void {
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });

  const { modal } = options;
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    let mounted = true;
    let closingOurselves = false;

    if (modal) dialog.showModal();
    else dialog.show();
    const first = latest.current.initialFocus?.current;
    if (first) {
      first.focus({ preventScroll: true });
      // Focusing the first control may have scrolled a long dialog past its heading.
      dialog.scrollTop = 0;
    } else if (!modal) {
      // A non-modal dialog does not take focus by itself; the first control in the tab order gets it.
      dialog
        .querySelector<HTMLElement>(':is([autofocus], button, [href], input, select, textarea):not([tabindex="-1"])')
        ?.focus({ preventScroll: true });
    }

    const onCancel = (event: Event) => {
      event.preventDefault();
      latest.current.onEscape();
    };
    // Chromium lets a page refuse a cancel request only once per user activation; the next Escape closes the
    // dialog anyway. Then tell the owner, and open it again if the owner keeps it (a question that needs an answer).
    const onClose = () => {
      if (closingOurselves) return;
      latest.current.onEscape();
      window.setTimeout(() => {
        if (mounted && !dialog.open && dialog.isConnected) {
          if (modal) dialog.showModal();
          else dialog.show();
        }
      }, 0);
    };
    // Escape closes a non-modal dialog (a sheet beside the canvas) when focus is inside it.
    const onKeyDown = (event: KeyboardEvent) => {
      if (modal || event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      latest.current.onEscape();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onClose);
    dialog.addEventListener('keydown', onKeyDown);

    return () => {
      mounted = false;
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onClose);
      dialog.removeEventListener('keydown', onKeyDown);
      closingOurselves = true;
      if (dialog.open) dialog.close();
      // The browser gives focus back on close(), but not when the dialog was moved or its opener was inside a
      // menu that closed in the same step; do it here, to the element asked for or to the opener.
      const back = latest.current.returnFocus?.current ?? opener;
      if (back && back.isConnected && back !== document.body) back.focus({ preventScroll: true });
    };
  }, [ref, modal]);
}

/** A click on a modal dialog's backdrop: the target is the dialog itself and the point lies outside its box. */
export function isBackdropClick(
  dialog: HTMLDialogElement,
  event: { target: EventTarget | null; clientX: number; clientY: number },
): boolean {
  if (event.target !== dialog) return false;
  const box = dialog.getBoundingClientRect();
  return event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
}

/** True while a modal dialog is open (keys then belong to it, not to the canvas). */
export function isModalOpen(): boolean {
  return document.querySelector('dialog:modal, [aria-modal="true"]') !== null;
}
