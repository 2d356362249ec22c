/**
 * The signal codes of the factor library (CONTRACT.md §1, `factors[].signal`): one stable code per library item,
 * with its Dutch and English label, kind, life domain and the library group it is shown in. The data is a versioned
 * file (signals.v1.json); signals.ledger.json keeps every code ever published with a hash of its meaning, and
 * signals.test.ts fails when a code changes meaning or a retired code comes back (checkLedger below).
 */
import data from './signals.v1.json' with { type: 'json' };
import { FACTOR_KINDS, LIFE_DOMAINS, isOneOf, type FactorKind, type LifeDomain } from '../model/types.ts';
import type { Language } from '../model/language.ts';
import { isSignalCode } from '../model/signal.ts';

export { SIGNAL_CODE_MAX_LENGTH, SIGNAL_CODE_PATTERN, isSignalCode } from '../model/signal.ts';

export { LANGUAGES, type Language } from '../model/language.ts';

/** The library groups, in the order a parent thinks of them: what happens, then what helps. */
export const SIGNAL_GROUPS = ['children', 'parents', 'family', 'living', 'help', 'strengths'] as const;
export type SignalGroup = (typeof SIGNAL_GROUPS)[number];

export interface Signal {
  readonly code: string;
  readonly nl: string;
  readonly en: string;
  readonly kind: FactorKind;
  readonly domain: LifeDomain;
  readonly group: SignalGroup;
}

export interface RetiredSignal {
  readonly code: string;
  readonly nl: string;
  readonly en: string;
  readonly reason: string;
}

export interface SignalCodesFile {
  readonly format: string;
  readonly version: number;
  readonly signals: readonly Signal[];
  readonly retired: readonly RetiredSignal[];
}

/** Checks the shape of the data file; throws naming the place, so a broken data file fails at once. */
export function readSignalCodesFile(raw: unknown): SignalCodesFile {
  const file = raw as { format?: unknown; version?: unknown; signals?: unknown; retired?: unknown };
  if (file.format !== 'samenzicht/signal-codes' || typeof file.version !== 'number') throw new Error('signals: not a signal codes file');
  if (!Array.isArray(file.signals) || !Array.isArray(file.retired)) throw new Error('signals: expected lists signals and retired');
  const signals = file.signals.map((s: Record<string, unknown>, i): Signal => {
    const where = `signals[${i}]`;
    if (!isSignalCode(s.code)) throw new Error(`${where}.code: not a signal code: ${String(s.code)}`);
    if (typeof s.nl !== 'string' || !s.nl || typeof s.en !== 'string' || !s.en) throw new Error(`${where}: needs nl and en labels`);
    if (!isOneOf(FACTOR_KINDS, s.kind)) throw new Error(`${where}.kind: ${String(s.kind)}`);
    if (!isOneOf(LIFE_DOMAINS, s.domain)) throw new Error(`${where}.domain: ${String(s.domain)}`);
    if (!isOneOf(SIGNAL_GROUPS, s.group)) throw new Error(`${where}.group: ${String(s.group)}`);
    return { code: s.code, nl: s.nl, en: s.en, kind: s.kind, domain: s.domain, group: s.group };
  });
  const retired = file.retired.map((r: Record<string, unknown>, i): RetiredSignal => {
    if (!isSignalCode(r.code)) throw new Error(`retired[${i}].code: not a signal code: ${String(r.code)}`);
    return { code: r.code, nl: String(r.nl ?? ''), en: String(r.en ?? ''), reason: String(r.reason ?? '') };
  });
  return { format: file.format, version: file.version, signals, retired };
}

export const SIGNAL_CODES: SignalCodesFile = readSignalCodesFile(data);
export const SIGNALS: readonly Signal[] = SIGNAL_CODES.signals;

const BY_CODE = new Map(SIGNALS.map((s) => [s.code, s]));

/** The library signal with this code, or undefined (a code from elsewhere, or a retired one). */
export function signalByCode(code: string | undefined | null): Signal | undefined {
  return code ? BY_CODE.get(code) : undefined;
}

/** The label of a signal in `language`. */
export function signalLabel(signal: Pick<Signal, 'nl' | 'en'>, language: Language): string {
  return signal[language];
}

/** The text whose hash the ledger keeps for a code: its Dutch and English label. */
export function signalMeaning(signal: Pick<Signal, 'nl' | 'en'>): string {
  return `${signal.nl}\n${signal.en}`;
}

export interface SignalLedger {
  /** Code → hash of its meaning, for every code ever published. */
  readonly codes: Readonly<Record<string, string>>;
}

/**
 * The ways `file` breaks the ledger: a code used twice, a code whose meaning differs from the one it was published
 * with, a retired code in use again, a published code that silently disappeared (it must be retired instead), and a
 * code missing from the ledger (add it with the hash named). An empty list when all is well.
 */
export function checkLedger(file: SignalCodesFile, ledger: SignalLedger, hash: (text: string) => string): string[] {
  const problems: string[] = [];
  const active = new Set<string>();
  for (const s of file.signals) {
    if (active.has(s.code)) problems.push(`${s.code}: used twice`);
    active.add(s.code);
    const known = ledger.codes[s.code];
    const now = hash(signalMeaning(s));
    if (known === undefined) problems.push(`${s.code}: not in the ledger yet; add "${s.code}": "${now}"`);
    else if (known !== now) problems.push(`${s.code}: its meaning changed; give the new meaning a new code and retire this one`);
  }
  const retired = new Set(file.retired.map((r) => r.code));
  for (const code of retired) {
    if (active.has(code)) problems.push(`${code}: was retired and may not be used again`);
    if (ledger.codes[code] === undefined) problems.push(`${code}: retired but not in the ledger`);
  }
  for (const code of Object.keys(ledger.codes)) {
    if (!active.has(code) && !retired.has(code)) problems.push(`${code}: disappeared; list it under "retired" instead`);
  }
  return problems;
}
