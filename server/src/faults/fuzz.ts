/**
 * A seeded fuzzer for the sync socket: random bytes, truncated messages, huge length prefixes, well-formed messages
 * around corrupt Yjs updates, awareness floods and text frames, over many short connections (most of them with a
 * valid editor token, so the messages get past authorization; some without). Used by fuzz.test.ts with a small
 * count and by the benchmark with 100,000 messages.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { addFactor, addLink, moveFactors, updateFactors } from '@samenzicht/shared/ydoc/commands';
import { seededRandom } from '../testing.ts';

export const FUZZ_KINDS = ['randomBytes', 'truncated', 'hugeLength', 'corruptUpdate', 'awarenessFlood', 'textFrame', 'valid'] as const;
export type FuzzKind = (typeof FUZZ_KINDS)[number];

export interface FuzzTarget {
  readonly syncUrl: string;
  readonly id: string;
  /** An editor token of the analysis: most connections use it, so their messages are read, not refused unread. */
  readonly token: string;
}

export interface FuzzOptions {
  readonly messages: number;
  readonly seed: number;
  /** Connections open at the same time. */
  readonly concurrency?: number;
  /** Called every ~1,000 messages (e.g. to sample the server's memory). */
  readonly onProgress?: (sent: number) => void;
}

export interface FuzzStats {
  readonly messages: number;
  readonly connections: number;
  readonly byKind: Record<FuzzKind, number>;
  /** How the server closed the connections, by close code (`open` when the fuzzer closed it first). */
  readonly closeCodes: Record<string, number>;
}

type Random = () => number;

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Real messages of the protocol, made from a real document, to truncate and corrupt. */
function makeMaterial(): { updates: Uint8Array[]; stateVector: Uint8Array; awareness: Uint8Array } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const a = addFactor(doc, 'fuzz', { label: 'Schulden', note: 'een notitie met tekst', position: { x: 1, y: 2 } });
  const b = addFactor(doc, 'fuzz', { label: 'Stress', kind: 'perpetuating', position: { x: 300, y: 0 } });
  addLink(doc, 'fuzz', { from: a, to: b, polarity: '-', note: 'versterkt' });
  moveFactors(doc, 'fuzz', [{ id: a, position: { x: 50, y: 60 } }]);
  updateFactors(doc, 'fuzz', [b], { label: 'Veel stress', domain: 'parents' });
  updates.push(Y.encodeStateAsUpdate(doc));
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Fuzzer', color: '#ff0000' }, cursor: { x: 1, y: 2 } });
  const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  const stateVector = Y.encodeStateVector(doc);
  doc.destroy();
  return { updates, stateVector, awareness: awarenessUpdate };
}

const MATERIAL = makeMaterial();

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const randomBytes = (random: Random, length: number): Uint8Array => Uint8Array.from({ length }, () => Math.floor(random() * 256));

function updateMessage(update: Uint8Array, syncType = 2): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, update);
  });
}

function validMessages(random: Random): Uint8Array[] {
  return [
    encode((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, MATERIAL.stateVector);
    }),
    updateMessage(pick(random, MATERIAL.updates), random() < 0.5 ? 1 : 2),
    encode((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, MATERIAL.awareness);
    }),
    new Uint8Array([3]),
    new Uint8Array([2, 0]),
  ];
}

/** Length prefixes far beyond the message, at every level: message, update, struct count, string, awareness. */
function hugeLength(random: Random): Uint8Array {
  const huge = pick(random, [2 ** 31, 2 ** 32 + 7, 2 ** 50, Number.MAX_SAFE_INTEGER]);
  const template = Math.floor(random() * 7);
  switch (template) {
    case 0: // sync step 1 whose state vector claims to be enormous
      return encode((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, huge);
      });
    case 1: // an update of enormous length
      return encode((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint(e, huge);
        encoding.writeUint8Array(e, randomBytes(random, 16));
      });
    case 2: // an update that claims enormous numbers of clients and structs
      return updateMessage(
        encode((e) => {
          encoding.writeVarUint(e, huge);
          encoding.writeVarUint(e, huge);
          encoding.writeVarUint(e, Math.floor(random() * 2 ** 32));
          encoding.writeVarUint(e, 0);
        }),
      );
    case 3: // a string content of enormous length
      return updateMessage(
        encode((e) => {
          encoding.writeVarUint(e, 1); // one client
          encoding.writeVarUint(e, 1); // one struct
          encoding.writeVarUint(e, 1234); // client
          encoding.writeVarUint(e, 0); // clock
          encoding.writeUint8(e, 4 | 0x20); // ContentString, parent info follows
          encoding.writeVarUint(e, 1); // parent is a root type name
          encoding.writeVarUint(e, huge);
        }),
      );
    case 4: // an awareness message of enormous length
      return encode((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, huge);
      });
    case 5: // an awareness update claiming enormous numbers of states, or an enormous state string
      return encode((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(
          e,
          encode((inner) => {
            encoding.writeVarUint(inner, random() < 0.5 ? huge : 1);
            encoding.writeVarUint(inner, 42);
            encoding.writeVarUint(inner, 1);
            encoding.writeVarUint(inner, huge);
          }),
        );
      });
    default: // a variable-length integer that never ends within 53 bits
      return new Uint8Array([0, 2, ...new Array<number>(12).fill(0xff), 0x01]);
  }
}

