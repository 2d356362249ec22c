/**
 * WebSocket close codes the server uses. The stock y-websocket client stops reconnecting on 4400–4499 (a decision
 * retrying cannot change) and retries on anything else.
 */
export const CLOSE_CODES = {
  /** The server is shutting down; clients reconnect later. */
  goingAway: 1001,
  /** Something failed on the server side; clients retry. */
  serverError: 1011,
  /** A message could not be read: wrong type, broken encoding or a corrupt Yjs update. */
  badMessage: 4400,
  /** Missing or wrong token, or an unknown analysis (answered alike). */
  unauthorized: 4401,
  /** The analysis was deleted while connected. */
  deleted: 4404,
  /** Too many messages arrived before the document was loaded. */
  tooManyMessages: 4429,
} as const;

export const CLOSE_REASONS: Readonly<Record<keyof typeof CLOSE_CODES, string>> = {
  goingAway: 'server shutting down',
  serverError: 'server error',
  badMessage: 'bad message',
  unauthorized: 'unauthorized',
  deleted: 'analysis deleted',
  tooManyMessages: 'too many messages',
};
