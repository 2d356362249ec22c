/** Awareness messages written by hand, and what a stock client hears of one client id, for the presence tests. */
import * as encoding from 'lib0/encoding';
import type { TestClient } from '../testing.ts';

/** An awareness update with `count` entries from client id `firstId` on, each with `state` (null removes). */
export function awarenessUpdate(firstId: number, count: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, firstId + i);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/** The same as a y-websocket message (type 1). */
export function awarenessMessage(firstId: number, count: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, awarenessUpdate(firstId, count, clock, state));
  return encoding.toUint8Array(encoder);
}

/** The display name client `clientId` has for `observer`, if any. */
export function nameOf(observer: TestClient, clientId: number): unknown {
  return (observer.provider.awareness.getStates().get(clientId) as { user?: { name?: unknown } } | undefined)?.user?.name;
}

/** Everything `observer` hears about `clientId` from now on: each new name, or `removed`. */
export function hear(observer: TestClient, clientId: number): string[] {
  const heard: string[] = [];
  observer.provider.awareness.on('change', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    if (added.includes(clientId) || updated.includes(clientId)) heard.push(String(nameOf(observer, clientId)));
    if (removed.includes(clientId)) heard.push('removed');
  });
  return heard;
}
