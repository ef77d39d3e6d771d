import type { APIRequestContext, APIResponse } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, postSignIn, test, uniqueSuffix } from "./fixtures";

// Plain HTTP, no page: running it again without JavaScript would only repeat the same requests
// (and trip the sign-in throttle the first run already armed for the same accounts).
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "HTTP-level checks need no browser; they run once, in the js project");

function setCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value);
}

function sessionCookieOf(response: APIResponse): string | undefined {
  return setCookies(response).find((c) => /^(__Host-)?st_session=[^;]+/.test(c) && !/max-age=0/i.test(c));
}

/** The headers DESIGN.md "Security headers" asks of every response; returns the CSP nonce. */
function expectSecurityHeaders(response: APIResponse, what: string): string | undefined {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name ?? "", values]),
  );
  expect(directives.get("object-src"), `${what}: object-src`).toEqual(["'none'"]);
  expect(directives.get("base-uri"), `${what}: base-uri`).toEqual(["'none'"]);
  expect(directives.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  const scriptSrc = directives.get("script-src") ?? [];
  expect(scriptSrc, `${what}: script-src allows no inline script`).not.toContain("'unsafe-inline'");
  expect(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toMatch(
    /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
  );
  const nonce = scriptSrc.map((s) => /^'nonce-([^']+)'$/.exec(s)?.[1]).find(Boolean);
  expect(nonce, `${what}: script-src carries a nonce`).toBeTruthy();
  return nonce;
}

/** The text of the form-level alert of a rendered page (the sign-in failure message). */
function alertText(html: string): string {
  const inner = /<div[^>]*role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
  return inner.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

const STACK_TRACE = /\n\s+at \S+ \(|node_modules\/|\.(ts|tsx|js):\d+:\d+/;

async function expectNoSession(request: APIRequestContext) {
  const home = await request.get("/home", { maxRedirects: 0 });
  expect(home.status()).toBe(302);
  expect(home.headers()["location"]).toBe("/login?redirectTo=%2Fhome");
}

test("a sign-in POST from another origin, from Origin null or without Origin is refused with 403 and no session", async ({
  request,
  baseURL,
}) => {
  const fields = { email: DEMO.enterprise1.email, password: DEMO_PASSWORD };
  for (const [label, headers] of [
    ["another origin", { Origin: "https://evil.example" }],
    ["Origin: null", { Origin: "null" }],
    ["no Origin", {}],
  ] as const) {
    const response = await postSignIn(request, baseURL!, fields, headers);
    expect(response.status(), label).toBe(403);
    expect(sessionCookieOf(response), label).toBeUndefined();
    expect(await response.text(), label).toContain("请求来源不可信");
    await expectNoSession(request);
  }

  // The control: the same request from this origin signs in, so the refusals were the Origin's.
  const same = await postSignIn(request, baseURL!, fields);
  expect(same.status()).toBe(302);
  expect(sessionCookieOf(same)).toBeDefined();
});

test("security headers are on HTML pages, JSON, static files and 404 pages, with a fresh nonce matching every script tag", async ({
  request,
}) => {
  const login = await request.get("/login");
  expect(login.status()).toBe(200);
  expect(login.headers()["content-type"]).toMatch(/^text\/html/);
  const nonce = expectSecurityHeaders(login, "HTML page");
  const html = await login.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, "the page has scripts to check").toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script tag carries the response's nonce").toContain(` nonce="${nonce}"`);

  const again = await request.get("/login");
  expect(expectSecurityHeaders(again, "HTML page, again"), "a new nonce for every response").not.toBe(nonce);

  const health = await request.get("/healthz");
  expect(health.headers()["content-type"]).toMatch(/^application\/json/);
  expectSecurityHeaders(health, "/healthz");

  const favicon = await request.get("/favicon.svg");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  expectSecurityHeaders(favicon, "/favicon.svg");

  const missing = await request.get(`/no-such-page-${uniqueSuffix()}`);
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing, "404 page");
});

