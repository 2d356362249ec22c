/**
 * Durability: every update a server process relayed more than ~100 ms (× TEST_TIME_FACTOR) before it was killed with
 * SIGKILL is on disk afterwards.
 *
 * When the server received an update is not visible from outside, but an upper bound is: the server relays an
 * update to the other peers right when it applies it, so the moment an observer client first sees it comes after.
 * Every update an observer saw more than the window before the kill was therefore received by that server more than
 * the window before it, and must be in the database, read straight from the file while the server is dead.
 *
 * "Seen" counts per server process: each gets an observer of its own, connected after it started and closed the moment
 * it is killed. An observer kept across kills made two claims that do not hold (found under load, seed 570320):
 * - a relay written by the dying process just before the kill, read by the observer just after `killedAt`, counted
 *   as seen by the next process; the dying process lost it inside its window;
 * - an update the previous process relayed and lost inside its window counted as due for the next one, which gets it
 *   back only from the writer's answer to its sync step 1. After a restart that step 1 follows the room's rebuild,
 *   while the clients are already "synced" (answered from the stored bytes, sync.ts), so under load the next kill
 *   often came first, and the update, seen seconds earlier, was not on disk: "seen 2.3 s before the kill".
 * Neither was an update the server had and lost: the writer still holds both and sends them when it is asked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFactor, moveFactors } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { DB_FILE_NAME } from '../storage/sqliteStorage.ts';
import { Teardown, createAnalysis, makeTempDir, scaled, seededRandom, sleep, testSeed, waitFor } from '../testing.ts';
import { connectFastClient, type FastClient } from './clients.ts';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';
import { describeMissing, readStoredDoc } from './storedState.ts';

const LOCAL = 'durability-test';
const SOAK = process.env.SOAK === '1';
const KILLS = Number(process.env.DURABILITY_KILLS ?? (SOAK ? 40 : 5));
const ANALYSES = 3;
/** The promise of ARCHITECTURE.md: flushed every 50 ms, so on disk within ~100 ms; here scaled by TEST_TIME_FACTOR. */
const ON_DISK_WITHIN_MS = scaled(100);

let teardown: Teardown;

beforeEach(() => {
  teardown = new Teardown();
});

afterEach(async () => {
  await teardown.run();
});

interface Stream {
  readonly id: string;
  readonly viewerToken: string;
  readonly writer: FastClient;
  /** The observer of the running server process, and what it saw: factor id → when first (performance.now()). */
  observer: FastClient | null;
  seenAt: Map<string, number>;
}

/** A new observer (empty document) for the server process now running; what it sees counts for that process only. */
function observe(teardown: Teardown, server: ServerProcess, stream: Stream): void {
  const observer = connectFastClient(teardown, server.syncUrl, stream.id, stream.viewerToken);
  const seenAt = new Map<string, number>();
  getMaps(observer.doc).factors.observe((event) => {
    const now = performance.now();
    for (const key of event.keysChanged) if (!seenAt.has(key)) seenAt.set(key, now);
  });
  stream.observer = observer;
  stream.seenAt = seenAt;
}

/** Closes the observer at once, so nothing the dying process sent can still count as seen. */
function stopObserving(stream: Stream): void {
  stream.observer?.provider.destroy();
  stream.observer?.doc.destroy();
  stream.observer = null;
}

