import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { ACK_PROTOCOL, MESSAGE_SAMENZICHT } from '@samenzicht/shared/sync/ackProtocol';
import { SILENT_AFTER_MS, trackAcks } from './ack.ts';

type Handler = (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: unknown, emitSynced: boolean, type: number) => void;

/** Just what trackAcks uses of a WebsocketProvider: its socket, message handlers and status events. */
function fakeProvider(protocol: string) {
  const sent: Uint8Array[] = [];
  const listeners = new Set<(event: { status: string }) => void>();
  const provider = {
    wsconnected: false,
    ws: { readyState: 1, protocol, send: (bytes: Uint8Array) => sent.push(bytes), close: vi.fn() },
    messageHandlers: [] as Handler[],
    on: (_name: string, listener: (event: { status: string }) => void) => listeners.add(listener),
    off: (_name: string, listener: (event: { status: string }) => void) => listeners.delete(listener),
  };
  return {
    provider,
    sent,
    connect() {
      provider.wsconnected = true;
      for (const listener of listeners) listener({ status: 'connected' });
    },
    /** Hands the page a message from the server, as y-websocket's readMessage does. */
    receive(bytes: number[]) {
      const decoder = decoding.createDecoder(new Uint8Array(bytes));
      const handler = provider.messageHandlers[decoding.readVarUint(decoder)];
      handler?.(encoding.createEncoder(), decoder, provider, true, MESSAGE_SAMENZICHT);
    },
  };
}

/** varUint encoding of `n` as a byte list. */
function varUint(n: number): number[] {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, n);
  return [...encoding.toUint8Array(encoder)];
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', { OPEN: 1 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('trackAcks', () => {
  it('notices within 2 s that the server no longer answers pings, and that it answers again', () => {
    const fake = fakeProvider(ACK_PROTOCOL);
    const doc = new Y.Doc();
    const changes = vi.fn();
    const acks = trackAcks(fake.provider as unknown as WebsocketProvider, doc, changes);
    fake.connect();
    // It asks to be told about its own edits, then pings.
    expect(fake.sent[0]).toEqual(new Uint8Array([MESSAGE_SAMENZICHT, 2, ...varUint(doc.clientID)]));
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(700);
      fake.receive([MESSAGE_SAMENZICHT, 1, i]);
    }
    expect(acks.isHeard()).toBe(true);
    expect(fake.sent.length).toBeGreaterThan(5);
    // Silence from here.
    vi.advanceTimersByTime(SILENT_AFTER_MS);
    expect(acks.isHeard()).toBe(true);
    vi.advanceTimersByTime(2_000 - SILENT_AFTER_MS);
    expect(acks.isHeard()).toBe(false);
    expect(changes).toHaveBeenCalled();
    fake.receive([MESSAGE_SAMENZICHT, 1, 9]);
    expect(acks.isHeard()).toBe(true);
    // Long silence: the socket is closed so the provider reconnects.
    vi.advanceTimersByTime(11_000);
    expect(fake.provider.ws.close).toHaveBeenCalled();
    acks.destroy();
  });

  it('says storing until the server says every local edit is stored', () => {
    const fake = fakeProvider(ACK_PROTOCOL);
    const doc = new Y.Doc();
    const acks = trackAcks(fake.provider as unknown as WebsocketProvider, doc, () => {});
    fake.connect();
    fake.receive([MESSAGE_SAMENZICHT, 3, ...varUint(doc.clientID), 0]);
    expect(acks.saveState()).toBe('stored');
    addFactor(doc, null, { label: 'Schaamte', position: { x: 0, y: 0 } });
    expect(acks.saveState()).toBe('storing');
    const clock = Y.getState(doc.store, doc.clientID);
    // Another client's clock, or less than ours, is not enough.
    fake.receive([MESSAGE_SAMENZICHT, 3, ...varUint(doc.clientID + 1), ...varUint(clock)]);
    fake.receive([MESSAGE_SAMENZICHT, 3, ...varUint(doc.clientID), ...varUint(clock - 1)]);
    expect(acks.saveState()).toBe('storing');
    fake.receive([MESSAGE_SAMENZICHT, 3, ...varUint(doc.clientID), ...varUint(clock)]);
    expect(acks.saveState()).toBe('stored');
    acks.destroy();
  });

  it('ignores a message it cannot read, and closes nothing', () => {
    const fake = fakeProvider(ACK_PROTOCOL);
    const doc = new Y.Doc();
    const acks = trackAcks(fake.provider as unknown as WebsocketProvider, doc, () => {});
    fake.connect();
    addFactor(doc, null, { label: 'Schaamte', position: { x: 0, y: 0 } });
    for (const bad of [
      [MESSAGE_SAMENZICHT],
      [MESSAGE_SAMENZICHT, 3, 1],
      [MESSAGE_SAMENZICHT, 7, 1, 2],
      [MESSAGE_SAMENZICHT, 3, 0xff],
      [MESSAGE_SAMENZICHT, 1, 1, 1],
    ]) {
      expect(() => fake.receive(bad)).not.toThrow();
    }
    expect(acks.saveState()).toBe('storing');
    expect(fake.provider.ws.close).not.toHaveBeenCalled();
    acks.destroy();
  });

  it('against a server without acknowledgements: no pings, and no claim about storing', () => {
    const fake = fakeProvider('samenzicht');
    const doc = new Y.Doc();
    const acks = trackAcks(fake.provider as unknown as WebsocketProvider, doc, () => {});
    fake.connect();
    vi.advanceTimersByTime(5_000);
    expect(fake.sent).toEqual([]);
    expect(acks.isHeard()).toBe(true);
    expect(acks.saveState()).toBe('unknown');
    acks.destroy();
  });
});
