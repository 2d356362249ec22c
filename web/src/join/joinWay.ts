/**
 * How a person came into an analysis, when not by the plain link: by scanning the QR code (the QR code holds the link
 * with `?via=qr` before the `#token`) or by typing a short code on the start page (`?via=code`). The app reads it once,
 * takes it out of the address bar (so a reload or the "recent" list counts as the link again) and tells the server
 * in the sync handshake, for the access log.
 */

export type JoinWay = 'qr' | 'code';

/** Reads `via` from a location's query; anything but qr or code is null. */
export function parseJoinWay(search: string): JoinWay | null {
  const via = new URLSearchParams(search).get('via');
  return via === 'qr' || via === 'code' ? via : null;
}

/** The link with `?via=<way>` put before its fragment (where the token is). */
export function withJoinWay(link: string, way: JoinWay): string {
  const hashAt = link.indexOf('#');
  const base = hashAt < 0 ? link : link.slice(0, hashAt);
  const fragment = hashAt < 0 ? '' : link.slice(hashAt);
  return `${base}${base.includes('?') ? '&' : '?'}via=${way}${fragment}`;
}

let taken: { way: JoinWay | null } | null = null;

/**
 * Returns how this page was opened and removes `via` from the address bar, once per page load (later calls return
 * the same answer).
 */
export function takeJoinWay(): JoinWay | null {
  if (taken !== null) return taken.way;
  const way = parseJoinWay(window.location.search);
  taken = { way };
  if (way !== null) {
    const params = new URLSearchParams(window.location.search);
    params.delete('via');
    const search = params.toString();
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`,
    );
  }
  return way;
}
