import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Where Stripe's account links send an institution to fill in its payout details. */
export const STRIPE_ONBOARDING_ORIGIN = "https://connect.stripe.com";

/** DESIGN.md "Security headers": CSP with a nonce and the rest, on every response. */
export function securityHeaders(nonce: string, options: { https: boolean; dev: boolean }): Record<string, string> {
  const script = options.dev ? `'self' 'unsafe-inline'` : `'self' 'nonce-${nonce}' 'strict-dynamic'`;
  const connect = options.dev ? `'self' ws: wss:` : `'self'`;
  const csp = [
    `default-src 'self'`,
    `script-src ${script}`,
    `style-src 'self'${options.dev ? " 'unsafe-inline'" : ""}`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src ${connect}`,
    // A form may only post here; the payout page's form answers with a redirect to Stripe's
    // hosted onboarding, and browsers hold a form's redirects to form-action too (without
    // JavaScript the institution would otherwise never reach Stripe).
    `form-action 'self' ${STRIPE_ONBOARDING_ORIGIN}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Paths called by other servers, which authenticate themselves another way (signatures). */
const ORIGIN_EXEMPT = ["/webhooks/"];

/**
 * Lucia's CSRF guidance: every non-GET request must carry an Origin equal to this server's.
 * A missing Origin or `null` is refused too.
 */
export function isOriginAllowed(method: string, path: string, origin: string | undefined, expectedOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (ORIGIN_EXEMPT.some((p) => path.startsWith(p))) return true;
  if (!origin || origin === "null") return false;
  return origin === expectedOrigin;
}

/** A plain bilingual page for refusals made before the app renders (no script, no styles). */
export function plainErrorPage(status: number, zh: string, en: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${status}</title></head><body><h1>${status}</h1><p>${zh}</p><p lang="en">${en}</p><p><a href="/">返回首页 / Home</a></p></body></html>`;
}
