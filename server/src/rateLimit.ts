/** A token bucket: `ratePerSecond` on average, bursts up to `burst`; one per connection. */

export interface TokenBucket {
  /** Takes one token; false when the bucket is empty (the caller is over its rate). */
  take(): boolean;
}

/** Returns a full bucket. `now` returns milliseconds (injectable for tests). */
export function createTokenBucket(
  ratePerSecond: number,
  burst: number,
  now: () => number = performance.now.bind(performance),
): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const time = now();
      tokens = Math.min(burst, tokens + ((time - last) / 1000) * ratePerSecond);
      last = time;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
