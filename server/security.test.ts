import { describe, expect, it } from "vitest";
import { isOriginAllowed, securityHeaders } from "./security";

const SELF = "http://localhost:3000";

describe("Origin check", () => {
  it.each([
    ["GET", "/login", undefined, true],
    ["HEAD", "/", "https://evil.example", true],
    ["POST", "/login", SELF, true],
    ["POST", "/login", "https://evil.example", false],
    ["POST", "/login", "null", false],
    ["POST", "/login", undefined, false],
    ["PUT", "/x", "http://localhost:3001", false],
    ["DELETE", "/x", SELF, true],
    ["POST", "/webhooks/stripe", undefined, true],
  ] as const)("%s %s from %s → %s", (method, path, origin, allowed) => {
    expect(isOriginAllowed(method, path, origin, SELF)).toBe(allowed);
  });
});

describe("security headers", () => {
  it("carries the nonce and the locked-down directives in production", () => {
    const h = securityHeaders("abc123", { https: false, dev: false });
    const csp = h["Content-Security-Policy"] ?? "";
    expect(csp).toContain("'nonce-abc123'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    // Forms post here only, or follow the payout form's redirect to Stripe's onboarding.
    expect(csp).toContain("form-action 'self' https://connect.stripe.com;");
    expect(csp).not.toContain("unsafe-inline");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBeTruthy();
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });

  it("adds HSTS over HTTPS", () => {
    expect(securityHeaders("n", { https: true, dev: false })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  });
});
