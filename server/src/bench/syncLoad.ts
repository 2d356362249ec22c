/**
 * The load generator of the sync benchmark, run in a process of its own (syncBench.ts starts it):
 * `node --import tsx server/src/bench/syncLoad.ts '<LoadConfig as JSON>'`; it prints `RESULT <LoadResult as JSON>`.
 *
 * Every analysis gets the same base content (20 factors), pushed and checked through stock clients. Each simulated
 * client is a raw `ws` socket that sends pre-encoded y-websocket update messages — drag ends made in advance with
 * the app's own `moveFactors` on a Y.Doc of its own client id — at a fixed rate with a random phase. A received
 * update is recognised by the (client, clock) of its first struct, so edit-to-remote latency is measured in one
 * process with one clock. A few real Y.Docs (stock WebsocketProvider) listen along and must at the end hold exactly
 * the base plus every update that was sent, as must a client that syncs afresh from the server.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { addFactor, moveFactors } from '@samenzicht/shared/ydoc/commands';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { readCpuSeconds, readRssBytes } from '../faults/serverProcess.ts';
import { quantile, seededRandom } from './benchStats.ts';

export interface LoadConfig {
  readonly target: 'ours' | 'stock';
  /** `http://127.0.0.1:<port>` of the server under test. */
  readonly httpUrl: string;
  readonly serverPid: number;
  readonly analyses: number;
  readonly clientsPerAnalysis: number;
  readonly editsPerSecond: number;
  /** Edits sent before measuring starts (connections and JIT settle). */
  readonly warmupS: number;
  readonly durationS: number;
  /** How long to wait for the last updates after sending stops. */
  readonly drainMs: number;
  /** Real Y.Docs that listen and check convergence at the end. */
  readonly checkers: number;
  readonly seed: number;
}

export interface LoadResult {
  readonly target: 'ours' | 'stock';
  readonly clients: number;
  /** Edits sent in the measured window. */
  readonly edits: number;
  /** Deliveries to other clients of the same analysis: expected and seen (within the drain time). */
  readonly expected: number;
  readonly delivered: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly p999: number; readonly max: number };
  /** WebSocket bytes (payload + frame header) the server sent to the simulated clients, per edit. */
  readonly bytesPerEdit: number;
  readonly messagesPerEdit: number;
  /** Fraction of one core, over the measured window. */
  readonly serverCpu: number;
  readonly serverRssMaxBytes: number;
  readonly generatorCpu: number;
  /** False when the generator itself was above 70 % of a core: then it, not the server, may set the numbers. */
  readonly valid: boolean;
  readonly converged: boolean;
  readonly notes: readonly string[];
}

const FACTORS = 20;
const GENERATOR_CPU_LIMIT = 0.7;

interface Room {
  /** What a socket connects to, before `?token=` for our server. */
  readonly wsUrl: string;
  readonly providerBase: string;
  readonly name: string;
  readonly editorToken: string | null;
  readonly viewerToken: string | null;
  base: Uint8Array;
  /** Every update sent to this room, for the expected end state. */
  readonly sent: Uint8Array[];
}

/** One pre-made edit: the Yjs update and the y-websocket message that carries it. */
interface Edit {
  readonly update: Uint8Array;
  readonly message: Uint8Array;
}

interface SimClient {
  readonly room: Room;
  readonly clientId: number;
  readonly socket: WebSocket;
  readonly edits: readonly Edit[];
  next: number;
  nextAt: number;
  joined: boolean;
}

function withToken(url: string, token: string | null): string {
  return token === null ? url : `${url}?token=${token}`;
}

