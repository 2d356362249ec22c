/**
 * SIGKILL while ten stock clients edit: the server process dies without storing what it had queued, restarts on the
 * same data and port, the clients reconnect by themselves, and in the end every edit any client made is in the
 * stored analysis and all clients hold the same state.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addFactor, moveFactors, updateFactors } from '@samenzicht/shared/ydoc/commands';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { DB_FILE_NAME } from '../storage/sqliteStorage.ts';
import {
  Teardown,
  connectClient,
  createAnalysis,
  makeTempDir,
  seededRandom,
  sleep,
  waitFor,
  type TestClient,
  testSeed,
} from '../testing.ts';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';
import { contentOf, describeMissing, readStoredDoc, sameState } from './storedState.ts';

const LOCAL = 'kill-test';
const CLIENTS = 10;
// Ten clients editing every ~25 ms is far below the default limit per connection, but reconnecting clients send
// a burst; the limit is not what this test is about.
const ENV = { MAX_MESSAGES_PER_SECOND: '10000' };

let teardown: Teardown;

beforeEach(() => {
  teardown = new Teardown();
});

afterEach(async () => {
  await teardown.run();
});

/** One random edit; returns the id of a factor it added, if it added one. */
function editAtRandom(random: () => number, doc: Y.Doc, label: string): string | null {
  const ids = [...getMaps(doc).factors.keys()];
  const action = random();
  if (action < 0.4 || ids.length === 0) return addFactor(doc, LOCAL, { label, position: { x: 0, y: 0 } });
  const id = ids[Math.floor(random() * ids.length)]!;
  if (action < 0.75) moveFactors(doc, LOCAL, [{ id, position: { x: Math.round(random() * 1000), y: Math.round(random() * 1000) } }]);
  else updateFactors(doc, LOCAL, [id], { note: label });
  return null;
}

describe('SIGKILL of the server process while ten stock clients edit', () => {
  it('after restarts on the same data every edit is stored and all clients converge', async () => {
    const seed = testSeed('KILL_SEED', 1);
    const random = seededRandom(seed);
    const dataDir = makeTempDir(teardown);
    let server: ServerProcess = await startServerProcess({ dataDir, env: ENV });
    teardown.add(() => server.kill());
    const { id, tokens } = await createAnalysis(server.url, { title: 'Kill -9' });
    const clients: TestClient[] = Array.from({ length: CLIENTS }, () => connectClient(teardown, server.syncUrl, id, tokens.editor));
    await waitFor(() => clients.every((c) => c.provider.synced), 'first sync');

    let editing = true;
    const added: string[] = [];
    let edits = 0;
    const editors = clients.map(async (client, i) => {
      for (let n = 0; editing; n++) {
        const factor = editAtRandom(random, client.doc, `c${i}-e${n}`);
        if (factor !== null) added.push(factor);
        edits++;
        await sleep(30 + random() * 30);
      }
    });

    try {
      await sleep(700);
      // 1: killed in the middle of steady editing; the clients keep editing offline until it is back.
      await server.kill();
      await sleep(150);
      server = await startServerProcess({ dataDir, port: server.port, env: ENV });
      await waitFor(() => clients.some((c) => c.provider.synced), 'a first client is back', 15_000);
      // 2: killed again while the clients are still reconnecting and sending what the server lost.
      await server.kill();
      server = await startServerProcess({ dataDir, port: server.port, env: ENV });
      await waitFor(() => clients.every((c) => c.provider.synced), `every client is back (seed ${seed})`, 15_000);
      await sleep(500);
    } finally {
      editing = false;
      await Promise.all(editors);
    }

    const first = clients[0]!.doc;
    await waitFor(
      () => clients.every((c) => c.provider.synced && sameState(c.doc, first)),
      `the clients converge (seed ${seed}; rerun with KILL_SEED=${seed})`,
      15_000,
    );
    // Once the database holds it all, one more SIGKILL proves it is on disk, not only in the server's memory.
    const dbFile = `${dataDir}/${DB_FILE_NAME}`;
    const storedAll = (): boolean => {
      const doc = readStoredDoc(dbFile, id);
      const complete = doc !== null && clients.every((c) => describeMissing(doc, c.doc) === null);
      doc?.destroy();
      return complete;
    };
    await waitFor(storedAll, `the database holds every edit (seed ${seed})`, 10_000);
    await server.kill();
    const stored = readStoredDoc(dbFile, id);
    expect(stored, 'the analysis is stored').not.toBeNull();
    for (const client of clients) expect(describeMissing(stored!, client.doc), `seed ${seed}`).toBeNull();
    expect(sameState(stored!, first), `seed ${seed}: ${contentOf(stored!)}`).toBe(true);
    const storedFactors = getMaps(stored!).factors;
    expect(
      added.filter((f) => !storedFactors.has(f)),
      `seed ${seed}`,
    ).toEqual([]);
    expect(added.length).toBeGreaterThan(CLIENTS);
    expect(edits).toBeGreaterThan(100);
    stored!.destroy();
  });
});
