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

export type BodyResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly tooLarge: true };

/** Reads the request body as UTF-8 text, giving up as soon as it passes `limitBytes`. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.resolve({ ok: false, tooLarge: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limitBytes) {
        done = true;
        chunks.length = 0;
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
    // A client that hangs up mid-body emits neither 'end' nor always 'error'.
    req.on('close', () => {
      if (done) return;
      done = true;
      reject(new Error('the client closed the request before its body was complete'));
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
