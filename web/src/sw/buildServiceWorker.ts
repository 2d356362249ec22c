/**
 * The service worker of one build. Its cache name carries a hash of the build's asset names (which are content
 * hashed), so a new build gives a new `sw.js`: the browser installs it, and on activation it deletes the caches of
 * older builds. A build that changed nothing keeps its name, and browsers keep their cache.
 */
import { createHash } from 'node:crypto';

export const CACHE_PLACEHOLDER = '__SAMENZICHT_CACHE__';

/** The cache name of a build with these asset file names. */
export function cacheNameFor(assetNames: readonly string[]): string {
  const hash = createHash('sha256');
  for (const name of [...assetNames].sort()) hash.update(`${name}\n`);
  return `samenzicht-app-${hash.digest('hex').slice(0, 16)}`;
}

/** The worker's source for this build: the template with its cache name filled in. */
export function buildServiceWorker(template: string, assetNames: readonly string[]): string {
  if (!template.includes(`'${CACHE_PLACEHOLDER}'`)) throw new Error(`the service worker template has no '${CACHE_PLACEHOLDER}'`);
  return template.replace(`'${CACHE_PLACEHOLDER}'`, JSON.stringify(cacheNameFor(assetNames)).replace(/"/g, "'"));
}
