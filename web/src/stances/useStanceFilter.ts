import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/EditorContext.tsx';
import { filterShows } from './derived.ts';

/**
 * With a stance filter on ("Waar verschillen we?", "Nog door niemand gemarkeerd"), hides the factors and links it does
 * not show (React Flow's `hidden`); without one, gives the elements back as they are.
 */
export function useStanceFilter<T extends { id: string; hidden?: boolean }>(elements: T[]): T[] {
  const { filter, factors, links, actors, stances } = useEditor(
    useShallow((s) => ({
      filter: s.stanceFilter,
      factors: s.doc.factors,
      links: s.doc.links,
      actors: s.doc.actors,
      stances: s.doc.stances,
    })),
  );
  const shows = useMemo(() => filterShows({ factors, links, actors, stances }, filter), [filter, factors, links, actors, stances]);
  return useMemo(
    () => (shows === null ? elements : elements.map((e) => (shows.has(e.id) ? e : { ...e, hidden: true }))),
    [elements, shows],
  );
}
