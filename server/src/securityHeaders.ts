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

/** Browser features Samenzicht never uses, switched off for the page and anything it could embed. */
export const PERMISSIONS_POLICY = ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()', 'display-capture=()'].join(', ');

/** One year: browsers then never reach the server over plain http again (only sent behind https). */
const HSTS = 'max-age=31536000';

/**
 * Sets the security headers on a response before anything is written. HSTS only when PUBLIC_URL is https: the
 * server itself speaks plain http and sits behind a proxy that ends TLS; sending it over plain http means nothing.
 */
export function setSecurityHeaders(res: ServerResponse, publicUrl: string | null = null): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  // No other window (a page this one opened, or one that opened it) can reach into the page.
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // No other site can load our answers as images, scripts or frames.
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (publicUrl?.startsWith('https://')) res.setHeader('Strict-Transport-Security', HSTS);
}