describe('durability under SIGKILL at random moments', () => {
  it(
    `${KILLS} kills: whatever a server process relayed more than ${ON_DISK_WITHIN_MS} ms before its kill is on disk`,
    async () => {
      const seed = testSeed('DURABILITY_SEED', 1);
      const random = seededRandom(seed);
      const dataDir = makeTempDir(teardown);
      const dbFile = `${dataDir}/${DB_FILE_NAME}`;
      // Compaction now and then, so some kills land around a snapshot write too.
      const envFor = (): Record<string, string> => ({
        MAX_MESSAGES_PER_SECOND: '10000',
        COMPACT_THRESHOLD: String(random() < 0.5 ? 100 : 500),
      });
      let server: ServerProcess = await startServerProcess({ dataDir, env: envFor() });
      teardown.add(() => server.kill());

      const streams: Stream[] = [];
      for (let a = 0; a < ANALYSES; a++) {
        const { id, tokens } = await createAnalysis(server.url);
        const writer = connectFastClient(teardown, server.syncUrl, id, tokens.editor);
        const stream: Stream = { id, viewerToken: tokens.viewer, writer, observer: null, seenAt: new Map() };
        observe(teardown, server, stream);
        streams.push(stream);
      }

      // About 65 updates per second per analysis: far above people editing, yet leaving the server CPU to spare. At
      // several hundred per second on a 2-core machine a freshly restarted server (cold JIT, every room loading,
      // every client resending) runs its 50 ms flush timer hundreds of ms late, and the window grows accordingly.
      let writing = true;
      const writers = streams.map(async ({ writer }, a) => {
        for (let n = 0; writing; n++) {
          const f = addFactor(writer.doc, LOCAL, { label: `a${a}-${n}`, position: { x: n, y: 0 } });
          // Also updates that overwrite, as drags do.
          if (random() < 0.3) moveFactors(writer.doc, LOCAL, [{ id: f, position: { x: n, y: n } }]);
          await sleep(random() < 0.1 ? 0 : 5 + random() * 20);
        }
      });

      let checked = 0;
      let margins: number[] = [];
      try {
        for (let kill = 0; kill < KILLS; kill++) {
          await waitFor(
            () => streams.every((s) => s.writer.provider.synced && s.observer?.provider.synced === true),
            `clients (re)connected (seed ${seed})`,
            15_000,
          ).catch((error: unknown) => {
            const state = (client: FastClient | null) =>
              client === null
                ? 'none'
                : `connected ${client.provider.wsconnected}, synced ${client.provider.synced}, retrying ${client.provider.shouldConnect}`;
            const clients = streams.map((s) => `${s.id}: writer ${state(s.writer)}; observer ${state(s.observer)}`).join('\n');
            throw new Error(`${(error as Error).message}\n${clients}\nserver output:\n${server.output().slice(-3_000)}`);
          });
          await sleep(150 + random() * 1_000);
          const killedAt = performance.now();
          await server.kill();
          for (const stream of streams) stopObserving(stream);

          for (const stream of streams) {
            const stored = readStoredDoc(dbFile, stream.id);
            const storedIds = stored === null ? new Set<string>() : new Set(getMaps(stored).factors.keys());
            stored?.destroy();
            const due = [...stream.seenAt].filter(([, at]) => at < killedAt - ON_DISK_WITHIN_MS).map(([f]) => f);
            const lost = due.filter((f) => !storedIds.has(f));
            // On failure: how long before the kill the lost updates were seen, and what the disk lacks, per client.
            let detail = '';
            if (lost.length > 0) {
              const again = readStoredDoc(dbFile, stream.id);
              const ago = lost.map((f) => Math.round(killedAt - stream.seenAt.get(f)!));
              detail = `; seen ${Math.min(...ago)}–${Math.max(...ago)} ms before the kill; on disk lacks ${again ? describeMissing(again, stream.writer.doc) : 'everything'}`;
              again?.destroy();
            }
            expect(
              lost,
              `kill ${kill}, analysis ${stream.id}: relayed by this process > ${ON_DISK_WITHIN_MS} ms before the kill but not on disk (seed ${seed}; rerun with DURABILITY_SEED=${seed})${detail}`,
            ).toEqual([]);
            checked += due.length;
            // How close to the kill a stored update was seen: the real window is usually far below the promise.
            let newestStored = Number.POSITIVE_INFINITY;
            for (const [f, at] of stream.seenAt) if (storedIds.has(f)) newestStored = Math.min(newestStored, killedAt - at);
            if (Number.isFinite(newestStored)) margins.push(newestStored);
          }
          server = await startServerProcess({ dataDir, port: server.port, env: envFor() });
          for (const stream of streams) observe(teardown, server, stream);
        }
      } finally {
        writing = false;
        await Promise.all(writers);
      }
      margins = margins.sort((x, y) => x - y);
      console.log(
        `durability: ${KILLS} kills, ${checked} checks of updates due on disk, none lost; ` +
          `newest stored update per kill seen ${margins[0]?.toFixed(0)}–${margins[margins.length - 1]?.toFixed(0)} ms before the kill (seed ${seed})`,
      );
      expect(checked).toBeGreaterThan(KILLS * 10);
    },
    60_000 + KILLS * 8_000,
  );
});
