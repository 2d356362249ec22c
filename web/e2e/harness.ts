/**
 * Test harness for browser tests: a real Samenzicht server in its own process (so a test can stop, kill and
 * restart it on the same data) and Debian's Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Ends the server the way an operator would (SIGTERM: flush, then exit). */
  stop(): Promise<void>;
  /** Ends the server at once, like a crash (SIGKILL). */
  kill(): Promise<void>;
  /** Freezes the process (SIGSTOP): its sockets stay open and nothing answers, like a server that hangs. */
  pause(): void;
  /** Lets a paused process go on (SIGCONT). */
  resume(): void;
}

/** Makes a fresh, empty data directory that is removed by `removeDataDir`. */
export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'samenzicht-e2e-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
}

/** Starts `server/src/main.ts` on `port` (0: any free port) and resolves once it prints its URL. */
export function startServerProcess(options: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(options.port ?? 0), HOST: '127.0.0.1', DATA_DIR: options.dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => rejectStart(new Error(`server did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      const port = Number(match[2]);
      resolveStart({
        url: match[1]!,
        port,
        dataDir: options.dataDir,
        async stop() {
          // A paused process would not see the SIGTERM.
          child.kill('SIGCONT');
          child.kill('SIGTERM');
          await waitForExit(child);
        },
        async kill() {
          child.kill('SIGKILL');
          await waitForExit(child);
        },
        pause() {
          child.kill('SIGSTOP');
        },
        resume() {
          child.kill('SIGCONT');
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/**
 * Launches Debian's Chromium (or CHROMIUM_PATH) headless. Playwright gives every launch a fresh, empty
 * user-data-dir of its own (it refuses a `--user-data-dir` argument), which is what the machine notes ask for.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** A person with their own browser context (own storage), who already gave a display name. */
export async function newPerson(browser: Browser, name: string, language = 'nl'): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(
    ([n, lang]) => {
      if (!localStorage.getItem('samenzicht.name')) localStorage.setItem('samenzicht.name', n!);
      if (!localStorage.getItem('samenzicht.language')) localStorage.setItem('samenzicht.language', lang!);
      // Like the name, "Wie ben jij in deze analyse?" is answered beforehand: "niet meer vragen" (stances.spec asks).
      if (!localStorage.getItem('samenzicht.seatAsk')) localStorage.setItem('samenzicht.seatAsk', 'never');
    },
    [name, language],
  );
  const page = await context.newPage();
  return { context, page };
}

export interface CreatedAnalysis {
  id: string;
  links: { facilitator: string; editor: string; viewer: string };
  tokens: { facilitator: string; editor: string; viewer: string };
}

/** Creates an analysis through the HTTP API. */
export async function createAnalysis(baseUrl: string, body: Record<string, unknown> = { title: 'Testanalyse' }): Promise<CreatedAnalysis> {
  const response = await fetch(`${baseUrl}/api/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedAnalysis;
}

/** Opens an analysis link and waits until it is connected. */
export async function openAnalysis(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await connected(page);
}

/** Reloads the page and waits until it is connected again, as a person would before touching anything. */
export async function reopenAnalysis(page: Page): Promise<void> {
  await page.reload();
  await connected(page);
}

async function connected(page: Page): Promise<void> {
  await page
    .getByTestId('connection')
    .filter({ hasText: 'Verbonden' })
    .or(page.getByTestId('connection').filter({ hasText: 'Connected' }))
    .waitFor();
}
