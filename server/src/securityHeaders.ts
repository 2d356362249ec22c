/** Headers every response carries. */
import type { ServerResponse } from 'node:http';

/**
 * React Flow positions nodes with inline styles, hence `style-src 'unsafe-inline'`; scripts stay same-origin only
 * (no inline script).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // CSP3: 'self' also matches ws:/wss: on the page's own host, so the sync socket needs nothing broader.
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Sets the security headers on a response before anything is written. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
