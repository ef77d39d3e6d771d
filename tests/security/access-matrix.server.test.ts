/**
 * The access matrix (issue 8, test 1; docs/security.md "Access control"): every route module in
 * app/routes × every kind of visitor, signed out and each role, asserting what the route answers.
 * The route list is read from the folder, so a route added without a row here fails the test.
 * Then object-level checks: an organisation asking for another's record by id gets 404, and the
 * attempt is in the audit log.
 */
import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { createSession } from "~/auth/session.server";
import {
  answer,
  contextFor,
  getRequest,
  importRoute,
  postRequest,
  renewSessions,
  routeFiles,
  routePath,
  routeWorld,
  VISITORS,
  type RouteWorld,
} from "./route-world.server";

/**
 * One answer per visitor, in the order of VISITORS:
 *   public, enterprise, institution, officer, admin, finance, evaluator.
 * "login" is the redirect to sign in, "→/path" another redirect, a number the status.
 * POST rows are for an empty form: validation (400) before or after the role check, never 200.
 */
type Row = readonly [string, string, string, string, string, string, string];

interface Expected {
  /** The route's parameters, from records of the demo world owned by the visitors who may see them. */
  params?: (w: RouteWorld) => Record<string, string>;
  query?: string;
  get?: Row;
  post?: Row;
}

const contract = (w: RouteWorld) => ({ id: w.ids.contract });
const demand = (w: RouteWorld) => ({ id: w.ids.demand });
const awardedLot = (w: RouteWorld) => ({ lotId: w.ids.awardedLot });

const PUBLIC: Row = ["200", "200", "200", "200", "200", "200", "200"];
const SIGNED_IN: Row = ["login", "200", "200", "200", "200", "200", "200"];
const TO_HOME: Row = ["200", "→/home", "→/home", "→/home", "→/home", "→/home", "→/home"];
const ENTERPRISE: Row = ["login", "200", "403", "403", "403", "403", "403"];
const ENTERPRISE_POST: Row = ["login", "400", "403", "403", "403", "403", "403"];
const INSTITUTION: Row = ["login", "403", "200", "403", "403", "403", "403"];
const INSTITUTION_POST: Row = ["login", "403", "400", "403", "403", "403", "403"];
const OFFICER_ADMIN: Row = ["login", "403", "403", "200", "200", "403", "403"];
const OFFICER_ADMIN_POST: Row = ["login", "403", "403", "400", "400", "403", "403"];
const OFFICER: Row = ["login", "403", "403", "200", "403", "403", "403"];
const OFFICER_POST: Row = ["login", "403", "403", "400", "403", "403", "403"];
const ADMIN: Row = ["login", "403", "403", "403", "200", "403", "403"];
const ADMIN_POST: Row = ["login", "403", "403", "403", "400", "403", "403"];
const STEERING: Row = ["login", "403", "403", "200", "200", "200", "403"];
/** A contract's pages: its institution and the bureau; an enterprise is a stranger (404). */
const CONTRACT: Row = ["login", "404", "200", "200", "200", "200", "200"];
/** The form is read before the contract: an empty one is 400 for anyone signed in. */
const FORM_FIRST: Row = ["login", "400", "400", "400", "400", "400", "400"];

