/** The local person: a display name and a colour, remembered on this device only. */
import { readLocal as read, writeLocal as write } from './deviceStorage.ts';

const NAME_KEY = 'samenzicht.name';
const COLOUR_KEY = 'samenzicht.colour';

/** Colours for people: distinct, readable on white, and not the colours of factor kinds. */
export const PERSON_COLOURS = ['#b8336a', '#2a7f62', '#6a4c93', '#c05621', '#1f6fb2', '#8a6d1f', '#3d5a80', '#9c2f2f'];

/** Returns the remembered display name, or null when the person has not given one yet. */
export function loadName(): string | null {
  const name = read(NAME_KEY)?.trim();
  return name ? name : null;
}

/** Remembers the display name. */
export function saveName(name: string): void {
  write(NAME_KEY, name.trim().slice(0, 40));
}

/** Returns this device's colour, choosing one at random the first time. */
export function loadColour(): string {
  const stored = read(COLOUR_KEY);
  if (stored && PERSON_COLOURS.includes(stored)) return stored;
  const colour = PERSON_COLOURS[Math.floor(Math.random() * PERSON_COLOURS.length)]!;
  write(COLOUR_KEY, colour);
  return colour;
}
