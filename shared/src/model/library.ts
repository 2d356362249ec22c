/**
 * The factor library: every signal of the signal codes file (../library/signals.v1.json), in groups the way parents
 * think of them ("Wat kinderen meemaken", "Wonen, geld en regels", "Hoe de hulp loopt", "Wat helpt", …). Each item
 * carries its stable code, so a factor added from the library keeps standing for that signal when its label is edited.
 */
import { SIGNALS, SIGNAL_GROUPS, type Language, type Signal, type SignalGroup } from '../library/signals.ts';
import type { FactorKind, LifeDomain } from './types.ts';

export interface LibraryItem {
  readonly code: string;
  /** The label in the language the library is shown in. */
  readonly label: string;
  readonly kind: FactorKind;
  readonly domain: LifeDomain;
}

export interface LibraryGroup {
  readonly key: SignalGroup;
  readonly items: readonly LibraryItem[];
}

/** The library in `language`, grouped in the order of SIGNAL_GROUPS. */
export function libraryIn(language: Language): LibraryGroup[] {
  return SIGNAL_GROUPS.map((key) => ({
    key,
    items: SIGNALS.filter((s) => s.group === key).map((s: Signal) => ({
      code: s.code,
      label: s[language],
      kind: s.kind,
      domain: s.domain,
    })),
  }));
}

/** The Dutch library (the default language of an analysis). */
export const FACTOR_LIBRARY: readonly LibraryGroup[] = libraryIn('nl');

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** Returns the library items whose label contains every word of `query` (case and accents ignored). */
export function searchLibrary(query: string, groups: readonly LibraryGroup[] = FACTOR_LIBRARY): LibraryGroup[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return groups
    .map((g) => ({ ...g, items: g.items.filter((i) => words.every((w) => fold(i.label).includes(w))) }))
    .filter((g) => g.items.length > 0);
}

/** The signals whose label (in either language) or code contains every word of `query`: the inspector's code choice. */
export function searchSignals(query: string, language: Language, signals: readonly Signal[] = SIGNALS): Signal[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const other: Language = language === 'nl' ? 'en' : 'nl';
  return signals.filter((s) => {
    const text = fold(`${s[language]} ${s[other]} ${s.code}`);
    return words.every((w) => text.includes(w));
  });
}
