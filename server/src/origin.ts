/**
 * Which web pages may open the sync socket. Browsers send `Origin` with every WebSocket handshake and let any page
 * open a socket to any host, so without this check a foreign page could use a visitor's network position (e.g. an
 * intranet server). Tokens still decide access; this only keeps foreign pages out.
 */

/**
 * Returns true when a handshake with this `Origin` header may proceed: no header (a non-browser client such as the
 * stock Node client), the server's own origin (the Origin's host equals the `Host` header), or one of `allowed`
 * (normalized `scheme://host[:port]` strings).
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    // Includes `Origin: null` (sandboxed frames, file: pages): never ours.
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (allowed.includes(url.origin)) return true;
  if (host === undefined || host === '') return false;
  let sameHost: string;
  try {
    // Parsed with the Origin's scheme so that default ports compare equal (`example.nl` and `example.nl:443`).
    sameHost = new URL(`${url.protocol}//${host}`).host;
  } catch {
    return false;
  }
  return sameHost === url.host;
}
