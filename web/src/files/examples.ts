/// <reference types="vite/client" />
/**
 * The fictional example analyses of examples/. Vite finds them when the app is built; each is its own lazy chunk,
 * so the start page does not download them until someone opens one.
 */

const FILES = import.meta.glob<string>('../../../examples/*.samenzicht.json', { query: '?raw', import: 'default' });

/** Names with a label in i18n (`files.example_<name>`), in the order they are offered. */
export const KNOWN_EXAMPLES = ['small', 'medium', 'large'] as const;

export interface Example {
  /** The file name without `.samenzicht.json`, e.g. `small`. */
  readonly name: string;
  load(): Promise<string>;
}

function rank(name: string): number {
  const i = (KNOWN_EXAMPLES as readonly string[]).indexOf(name);
  return i === -1 ? KNOWN_EXAMPLES.length : i;
}

export const EXAMPLES: readonly Example[] = Object.entries(FILES)
  .map(([path, load]) => ({ name: path.slice(path.lastIndexOf('/') + 1).replace(/\.samenzicht\.json$/, ''), load }))
  .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
