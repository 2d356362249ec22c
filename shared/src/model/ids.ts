/** Short random ids for entities; 12 base32 chars = 60 bits, plenty to avoid collisions between clients. */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Returns a new random id with the given prefix (`f` factor, `l` link, `a` actor). */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let id = prefix;
  for (const byte of bytes) id += ALPHABET[byte & 31];
  return id;
}
