/**
 * WebSocket close codes the server uses. The stock y-websocket client stops reconnecting on 4400–4499 (a decision
 * retrying cannot change) and retries on anything else.
 */
export const CLOSE_CODES = {
  /** The server is shutting down; clients reconnect later. */
  goingAway: 1001,
  /** A message was larger than MAX_MESSAGE_BYTES (sent by `ws` itself, from `maxPayload`). */
  messageTooBig: 1009,
  /** Something failed on the server side; clients retry. */
  serverError: 1011,
  /** A message could not be read: wrong type, broken encoding or a corrupt Yjs update. */
  badMessage: 4400,
  /** Missing, wrong or rotated token, or an unknown analysis (answered alike). */
  unauthorized: 4401,
  /** The page that opened the socket comes from an origin that is not allowed (ALLOWED_ORIGINS). */
  forbiddenOrigin: 4403,
  /** The analysis was deleted while connected. */
  deleted: 4404,
  /** More messages than MAX_MESSAGES_PER_SECOND allows, or too many before the document was loaded. */
  tooManyMessages: 4429,
  /** The analysis or the client address already has its maximum of open connections. */
  tooManyConnections: 4429,
} as const;

export type CloseKind = keyof typeof CLOSE_CODES;

export const CLOSE_REASONS: Readonly<Record<CloseKind, string>> = {
  goingAway: 'server shutting down',
  messageTooBig: 'message too big',
  serverError: 'server error',
  badMessage: 'bad message',
  unauthorized: 'unauthorized',
  forbiddenOrigin: 'origin not allowed',
  deleted: 'analysis deleted',
  tooManyMessages: 'too many messages',
  tooManyConnections: 'too many connections',
};
