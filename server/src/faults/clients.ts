/** Stock y-websocket clients for fault tests, with the reconnect backoff capped so that a test need not wait 2.5 s. */
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type { Teardown } from '../testing.ts';

export interface FastClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
}

/** A stock `WebsocketProvider` that retries at least every `maxBackoffTime` ms; destroyed on teardown. */
export function connectFastClient(teardown: Teardown, syncUrl: string, id: string, token: string, maxBackoffTime = 100): FastClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, id, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // In Node, BroadcastChannel would let clients of one process sync without the server.
    disableBc: true,
    maxBackoffTime,
  });
  teardown.add(() => {
    provider.destroy();
    doc.destroy();
  });
  return { doc, provider };
}
