/** Small helpers for plain node:http: JSON answers, reading a bounded body, and a log-safe path. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Sends `body` as JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** Sends a JSON error `{ error }`; the sentence is meant for a person (Dutch). */
export function sendError(res: ServerResponse, status: number, error: string, extra: Record<string, unknown> = {}): void {
  sendJson(res, status, { error, ...extra });
}

export type BodyResult =
  | { readonly ok: true; readonly text: string }
  /** `drained`: the whole body was read (and thrown away), so the answer reaches the client before the close. */
  | { readonly ok: false; readonly tooLarge: true; readonly drained: boolean };

/** How much of a too-large body is read and thrown away before answering 413, so the client hears the answer. */
export function drainLimit(limitBytes: number): number {
  return Math.min(64 * 1024 * 1024, Math.max(1024 * 1024, 8 * limitBytes));
}

/** The client hung up before its request was complete: not a server error, logged as one line. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the request before its body was complete');
    this.name = 'ClientGoneError';
  }
}

/**
 * Reads the request body as UTF-8 text, keeping at most `limitBytes`. A larger body is read to its end and thrown
 * away (up to `drainLimit`), and only then reported: answering while the client still sends makes the server close
 * a socket with unread data, the client's write fails (EPIPE or a reset) and most clients lose the 413 with it.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  const drainBytes = drainLimit(limitBytes);
  if (Number.isFinite(declared) && declared > drainBytes) return Promise.resolve({ ok: false, tooLarge: true, drained: false });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limitBytes;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limitBytes && !tooLarge) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (tooLarge) {
        if (size > drainBytes) {
          done = true;
          resolve({ ok: false, tooLarge: true, drained: false });
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      if (tooLarge) resolve({ ok: false, tooLarge: true, drained: true });
      else resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    // 'aborted' (ECONNRESET): the client went away mid-body.
    req.on('error', () => {
      if (done) return;
      done = true;
      reject(new ClientGoneError());
    });
    // A client that hangs up mid-body emits neither 'end' nor always 'error'.
    req.on('close', () => {
      if (done) return;
      done = true;
      reject(new ClientGoneError());
    });
  });
}

/**
 * The path of a request without query string or fragment, safe to log: tokens travel in the query (WebSocket),
 * so the query is never logged; control characters are dropped so a path cannot forge log lines.
 */
export function toLoggablePath(rawUrl: string | undefined): string {
  const path = (rawUrl ?? '/').split(/[?#]/, 1)[0] ?? '/';
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, '');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

/** The path of a request without query string, for routing. */
export function readRequestPath(rawUrl: string | undefined): string {
  return (rawUrl ?? '/').split(/[?#]/, 1)[0] ?? '/';
}
