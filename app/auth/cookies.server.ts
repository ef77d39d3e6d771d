import { parse, serialize } from "cookie";
import { ABSOLUTE_SECONDS } from "./session.server";

function isSecure(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** `__Host-` only where the cookie can be Secure (STACK.md "Sessions"). */
function sessionCookieName(request: Request): string {
  return isSecure(request) ? "__Host-st_session" : "st_session";
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  return parse(header)[name];
}

export function readSessionToken(request: Request): string | undefined {
  return readCookie(request, sessionCookieName(request));
}

export function sessionCookie(request: Request, token: string): string {
  return serialize(sessionCookieName(request), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: isSecure(request),
    path: "/",
    maxAge: ABSOLUTE_SECONDS,
  });
}

export function clearSessionCookie(request: Request): string {
  return serialize(sessionCookieName(request), "", {
    httpOnly: true,
    sameSite: "lax",
    secure: isSecure(request),
    path: "/",
    maxAge: 0,
  });
}

/** The remembered language (DESIGN.md: `?lng=` is remembered in a cookie). */
export function languageCookie(request: Request, lng: string): string {
  return serialize("lng", lng, { sameSite: "lax", secure: isSecure(request), path: "/", maxAge: 365 * 24 * 3600 });
}
