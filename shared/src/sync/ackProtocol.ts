/**
 * Samenzicht's own y-websocket message type, next to sync (0), awareness (1), auth (2) and query awareness (3):
 * liveness pings and "stored" acknowledgements, so the app can tell within seconds that nothing reaches the server
 * and which of its edits are on the server's disk. Only a client that offers the `samenzicht.ack` subprotocol
 * sends or receives it; the server then selects that subprotocol, so the client knows the server speaks it. A stock
 * y-websocket client offers nothing of the kind and never sees one of these messages.
 *
 * `[100, 0, seq]` ping (client) → `[100, 1, seq]` pong (server, at once).
 * `[100, 2, clientId]` watch (client): from now on tell me how much of this Yjs client's edits is stored →
 * `[100, 3, clientId, clock]` stored (server, at once and after every commit that stored more of it): every edit of
 * `clientId` below `clock` is committed to storage.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The message type, far from y-websocket's own (0–3). */
export const MESSAGE_SAMENZICHT = 100;
/** The subprotocol a client offers to say it speaks these messages, and that the server selects in answer. */
export const ACK_PROTOCOL = 'samenzicht.ack';

const PING = 0;
const PONG = 1;
const WATCH = 2;
const STORED = 3;

/** Largest number these messages carry: a Yjs client id is 32 bits, a clock and a sequence number stay far below. */
const MAX_NUMBER = Number.MAX_SAFE_INTEGER;

export type AckRequest = { readonly type: 'ping'; readonly seq: number } | { readonly type: 'watch'; readonly clientId: number };
export type AckAnswer =
  { readonly type: 'pong'; readonly seq: number } | { readonly type: 'stored'; readonly clientId: number; readonly clock: number };

function encode(parts: readonly number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAMENZICHT);
  for (const part of parts) encoding.writeVarUint(encoder, part);
  return encoding.toUint8Array(encoder);
}

/** Reads the numbers after the type byte; null unless there are exactly `count` of them, each a safe integer. */
function readNumbers(decoder: decoding.Decoder, count: number): number[] | null {
  const out: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const value = decoding.readVarUint(decoder);
      if (!Number.isSafeInteger(value) || value < 0 || value > MAX_NUMBER) return null;
      out.push(value);
    }
  } catch {
    return null;
  }
  return decoding.hasContent(decoder) ? null : out;
}

export const encodePing = (seq: number): Uint8Array => encode([PING, seq]);
export const encodePong = (seq: number): Uint8Array => encode([PONG, seq]);
export const encodeWatch = (clientId: number): Uint8Array => encode([WATCH, clientId]);
export const encodeStored = (clientId: number, clock: number): Uint8Array => encode([STORED, clientId, clock]);

/** Parses a whole client message body (after the type byte): `[kind, value]`. Null when it is anything else. */
export function parseAckRequest(body: Uint8Array): AckRequest | null {
  const numbers = readNumbers(decoding.createDecoder(body), 2);
  if (numbers === null) return null;
  const [kind, value] = numbers as [number, number];
  if (kind === PING) return { type: 'ping', seq: value };
  if (kind === WATCH && value <= 0xffffffff) return { type: 'watch', clientId: value };
  return null;
}

/** Parses a whole server message body (after the type byte): a pong or a stored answer, else null (ignored). */
export function parseAckAnswer(body: Uint8Array): AckAnswer | null {
  const decoder = decoding.createDecoder(body);
  let kind: number;
  try {
    kind = decoding.readVarUint(decoder);
  } catch {
    return null;
  }
  if (kind === PONG) {
    const rest = readNumbers(decoder, 1);
    return rest ? { type: 'pong', seq: rest[0]! } : null;
  }
  if (kind === STORED) {
    const rest = readNumbers(decoder, 2);
    return rest ? { type: 'stored', clientId: rest[0]!, clock: rest[1]! } : null;
  }
  return null;
}
