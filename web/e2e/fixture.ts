/**
 * The one e2e fixture every spec uses: a Samenzicht server in its own process on a fresh data directory, one
 * Chromium, the people of the spec (each their own browser context, with their name given) and, when asked, an
 * analysis created before the tests and opened by some of them. `useSession` registers the setup (beforeAll) and the
 * teardown (afterAll) of a spec file once; what it returns is usable from the first test on.
 *
 * A module of its own rather than part of harness.ts: the benchmarks import the harness outside of Vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  createAnalysis,
  launchBrowser,
  makeDataDir,
  newPerson,
  openAnalysis,
  removeDataDir,
  startServerProcess,
  type CreatedAnalysis,
  type Person,
  type ServerProcess,
} from './harness.ts';

export type Role = 'facilitator' | 'editor' | 'viewer';

export interface PersonSpec {
  /** The display name the person already gave. */
  readonly name: string;
  /** Opens the session's analysis with the link of this role, after everyone was made. */
  readonly opens?: Role;
  readonly language?: string;
}

export interface SessionOptions<K extends string> {
  /** The body of `POST /api/analyses` (`{ title }` or `{ content }`) for an analysis made before the tests. */
  readonly analysis?: Record<string, unknown>;
  readonly people?: Readonly<Record<K, PersonSpec>>;
}

/** An entry of the access log as `GET /api/analyses/:id/log` answers it. */
export interface LogEntry {
  readonly name: string;
  readonly role: string;
  readonly action: string;
  readonly detail?: string;
  readonly count: number;
}

export interface Session<K extends string> {
  /** The server process running now (a new one after `startServer`). */
  readonly server: ServerProcess;
  readonly browser: Browser;
  readonly dataDir: string;
  /** The analysis of `options.analysis`. */
  readonly analysis: CreatedAnalysis;
  readonly people: Readonly<Record<K, Person>>;
  /** Another person, with a context of their own (closed with the browser at the end). */
  newPerson(name: string, language?: string): Promise<Person>;
  /** Makes an analysis through the API (default body: a title). */
  createAnalysis(body?: Record<string, unknown>): Promise<CreatedAnalysis>;
  /** Ends the server the way an operator does (SIGTERM: it stores everything, then exits). */
  stopServer(): Promise<void>;
  /** Starts the server again on the same data directory and port, so the pages find it again. */
  startServer(): Promise<void>;
  /** The analysis file the server answers (`GET /api/analyses/:id`) with the token of `role` (default: viewer). */
  readFile<T>(analysis?: CreatedAnalysis, role?: Role): Promise<T>;
  /** The access log as the facilitator reads it, newest first. */
  readLog(analysis?: CreatedAnalysis): Promise<LogEntry[]>;
}

/** Registers the fixture's setup and teardown in the enclosing `describe` and returns the session. */
export function useSession<K extends string = never>(options: SessionOptions<K> = {}): Session<K> {
  let server: ServerProcess | null = null;
  let serverStopped = false;
  let browser: Browser | null = null;
  let dataDir: string | null = null;
  let analysis: CreatedAnalysis | null = null;
  const people = {} as Record<K, Person>;

  const ready = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`the e2e session has no ${what} (used before beforeAll, or not asked for)`);
    return value;
  };

  beforeAll(async () => {
    dataDir = makeDataDir();
    server = await startServerProcess({ dataDir });
    browser = await launchBrowser();
    if (options.analysis) analysis = await createAnalysis(server.url, options.analysis);
    const specs = Object.entries(options.people ?? {}) as Array<[K, PersonSpec]>;
    for (const [key, spec] of specs) people[key] = await newPerson(browser, spec.name, spec.language);
    for (const [key, spec] of specs) {
      if (spec.opens) await openAnalysis(people[key].page, ready(analysis, 'analysis').links[spec.opens]);
    }
  });

  afterAll(async () => {
    await browser?.close();
    if (!serverStopped) await server?.stop();
    if (dataDir !== null) removeDataDir(dataDir);
  });

  const session: Session<K> = {
    get server() {
      return ready(server, 'server');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get dataDir() {
      return ready(dataDir, 'data directory');
    },
    get analysis() {
      return ready(analysis, 'analysis');
    },
    people,
    newPerson: (name, language) => newPerson(session.browser, name, language),
    createAnalysis: (body = { title: 'Testanalyse' }) => createAnalysis(session.server.url, body),
    async stopServer() {
      serverStopped = true;
      await session.server.stop();
    },
    async startServer() {
      server = await startServerProcess({ dataDir: session.dataDir, port: session.server.port });
      serverStopped = false;
    },
    async readFile<T>(of: CreatedAnalysis = session.analysis, role: Role = 'viewer'): Promise<T> {
      const response = await fetch(`${session.server.url}/api/analyses/${of.id}`, {
        headers: { authorization: `Bearer ${of.tokens[role]}` },
      });
      if (response.status !== 200) throw new Error(`GET /api/analyses/${of.id} answered ${response.status}`);
      return (await response.json()) as T;
    },
    async readLog(of: CreatedAnalysis = session.analysis): Promise<LogEntry[]> {
      const response = await fetch(`${session.server.url}/api/analyses/${of.id}/log`, {
        headers: { authorization: `Bearer ${of.tokens.facilitator}` },
      });
      if (response.status !== 200) throw new Error(`GET /api/analyses/${of.id}/log answered ${response.status}`);
      return ((await response.json()) as { entries: LogEntry[] }).entries;
    },
  };
  return session;
}