function syncMessage(type: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Reads a varUint at `pos` of `bytes`; returns [value, next position]. */
function readVarUint(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let mult = 1;
  for (;;) {
    const byte = bytes[pos++]!;
    value += (byte & 0x7f) * mult;
    if (byte < 0x80) return [value, pos];
    mult *= 128;
  }
}

/** The (client, clock) of the first struct of an update message `[0, 2, len, update]`, as one number; -1 if none. */
function firstStructKey(message: Uint8Array): number {
  if (message[0] !== 0 || message[1] !== 2) return -1;
  let pos = 2;
  [, pos] = readVarUint(message, pos); // length of the update
  const [clients, afterClients] = readVarUint(message, pos);
  if (clients === 0) return -1;
  const [, afterStructs] = readVarUint(message, afterClients); // number of structs
  const [client, afterClient] = readVarUint(message, afterStructs);
  const [clock] = readVarUint(message, afterClient);
  return client * 65_536 + clock;
}

function frameBytes(payload: number): number {
  return payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);
}

function connectProvider(room: Room, token: string | null, doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(room.providerBase, room.name, doc, {
    params: token === null ? {} : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function createRoom(config: LoadConfig, index: number): Promise<Room> {
  const wsOrigin = config.httpUrl.replace(/^http/, 'ws');
  let room: Room;
  if (config.target === 'ours') {
    const res = await fetch(`${config.httpUrl}/api/analyses`, { method: 'POST', body: JSON.stringify({ title: `bench ${index}` }) });
    if (res.status !== 201) throw new Error(`POST /api/analyses answered ${res.status}`);
    const { id, tokens } = (await res.json()) as { id: string; tokens: { editor: string; viewer: string } };
    room = {
      wsUrl: `${wsOrigin}/sync/${id}`,
      providerBase: `${wsOrigin}/sync`,
      name: id,
      editorToken: tokens.editor,
      viewerToken: tokens.viewer,
      base: new Uint8Array(),
      sent: [],
    };
  } else {
    const name = `bench-${config.seed}-${index}`;
    room = {
      wsUrl: `${wsOrigin}/${name}`,
      providerBase: wsOrigin,
      name,
      editorToken: null,
      viewerToken: null,
      base: new Uint8Array(),
      sent: [],
    };
  }
  // The same 20 factors everywhere, written by a stock client and read back by another one.
  const setupDoc = new Y.Doc();
  for (let f = 0; f < FACTORS; f++) addFactor(setupDoc, 'bench', { label: `Factor ${f}`, position: { x: f * 200, y: 0 } }, `f${f}`);
  const setup = connectProvider(room, room.editorToken, setupDoc);
  const checkDoc = new Y.Doc();
  const check = connectProvider(room, room.viewerToken, checkDoc);
  // Synced first: a client can receive relayed updates before its own sync step 2 (with what was there before).
  await until(() => check.synced && getMaps(checkDoc).factors.size === FACTORS, `room ${index} has its base content`);
  room.base = Y.encodeStateAsUpdate(checkDoc);
  for (const provider of [setup, check]) provider.destroy();
  setupDoc.destroy();
  checkDoc.destroy();
  return room;
}

/** Drag ends of one simulated client, made in advance on a doc of its own, with their messages. */
function makeEdits(room: Room, clientId: number, count: number, random: () => number): Edit[] {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  Y.applyUpdate(doc, room.base);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) {
    moveFactors(doc, 'bench', [
      { id: `f${Math.floor(random() * FACTORS)}`, position: { x: Math.round(random() * 4000), y: Math.round(random() * 3000) } },
    ]);
  }
  doc.destroy();
  return updates.map((update) => ({ update, message: syncMessage(2, update) }));
}

/** Which client ids' clocks or which factors differ, in a few words, for the notes. */
function describeDifference(doc: Y.Doc, expected: Y.Doc): string {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  const want = Y.decodeStateVector(Y.encodeStateVector(expected));
  const clocks = [...new Set([...have.keys(), ...want.keys()])]
    .filter((client) => have.get(client) !== want.get(client))
    .map((client) => `client ${client}: ${have.get(client) ?? 0} vs ${want.get(client) ?? 0}`);
  const a = readAnalysis(doc);
  const b = readAnalysis(expected);
  const factors = a.factors.filter((f, i) => JSON.stringify(f) !== JSON.stringify(b.factors[i])).map((f) => f.id);
  return `clocks [${clocks.slice(0, 3).join(', ')}], factors [${factors.slice(0, 5).join(', ')}], title ${JSON.stringify(a.title)} vs ${JSON.stringify(b.title)}`;
}

async function run(config: LoadConfig): Promise<LoadResult> {
  const random = seededRandom(config.seed);
  const notes: string[] = [];
  const rooms = await Promise.all(Array.from({ length: config.analyses }, (_, i) => createRoom(config, i)));

  const perClient = Math.ceil(config.editsPerSecond * (config.warmupS + config.durationS)) + 5;
  const usedIds = new Set<number>();
  const clients: SimClient[] = [];
  const sentAt = new Map<number, number>();
  const measured = new Set<number>();
  const received = new Map<number, number>();
  const latencies: number[] = [];
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let bytesIn = 0;
  let messagesIn = 0;
  const emptyStep2 = syncMessage(1, Y.encodeStateAsUpdate(new Y.Doc()));

  for (const room of rooms) {
    const step1 = (() => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, room.base);
      const message = syncMessage(0, Y.encodeStateVector(doc));
      doc.destroy();
      return message;
    })();
    for (let c = 0; c < config.clientsPerAnalysis; c++) {
      let clientId: number;
      do clientId = 1 + Math.floor(random() * 2 ** 31);
      while (usedIds.has(clientId));
      usedIds.add(clientId);
      const edits = makeEdits(room, clientId, perClient, random);
      const socket = new WebSocket(withToken(room.wsUrl, room.editorToken), { perMessageDeflate: false });
      const client: SimClient = { room, clientId, socket, edits, next: 0, nextAt: 0, joined: false };
      socket.binaryType = 'nodebuffer';
      socket.on('error', (error) => notes.push(`socket error: ${error.message}`));
      socket.on('open', () => socket.send(step1));
      socket.on('close', (code) => {
        if (windowEnd === Number.POSITIVE_INFINITY || performance.now() < windowEnd) notes.push(`a client was closed with ${code}`);
      });
      socket.on('message', (data: Buffer) => {
        const now = performance.now();
        if (now >= windowStart) {
          bytesIn += frameBytes(data.length);
          messagesIn++;
        }
        if (data[0] === 0 && data[1] === 0) {
          // The server's sync step 1: it has everything of ours already.
          socket.send(emptyStep2);
          client.joined = true;
          return;
        }
        if (data[0] === 0 && data[1] === 1) client.joined = true;
        const key = firstStructKey(data);
        if (key < 0 || Math.floor(key / 65_536) === clientId) return; // not an edit, or our own echoed back (stock)
        const at = sentAt.get(key);
        if (at === undefined || !measured.has(key)) return;
        received.set(key, (received.get(key) ?? 0) + 1);
        latencies.push(now - at);
      });
      clients.push(client);
    }
  }
  await until(() => clients.every((c) => c.joined), 'every simulated client joined', 30_000);

  // The listening real docs, one per analysis from the first on.
  const checkers = Array.from({ length: config.checkers }, (_, i) => {
    const room = rooms[i % rooms.length]!;
    const doc = new Y.Doc();
    return { room, doc, provider: connectProvider(room, room.viewerToken, doc) };
  });
  await until(() => checkers.every((c) => c.provider.synced), 'the checkers synced');

  // Send at a fixed rate per client, each with a random phase; measure after the warm-up.
  const interval = 1000 / config.editsPerSecond;
  const start = performance.now() + 50;
  windowStart = start + config.warmupS * 1000;
  windowEnd = windowStart + config.durationS * 1000;
  for (const client of clients) client.nextAt = start + random() * interval;
  let cpuAtStart: NodeJS.CpuUsage | null = null;
  let serverCpuAtStart = Number.NaN;
  let serverCpuAtEnd = Number.NaN;
  let generatorCpu = Number.NaN;
  let serverRssMax = 0;
  let edits = 0;
  await new Promise<void>((resolve) => {
    const rss = setInterval(() => {
      if (performance.now() >= windowStart) serverRssMax = Math.max(serverRssMax, readRssBytes(config.serverPid) ?? 0);
    }, 250);
    const tick = setInterval(() => {
      const now = performance.now();
      if (cpuAtStart === null && now >= windowStart) {
        cpuAtStart = process.cpuUsage();
        serverCpuAtStart = readCpuSeconds(config.serverPid) ?? Number.NaN;
      }
      if (now >= windowEnd) {
        clearInterval(tick);
        clearInterval(rss);
        const used = process.cpuUsage(cpuAtStart ?? undefined);
        generatorCpu = (used.user + used.system) / 1000 / (now - windowStart);
        serverCpuAtEnd = readCpuSeconds(config.serverPid) ?? Number.NaN;
        resolve();
        return;
      }
      for (const client of clients) {
        while (client.nextAt <= now && client.next < client.edits.length) {
          // Each edit adds one struct, so the n-th edit of a client is its clock n.
          const key = client.clientId * 65_536 + client.next;
          const edit = client.edits[client.next++]!;
          if (client.nextAt >= windowStart) {
            measured.add(key);
            edits++;
          }
          client.room.sent.push(edit.update);
          sentAt.set(key, performance.now());
          client.socket.send(edit.message);
          client.nextAt += interval;
        }
      }
    }, 1);
  });
  const serverCpu = (serverCpuAtEnd - serverCpuAtStart) / config.durationS;
  await new Promise((resolve) => setTimeout(resolve, config.drainMs));

  // Each measured edit should reach every other simulated client of its analysis.
  const expected = edits * (config.clientsPerAnalysis - 1);
  let delivered = 0;
  for (const count of received.values()) delivered += count;

  // Convergence: every listening doc, and a doc that syncs afresh, hold exactly the base plus all that was sent.
  let converged = true;
  for (const checker of checkers) {
    const expectedDoc = new Y.Doc();
    Y.applyUpdate(expectedDoc, checker.room.base);
    for (const update of checker.room.sent) Y.applyUpdate(expectedDoc, update);
    const fresh = new Y.Doc();
    const freshProvider = connectProvider(checker.room, checker.room.viewerToken, fresh);
    await until(() => freshProvider.synced, 'a fresh client synced').catch((error: unknown) => notes.push(String(error)));
    for (const [what, doc] of [
      ['a listening client', checker.doc],
      ['a client syncing afresh', fresh],
    ] as const) {
      const same =
        Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(expectedDoc)) &&
        JSON.stringify(readAnalysis(doc)) === JSON.stringify(readAnalysis(expectedDoc));
      if (!same) {
        converged = false;
        notes.push(`${what} of ${checker.room.name} differs from base + everything sent: ${describeDifference(doc, expectedDoc)}`);
      }
    }
    freshProvider.destroy();
    fresh.destroy();
    expectedDoc.destroy();
  }
  for (const checker of checkers) checker.provider.destroy();
  for (const client of clients) client.socket.terminate();

  const latencyArray = Float64Array.from(latencies);
  return {
    target: config.target,
    clients: clients.length,
    edits,
    expected,
    delivered,
    latencyMs: {
      p50: quantile(latencyArray, 0.5),
      p99: quantile(latencyArray, 0.99),
      p999: quantile(latencyArray, 0.999),
      max: quantile(latencyArray, 1),
    },
    bytesPerEdit: edits > 0 ? bytesIn / edits : Number.NaN,
    messagesPerEdit: edits > 0 ? messagesIn / edits : Number.NaN,
    serverCpu,
    serverRssMaxBytes: serverRssMax,
    generatorCpu,
    valid: generatorCpu <= GENERATOR_CPU_LIMIT,
    converged,
    notes: [...new Set(notes)].slice(0, 10),
  };
}

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
run(config).then(
  (result) => {
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
