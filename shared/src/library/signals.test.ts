import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import ledger from './signals.ledger.json' with { type: 'json' };
import data from './signals.v1.json' with { type: 'json' };
import { SIGNALS, SIGNAL_CODES, checkLedger, isSignalCode, readSignalCodesFile, signalByCode, type SignalCodesFile } from './signals.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('signal codes', () => {
  it('keeps the committed ledger: no code reused for another meaning, no retired code back, none gone silently', () => {
    expect(checkLedger(SIGNAL_CODES, ledger, sha256)).toEqual([]);
  });

  it('every code is lowercase ASCII words joined by "-", and unique', () => {
    for (const s of SIGNALS) expect(isSignalCode(s.code), s.code).toBe(true);
    expect(new Set(SIGNALS.map((s) => s.code)).size).toBe(SIGNALS.length);
    for (const bad of ['Schulden', 'schulden_toeslagen', '-schulden', 'schulden-', 'schul--den', 'schuldén', '', 'a b']) {
      expect(isSignalCode(bad), bad).toBe(false);
    }
  });

  it('reads the data file it ships with, and looks codes up', () => {
    expect(readSignalCodesFile(data).signals.length).toBe(SIGNALS.length);
    expect(signalByCode('schulden-toeslagen')?.nl).toBe('Schulden na terugvordering toeslagen');
    expect(signalByCode('bestaat-niet')).toBeUndefined();
    expect(signalByCode(undefined)).toBeUndefined();
  });

  it('refuses a data file with a wrong kind or group, naming the place', () => {
    const broken = structuredClone(data) as { signals: Array<Record<string, unknown>> };
    broken.signals[3]!.kind = 'probleem';
    expect(() => readSignalCodesFile(broken)).toThrow(/signals\[3\]\.kind: probleem/);
  });

  describe('checkLedger catches every way a code can lose its meaning', () => {
    const one = (code: string, nl: string, en: string) => ({ code, nl, en, kind: 'problem', domain: 'child', group: 'children' }) as const;
    const file = (signals: SignalCodesFile['signals'], retired: SignalCodesFile['retired'] = []): SignalCodesFile => ({
      format: 'samenzicht/signal-codes',
      version: 1,
      signals,
      retired,
    });
    const base = { codes: { 'a-b': sha256('A\nA'), 'c-d': sha256('C\nC') } };

    it('accepts a file that matches', () => {
      expect(checkLedger(file([one('a-b', 'A', 'A'), one('c-d', 'C', 'C')]), base, sha256)).toEqual([]);
    });
    it('a code that now means something else', () => {
      expect(checkLedger(file([one('a-b', 'A', 'A'), one('c-d', 'Iets anders', 'C')]), base, sha256)).toEqual([
        'c-d: its meaning changed; give the new meaning a new code and retire this one',
      ]);
    });
    it('a retired code that reappears', () => {
      const retired = [{ code: 'c-d', nl: 'C', en: 'C', reason: 'merged' }];
      expect(checkLedger(file([one('a-b', 'A', 'A'), one('c-d', 'C', 'C')], retired), base, sha256)).toEqual([
        'c-d: was retired and may not be used again',
      ]);
      expect(checkLedger(file([one('a-b', 'A', 'A')], retired), base, sha256)).toEqual([]);
    });
    it('a code that disappears without being retired, a new code not in the ledger, a code used twice', () => {
      expect(checkLedger(file([one('a-b', 'A', 'A'), one('a-b', 'A', 'A'), one('e-f', 'E', 'E')]), base, sha256)).toEqual([
        'a-b: used twice',
        `e-f: not in the ledger yet; add "e-f": "${sha256('E\nE')}"`,
        'c-d: disappeared; list it under "retired" instead',
      ]);
    });
  });
});
