/**
 * The real server in a child process (`node --import tsx server/src/main.ts`, as web/e2e/harness.ts starts it), so
 * a fault test or a benchmark can SIGKILL it, restart it on the same data and port, and read its CPU and memory
 * from /proc. Its output is always drained (a full pipe would stall it) and the last part is kept for messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = path.join(REPO_ROOT, 'server/src/main.ts');
const KEEP_OUTPUT_CHARS = 20_000;

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  readonly port: number;
  readonly syncUrl: string;
  readonly dataDir: string;
  /** The last part of what the server printed. */
  output(): string;
  /** True until the process exited. */
  isRunning(): boolean;
  /** Ends the process like a crash or a power cut of the process: SIGKILL, nothing is flushed. */
  kill(): Promise<void>;
  /** Ends it the way an operator does: SIGTERM, the server stores everything and exits. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  readonly dataDir: string;
  /** 0 (the default) picks a free port; a restart passes the previous one so clients find it again. */
  readonly port?: number;
  /** Extra environment, e.g. limits (config.ts). */
  readonly env?: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
  /** Extra arguments for node itself, e.g. `--trace-gc`. */
  readonly nodeArgs?: readonly string[];
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/** Starts the server and resolves once it printed the address it listens on. */
export function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', MAIN], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output += chunk.toString();
    if (output.length > 2 * KEEP_OUTPUT_CHARS) output = output.slice(-KEEP_OUTPUT_CHARS);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = waitForExit(child);

  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server process did not start in time:\n${output}`));
    }, options.startTimeoutMs ?? 30_000);
    const onData = (): void => {
      const match = /Samenzicht draait op (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onEarlyExit);
      const url = match[1]!;
      resolve({
        child,
        pid: child.pid!,
        url,
        port: Number(match[2]),
        syncUrl: `${url.replace(/^http/, 'ws')}/sync`,
        dataDir: options.dataDir,
        output: () => output,
        isRunning: () => child.exitCode === null && child.signalCode === null,
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    const onEarlyExit = (code: number | null, signal: string | null): void => {
      clearTimeout(timer);
      reject(new Error(`the server process exited (${code ?? signal}) before it listened:\n${output}`));
    };
    child.stdout!.on('data', onData);
    child.once('exit', onEarlyExit);
  });
}

/** Resident memory of a process in bytes (VmRSS), or null when it is gone. */
export function readRssBytes(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process used so far, in seconds, from /proc/<pid>/stat (clock ticks of 1/100 s). */
export function readCpuSeconds(pid: number, ticksPerSecond = 100): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state is index 0, so utime (field 14) is index 11 and stime (field 15) index 12.
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return null;
  }
}
