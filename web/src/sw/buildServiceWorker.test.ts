import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CACHE_PLACEHOLDER, buildServiceWorker, cacheNameFor } from './buildServiceWorker.ts';

const TEMPLATE = readFileSync(new URL('../../sw/sw.js', import.meta.url), 'utf8');

describe('the service worker of a build', () => {
  it('gets a cache name from the build’s assets: the same for the same build, another for a new one', () => {
    const one = cacheNameFor(['assets/index-abc.js', 'assets/index-def.css']);
    expect(cacheNameFor(['assets/index-def.css', 'assets/index-abc.js'])).toBe(one);
    expect(cacheNameFor(['assets/index-abd.js', 'assets/index-def.css'])).not.toBe(one);
    expect(one).toMatch(/^samenzicht-app-[0-9a-f]{16}$/);
  });

  it('fills the name into the template, which deletes every other cache on activation', () => {
    const source = buildServiceWorker(TEMPLATE, ['assets/a.js']);
    expect(source).not.toContain(CACHE_PLACEHOLDER);
    expect(source).toContain(`const CACHE = '${cacheNameFor(['assets/a.js'])}';`);
    expect(source).toMatch(/if \(key !== CACHE\) await caches\.delete\(key\)/);
  });
});
