// Security headers and the Content-Security-Policy, in one place. The production server (server/app.js) sets the
// common headers on every response; entry.server.tsx adds the CSP with a fresh nonce to each HTML document.
import { randomBytes } from "node:crypto";

/** A fresh, unguessable nonce for one HTML response's inline scripts (Remix's hydration data and module loader). */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The policy for HTML documents. Scripts only from this origin or carrying the response's nonce; styles from this
 * origin (style *attributes* are allowed: React sets widths of score bars inline, and attributes cannot run code);
 * no plugins, no framing, forms post only here, no <base> hijacking.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries, documents, data, files and static assets alike. */
export function commonSecurityHeaders(options: { secure: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Origin-Agent-Cluster": "?1",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "X-Permitted-Cross-Domain-Policies": "none",
    "X-DNS-Prefetch-Control": "off",
  };
  // HSTS only when the site is served over https; over plain http a browser ignores it anyway, but saying it on a
  // local demo would be wrong.
  if (options.secure) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** Sets the document headers (common + CSP) on a Remix response's Headers. */
export function applyDocumentHeaders(
  headers: Headers,
  nonce: string,
  options: { secure: boolean; csp: boolean; common: boolean },
): void {
  if (options.common)
    for (const [name, value] of Object.entries(commonSecurityHeaders(options))) headers.set(name, value);
  if (options.csp) headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  // Pages show one person's data: never cache them in a shared cache.
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
}
