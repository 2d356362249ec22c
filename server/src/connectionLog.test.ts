import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import type { AccessEvent, AccessLog } from './accessLog.ts';
import { ConnectionLog, NAME_WAIT_MS, RENAME_LOG_INTERVAL_MS } from './connectionLog.ts';
import { encodeAwareness } from './syncMessage.ts';
import { Teardown, connectClient, connectRaw, createAnalysis, startTestServer, waitFor, type TestServer } from './testing.ts';

describe('ConnectionLog', () => {
  let events: AccessEvent[];
  let clock: number;
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());

  beforeEach(() => {
    vi.useFakeTimers();
    events = [];
    clock = 0;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  function open(queryName: string): ConnectionLog {
    const accessLog = { record: async (_id: string, event: AccessEvent) => void events.push(event) } as unknown as AccessLog;
    return new ConnectionLog({ accessLog, analysisId: 'a', role: 'editor', queryName, editLogIntervalMs: 60_000, now: () => clock });
  }

  /** As if the room accepted `state` from this connection for client id 1. */
  function announce(log: ConnectionLog, state: unknown): void {
    awareness.states.set(1, state as Record<string, unknown>);
    log.noteAwarenessUpdate(awareness, new Uint8Array([0]), [1]);
  }

  const seen = () => events.map((e) => [e.action, e.name, e.detail]);

  it('with a name in the query, logs opened at once under it', () => {
    open('Anna');
    expect(seen()).toEqual([['opened', 'Anna', undefined]]);
  });

  it('without one, waits for the name from awareness (an empty name is not one yet)', () => {
    const log = open('onbekend');
    announce(log, { user: { name: '', colour: '#123' } });
    announce(log, { user: { colour: '#123' }, cursor: { x: 1, y: 2 } });
    expect(events).toEqual([]);
    announce(log, { user: { name: '  Sam\u0000 ', colour: '#123' } });
    announce(log, { user: { name: 'Sam', colour: '#123' }, cursor: { x: 3, y: 4 } });
    expect(seen()).toEqual([['opened', 'Sam', undefined]]);
  });

  it('logs opened as onbekend after the wait, and a later name as renamed', () => {
    const log = open('onbekend');
    vi.advanceTimersByTime(NAME_WAIT_MS - 1);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen()).toEqual([['opened', 'onbekend', undefined]]);
    announce(log, { user: { name: 'Anna' } });
    expect(seen()).toEqual([
      ['opened', 'onbekend', undefined],
      ['renamed', 'Anna', 'onbekend'],
    ]);
  });

  it.each([{}, { cursor: { x: 1, y: 2 } }])('a client whose state has no user (%j) gives no names: opened at once', (state) => {
    const log = open('onbekend');
    announce(log, state);
    expect(seen()).toEqual([['opened', 'onbekend', undefined]]);
  });

  it('an edit before the name: opened as onbekend first, then edited; edits use the current name', () => {
    const log = open('onbekend');
    log.noteEdit();
    announce(log, { user: { name: 'Bram' } });
    clock += 60_000;
    log.noteEdit();
    expect(seen()).toEqual([
      ['opened', 'onbekend', undefined],
      ['edited', 'onbekend', undefined],
      ['renamed', 'Bram', 'onbekend'],
      ['edited', 'Bram', undefined],
    ]);
  });

  it('logs renames at most once per interval, with the latest name; the close writes what waits', () => {
    const log = open('Anna');
    announce(log, { user: { name: 'Bea' } });
    announce(log, { user: { name: 'Cor' } });
    announce(log, { user: { name: 'Dirk' } });
    expect(seen().slice(1)).toEqual([['renamed', 'Bea', 'Anna']]);
    clock += RENAME_LOG_INTERVAL_MS;
    vi.advanceTimersByTime(RENAME_LOG_INTERVAL_MS);
    expect(seen().slice(2)).toEqual([['renamed', 'Dirk', 'Bea']]);
    announce(log, { user: { name: 'Eva' } });
    log.close();
    log.close();
    vi.runAllTimers();
    expect(seen().slice(3)).toEqual([['renamed', 'Eva', 'Dirk']]);
  });

  it('a name changed and back within the interval is not a rename', () => {
    const log = open('Anna');
    announce(log, { user: { name: 'Bea' } });
    announce(log, { user: { name: 'Cor' } });
    announce(log, { user: { name: 'Bea' } });
    clock += RENAME_LOG_INTERVAL_MS;
    vi.runAllTimers();
    expect(seen()).toEqual([
      ['opened', 'Anna', undefined],
      ['renamed', 'Bea', 'Anna'],
    ]);
  });

  it('closing before the name is known logs opened as onbekend, once', () => {
    const log = open('onbekend');
    log.close();
    log.close();
    vi.runAllTimers();
    expect(seen()).toEqual([['opened', 'onbekend', undefined]]);
  });
});

