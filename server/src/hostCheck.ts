/**
 * Which names this server answers to (the `Host` header). Without this check a DNS-rebinding page (a name of the
 * attacker's that first points at the attacker and then at 127.0.0.1 or an intranet address) is "same origin" with
 * Samenzicht in the victim's browser: it could create analyses and read the links it is handed. A name is accepted
 * when an attacker cannot point it at us: an IP address, `localhost`, the host of PUBLIC_URL or of an allowed
 * origin, the configured HOST, or a name in ALLOWED_HOSTS.
 */
import { isIP } from 'node:net';

/** The host name of a `Host` header (`name[:port]` or `[v6][:port]`), lower case; null when it is not one. */
export function hostNameOf(hostHeader: string | undefined): string | null {
  if (hostHeader === undefined) return null;
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::\d{1,5})?$/.exec(hostHeader.trim());
  if (!match) return null;
  const name = (match[1] ?? match[2] ?? '').toLowerCase();
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

export interface HostPolicy {
  /** Host names (lower case) accepted besides IP addresses and localhost. */
  readonly names: ReadonlySet<string>;
}

/** Builds the policy from the configuration: PUBLIC_URL, ALLOWED_ORIGINS, ALLOWED_HOSTS and HOST. */
export function createHostPolicy(options: {
  readonly publicUrl: string | null;
  readonly allowedOrigins: readonly string[];
  readonly allowedHosts: readonly string[];
  readonly host: string;
}): HostPolicy {
  const names = new Set<string>();
  for (const url of [options.publicUrl, ...options.allowedOrigins]) {
    if (url) names.add(new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase());
  }
  for (const name of options.allowedHosts) names.add(name.toLowerCase());
  const own = hostNameOf(options.host);
  if (own !== null) names.add(own);
  return { names };
}

/** Whether a request with this `Host` header is for us (see the module comment). */
export function isHostAllowed(hostHeader: string | undefined, policy: HostPolicy): boolean {
  const name = hostNameOf(hostHeader);
  if (name === null || name === '') return false;
  if (isIP(name) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return policy.names.has(name);
}

/** The sentence for a refused host; it tells the administrator what to set. */
export const UNKNOWN_HOST_MESSAGE =
  'Deze server kent deze naam niet. Open Samenzicht via het adres dat de beheerder gaf, of zet de naam in PUBLIC_URL of ALLOWED_HOSTS.';
