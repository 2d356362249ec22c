import { useSyncExternalStore } from 'react';

/** The layout switches to the phone and tablet-portrait form below this width (css px); ui.css uses the same. */
export const NARROW_QUERY = '(max-width: 899.98px)';

/** True while the media query matches; follows rotation and window resizes. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** The compact layout: the canvas gets the screen, panels become sheets, the header folds into a menu. */
export function useNarrow(): boolean {
  return useMediaQuery(NARROW_QUERY);
}