describe('the name of a sync connection in the access log', () => {
  let teardown: Teardown;
  let server: TestServer;

  beforeEach(async () => {
    teardown = new Teardown();
    server = await startTestServer(teardown);
  });

  afterEach(async () => {
    await teardown.run();
  });

  type Entry = { name: string; role: string; action: string; detail?: string; count: number };
  async function readLog(id: string, token: string): Promise<Entry[]> {
    const res = await fetch(`${server.url}/api/analyses/${id}/log`, { headers: { Authorization: `Bearer ${token}` } });
    return ((await res.json()) as { entries: Entry[] }).entries;
  }
  async function waitForEntry(id: string, token: string, find: (entry: Entry) => boolean, what: string): Promise<Entry> {
    let found: Entry | undefined;
    await waitFor(async () => (found = (await readLog(id, token)).find(find)) !== undefined, what);
    return found!;
  }

  it('a connection without ?name= whose awareness says user.name = "Anna" is logged as Anna', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor);
    // Like the web app: the user field is set before the socket opens.
    client.provider.awareness.setLocalStateField('user', { name: 'Anna', colour: '#336699' });
    const opened = await waitForEntry(id, tokens.facilitator, (e) => e.action === 'opened', 'opened is logged');
    expect(opened).toMatchObject({ name: 'Anna', role: 'editor' });
  });

  it('the web app flow: connected before the name is asked, opened under the name given a moment later', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const client = connectClient(teardown, server.syncUrl, id, tokens.viewer, { name: '' });
    client.provider.awareness.setLocalStateField('user', { name: '', colour: '#336699' });
    await client.synced;
    client.provider.awareness.setLocalStateField('user', { name: 'Sam (vader)', colour: '#336699' });
    const opened = await waitForEntry(id, tokens.facilitator, (e) => e.action === 'opened', 'opened is logged');
    expect(opened).toMatchObject({ name: 'Sam (vader)', role: 'viewer' });
    expect((await readLog(id, tokens.facilitator)).filter((e) => e.action === 'renamed')).toEqual([]);
  });

  it('a later name change is logged as renamed, and edits carry the new name', async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const client = connectClient(teardown, server.syncUrl, id, tokens.editor, { name: 'Anna' });
    await client.synced;
    client.provider.awareness.setLocalStateField('user', { name: 'Anna (moeder)', colour: '#336699' });
    const renamed = await waitForEntry(id, tokens.facilitator, (e) => e.action === 'renamed', 'renamed is logged');
    expect(renamed).toMatchObject({ name: 'Anna (moeder)', role: 'editor', detail: 'Anna' });
    addFactor(client.doc, 'test', { label: 'iets', position: { x: 0, y: 0 } });
    const edited = await waitForEntry(id, tokens.facilitator, (e) => e.action === 'edited', 'edited is logged');
    expect(edited.name).toBe('Anna (moeder)');
  });

  it("a connection cannot take its name from another person's awareness state", async () => {
    const { id, tokens } = await createAnalysis(server.url);
    const anna = connectClient(teardown, server.syncUrl, id, tokens.editor);
    anna.provider.awareness.setLocalStateField('user', { name: 'Anna', colour: '#336699' });
    await waitForEntry(id, tokens.facilitator, (e) => e.action === 'opened' && e.name === 'Anna', "Anna's opened");

    // A viewer without a name claims Anna's client id, with a higher clock and another name.
    const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.viewer}`);
    await raw.opened;
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, anna.doc.clientID);
    encoding.writeVarUint(update, 1_000);
    encoding.writeVarString(update, JSON.stringify({ user: { name: 'Nep' } }));
    raw.socket.send(encodeAwareness(encoding.toUint8Array(update)));
    await waitFor(() => raw.messages.length > 0, 'the viewer joined');
    raw.socket.close();
    const viewerOpened = await waitForEntry(
      id,
      tokens.facilitator,
      (e) => e.role === 'viewer' && e.action === 'opened',
      "the viewer's opened",
    );
    expect(viewerOpened.name).toBe('onbekend');
    expect((await readLog(id, tokens.facilitator)).some((e) => e.name === 'Nep')).toBe(false);
  });
});
