/** The language an analysis is written in (CONTRACT.md §1 version 2, `language`): its labels, its story. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** An analysis that does not say is Dutch. */
export const DEFAULT_LANGUAGE: Language = 'nl';

/** `value` when it is a language, else the default. */
export function readLanguage(value: unknown): Language {
  return value === 'nl' || value === 'en' ? value : DEFAULT_LANGUAGE;
}
