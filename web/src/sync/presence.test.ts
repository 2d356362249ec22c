import { describe, expect, it } from 'vitest';
import { MAX_PUBLISHED_DRAGS, MAX_PUBLISHED_DRAGS_BYTES, toPresenceDrags } from './presence.ts';

/** The server's default MAX_PRESENCE_BYTES (server/src/syncMessage.ts). */
const SERVER_MAX_PRESENCE_BYTES = 4096;

const jsonBytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

describe('toPresenceDrags', () => {
  it('publishes at most 30 dragged factors, rounded to a tenth', () => {
    const drags = new Map(
      Array.from({ length: 500 }, (_, i) => [`f${String(i).padStart(12, 'a')}`, { x: i + 0.123456789, y: -i - 0.987654321 }]),
    );
    const published = toPresenceDrags(drags);
    expect(Object.keys(published)).toHaveLength(MAX_PUBLISHED_DRAGS);
    expect(published.faaaaaaaaaaa7).toEqual({ x: 7.1, y: -8 });
  });

  it('keeps the whole presence state far below the server limit, even with the longest ids and names', () => {
    // 64 control characters: each is escaped to 6 bytes of JSON.
    const drags = new Map(
      Array.from({ length: 500 }, (_, i) => [`${String(i)}${'\u0001'.repeat(61)}`, { x: -1_000_000.05, y: -999_999.95 }]),
    );
    const published = toPresenceDrags(drags);
    expect(Object.keys(published).length).toBeGreaterThan(0);
    expect(jsonBytes(published)).toBeLessThanOrEqual(MAX_PUBLISHED_DRAGS_BYTES);
    const state = {
      user: { name: '\u{1F600}'.repeat(40), colour: '#336699' },
      cursor: { x: -1_000_000.123456789, y: -1_000_000.123456789 },
      drags: published,
    };
    expect(jsonBytes(state)).toBeLessThan(SERVER_MAX_PRESENCE_BYTES * 0.75);
  });

  it('a usual drag of a few factors is a few hundred bytes', () => {
    const drags = new Map([
      ['fabcdefghijkl', { x: 1234.5678, y: -98.7654 }],
      ['fmnopqrstuvwx', { x: 1534.5678, y: 1.2 }],
    ]);
    expect(jsonBytes(toPresenceDrags(drags))).toBeLessThan(100);
  });
});
