import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwareness, encodeDocUpdate, encodeSyncStep1, encodeSyncStep2, parseSyncMessage } from './syncMessage.ts';

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
    expect(parseSyncMessage(encodeAwareness(awarenessUpdate))).toEqual({ ok: true, message: { type: 'awareness', update: awarenessUpdate } });
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
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 5000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256));
      expect(() => parseSyncMessage(bytes)).not.toThrow();
    }
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
