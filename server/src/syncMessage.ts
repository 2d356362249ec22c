/**
 * The y-websocket wire format: parsing untrusted messages from a client and encoding messages to it.
 * A message is `[type: varUint, …]`: 0 sync (y-protocols/sync), 1 awareness, 2 auth, 3 query awareness.
 * Parsing checks the embedded Yjs update and awareness payload too, so a corrupt one is refused before it reaches
 * the room's document, and an awareness state over `maxPresenceBytes` before it is even decoded.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as string from 'lib0/string';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_SAMENZICHT, parseAckRequest } from '@samenzicht/shared/sync/ackProtocol';
import type { StoredDoc } from './storage/storage.ts';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Samenzicht's pings and stored acknowledgements (shared/src/sync/ackProtocol.ts). */
export const MESSAGE_SAMENZICHT_TYPE = MESSAGE_SAMENZICHT;

export type SyncMessage =
  | { readonly type: 'syncStep1'; readonly stateVector: Uint8Array }
  | { readonly type: 'syncStep2'; readonly update: Uint8Array }
  | { readonly type: 'update'; readonly update: Uint8Array }
  | { readonly type: 'awareness'; readonly update: Uint8Array }
  | { readonly type: 'auth' }
  | { readonly type: 'queryAwareness' }
  /** Samenzicht's own messages (shared/src/sync/ackProtocol.ts), only from a client that offered `samenzicht.ack`. */
  | { readonly type: 'ping'; readonly seq: number }
  | { readonly type: 'watch'; readonly clientId: number };

/**
 * Largest awareness state (its JSON, in UTF-8 bytes) taken by default (MAX_PRESENCE_BYTES). The web app publishes a
 * name, a colour, a cursor and at most 30 dragged positions, about 1.5 kB at most (web/src/sync/session.ts).
 */
export const DEFAULT_MAX_PRESENCE_BYTES = 4096;

export interface ParseLimits {
  /** Largest awareness state JSON in bytes; a message with a larger one is refused. */
  readonly maxPresenceBytes?: number;
  /** Whether the client offered `samenzicht.ack`; without it a ping or watch is an unknown message type. */
  readonly ack?: boolean;
}

export type ParsedMessage = { readonly ok: true; readonly message: SyncMessage } | { readonly ok: false; readonly reason: string };

/**
 * Returns a reason unless `update` is a well-formed awareness update (entries of client id, clock and JSON state)
 * with no state over `maxPresenceBytes`; throws on broken encoding. The size is checked before the text is decoded.
 */
function checkAwarenessUpdate(update: Uint8Array, maxPresenceBytes: number): string | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const json = decoding.readVarUint8Array(decoder);
    if (json.length > maxPresenceBytes) {
      return `awareness state of ${json.length} bytes, over MAX_PRESENCE_BYTES (${maxPresenceBytes})`;
    }
    JSON.parse(string.decodeUtf8(json));
  }
  return null;
}

function parseSync(decoder: decoding.Decoder): SyncMessage | string {
  const syncType = decoding.readVarUint(decoder);
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1: {
      const stateVector = decoding.readVarUint8Array(decoder);
      Y.decodeStateVector(stateVector);
      return { type: 'syncStep1', stateVector };
    }
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate: {
      const update = decoding.readVarUint8Array(decoder);
      // Decoding walks every struct and throws on almost any corruption, before the room's doc is touched.
      Y.decodeUpdate(update);
      return { type: syncType === syncProtocol.messageYjsSyncStep2 ? 'syncStep2' : 'update', update };
    }
    default:
      return `unknown sync message type ${syncType}`;
  }
}

/** Parses one message from a client; never throws. */
export function parseSyncMessage(bytes: Uint8Array, limits: ParseLimits = {}): ParsedMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    let result: SyncMessage | string;
    switch (type) {
      case MESSAGE_SYNC:
        result = parseSync(decoder);
        break;
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        result = checkAwarenessUpdate(update, limits.maxPresenceBytes ?? DEFAULT_MAX_PRESENCE_BYTES) ?? { type: 'awareness', update };
        break;
      }
      case MESSAGE_AUTH:
        result = { type: 'auth' };
        break;
      case MESSAGE_QUERY_AWARENESS:
        result = { type: 'queryAwareness' };
        break;
      case MESSAGE_SAMENZICHT:
        result = limits.ack
          ? (parseAckRequest(decoding.readTailAsUint8Array(decoder)) ?? 'malformed ping or watch message')
          : `unknown message type ${type}`;
        break;
      default:
        result = `unknown message type ${type}`;
    }
    return typeof result === 'string' ? { ok: false, reason: result } : { ok: true, message: result };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'unreadable message' };
  }
}

function encodeMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return encodeMessage((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, doc);
  });
}

/** Sync step 2: what the client lacks, given its state vector. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encodeMessage((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  });
}

/**
 * The answer to a client's sync step 1 from stored bytes, without building a document: first each logged update as
 * a plain update (the client keeps those that build on the snapshot as pending), then the snapshot as sync step 2,
 * on which the client counts as synced and by then holds everything. Each part is cut down by `diffUpdate` to what
 * the client lacks. Not merged into one: `Y.mergeUpdates` keeps deleted content and is super-linear on long logs.
 */
export function encodeAnswerFromStored(stored: StoredDoc, stateVector: Uint8Array): Uint8Array[] {
  const clientHasNothing = Y.decodeStateVector(stateVector).size === 0;
  const lacking = (update: Uint8Array): Uint8Array => (clientHasNothing ? update : Y.diffUpdate(update, stateVector));
  const snapshot = stored.snapshot ?? Y.encodeStateAsUpdate(new Y.Doc());
  return [...stored.updates.map((update) => encodeDocUpdate(lacking(update))), encodeSyncStep2Update(lacking(snapshot))];
}

/** Sync step 2 carrying an update computed elsewhere (e.g. from stored bytes). */
export function encodeSyncStep2Update(update: Uint8Array): Uint8Array {
  return encodeMessage((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, update);
  });
}

/** One document update. */
export function encodeDocUpdate(update: Uint8Array): Uint8Array {
  return encodeMessage((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
  });
}

/** One encoded awareness update. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  return encodeMessage((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, update);
  });
}