/** Every route module, by file name. A new route needs its row here. */
const MATRIX: Record<string, Expected> = {
  "$.tsx": { params: () => ({ "*": "no-such-page" }), get: ["404", "404", "404", "404", "404", "404", "404"] },
  "_index.tsx": { get: TO_HOME },
  "account.tsx": { get: SIGNED_IN, post: FORM_FIRST },
  "accreditations.tsx": { get: INSTITUTION, post: INSTITUTION_POST },
  "bids.$bidId.receipt.ts": { params: (w) => ({ bidId: w.ids.bid }), get: INSTITUTION },
  "bids._index.tsx": { get: INSTITUTION },
  "bids.lots.$lotId.tsx": { params: (w) => ({ lotId: w.ids.openLot }), get: INSTITUTION, post: INSTITUTION_POST },
  "bureau.accreditations.tsx": { get: OFFICER, post: OFFICER_POST },
  "bureau.audit.tsx": { get: ADMIN },
  "bureau.demands.$id.tsx": { params: demand, get: OFFICER_ADMIN, post: OFFICER_ADMIN_POST },
  "bureau.demands._index.tsx": { get: OFFICER_ADMIN, post: OFFICER_ADMIN_POST },
  // A lot's bureau pages: not found for anyone outside the procurement staff.
  "bureau.lots.$lotId._index.tsx": { params: awardedLot, get: ["login", "404", "404", "200", "200", "404", "404"], post: ["login", "404", "404", "400", "400", "404", "404"] },
  "bureau.lots.$lotId.award.tsx": { params: awardedLot, get: ["login", "404", "404", "200", "200", "403", "403"], post: ["login", "404", "404", "400", "400", "400", "400"] },
  // Opening is a POST only; its GET is not found for everyone.
  "bureau.lots.$lotId.open.tsx": { params: awardedLot, get: ["404", "404", "404", "404", "404", "404", "404"], post: ["login", "403", "403", "→/bureau/tenders", "403", "403", "403"] },
  // The evaluator sits on this lot's panel and reads its report.
  "bureau.lots.$lotId.report.tsx": { params: awardedLot, get: ["login", "404", "404", "200", "200", "404", "200"] },
  "bureau.lots.$lotId.tsx": { params: awardedLot, get: ["login", "404", "404", "200", "200", "404", "200"] },
  "bureau.organisations.$id.tsx": { params: (w) => ({ id: w.ids.organisation }), get: OFFICER_ADMIN, post: OFFICER_ADMIN_POST },
  "bureau.organisations._index.tsx": { get: OFFICER_ADMIN },
  "bureau.progress.tsx": { get: STEERING },
  "bureau.reference._index.tsx": { get: ADMIN },
  "bureau.reference.calendar.tsx": { get: ADMIN, post: ADMIN_POST },
  "bureau.reference.rules.tsx": { get: ADMIN, post: ADMIN_POST },
  "bureau.reference.subsidies.tsx": { get: ADMIN, post: ADMIN_POST },
  "bureau.report.tsx": { get: STEERING },
  "bureau.targets.tsx": { get: ADMIN, post: ADMIN_POST },
  "bureau.tenders.$id.tsx": { params: (w) => ({ id: w.ids.tender }), get: ["login", "404", "404", "200", "200", "404", "404"], post: ["login", "404", "404", "400", "400", "404", "404"] },
  "bureau.tenders._index.tsx": { get: OFFICER_ADMIN },
  "bureau.tenders.new.tsx": { get: OFFICER, post: OFFICER_POST },
  "bureau.users.$id.tsx": { params: (w) => ({ id: w.ids.bureauUser }), get: ADMIN, post: ADMIN_POST },
  "bureau.users._index.tsx": { get: ADMIN },
  "bureau.users.new.tsx": { get: ADMIN, post: ADMIN_POST },
  "contracts.$id.tsx": { params: contract, get: CONTRACT, post: FORM_FIRST },
  "contracts.$id_.acceptance.tsx": { params: contract, get: CONTRACT, post: FORM_FIRST },
  "contracts.$id_.attendance.tsx": { params: contract, get: CONTRACT, post: FORM_FIRST },
  "contracts.$id_.attendance_.import.tsx": { params: contract, get: CONTRACT, post: FORM_FIRST },
  // The blank sign-in sheet is the institution's alone (the bureau may read, not record).
  "contracts.$id_.attendance_.template[.]csv.tsx": { params: contract, get: ["login", "404", "404", "403", "403", "403", "403"] },
  "contracts.$id_.attendance_.template[.]xlsx.tsx": { params: contract, get: ["login", "404", "404", "403", "403", "403", "403"] },
  "contracts.$id_.payments.tsx": { params: contract, get: CONTRACT, post: FORM_FIRST },
  "contracts.$id_.results.tsx": { params: contract, get: CONTRACT, post: FORM_FIRST },
  "contracts.$id_.trainees.tsx": { params: contract, get: CONTRACT, post: FORM_FIRST },
  "contracts._index.tsx": { get: ["login", "403", "200", "200", "200", "200", "200"] },
  "demands.$id.tsx": { params: demand, get: ENTERPRISE, post: ENTERPRISE_POST },
  // A demand under contract cannot be edited: its owner is sent back to it.
  "demands.$id_.edit.tsx": { params: demand, get: ["login", "→/demands/:demand", "403", "403", "403", "403", "403"], post: ENTERPRISE_POST },
  "demands.$id_.roster.tsx": { params: demand, get: ENTERPRISE, post: ENTERPRISE_POST },
  // The roster upload is a POST only.
  "demands.$id_.roster_.import.tsx": { params: demand, get: ["405", "405", "405", "405", "405", "405", "405"], post: ENTERPRISE_POST },
  "demands.$id_.roster_.template[.]csv.tsx": { params: demand, get: ENTERPRISE },
  "demands.$id_.roster_.template[.]xlsx.tsx": { params: demand, get: ENTERPRISE },
  "demands._index.tsx": { get: ENTERPRISE },
  "demands.new.tsx": { get: ENTERPRISE, post: ENTERPRISE_POST },
  // Each export answers as its list page does (here the organisations list).
  "export.$.tsx": { params: () => ({ "*": "bureau/organisations" }), query: "?format=csv", get: OFFICER_ADMIN },
  "finance._index.tsx": { get: ["login", "403", "403", "403", "403", "200", "403"], post: ["login", "403", "403", "403", "403", "400", "403"] },
  // The bureau's view of a milestone: not found for institutions (theirs is the contract's payments page).
  "finance.milestones.$id.tsx": { params: (w) => ({ id: w.ids.milestone }), get: ["login", "404", "404", "200", "200", "200", "200"], post: FORM_FIRST },
  "healthz.ts": { get: PUBLIC },
  "home.tsx": { get: SIGNED_IN },
  "i18n.$lng[.]json.ts": { params: () => ({ lng: "en" }), get: PUBLIC },
  "institutions.tsx": { get: PUBLIC },
  "login.tsx": { get: TO_HOME, post: ["400", "400", "400", "400", "400", "400", "400"] },
  // GET never signs out; the POST does, for whoever is signed in.
  "logout.tsx": { get: ["→/", "→/", "→/", "→/", "→/", "→/", "→/"], post: ["login", "login", "login", "login", "login", "login", "login"] },
  "notifications.tsx": { get: SIGNED_IN, post: FORM_FIRST },
  "ocds.records.$ocid[.]json.ts": { params: (w) => ({ ocid: w.ids.ocid }), get: PUBLIC },
  "ocds.releases[.]json.ts": { get: PUBLIC },
  "panel._index.tsx": { get: ["login", "403", "403", "403", "403", "403", "200"] },
  "panel.lots.$lotId.tsx": { params: (w) => ({ lotId: w.ids.evaluatingLot }), get: ["login", "403", "403", "403", "403", "403", "200"], post: ["login", "403", "403", "403", "403", "403", "400"] },
  "payouts._index.tsx": { get: INSTITUTION, post: FORM_FIRST },
  // Stripe's refresh link starts a new account link (offline: straight to the return page).
  "payouts.refresh.tsx": { get: ["login", "403", "→http://localhost/payouts/return", "403", "403", "403", "403"] },
  "payouts.return.tsx": { get: ["login", "403", "→/payouts", "403", "403", "403", "403"] },
  "performance.tsx": { get: INSTITUTION },
  // An enterprise's or institution's own progress; the bureau's is /bureau/progress.
  "progress.tsx": { get: ["login", "200", "200", "403", "403", "403", "403"] },
  "register.tsx": { get: TO_HOME, post: ["400", "400", "400", "400", "400", "400", "400"] },
  "statistics.tsx": { get: PUBLIC },
  "tenders.$reference.tsx": { params: (w) => ({ reference: w.ids.tenderReference }), get: PUBLIC, post: INSTITUTION_POST },
  "tenders._index.tsx": { get: PUBLIC },
  // The enterprise follows the contract that trains its own trainees; nobody else has this page.
  "training.$contractId.tsx": { params: (w) => ({ contractId: w.ids.trainingContract }), get: ["login", "200", "404", "404", "404", "404", "404"], post: FORM_FIRST },
  "training._index.tsx": { get: ENTERPRISE },
  // Stripe posts here, signed; GET is not allowed, an unsigned POST is 400 for anyone.
  "webhooks.stripe.ts": { get: ["405", "405", "405", "405", "405", "405", "405"], post: ["400", "400", "400", "400", "400", "400", "400"] },
  "workforce.tsx": { get: ENTERPRISE, post: ENTERPRISE_POST },
};

