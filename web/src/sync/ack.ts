/**
 * Whether the server still hears us, and how much of our editing it has stored (shared/src/sync/ackProtocol.ts).
 * A socket can stay open for 30 s after the network is gone; pings every PING_MS tell within 2 s. The server's
 * "stored" answers say which of this page's edits are committed, so "Alles opgeslagen" is never said too early.
 * Every message from the server is parsed defensively: one we cannot read is ignored, and closes nothing.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { ACK_PROTOCOL, MESSAGE_SAMENZICHT, encodePing, encodeWatch, parseAckAnswer } from '@samenzicht/shared/sync/ackProtocol';

/** A ping this often while the socket is open. */
export const PING_MS = 700;
/** Without a pong for this long the server counts as unreachable: with the check below, known within 2 s. */
export const SILENT_AFTER_MS = 1_500;
const CHECK_MS = 200;
/** Without a pong for this long the socket is closed, so the provider reconnects instead of waiting 30 s. */
const CLOSE_AFTER_MS = 10_000;

export interface AckTracker {
  /** False while the socket is open but the server has not answered a ping for SILENT_AFTER_MS. */
  isHeard(): boolean;
  /** 'stored': every local edit is committed on the server; 'storing': some are not yet; 'unknown': no acks. */
  saveState(): 'stored' | 'storing' | 'unknown';
  destroy(): void;
}

/** Starts pinging and watching the server's acknowledgements; `onChange` runs whenever either answer changes. */
export function trackAcks(provider: WebsocketProvider, doc: Y.Doc, onChange: () => void, now: () => number = Date.now): AckTracker {
  let supported = false;
  let lastPong = now();
  let heard = true;
  let storedClock = 0;
  let seq = 0;
  let pinger: ReturnType<typeof setInterval> | null = null;

  const send = (bytes: Uint8Array) => {
    const ws = provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    try {
      ws.send(bytes);
    } catch {
      // The socket is closing; the provider reconnects and we start again on 'connected'.
    }
  };
  const localClock = () => Y.getState(doc.store, doc.clientID);

  /** Re-reads whether the server is heard; true when that changed. Closes a socket silent for CLOSE_AFTER_MS. */
  const evaluate = (): boolean => {
    const silentFor = now() - lastPong;
    if (supported && provider.wsconnected && silentFor > CLOSE_AFTER_MS) provider.ws?.close();
    const nowHeard = !supported || !provider.wsconnected || silentFor <= SILENT_AFTER_MS;
    const changed = nowHeard !== heard;
    heard = nowHeard;
    return changed;
  };
  const checker = setInterval(() => {
    if (evaluate()) onChange();
  }, CHECK_MS);

  provider.messageHandlers[MESSAGE_SAMENZICHT] = (_encoder, decoder) => {
    const answer = parseAckAnswer(decoding.readTailAsUint8Array(decoder));
    if (answer === null) return;
    let changed = false;
    if (answer.type === 'pong') lastPong = now();
    else if (answer.clientId === doc.clientID && answer.clock > storedClock) {
      storedClock = answer.clock;
      changed = true;
    }
    if (evaluate() || changed) onChange();
  };

  const onStatus = ({ status }: { status: string }) => {
    if (pinger) clearInterval(pinger);
    pinger = null;
    supported = status === 'connected' && provider.ws?.protocol === ACK_PROTOCOL;
    if (supported) {
      lastPong = now();
      send(encodeWatch(doc.clientID));
      pinger = setInterval(() => send(encodePing(seq++ % 1_000_000)), PING_MS);
    }
    evaluate();
    onChange();
  };
  provider.on('status', onStatus);
  // A local edit may make the state 'storing'.
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) onChange();
  };
  doc.on('update', onUpdate);

  return {
    isHeard: () => heard,
    saveState: () => (!supported ? 'unknown' : localClock() > storedClock ? 'storing' : 'stored'),
    destroy() {
      if (pinger) clearInterval(pinger);
      clearInterval(checker);
      provider.off('status', onStatus);
      doc.off('update', onUpdate);
    },
  };
}
