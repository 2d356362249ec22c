/**
 * Vitest setup for the server and browser tests: their `fetch` opens a new connection for each request instead of
 * reusing an idle keep-alive socket. Node's server closes an idle socket after 5 s (its keepAliveTimeout); a test
 * that waited about that long (a browser export) and then fetched could hand its request to a socket the server had
 * just closed, when the machine was busy enough that the test process saw the close late: "fetch failed: other side
 * closed" (seen twice with a second clone's tests beside these on 2 cores). Browsers retry such a request by
 * themselves; Node's fetch does not. A request that sets its own Connection header keeps it.
 */
const nodeFetch = globalThis.fetch;

globalThis.fetch = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  if (!headers.has('connection')) headers.set('connection', 'close');
  return nodeFetch(input, { ...init, headers });
};
