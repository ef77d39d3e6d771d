import { parse } from "cookie";
import { describe, expect, it } from "vitest";
import { clearSessionCookie, readSessionToken, sessionCookie } from "./cookies.server";
import { ABSOLUTE_SECONDS } from "./session.server";

/**
 * Issue 8, test 4; STACK.md "Sessions": the session cookie is HttpOnly and SameSite=Lax always,
 * Secure over HTTPS with the `__Host-` prefix (no Domain, Path=/), and lives no longer than the
 * session's absolute lifetime. Over HTTPS only the prefixed cookie is read, so a cookie planted
 * without the prefix (from a sibling subdomain or plain HTTP) is never taken for a session.
 */
const HTTPS = new Request("https://skilltender.example/login", { method: "POST" });
const HTTP = new Request("http://localhost:3000/login", { method: "POST" });

/** The attributes of a Set-Cookie value, by lower-case name. */
function attributes(setCookie: string): { name: string; value: string; attrs: Map<string, string> } {
  const [pair, ...rest] = setCookie.split(";").map((s) => s.trim());
  const [name, value] = [pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1)];
  return { name, value, attrs: new Map(rest.map((a) => [a.split("=")[0]!.toLowerCase(), a.split("=")[1] ?? ""])) };
}

describe("the session cookie", () => {
  it("over HTTPS: __Host-st_session, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain, the absolute lifetime", () => {
    const c = attributes(sessionCookie(HTTPS, "tok123"));
    expect(c.name).toBe("__Host-st_session");
    expect(c.value).toBe("tok123");
    expect(c.attrs.has("secure")).toBe(true);
    expect(c.attrs.has("httponly")).toBe(true);
    expect(c.attrs.get("samesite")?.toLowerCase()).toBe("lax");
    expect(c.attrs.get("path")).toBe("/");
    expect(c.attrs.has("domain")).toBe(false);
    expect(Number(c.attrs.get("max-age"))).toBe(ABSOLUTE_SECONDS);
  });

  it("over local HTTP: st_session without Secure (a browser would drop a Secure cookie there), still HttpOnly and SameSite=Lax", () => {
    const c = attributes(sessionCookie(HTTP, "tok123"));
    expect(c.name).toBe("st_session");
    expect(c.attrs.has("secure")).toBe(false);
    expect(c.attrs.has("httponly")).toBe(true);
    expect(c.attrs.get("samesite")?.toLowerCase()).toBe("lax");
  });

  it("signing out clears the same cookie with the same flags", () => {
    for (const request of [HTTPS, HTTP]) {
      const set = attributes(sessionCookie(request, "x"));
      const cleared = attributes(clearSessionCookie(request));
      expect(cleared.name).toBe(set.name);
      expect(cleared.value).toBe("");
      expect(cleared.attrs.get("max-age")).toBe("0");
      expect(cleared.attrs.has("secure")).toBe(set.attrs.has("secure"));
      expect(cleared.attrs.has("httponly")).toBe(true);
    }
  });

  it("over HTTPS reads only the __Host- cookie: an unprefixed one is ignored", () => {
    const withBoth = new Request("https://skilltender.example/home", { headers: { Cookie: "st_session=planted; __Host-st_session=real" } });
    expect(readSessionToken(withBoth)).toBe("real");
    const plantedOnly = new Request("https://skilltender.example/home", { headers: { Cookie: "st_session=planted" } });
    expect(readSessionToken(plantedOnly)).toBeUndefined();
    const local = new Request("http://localhost:3000/home", { headers: { Cookie: "st_session=local" } });
    expect(readSessionToken(local)).toBe("local");
    expect(parse(sessionCookie(HTTPS, "abc"))["__Host-st_session"]).toBe("abc");
  });
});
