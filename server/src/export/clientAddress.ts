/**
 * The key by which per-client limits count (exports at once, analyses created per minute): the socket's remote
 * address. An IPv6 client usually holds a whole /64, so IPv6 addresses count per /64; an IPv4-mapped address
 * (`::ffff:1.2.3.4`) counts as the IPv4 address. Behind a reverse proxy every client has the proxy's address (no
 * `X-Forwarded-For` is trusted), so the limits are set higher there.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function expandIPv6(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  const [head = '', tail] = address.split('::') as [string, string | undefined];
  const parse = (part: string): string[] => (part === '' ? [] : part.split(':'));
  let left = parse(head);
  let right = tail === undefined ? [] : parse(tail);
  // A dotted IPv4 end (`::ffff:1.2.3.4`) is two groups.
  const last = (tail === undefined ? left : right).at(-1);
  if (last !== undefined && isIPv4(last)) {
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    const groups = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    if (tail === undefined) left = [...left.slice(0, -1), ...groups];
    else right = [...right.slice(0, -1), ...groups];
  }
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(zeros).fill('0'), ...right].map((group) => parseInt(group, 16));
}

/** The counting key of a remote address: IPv4 as it is, IPv6 by its /64 (`2001:db8:0:1::/64`). */
export function clientKey(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined || remoteAddress === '') return 'unknown';
  const groups = expandIPv6(remoteAddress.split('%')[0]!);
  if (groups === null) return remoteAddress;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