test("/healthz answers 200 {status: ok}", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("an unknown path is a 404 page in Chinese, or in English with ?lng=en, without a stack trace", async ({ request }) => {
  const path = `/no-such-page-${uniqueSuffix()}/deeper`;
  const zh = await request.get(path);
  expect(zh.status()).toBe(404);
  const zhHtml = await zh.text();
  expect(zhHtml).toContain('<html lang="zh-CN"');
  expect(zhHtml).toContain("页面不存在");
  expect(zhHtml).not.toMatch(STACK_TRACE);

  const en = await request.get(`${path}?lng=en`);
  expect(en.status()).toBe(404);
  const enHtml = await en.text();
  expect(enHtml).toContain('<html lang="en"');
  expect(enHtml).toContain("Page not found");
  expect(enHtml).not.toMatch(STACK_TRACE);
});

test("a signed-out visitor is sent to sign in and, once signed in, lands on the page asked for; the session cookie is HttpOnly and SameSite=Lax", async ({
  request,
  baseURL,
}) => {
  await expectNoSession(request);

  const account = await request.get("/account", { maxRedirects: 0 });
  expect(account.status()).toBe(302);
  const loginUrl = new URL(account.headers()["location"] ?? "", baseURL);
  expect(loginUrl.pathname).toBe("/login");
  const redirectTo = loginUrl.searchParams.get("redirectTo");
  expect(redirectTo).toBe("/account");

  const signedIn = await postSignIn(request, baseURL!, { email: DEMO.finance.email, password: DEMO_PASSWORD, redirectTo: redirectTo! });
  expect(signedIn.status()).toBe(302);
  expect(signedIn.headers()["location"]).toBe("/account");
  const cookie = sessionCookieOf(signedIn);
  expect(cookie).toBeDefined();
  expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
  expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
  expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);

  const landed = await request.get("/account");
  expect(landed.status()).toBe(200);
  expect(await landed.text()).toContain(DEMO.finance.name);

  // An address off the site is never followed after sign-in (open redirect).
  const offsite = await postSignIn(request, baseURL!, { email: DEMO.finance.email, password: DEMO_PASSWORD, redirectTo: "//evil.example/" });
  expect(offsite.headers()["location"]).toBe("/home");
});

test("the sixth wrong password in a row is throttled, and an unknown e-mail gets exactly the same answers", async ({ request, baseURL }) => {
  // expert5 signs in nowhere else in the suite, so no other journey is throttled by this one.
  const known = { email: DEMO.expert5.email, password: "not-the-password" };
  const unknown = { email: `nobody-${uniqueSuffix()}@enterprise.test`, password: "not-the-password" };

  const answers = async (fields: { email: string; password: string }) => {
    const result: { status: number; message: string }[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const response = await postSignIn(request, baseURL!, fields);
      expect(sessionCookieOf(response)).toBeUndefined();
      result.push({ status: response.status(), message: alertText(await response.text()) });
    }
    return result;
  };

  const forKnown = await answers(known);
  const failed = { status: 400, message: "邮箱或密码不正确。" };
  const throttled = { status: 429, message: "尝试次数过多，请稍后再试。" };
  expect(forKnown).toEqual([failed, failed, failed, failed, failed, throttled]);
  expect(await answers(unknown)).toEqual(forKnown);
});

test("an enterprise member gets 403 for the bureau's user list and for another organisation's page", async ({
  request,
  baseURL,
  playwright,
}) => {
  // The officer's list gives the id of another organisation (a training institution), and the
  // officer may open it: the control for the refusal below.
  const officer = await playwright.request.newContext({ baseURL });
  try {
    expect((await postSignIn(officer, baseURL!, { email: DEMO.officer.email, password: DEMO_PASSWORD })).status()).toBe(302);
    const list = await officer.get("/bureau/organisations");
    expect(list.status()).toBe(200);
    const rows = (await list.text()).match(/<tr[\s\S]*?<\/tr>/g) ?? [];
    const row = rows.find((r) => r.includes(DEMO.institution1.org));
    const id = row && /href="\/bureau\/organisations\/([^"?#/]+)"/.exec(row)?.[1];
    expect(id, `a link to ${DEMO.institution1.org} in the officer's list`).toBeTruthy();
    const otherOrg = `/bureau/organisations/${id}`;
    expect((await officer.get(otherOrg)).status()).toBe(200);

    const admin = await playwright.request.newContext({ baseURL });
    try {
      expect((await postSignIn(admin, baseURL!, { email: DEMO.admin.email, password: DEMO_PASSWORD })).status()).toBe(302);
      expect((await admin.get("/bureau/users")).status()).toBe(200);
    } finally {
      await admin.dispose();
    }

    expect((await postSignIn(request, baseURL!, { email: DEMO.enterprise1.email, password: DEMO_PASSWORD })).status()).toBe(302);
    const users = await request.get("/bureau/users", { maxRedirects: 0 });
    expect(users.status()).toBe(403);
    expect(await users.text()).toContain("无权访问");
    const org = await request.get(otherOrg, { maxRedirects: 0 });
    expect(org.status()).toBe(403);
    expect(await org.text()).toContain("无权访问");
  } finally {
    await officer.dispose();
  }
});
