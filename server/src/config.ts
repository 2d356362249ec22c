/**
 * Server configuration from the environment (CONTRACT.md §2: PORT, HOST, DATA_DIR; the rest are limits and tuning
 * knobs with defaults that fit one small server). A bad value stops the server with a message naming the variable.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the directory that holds the database. */
  readonly dataDir: string;
  /** Absolute path of the built web app (`dist/web`); it may not exist yet. */
  readonly webDir: string;
  /** How long a room stays loaded after its last connection left. */
  readonly unloadGraceMs: number;
  /** Stored updates since the last snapshot after which the room writes a new snapshot. */
  readonly compactThreshold: number;
  /** How long updates are gathered before they are written in one transaction. */
  readonly flushIntervalMs: number;
  /** Base of the links handed out (e.g. `https://samenzicht.example.nl`), or null to use the request's Host. */
  readonly publicUrl: string | null;
  /** Largest WebSocket message taken; a bigger one closes that connection with 1009. */
  readonly maxMessageBytes: number;
  /** Sustained messages per second per connection (bursts up to twice this); a flood closes it with 4429. */
  readonly maxMessagesPerSecond: number;
  /** Open sync connections per analysis; one more is closed with 4429. */
  readonly maxConnectionsPerAnalysis: number;
  /** Open sync connections per client address (the socket's remote address); one more is closed with 4429. */
  readonly maxConnectionsPerAddress: number;
  /** Largest HTTP request body; a bigger one gets 413. */
  readonly maxBodyBytes: number;
  /**
   * Origins (`https://host[:port]`) whose pages may open the sync socket besides the server's own origin (the Origin
   * header's host equal to the Host header) and the origin of PUBLIC_URL. Empty by default.
   */
  readonly allowedOrigins: readonly string[];
  /** A connection's edits are written to the access log at most once per this interval. */
  readonly editLogIntervalMs: number;
  /** Worker threads that render exports and parse large imports (EXPORT_WORKERS, 1 or 2). */
  readonly exportWorkers: number;
  /** Running time one export (or large import) may take on its thread before it is stopped with 503. */
  readonly exportTimeBudgetMs: number;
  /** Exports one client address may have running or waiting; more get 429. */
  readonly maxExportsPerAddress: number;
  /** `POST /api/analyses` per client address per minute (bursts of as many); more get 429. */
  readonly maxCreatesPerMinute: number;
  /**
   * Host names the server answers to besides IP addresses, localhost and the hosts of PUBLIC_URL, ALLOWED_ORIGINS and
   * HOST (ALLOWED_HOSTS, comma-separated); a request for any other name gets 421 (DNS rebinding).
   */
  readonly allowedHosts: readonly string[];
  /** Open TCP connections to the server (HTTP and sync together); more are refused at once. */
  readonly maxHttpConnections: number;
  /** How long one HTTP request (headers and body) may take to arrive; a slower one is cut off with 408. */
  readonly requestTimeoutMs: number;
  /**
   * Largest awareness (presence) state a sync connection may announce, as JSON in bytes; a larger one closes that
   * connection with 4400.
   */
  readonly maxPresenceBytes: number;
  /** How long a short join code works after it was made (JOIN_CODE_TTL_MINUTES). */
  readonly joinCodeTtlMinutes: number;
  /** A session ends (and gets an automatic version) after this long without an edit (SESSION_IDLE_MINUTES, ms). */
  readonly sessionIdleMs: number;
  /**
   * An analysis without any activity for this many days is deleted with all its versions (RETENTION_DAYS); null (the
   * default): kept until the facilitator deletes it.
   */
  readonly retentionDays: number | null;
  /** How often the server looks for analyses past RETENTION_DAYS (RETENTION_CHECK_MINUTES, ms). */
  readonly retentionCheckMs: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Two levels up from this file in source (server/src/config.ts) and in the build (dist/server/main.js) alike. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** A whole number in range, or null when the variable is not set (a feature that is off by default). */
function readOptionalInteger(env: Env, name: string, min: number, max: number): number | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return null;
  return readInteger(env, name, min, min, max);
}

function readText(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.trim();
}

function readPublicUrl(env: Env): string | null {
  const raw = env.PUBLIC_URL;
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`PUBLIC_URL: expected a full URL like https://samenzicht.example.nl, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL: expected an http:// or https:// URL, got ${JSON.stringify(raw)}`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError(`PUBLIC_URL: expected a URL without ? or #, got ${JSON.stringify(raw)}`);
  }
  return url.href.replace(/\/+$/, '');
}

