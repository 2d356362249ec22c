/**
 * A viewer link cannot lock the family out (issue 11, item 5 of an outside attack test): 260 viewer sockets from
 * three addresses used to take all 250 places of an analysis, and the facilitator was refused with 4429. Places are
 * now handed out by role (connections.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../closeCodes.ts';
import { FACILITATOR_EXTRA, slotsFor } from '../connections.ts';
import { Teardown, connectClient, connectRaw, createAnalysis, startTestServer, waitFor, within, type RawClient } from '../testing.ts';

let teardown: Teardown;

beforeEach(() => {
  teardown = new Teardown();
});

afterEach(async () => {
  await teardown.run();
});

/** Resolves true once the server's first message arrived (admitted), false once the socket closed (with `codes`). */
function outcome(raw: RawClient, codes: number[]): Promise<boolean> {
  return new Promise((resolve) => {
    raw.socket.once('message', () => resolve(true));
    void raw.closed.then(({ code }) => {
      codes.push(code);
      resolve(false);
    });
  });
}

describe('places per analysis by role', () => {
  it('260 viewer sockets from three addresses leave the reserve to editors and room for the facilitator', async () => {
    const server = await startTestServer(teardown);
    const max = server.config.maxConnectionsPerAnalysis;
    expect([max, server.config.maxConnectionsPerAddress]).toEqual([250, 100]);
    const { id, tokens } = await createAnalysis(server.url);
    const refusedWith: number[] = [];
    const outcomes: Promise<boolean>[] = [];
    // Linux routes all of 127.0.0.0/8 to the loopback interface: three client addresses, each under its own limit.
    for (let i = 0; i < 260; i++) {
      const raw = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.viewer}`, { localAddress: `127.0.0.${2 + (i % 3)}` });
      outcomes.push(outcome(raw, refusedWith));
    }
    const admitted = (await within(Promise.all(outcomes), 'every viewer socket admitted or refused', 20_000)).filter(Boolean).length;
    expect(admitted).toBe(slotsFor('viewer', max));
    expect(admitted).toBe(200);
    expect(new Set(refusedWith)).toEqual(new Set([CLOSE_CODES.tooManyConnections]));

    // The facilitator and an editor still get in (from the first address, 127.0.0.1).
    const facilitator = connectClient(teardown, server.syncUrl, id, tokens.facilitator);
    const editor = connectClient(teardown, server.syncUrl, id, tokens.editor);
    await within(Promise.all([facilitator.synced, editor.synced]), 'facilitator and editor synced');

    // Editors fill the reserve up to the maximum; the facilitator has a few places beyond it.
    const editorCodes: number[] = [];
    const free = max - admitted - 2;
    const editors = Array.from({ length: free + 1 }, () =>
      outcome(connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.editor}`), editorCodes),
    );
    expect((await within(Promise.all(editors), 'editors admitted or refused', 20_000)).filter(Boolean).length).toBe(free);
    expect(editorCodes).toEqual([CLOSE_CODES.tooManyConnections]);
    const lateFacilitators = Array.from({ length: FACILITATOR_EXTRA }, () =>
      outcome(connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.facilitator}`, { localAddress: '127.0.0.5' }), []),
    );
    expect((await Promise.all(lateFacilitators)).every(Boolean)).toBe(true);
    const oneTooMany = connectRaw(teardown, `${server.syncUrl}/${id}?token=${tokens.facilitator}`, { localAddress: '127.0.0.5' });
    expect((await within(oneTooMany.closed, 'refused beyond the extra places')).code).toBe(CLOSE_CODES.tooManyConnections);
    await waitFor(() => facilitator.provider.wsconnected && editor.provider.wsconnected, 'the first two still connected');
  }, 60_000);
});
