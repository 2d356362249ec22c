/** Short join codes: the word list, drawing and reading codes, and the limit of wrong tries. */
import { describe, expect, it } from 'vitest';
import { countJoinCodes, createJoinGuard, hashJoinCode, newJoinCode, normalizeJoinCode } from './joinCodes.ts';
import { JOIN_WORDS } from './joinWords.ts';
import { seededRandom } from './testing.ts';

describe('the word list', () => {
  it('has at least 512 distinct words of 3 to 9 letters a–z, none two others joined', () => {
    expect(JOIN_WORDS.length).toBeGreaterThanOrEqual(512);
    expect(new Set(JOIN_WORDS).size).toBe(JOIN_WORDS.length);
    for (const word of JOIN_WORDS) expect(word).toMatch(/^[a-z]{3,9}$/);
    const words = new Set(JOIN_WORDS);
    const joined = JOIN_WORDS.filter((w) =>
      Array.from({ length: w.length }, (_, i) => i).some((i) => words.has(w.slice(0, i)) && words.has(w.slice(i))),
    );
    expect(joined).toEqual([]);
  });

  it('gives more than 2^34 codes', () => {
    expect(countJoinCodes()).toBeGreaterThan(2 ** 34);
  });
});

describe('newJoinCode and normalizeJoinCode', () => {
  it('draws three words of the list and two digits, which read back as the same code', () => {
    const random = seededRandom(1313);
    for (let i = 0; i < 200; i++) {
      const code = newJoinCode((max) => Math.floor(random() * max));
      const parts = code.split(' ');
      expect(parts).toHaveLength(4);
      for (const word of parts.slice(0, 3)) expect(JOIN_WORDS).toContain(word);
      expect(parts[3]).toMatch(/^[0-9]{2}$/);
      expect(normalizeJoinCode(code)).toBe(parts.join(''));
    }
  });

  it('ignores case, spaces, hyphens and accents', () => {
    const plain = normalizeJoinCode('appel vlinder haven 07');
    expect(plain).toBe('appelvlinderhaven07');
    for (const typed of ['  Appel-Vlinder-Haven-07 ', 'APPEL VLINDER HAVEN 07', 'appelvlinderhaven07', 'appél  vlinder\thaven 0 7']) {
      expect(normalizeJoinCode(typed)).toBe(plain);
    }
  });

  it('refuses what cannot be a code', () => {
    for (const typed of ['', 'appel', 'appel vlinder haven', '12 appel vlinder haven', 'appel vlinder haven 1', 'x'.repeat(101) + '12']) {
      expect(normalizeJoinCode(typed)).toBeNull();
    }
  });

  it('hashes a code into 64 hex characters that differ from the code', () => {
    const hash = hashJoinCode('appelvlinderhaven07');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(hashJoinCode('appelvlinderhaven08'));
  });
});

describe('JoinGuard', () => {
  const WINDOW = 600_000;

  it('refuses the 11th wrong try of an address within the window, with the seconds until the oldest expires', () => {
    let now = 1_000_000;
    const guard = createJoinGuard({ perAddress: 10, global: 100, windowMs: WINDOW, now: () => now });
    for (let i = 0; i < 10; i++) {
      expect(guard.take('10.0.0.1').ok).toBe(true);
      now += 1_000;
    }
    const refused = guard.take('10.0.0.1');
    expect(refused).toEqual({ ok: false, retryAfterS: 590 });
    // Another address is not held back.
    expect(guard.take('10.0.0.2').ok).toBe(true);
    // Once the first try is older than the window, one more is allowed.
    now = 1_000_000 + WINDOW + 1;
    expect(guard.take('10.0.0.1').ok).toBe(true);
    expect(guard.take('10.0.0.1').ok).toBe(false);
  });

  it('counts tries that succeeded as not made', () => {
    const guard = createJoinGuard({ perAddress: 2, global: 100, windowMs: WINDOW, now: () => 5 });
    for (let i = 0; i < 5; i++) {
      const taken = guard.take('10.0.0.1');
      if (!taken.ok) throw new Error(`try ${i} refused`);
      guard.succeeded(taken.ticket);
    }
    expect(guard.take('10.0.0.1').ok).toBe(true);
    expect(guard.take('10.0.0.1').ok).toBe(true);
    expect(guard.take('10.0.0.1').ok).toBe(false);
  });

  it('holds a limit for the whole server over many addresses', () => {
    const guard = createJoinGuard({ perAddress: 10, global: 25, windowMs: WINDOW, now: () => 0 });
    let allowed = 0;
    for (let i = 0; i < 100; i++) if (guard.take(`10.0.${i}.1`).ok) allowed++;
    expect(allowed).toBe(25);
  });

  it('counts an IPv6 /64 as one address', () => {
    const guard = createJoinGuard({ perAddress: 3, global: 100, windowMs: WINDOW, now: () => 0 });
    expect(guard.take('2001:db8:0:1::1').ok).toBe(true);
    expect(guard.take('2001:db8:0:1::2').ok).toBe(true);
    expect(guard.take('2001:db8:0:1:ffff::3').ok).toBe(true);
    expect(guard.take('2001:db8:0:1::4').ok).toBe(false);
    expect(guard.take('2001:db8:0:2::1').ok).toBe(true);
  });
});