/** Reads `ALLOWED_ORIGINS`: a comma-separated list of origins, each normalized to `scheme://host[:port]`. */
function readAllowedOrigins(env: Env): string[] {
  const raw = env.ALLOWED_ORIGINS;
  if (raw === undefined || raw.trim() === '') return [];
  const origins: string[] = [];
  for (const item of raw.split(',')) {
    const text = item.trim();
    if (text === '') continue;
    let url: URL | null = null;
    try {
      url = new URL(text);
    } catch {
      // reported below
    }
    const bare = url !== null && url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
      throw new ConfigError(
        `ALLOWED_ORIGINS: expected comma-separated origins like https://samenzicht.example.nl (scheme, host and port only), got ${JSON.stringify(text)}`,
      );
    }
    origins.push(url.origin);
  }
  return origins;
}

/** Reads `ALLOWED_HOSTS`: comma-separated host names (no scheme, no port), kept in lower case. */
function readAllowedHosts(env: Env): string[] {
  const raw = env.ALLOWED_HOSTS;
  if (raw === undefined || raw.trim() === '') return [];
  const hosts: string[] = [];
  for (const item of raw.split(',')) {
    const text = item.trim().toLowerCase();
    if (text === '') continue;
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(text)) {
      throw new ConfigError(
        `ALLOWED_HOSTS: expected comma-separated host names like samenzicht.example.nl (no scheme or port), got ${JSON.stringify(item.trim())}`,
      );
    }
    hosts.push(text);
  }
  return hosts;
}

const MIB = 1024 * 1024;

/** Reads the configuration from environment variables; throws a `ConfigError` naming the first bad variable. */
export function parseConfig(env: Env): Config {
  return {
    port: readInteger(env, 'PORT', 8080, 0, 65_535),
    host: readText(env, 'HOST', '127.0.0.1'),
    dataDir: path.resolve(readText(env, 'DATA_DIR', './data')),
    webDir: path.resolve(REPO_ROOT, readText(env, 'WEB_DIR', 'dist/web')),
    unloadGraceMs: readInteger(env, 'UNLOAD_GRACE_MS', 5_000, 0, 3_600_000),
    compactThreshold: readInteger(env, 'COMPACT_THRESHOLD', 500, 1, 1_000_000),
    flushIntervalMs: readInteger(env, 'FLUSH_INTERVAL_MS', 50, 0, 60_000),
    publicUrl: readPublicUrl(env),
    maxMessageBytes: readInteger(env, 'MAX_MESSAGE_BYTES', 8 * MIB, 1024, 1024 * MIB),
    maxMessagesPerSecond: readInteger(env, 'MAX_MESSAGES_PER_SECOND', 200, 1, 1_000_000),
    maxConnectionsPerAnalysis: readInteger(env, 'MAX_CONNECTIONS_PER_ANALYSIS', 250, 1, 1_000_000),
    maxConnectionsPerAddress: readInteger(env, 'MAX_CONNECTIONS_PER_ADDRESS', 100, 1, 1_000_000),
    maxBodyBytes: readInteger(env, 'MAX_BODY_BYTES', 5 * MIB, 1024, 1024 * MIB),
    allowedOrigins: readAllowedOrigins(env),
    editLogIntervalMs: readInteger(env, 'EDIT_LOG_INTERVAL_MS', 5 * 60_000, 0, 24 * 3_600_000),
    // One thread by default: on a small server (2 cores) the other core stays free for the event loop that relays
    // every family's edits; a second export waits for the first instead of competing with it (BENCHMARKS.md).
    exportWorkers: readInteger(env, 'EXPORT_WORKERS', 1, 1, 2),
    exportTimeBudgetMs: readInteger(env, 'EXPORT_TIME_BUDGET_MS', 30_000, 100, 600_000),
    maxExportsPerAddress: readInteger(env, 'MAX_EXPORTS_PER_ADDRESS', 2, 1, 1_000),
    maxCreatesPerMinute: readInteger(env, 'MAX_CREATES_PER_MINUTE', 30, 1, 1_000_000),
    allowedHosts: readAllowedHosts(env),
    maxHttpConnections: readInteger(env, 'MAX_HTTP_CONNECTIONS', 2_000, 1, 1_000_000),
    requestTimeoutMs: readInteger(env, 'REQUEST_TIMEOUT_MS', 60_000, 1_000, 3_600_000),
    maxPresenceBytes: readInteger(env, 'MAX_PRESENCE_BYTES', 4096, 256, 1024 * 1024),
    joinCodeTtlMinutes: readInteger(env, 'JOIN_CODE_TTL_MINUTES', 30, 1, 24 * 60),
    sessionIdleMs: readInteger(env, 'SESSION_IDLE_MINUTES', 60, 1, 24 * 60) * 60_000,
    retentionDays: readOptionalInteger(env, 'RETENTION_DAYS', 1, 36_500),
    retentionCheckMs: readInteger(env, 'RETENTION_CHECK_MINUTES', 60, 1, 24 * 60) * 60_000,
  };
}
