import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { isBackdropClick, useNativeDialog } from './useNativeDialog.ts';
import './ui.css';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly onSelect: () => void;
  readonly testId?: string;
  readonly disabled?: boolean;
  /** A choice among several (language): a `menuitemradio` with this state. */
  readonly checked?: boolean;
  readonly icon?: ReactNode;
  /** Items of one group are drawn together under a line. */
  readonly group?: string;
}

const ITEM_SELECTOR = '[role^="menuitem"]:not(:disabled)';

/** Arrow keys, Home and End move between the items of a menu (wrapping around). */
function moveFocus(menu: HTMLElement, key: string): boolean {
  const items = [...menu.querySelectorAll<HTMLElement>(ITEM_SELECTOR)];
  if (items.length === 0) return false;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next =
    key === 'ArrowDown'
      ? (at + 1) % items.length
      : key === 'ArrowUp'
        ? (at - 1 + items.length) % items.length
        : key === 'Home'
          ? 0
          : key === 'End'
            ? items.length - 1
            : null;
  if (next === null) return false;
  items[next]?.focus();
  return true;
}

/**
 * A `role="menu"` list of actions. Choosing one first closes the menu (`onClose`, focus back to its button) and then
 * runs the action, so a dialog it opens returns focus to that button too.
 */
export function MenuList({ items, label, onClose }: { items: readonly MenuItem[]; label: string; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // After the dialog around it has opened (parents' layout effects run after this component's).
  useEffect(() => ref.current?.querySelector<HTMLElement>(ITEM_SELECTOR)?.focus({ preventScroll: true }), []);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (moveFocus(event.currentTarget, event.key)) event.preventDefault();
    else if (event.key === 'Tab') onClose();
  };
  let group: string | undefined;
  return (
    <div ref={ref} className="ui-menu" role="menu" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item, i) => {
        const separator = i > 0 && item.group !== group;
        group = item.group;
        return [
          separator ? <div key={`${item.id}-sep`} className="ui-menu-separator" role="separator" /> : null,
          <button
            key={item.id}
            type="button"
            role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
            aria-checked={item.checked}
            className="ui-menu-item"
            disabled={item.disabled}
            data-testid={item.testId}
            onClick={() => {
              onClose();
              item.onSelect();
            }}
          >
            {item.icon ? (
              <span className="ui-menu-icon" aria-hidden="true">
                {item.icon}
              </span>
            ) : null}
            <span>{item.label}</span>
            {item.checked ? (
              <span className="ui-menu-check" aria-hidden="true">
                ✓
              </span>
            ) : null}
          </button>,
        ];
      })}
    </div>
  );
}

/**
 * A menu that drops down from its button: a modal `<dialog>` with a clear backdrop, placed under the button (kept
 * inside the window), closed by Escape, a click outside, Tab or a choice.
 */
export function MenuPopover({
  anchor,
  label,
  items,
  onClose,
  testId,
}: {
  anchor: RefObject<HTMLElement | null>;
  label: string;
  items: readonly MenuItem[];
  onClose: () => void;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useNativeDialog(ref, { modal: true, onEscape: onClose, returnFocus: anchor });
  // Placed before the first paint, straight on the element (a state would re-render after the focus moved in).
  useLayoutEffect(() => {
    const dialog = ref.current;
    const box = anchor.current?.getBoundingClientRect();
    if (!dialog || !box) return;
    const menu = dialog.getBoundingClientRect();
    const left = Math.max(8, Math.min(box.left, window.innerWidth - menu.width - 8));
    const below = box.bottom + 4 + menu.height <= window.innerHeight;
    dialog.style.left = `${left}px`;
    dialog.style.top = `${below ? box.bottom + 4 : Math.max(8, box.top - 4 - menu.height)}px`;
  }, [anchor]);

  return (
    <dialog
      ref={ref}
      className="ui-dialog ui-popover nokey"
      aria-label={label}
      data-testid={testId}
      onClick={(e) => {
        if (isBackdropClick(e.currentTarget, e)) onClose();
      }}
    >
      <MenuList items={items} label={label} onClose={onClose} />
    </dialog>
  );
}
