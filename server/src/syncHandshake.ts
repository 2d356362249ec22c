/**
 * How a sync client presents its token and display name. The stock y-websocket client puts them in the URL
 * (`/sync/<id>?token=…&name=…`), and that keeps working. A URL ends up in places a secret should not: the browser
 * console prints it with every failed WebSocket, and proxies log request lines. So the web app offers them as
 * WebSocket subprotocols instead (`Sec-WebSocket-Protocol: samenzicht, samenzicht.token.<token>,
 * samenzicht.name.<base64url of the name>`), a header that neither shows; the server answers with `samenzicht`.
 * How the person came in (`samenzicht.via.qr` or `samenzicht.via.code`, or `?via=` for other clients) goes into the
 * access log's `opened` entry; anything else is ignored (the link, the default).
 */

import { ACK_PROTOCOL } from '@samenzicht/shared/sync/ackProtocol';

/** The subprotocol the server selects when a client offers it. */
export const SYNC_PROTOCOL = 'samenzicht';
const TOKEN_PREFIX = `${SYNC_PROTOCOL}.token.`;
const NAME_PREFIX = `${SYNC_PROTOCOL}.name.`;
const VIA_PREFIX = `${SYNC_PROTOCOL}.via.`;

/** The ways in that the access log tells apart from the link itself. */
export const JOIN_WAYS = ['qr', 'code'] as const;
export type JoinWay = (typeof JOIN_WAYS)[number];

/** Reads a join way; anything else (the link, a typo, an attack) is null. */
export function parseJoinWay(value: unknown): JoinWay | null {
  return typeof value === 'string' && (JOIN_WAYS as readonly string[]).includes(value) ? (value as JoinWay) : null;
}

/** The offered subprotocols of a `Sec-WebSocket-Protocol` header (comma-separated). */
function offeredProtocols(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .slice(0, 8);
}

export interface Handshake {
  readonly token: string | null;
  /** The client offered `samenzicht.ack`: it asks for pings and stored acknowledgements (shared/src/sync/ackProtocol.ts). */
  readonly ack: boolean;
  /** The raw display name (to be cleaned by parseDisplayName), or null when none was given. */
  readonly name: string | null;
  /** How the person came in, when not by the link itself. */
  readonly via: JoinWay | null;
}

/** Reads token and name from the query, else from the offered subprotocols. */
export function readHandshake(params: URLSearchParams, protocolHeader: string | undefined): Handshake {
  let token = params.get('token');
  let name = params.get('name');
  let via = parseJoinWay(params.get('via'));
  let ack = false;
  for (const protocol of offeredProtocols(protocolHeader)) {
    if (protocol === ACK_PROTOCOL) ack = true;
    if (token === null && protocol.startsWith(TOKEN_PREFIX)) token = protocol.slice(TOKEN_PREFIX.length);
    if (name === null && protocol.startsWith(NAME_PREFIX)) {
      const encoded = protocol.slice(NAME_PREFIX.length);
      // At most 40 characters of up to 4 bytes each, as base64url: anything longer is not a name we sent.
      if (/^[A-Za-z0-9_-]{1,240}$/.test(encoded)) name = Buffer.from(encoded, 'base64url').toString('utf8');
    }
    if (via === null && protocol.startsWith(VIA_PREFIX)) via = parseJoinWay(protocol.slice(VIA_PREFIX.length));
  }
  return { token, name, via, ack };
}

/**
 * ws's `handleProtocols`: select `samenzicht` when offered (a browser fails a handshake that selects none), or
 * `samenzicht.ack` when that is offered too, which tells the client this server answers its pings and acknowledges
 * stored edits.
 */
export function selectProtocol(protocols: ReadonlySet<string>): string | false {
  if (!protocols.has(SYNC_PROTOCOL)) return false;
  return protocols.has(ACK_PROTOCOL) ? ACK_PROTOCOL : SYNC_PROTOCOL;
}
