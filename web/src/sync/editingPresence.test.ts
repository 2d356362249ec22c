import { describe, expect, it } from 'vitest';
import { toPresenceDrags } from './presence.ts';
import { MAX_PUBLISHED_SELECTION, readEditing, readSelection, toPresenceSelection } from './editingPresence.ts';

const jsonBytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

describe('selection and editing as presence', () => {
  it('publishes at most 30 selected factors, and the whole state with the largest drags stays below 4096 bytes', () => {
    // 64 control characters, each escaped to 6 bytes of JSON: the worst ids a file may bring.
    const id = (i: number) => String(i).padStart(64, '\u0001');
    const selection = toPresenceSelection(Array.from({ length: 500 }, (_, i) => id(i)));
    expect(selection.length).toBeLessThanOrEqual(MAX_PUBLISHED_SELECTION);
    expect(toPresenceSelection(['f1', 'f2'])).toEqual(['f1', 'f2']);
    const drags = toPresenceDrags(new Map(Array.from({ length: 500 }, (_, i) => [id(i), { x: -1e7 - i, y: -1e7 - i }])));
    const state = {
      user: { name: '\u0001'.repeat(40), colour: '#123456' },
      cursor: { x: -123456.789, y: -123456.789 },
      drags,
      selection,
      editing: { id: id(1), field: 'note' },
    };
    expect(jsonBytes(state)).toBeLessThan(4096);
  });

  it('reads what other clients send defensively', () => {
    expect(readSelection(['f1', 'f1', 7, '', 'x'.repeat(65), 'f2'])).toEqual(['f1', 'f2']);
    expect(readSelection('f1')).toEqual([]);
    expect(readSelection(Array.from({ length: 100 }, (_, i) => `f${i}`))).toHaveLength(MAX_PUBLISHED_SELECTION);
    expect(readEditing({ id: 'f1', field: 'note' })).toEqual({ id: 'f1', field: 'note' });
    expect(readEditing({ id: 'f1', field: 'kind' })).toBeNull();
    expect(readEditing({ id: 5, field: 'label' })).toBeNull();
    expect(readEditing(null)).toBeNull();
    expect(readEditing('f1')).toBeNull();
  });
});
