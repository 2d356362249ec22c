/**
 * Server configuration from the environment (CONTRACT.md §2: PORT, HOST, DATA_DIR; the rest are tuning knobs with
 * defaults that fit one small server). A bad value stops the server with a message naming the variable.
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
}

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

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
  };
}
