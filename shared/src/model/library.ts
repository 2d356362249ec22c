/**
 * A starting library of factors, taken from the signals in the learning report (DOMAIN.md): what parents
 * experience, what in the chain of help keeps problems going, and the strengths that help. Labels are Dutch
 * because they become the analysis's own words.
 */
import type { FactorKind, LifeDomain } from './types.ts';

export interface LibraryItem {
  readonly label: string;
  readonly kind: FactorKind;
  readonly domain: LifeDomain;
}

export interface LibraryGroup {
  readonly key: 'parents' | 'chain' | 'strengths';
  readonly items: readonly LibraryItem[];
}

const item = (label: string, kind: FactorKind, domain: LifeDomain): LibraryItem => ({ label, kind, domain });

export const FACTOR_LIBRARY: readonly LibraryGroup[] = [
  {
    key: 'parents',
    items: [
      item('Opstapeling van problemen', 'perpetuating', 'parents'),
      item('Schulden na terugvordering toeslagen', 'precipitating', 'context'),
      item('Verzekeringen en regelingen gestopt', 'precipitating', 'context'),
      item('Aanhoudende (toxische) stress', 'perpetuating', 'parents'),
      item('Uitputting', 'perpetuating', 'parents'),
      item('Verhoogde alertheid en wantrouwen', 'perpetuating', 'parents'),
      item('Schaamte', 'perpetuating', 'parents'),
      item('Schuldgevoel naar de kinderen', 'perpetuating', 'parents'),
      item('Sociaal isolement', 'perpetuating', 'network'),
      item('Weinig zelfvertrouwen', 'predisposing', 'parents'),
      item('Vertrouwen in instanties kwijt', 'perpetuating', 'care'),
      item('Hulp afslaan uit angst de regie te verliezen', 'perpetuating', 'care'),
      item('Zich bekeken en beoordeeld voelen', 'aggravating', 'care'),
      item('Steeds moeten bewijzen gedupeerde te zijn', 'aggravating', 'context'),
      item('Dakloos / wonen in de auto', 'aggravating', 'context'),
      item('Onbehandelde psychische klachten', 'predisposing', 'parents'),
      item('Veel reistijd voor bezoek aan de kinderen', 'aggravating', 'context'),
    ],
  },
  {
    key: 'chain',
    items: [
      item('Tientallen betrokken professionals', 'perpetuating', 'care'),
      item('Wisselingen van personeel', 'perpetuating', 'care'),
      item('Hoge caseloads', 'perpetuating', 'care'),
      item('Wachttijden GGZ', 'aggravating', 'care'),
      item('Schaarste op de woningmarkt', 'aggravating', 'context'),
      item('Angst om fouten te maken', 'perpetuating', 'care'),
      item('Versnipperde aanpak', 'perpetuating', 'care'),
      item('AVG-grenzen aan gegevensdeling', 'aggravating', 'care'),
      item('Verouderde dossiers', 'aggravating', 'care'),
      item('Vrijwillige uithuisplaatsing werd gedwongen hulp', 'precipitating', 'care'),
    ],
  },
  {
    key: 'strengths',
    items: [
      item('Traumasensitieve procesbegeleiding', 'protective', 'care'),
      item('Onafhankelijke positie', 'protective', 'care'),
      item('Spoedroutes bij organisaties', 'protective', 'care'),
      item('De tijd nemen', 'protective', 'care'),
      item('Eerlijk zijn over wat wel en niet kan', 'protective', 'care'),
      item('Eigen regie', 'protective', 'parents'),
      item('Steun uit het netwerk', 'protective', 'network'),
      item('Band met de kinderen', 'protective', 'family'),
      item('Bereidheid om te reflecteren', 'protective', 'parents'),
      item('Toekomstperspectief', 'protective', 'family'),
    ],
  },
];

/** Returns the library items whose label contains every word of `query` (case and accents ignored). */
export function searchLibrary(query: string, groups: readonly LibraryGroup[] = FACTOR_LIBRARY): LibraryGroup[] {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  return groups
    .map((g) => ({ ...g, items: g.items.filter((i) => words.every((w) => fold(i.label).includes(w))) }))
    .filter((g) => g.items.length > 0);
}