/** A real update with a few bytes changed; the envelope stays well-formed. */
function corruptUpdate(random: Random): Uint8Array {
  const update = Uint8Array.from(pick(random, MATERIAL.updates));
  const changes = 1 + Math.floor(random() * 3);
  for (let i = 0; i < changes; i++) {
    const at = Math.floor(random() * update.length);
    update[at] = random() < 0.5 ? Math.floor(random() * 256) : update[at]! ^ (1 << Math.floor(random() * 8));
  }
  if (random() < 0.2) return updateMessage(update.subarray(0, Math.floor(random() * update.length)));
  return updateMessage(update, random() < 0.8 ? 2 : 1);
}

/**
 * A valid awareness update with up to 50 entries: states of ids from the connection's own pool (at most 100, as
 * many as a peer may announce) and removals of ids nobody ever announced, which y-protocols still remembers.
 */
function awarenessFlood(random: Random, clock: number, pool: readonly number[]): Uint8Array {
  const count = 1 + Math.floor(random() * 50);
  const inner = encode((e) => {
    encoding.writeVarUint(e, count);
    for (let i = 0; i < count; i++) {
      const removal = random() < 0.3;
      encoding.writeVarUint(e, removal ? Math.floor(random() * 2 ** 32) : pick(random, pool));
      encoding.writeVarUint(e, clock);
      const state = removal ? null : { user: { name: `flood ${i}`, color: '#00ff00' }, cursor: { x: random() * 1000, y: random() * 1000 } };
      encoding.writeVarString(e, JSON.stringify(state));
    }
  });
  return encode((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, inner);
  });
}

/** One message of `kind` (a string for a text frame). */
function makeMessage(random: Random, kind: FuzzKind, clock: number, pool: readonly number[]): Uint8Array | string {
  switch (kind) {
    case 'randomBytes': {
      const bytes = randomBytes(random, Math.floor(random() * 80));
      if (bytes.length > 0 && random() < 0.7) bytes[0] = Math.floor(random() * 6);
      return bytes;
    }
    case 'truncated': {
      const whole = pick(random, validMessages(random));
      return whole.subarray(0, Math.max(1, Math.floor(random() * whole.length)));
    }
    case 'hugeLength':
      return hugeLength(random);
    case 'corruptUpdate':
      return corruptUpdate(random);
    case 'awarenessFlood':
      return awarenessFlood(random, clock, pool);
    case 'textFrame':
      return pick(random, ['hallo', '{"type":"sync"}', '\u0000\u0001']);
    case 'valid':
      return pick(random, validMessages(random));
  }
}

/** The kind of the next message: floods and valid messages come in runs, the rest mostly end the connection. */
function pickKind(random: Random): FuzzKind {
  const r = random();
  if (r < 0.35) return 'awarenessFlood';
  if (r < 0.5) return 'valid';
  if (r < 0.63) return 'corruptUpdate';
  if (r < 0.76) return 'randomBytes';
  if (r < 0.88) return 'truncated';
  if (r < 0.97) return 'hugeLength';
  return 'textFrame';
}

/** Sends `options.messages` messages over as many short connections as it takes. */
export async function runFuzz(target: FuzzTarget, options: FuzzOptions): Promise<FuzzStats> {
  const random: Random = seededRandom(options.seed);
  const byKind = Object.fromEntries(FUZZ_KINDS.map((k) => [k, 0])) as Record<FuzzKind, number>;
  const closeCodes: Record<string, number> = {};
  let sent = 0;
  let connections = 0;
  let nextProgress = 1_000;

  const oneConnection = async (): Promise<void> => {
    connections++;
    const tokenChoice = random();
    const token = tokenChoice < 0.9 ? target.token : tokenChoice < 0.95 ? 'x'.repeat(43) : '';
    const url = `${target.syncUrl}/${target.id}${token ? `?token=${token}` : ''}`;
    const socket = new WebSocket(url);
    socket.on('error', () => {});
    const closed = new Promise<string>((resolve) => socket.on('close', (code) => resolve(String(code))));
    const opened = await new Promise<boolean>((resolve) => {
      socket.once('open', () => resolve(true));
      socket.once('close', () => resolve(false));
    });
    let code: string;
    if (opened) {
      // A third of the connections only flood awareness, up to and past the rate limit's burst (400).
      const flood = random() < 0.3;
      const burst = flood ? 50 + Math.floor(random() * 400) : 1 + Math.floor(random() * 60);
      let clock = 1 + Math.floor(random() * 1000);
      // Mostly a pool a stock client could have (one id, or a few from other tabs); now and then more than allowed.
      const poolSize = random() < 0.9 ? 1 + Math.floor(random() * 8) : 1 + Math.floor(random() * 200);
      const pool = Array.from({ length: poolSize }, () => Math.floor(random() * 2 ** 32));
      for (let i = 0; i < burst && sent < options.messages && socket.readyState === WebSocket.OPEN; i++) {
        const kind = flood ? 'awarenessFlood' : pickKind(random);
        socket.send(makeMessage(random, kind, clock++, pool));
        byKind[kind]++;
        sent++;
        if (sent >= nextProgress) {
          nextProgress += 1_000;
          options.onProgress?.(sent);
        }
      }
      // The server handles frames in order, so the answer to our close comes after it read everything we sent.
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      const timer = setTimeout(() => socket.terminate(), 5_000);
      code = await closed;
      clearTimeout(timer);
    } else {
      code = await closed;
    }
    closeCodes[code] = (closeCodes[code] ?? 0) + 1;
  };

  const worker = async (): Promise<void> => {
    while (sent < options.messages) await oneConnection();
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return { messages: sent, connections, byKind, closeCodes };
}
