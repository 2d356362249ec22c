/**
 * Serves the built web app. Paths without a file extension that match no file get `index.html` (the app routes
 * them itself, e.g. `/a/<id>`); a missing asset such as `/x.js` is a plain 404 rather than HTML.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/** Returns a handler for the files in `webDir`; when the app is not built yet it explains that instead. */
export function createStaticHandler(webDir: string): StaticHandler {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    return (_req, res) => sendText(res, 404, 'De webapp is nog niet gebouwd. Draai eerst: npm run build\n');
  }
  const serve = sirv(webDir, {
    single: true,
    etag: true,
    setHeaders(res, pathname) {
      // Vite puts content-hashed files under /assets/, which never change; everything else is revalidated.
      res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req, res) => serve(req, res, () => sendText(res, 404, 'Niet gevonden.\n'));
}
