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

/** How one person involved sees a factor or link: "herken ik", "twijfel", "herken ik niet". */
export type Stance = 'recognise' | 'doubt' | 'not-recognise';

/** The stance of actor `actor` on the factor or link `on` (file version 2; model/stance.ts). */
export interface StanceMark {
  readonly actor: string;
  readonly on: string;
  readonly stance: Stance;
}

/** Whether the analysis counts toward the cross-case signals, and its team label (file version 2; model/signals.ts). */
export interface SignalSettings {
  readonly share: boolean;
  readonly team: string;
}

/**
 * A remark on a factor, a link or a loop (`on`: a factor id, a link id, or `loop:<link ids joined by ,>`), in a
 * thread (`replyTo`); limits and reading in comment.ts.
 */
export interface Comment {
  readonly id: string;
  readonly on: string;
  /** The display name of the person who wrote it. */
  readonly author: string;
  /** The person involved (actor id) the writer said they are, when they chose one. */
  readonly actor?: string;
  /** When it was written, ISO-8601 UTC. */
  readonly at: string;
  readonly text: string;
  readonly replyTo: string | null;
  readonly resolved: boolean;
  /** Live document only, never in a file: the device that wrote it (to edit or delete one's own). */
  readonly by?: string;
}

export interface Analysis {
  readonly title: string;
  readonly factors: readonly Factor[];
  readonly links: readonly Link[];
  readonly actors: readonly Actor[];
  readonly loops: readonly LoopName[];
  /** Absent (or empty) when nobody marked anything. */
  readonly stances?: readonly StanceMark[];
  /** Absent when the defaults (`{ share: false, team: "" }`). */
  readonly signals?: SignalSettings;
  /** Comments in threads (file version 2); absent is none. */
  readonly comments?: readonly Comment[];
  /** The language the analysis is written in; absent means Dutch (model/language.ts). */
  readonly language?: Language;
  /** The facilitator's edited story (story/storyOf.ts); absent when the generated story is used. */
  readonly story?: string;
}

/** Returns true when `value` is one of `options` (narrowing the type). */
export function isOneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}
