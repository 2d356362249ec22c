import type { nl } from './nl.ts';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language must fill: the Dutch keys, with any text. */
export type Messages = Widen<typeof nl>;