function expand(row: Row, w: RouteWorld): string[] {
  return row.map((cell) => cell.replace(":demand", w.ids.demand));
}

describe("the access matrix", () => {
  it("has a row for every route module in app/routes", () => {
    const missing = routeFiles().filter((f) => !(f in MATRIX));
    expect(missing, `add a row to MATRIX in tests/security/access-matrix.server.test.ts for: ${missing.join(", ")}`).toEqual([]);
  });

  it("answers every route, as every kind of visitor, as the table says", { timeout: 240_000 }, async () => {
    const w = await routeWorld();
    const mismatches: string[] = [];
    let checked = 0;
    for (const file of routeFiles()) {
      const row = MATRIX[file];
      if (!row) continue; // reported by the test above
      const m = await importRoute(file);
      const params = row.params?.(w) ?? {};
      const path = routePath(file, params);
      for (const [method, expected, run] of [
        ["GET", row.get, m.loader && ((v: (typeof VISITORS)[number]) => m.loader!({ request: getRequest(w, v, path + (row.query ?? "")), params, context: contextFor(w) }))],
        ["POST", row.post, m.action && ((v: (typeof VISITORS)[number]) => m.action!({ request: postRequest(w, v, path), params, context: contextFor(w) }))],
      ] as const) {
        if (Boolean(expected) !== Boolean(run)) {
          mismatches.push(`${file} ${method}: the table ${expected ? "has a row but the module exports no handler" : "has no row but the module exports a handler"}`);
          continue;
        }
        if (!expected || !run) continue;
        const want = expand(expected, w);
        for (const [i, visitor] of VISITORS.entries()) {
          const got = await answer(() => run(visitor));
          checked += 1;
          if (got !== want[i]) mismatches.push(`${method} ${path} as ${visitor}: expected ${want[i]}, got ${got}`);
        }
        // A post may have signed a visitor out (logout): every visitor signs in afresh.
        if (method === "POST") await renewSessions(w);
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });
});

describe("records of another organisation", () => {
  it("are not found, and each attempt is in the audit log", { timeout: 120_000 }, async () => {
    const w = await routeWorld();
    // An evaluator who does not sit on the lot's panel.
    const outsider = await makeActor(w.db, { kind: "bureau", roles: ["evaluator"] });
    const outsiderToken = (await createSession(w.db, outsider.userId, "bureau")).token;
    const { contract: c, demand: d, trainingContract, bid, notification } = w.ids;
    const cases: { what: string; file: string; params: Record<string, string>; who: "otherEnterprise" | "thirdEnterprise" | "otherInstitution"; post?: Record<string, string>; record: string }[] = [
      // Enterprise ↔ enterprise: demand, roster and its templates, the trainees' training.
      { what: "demand", file: "demands.$id.tsx", params: { id: d }, who: "otherEnterprise", record: d },
      { what: "demand edit form", file: "demands.$id_.edit.tsx", params: { id: w.ids.draftDemand }, who: "otherEnterprise", record: w.ids.draftDemand },
      { what: "roster (trainees)", file: "demands.$id_.roster.tsx", params: { id: d }, who: "otherEnterprise", record: d },
      { what: "roster template (CSV)", file: "demands.$id_.roster_.template[.]csv.tsx", params: { id: d }, who: "otherEnterprise", record: d },
      { what: "roster template (XLSX)", file: "demands.$id_.roster_.template[.]xlsx.tsx", params: { id: d }, who: "otherEnterprise", record: d },
      { what: "training followed by the enterprise", file: "training.$contractId.tsx", params: { contractId: trainingContract }, who: "thirdEnterprise", record: trainingContract },
      { what: "notification (mark read)", file: "notifications.tsx", params: {}, who: "otherEnterprise", post: { intent: "read", id: notification }, record: notification },
      // Institution ↔ institution: bid, contract and everything delivered under it.
      { what: "bid receipt", file: "bids.$bidId.receipt.ts", params: { bidId: bid }, who: "otherInstitution", record: bid },
      { what: "contract", file: "contracts.$id.tsx", params: { id: c }, who: "otherInstitution", record: c },
      { what: "contract signature", file: "contracts.$id.tsx", params: { id: c }, who: "otherInstitution", post: { intent: "sign" }, record: c },
      { what: "enrolment (trainees page)", file: "contracts.$id_.trainees.tsx", params: { id: c }, who: "otherInstitution", record: c },
      { what: "enrolment (confirm a trainee)", file: "contracts.$id_.trainees.tsx", params: { id: c }, who: "otherInstitution", post: { intent: "confirm", enrolmentId: "any" }, record: c },
      { what: "sessions and attendance", file: "contracts.$id_.attendance.tsx", params: { id: c }, who: "otherInstitution", record: c },
      { what: "sign-in sheet import", file: "contracts.$id_.attendance_.import.tsx", params: { id: c }, who: "otherInstitution", record: c },
      { what: "sign-in sheet template", file: "contracts.$id_.attendance_.template[.]csv.tsx", params: { id: c }, who: "otherInstitution", record: c },
      { what: "results", file: "contracts.$id_.results.tsx", params: { id: c }, who: "otherInstitution", record: c },
      { what: "acceptance", file: "contracts.$id_.acceptance.tsx", params: { id: c }, who: "otherInstitution", record: c },
      { what: "payments and milestones", file: "contracts.$id_.payments.tsx", params: { id: c }, who: "otherInstitution", record: c },
      { what: "milestone request", file: "contracts.$id_.payments.tsx", params: { id: c }, who: "otherInstitution", post: { intent: "request", kind: "advance" }, record: c },
      // An enterprise is a stranger to the institution's contract pages.
      { what: "contract, asked by an enterprise", file: "contracts.$id.tsx", params: { id: c }, who: "otherEnterprise", record: c },
      { what: "trainees page, asked by an enterprise", file: "contracts.$id_.trainees.tsx", params: { id: c }, who: "otherEnterprise", record: c },
    ];
    const failures: string[] = [];
    for (const k of cases) {
      const m = await importRoute(k.file);
      const path = routePath(k.file, k.params);
      const before = await w.db.selectFrom("audit_log").select((eb) => eb.fn.max("seq").as("seq")).executeTakeFirstOrThrow();
      const got = await answer(() =>
        k.post
          ? m.action!({ request: postRequest(w, k.who, path, k.post), params: k.params, context: contextFor(w) })
          : m.loader!({ request: getRequest(w, k.who, path), params: k.params, context: contextFor(w) }),
      );
      const entries = await w.db
        .selectFrom("audit_log")
        .select(["action", "record_id", "actor_user_id", "actor_org_id"])
        .where("seq", ">", Number(before.seq ?? 0))
        .execute();
      const audited = entries.some((e) => e.action === "access.denied" && e.record_id === k.record && e.actor_user_id === w.userIds[k.who] && e.actor_org_id === w.orgIds[k.who]);
      if (got !== "404" || !audited) failures.push(`${k.what} (${k.post ? "POST" : "GET"} ${path} as ${k.who}): answered ${got}, ${audited ? "audited" : `not audited (${JSON.stringify(entries.map((e) => e.action))})`}`);
    }

    // An evaluator not on a lot's panel: the lot is not found for them, and the attempt is audited.
    const panel = await importRoute("panel.lots.$lotId.tsx");
    const lotPath = routePath("panel.lots.$lotId.tsx", { lotId: w.ids.evaluatingLot });
    const seq = Number((await w.db.selectFrom("audit_log").select((eb) => eb.fn.max("seq").as("seq")).executeTakeFirstOrThrow()).seq ?? 0);
    const asOutsider = new Request(`http://localhost${lotPath}`, { headers: { Cookie: `st_session=${outsiderToken}` } });
    const got = await answer(() => panel.loader!({ request: asOutsider, params: { lotId: w.ids.evaluatingLot }, context: contextFor(w) }));
    const entries = await w.db.selectFrom("audit_log").select(["action", "record_id", "actor_user_id"]).where("seq", ">", seq).execute();
    if (got !== "404" || !entries.some((e) => e.action === "access.denied" && e.actor_user_id === outsider.userId)) {
      failures.push(`panel lot (GET ${lotPath} as an evaluator not on its panel): answered ${got}, entries ${JSON.stringify(entries)}`);
    }

    expect(failures).toEqual([]);
  });

  it("are still not found, and not audited, when they do not exist at all", async () => {
    const w = await routeWorld();
    const m = await importRoute("contracts.$id.tsx");
    const before = await w.db.selectFrom("audit_log").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    const got = await answer(() => m.loader!({ request: getRequest(w, "otherInstitution", "/contracts/no-such-contract"), params: { id: "no-such-contract" }, context: contextFor(w) }));
    const after = await w.db.selectFrom("audit_log").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(got).toBe("404");
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
