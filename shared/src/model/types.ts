/** The plain, immutable model of one verklarende analyse (DOMAIN.md, CONTRACT.md §1). */
import type { Language } from './language.ts';

export const FACTOR_KINDS = ['problem', 'predisposing', 'precipitating', 'perpetuating', 'aggravating', 'protective'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

export const LIFE_DOMAINS = ['child', 'parents', 'parenting', 'family', 'network', 'context', 'care'] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];

export const EVIDENCE_KINDS = ['observation', 'hypothesis'] as const;
export type Evidence = (typeof EVIDENCE_KINDS)[number];

export const POLARITIES = ['+', '-'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const ROLES = ['parent', 'child', 'network', 'professional', 'facilitator'] as const;
export type Role = (typeof ROLES)[number];

export interface Position {
  readonly x: number;
  readonly y: number;
}

export interface Factor {
  readonly id: string;
  readonly label: string;
  readonly kind: FactorKind;
  readonly domain: LifeDomain | null;
  readonly evidence: Evidence;
  readonly note: string;
  readonly position: Position;
  /** The stable code of the library signal this factor stands for (library/signals.ts); kept when the label changes. */
  readonly signal?: string;
}

export interface Link {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly polarity: Polarity;
  readonly note: string;
}

export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly factors: readonly string[];
}

/** A name people gave to a loop; the loop itself is always computed from the links. */
export interface LoopName {
  readonly links: readonly string[];
  readonly name: string;
}

export interface Analysis {
  readonly title: string;
  readonly factors: readonly Factor[];
  readonly links: readonly Link[];
  readonly actors: readonly Actor[];
  readonly loops: readonly LoopName[];
  /** The language the analysis is written in; absent means Dutch (model/language.ts). */
  readonly language?: Language;
  /** The facilitator's edited story (story/storyOf.ts); absent when the generated story is used. */
  readonly story?: string;
}

/** Returns true when `value` is one of `options` (narrowing the type). */
export function isOneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}
