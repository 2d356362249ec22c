import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './rateLimit.ts';

describe('createTokenBucket', () => {
  it('allows a burst, then refills at the rate, never above the burst', () => {
    let now = 0;
    const bucket = createTokenBucket(10, 20, () => now);
    const takeMany = (n: number) => Array.from({ length: n }, () => bucket.take()).filter(Boolean).length;
    expect(takeMany(25)).toBe(20);
    now += 500; // half a second: 5 tokens
    expect(takeMany(10)).toBe(5);
    now += 60_000; // a long pause fills up to the burst only
    expect(takeMany(50)).toBe(20);
  });

  it('a steady stream at the rate is never refused', () => {
    let now = 0;
    const bucket = createTokenBucket(200, 400, () => now);
    for (let i = 0; i < 10_000; i++) {
      now += 5; // 200 per second
      expect(bucket.take()).toBe(true);
    }
  });
});
