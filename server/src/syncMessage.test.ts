import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { addFactor, moveFactors, updateFactors } from '@samenzicht/shared/ydoc/commands';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { restoreDoc } from './restoreDoc.ts';
import type { StoredDoc } from './storage/storage.ts';
import {
  DEFAULT_MAX_PRESENCE_BYTES,
  encodeAnswerFromStored,
  encodeAwareness,
  encodeDocUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  parseSyncMessage,
} from './syncMessage.ts';

function docWithTitle(title: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', title);
  return doc;
}

describe('parseSyncMessage', () => {
  it('reads what the encoders write', () => {
    const doc = docWithTitle('hallo');
    const update = Y.encodeStateAsUpdate(doc);
    expect(parseSyncMessage(encodeSyncStep1(doc))).toMatchObject({ ok: true, message: { type: 'syncStep1' } });
    expect(parseSyncMessage(encodeSyncStep2(doc, new Uint8Array([0])))).toMatchObject({ ok: true, message: { type: 'syncStep2' } });
    expect(parseSyncMessage(encodeDocUpdate(update))).toEqual({ ok: true, message: { type: 'update', update } });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Anna' } });
    const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(parseSyncMessage(encodeAwareness(awarenessUpdate))).toEqual({
      ok: true,
      message: { type: 'awareness', update: awarenessUpdate },
    });
    expect(parseSyncMessage(new Uint8Array([2, 0, 0]))).toEqual({ ok: true, message: { type: 'auth' } });
    expect(parseSyncMessage(new Uint8Array([3]))).toEqual({ ok: true, message: { type: 'queryAwareness' } });
    awareness.destroy();
    doc.destroy();
  });

  it.each([
    ['empty', []],
    ['an unknown type', [9, 1, 2, 3]],
    ['a huge varint type', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
    ['an unknown sync type', [0, 7]],
    ['a sync message without body', [0]],
    ['a truncated update', [0, 2, 10, 1, 2]],
    ['a corrupt update', [0, 2, 4, 255, 255, 255, 255]],
    ['a corrupt state vector', [0, 0, 3, 200, 200, 200]],
    ['awareness with broken JSON', [1, 6, 1, 1, 1, 2, 123, 120]],
  ])('refuses %s without throwing', (_name, bytes) => {
    const parsed = parseSyncMessage(new Uint8Array(bytes));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toBeTruthy();
  });

  it('never throws on random input', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 5000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256));
      expect(() => parseSyncMessage(bytes)).not.toThrow();
    }
  });

  it('refuses an awareness state over maxPresenceBytes (4096 by default), naming its size, and takes one at the limit', () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    // {"n":"…"} is 8 bytes around the text; é is 2 bytes in UTF-8, so bytes are counted, not characters.
    const withJsonBytes = (bytes: number, char = 'a'): Uint8Array => {
      awareness.setLocalState({ n: char.repeat((bytes - 8) / Buffer.byteLength(char)) });
      return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    };
    expect(parseSyncMessage(withJsonBytes(DEFAULT_MAX_PRESENCE_BYTES)).ok).toBe(true);
    expect(parseSyncMessage(withJsonBytes(DEFAULT_MAX_PRESENCE_BYTES + 2, 'é'))).toEqual({
      ok: false,
      reason: `awareness state of ${DEFAULT_MAX_PRESENCE_BYTES + 2} bytes, over MAX_PRESENCE_BYTES (${DEFAULT_MAX_PRESENCE_BYTES})`,
    });
    expect(parseSyncMessage(withJsonBytes(6 * 1024 * 1024)).ok).toBe(false);
    expect(parseSyncMessage(withJsonBytes(1_000), { maxPresenceBytes: 999 }).ok).toBe(false);
    expect(parseSyncMessage(withJsonBytes(1_000), { maxPresenceBytes: 1_000 }).ok).toBe(true);
    awareness.destroy();
    doc.destroy();
  });

  it('a state vector from step 1 yields the missing part in step 2', () => {
    const server = docWithTitle('server');
    const client = new Y.Doc();
    const step1 = parseSyncMessage(encodeSyncStep1(client));
    if (!step1.ok || step1.message.type !== 'syncStep1') throw new Error('expected step 1');
    const step2 = parseSyncMessage(encodeSyncStep2(server, step1.message.stateVector));
    if (!step2.ok || step2.message.type !== 'syncStep2') throw new Error('expected step 2');
    Y.applyUpdate(client, step2.message.update);
    expect(client.getMap('meta').get('title')).toBe('server');
  });
});

describe('encodeAnswerFromStored', () => {
  /** A snapshot (as compaction writes it) plus a log of updates made after it, some building on the snapshot. */
  function storedAnalysis(): { stored: StoredDoc; midway: Uint8Array } {
    const doc = new Y.Doc();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(addFactor(doc, 'test', { label: `f${i}`, position: { x: i, y: 0 } }));
    const midway = Y.encodeStateAsUpdate(doc);
    for (let i = 0; i < 10; i++) moveFactors(doc, 'test', [{ id: ids[i]!, position: { x: i, y: i } }]);
    const snapshot = Y.encodeStateAsUpdate(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    updateFactors(doc, 'test', [ids[3]!], { label: 'na de snapshot' });
    addFactor(doc, 'test', { label: 'ook na de snapshot', position: { x: 0, y: 99 } });
    moveFactors(doc, 'test', [{ id: ids[3]!, position: { x: 7, y: 7 } }]);
    return { stored: { snapshot, updates, lastUpdateId: updates.length }, midway };
  }

  /** Applies the messages in order; returns whether sync step 2 came last and only there. */
  function applyAll(doc: Y.Doc, messages: Uint8Array[]): boolean {
    const types = messages.map((bytes) => {
      const parsed = parseSyncMessage(bytes);
      if (!parsed.ok || (parsed.message.type !== 'update' && parsed.message.type !== 'syncStep2')) throw new Error('not an update');
      Y.applyUpdate(doc, parsed.message.update);
      return parsed.message.type;
    });
    return types.indexOf('syncStep2') === types.length - 1;
  }

  it('gives a fresh client and a half-synced one exactly the stored state, with sync step 2 last', () => {
    const { stored, midway } = storedAnalysis();
    const expected = readAnalysis(restoreDoc(stored).doc);
    expect(expected.factors.map((f) => f.label)).toContain('ook na de snapshot');

    const fresh = new Y.Doc();
    expect(applyAll(fresh, encodeAnswerFromStored(stored, Y.encodeStateVector(new Y.Doc())))).toBe(true);
    expect(fresh.store.pendingStructs).toBeNull();
    expect(readAnalysis(fresh)).toEqual(expected);

    const partial = new Y.Doc();
    Y.applyUpdate(partial, midway);
    const answer = encodeAnswerFromStored(stored, Y.encodeStateVector(partial));
    expect(applyAll(partial, answer)).toBe(true);
    expect(readAnalysis(partial)).toEqual(expected);
    // Cut down to what it lacked: smaller than the whole.
    const whole = encodeAnswerFromStored(stored, Y.encodeStateVector(new Y.Doc()));
    expect(answer.reduce((n, m) => n + m.length, 0)).toBeLessThan(whole.reduce((n, m) => n + m.length, 0));
  });
});
