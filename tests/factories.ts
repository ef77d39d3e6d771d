import type { DB } from "#db/client";
import { hashPassword } from "~/auth/password.server";
import type { Actor, BureauRole, OrgKind, OrgStatus, Role } from "~/modules/access/actor";
import { makeCreditCode } from "~/modules/organisation/credit-code";
import { newId } from "~/utils/id.server";

export const TEST_PASSWORD = "test-password-2026";
let cachedHash: Promise<string> | undefined;
let counter = 0;

function uniqueCode17(): string {
  counter += 1;
  const n = String(Date.now() % 1e6).padStart(6, "0") + String(counter).padStart(3, "0");
  return `91330100${n}`.slice(0, 17);
}

/**
 * Makes an organisation with one member and returns the member as an Actor. Bureau members get
 * the given roles; others are plain members.
 */
export async function makeActor(
  db: DB,
  options: { kind: OrgKind; status?: OrgStatus; roles?: BureauRole[]; email?: string; orgName?: string } ,
): Promise<Actor> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const t = new Date().toISOString();
  let orgId: string;
  let orgName: string;
  let orgStatus: OrgStatus;
  if (options.kind === "bureau") {
    const bureau = await db.selectFrom("organisations").select(["id", "name", "status"]).where("kind", "=", "bureau").executeTakeFirstOrThrow();
    orgId = bureau.id;
    orgName = bureau.name;
    orgStatus = bureau.status;
  } else {
    orgId = newId();
    orgName = options.orgName ?? `测试单位 ${orgId}`;
    orgStatus = options.status ?? "verified";
    await db
      .insertInto("organisations")
      .values({
        id: orgId,
        kind: options.kind,
        name: orgName,
        credit_code: makeCreditCode(uniqueCode17()),
        status: orgStatus,
        contact_name: null,
        contact_phone: null,
        address: null,
        status_reason: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
  }
  const userId = newId();
  const email = options.email ?? `user-${userId}@test.example`;
  await db
    .insertInto("users")
    .values({
      id: userId,
      organisation_id: orgId,
      email,
      name: `测试用户 ${userId.slice(0, 4)}`,
      password_hash: await cachedHash,
      status: "active",
      created_at: t,
      password_changed_at: t,
    })
    .execute();
  const roles: Role[] = options.kind === "bureau" ? (options.roles ?? ["officer"]) : ["member"];
  await db.insertInto("user_roles").values(roles.map((role) => ({ user_id: userId, role }))).execute();
  return { userId, name: "测试用户", email, orgId, orgName, orgKind: options.kind, orgStatus, roles };
}

export interface DemandOverrides {
  occupationCode?: string;
  level?: number;
  headcount?: number;
  earliestStart?: string;
  latestEnd?: string;
  place?: string;
  status?: import("#db/schema").DemandStatus;
}

/** Inserts a demand of an enterprise straight into the database (for tests of later stages). */
export async function makeDemand(db: DB, enterprise: Actor, o: DemandOverrides = {}): Promise<string> {
  const id = newId();
  const t = new Date().toISOString();
  await db
    .insertInto("demands")
    .values({
      id,
      enterprise_id: enterprise.orgId,
      occupation_code: o.occupationCode ?? "6-18-02-04",
      level: o.level ?? 4,
      headcount: o.headcount ?? 10,
      earliest_start: o.earliestStart ?? "2026-03-01",
      latest_end: o.latestEnd ?? "2026-06-30",
      place: o.place ?? "测试区",
      notes: null,
      status: o.status ?? "pooled",
      status_reason: null,
      tender_id: null,
      lot_id: null,
      created_by: enterprise.userId,
      created_at: t,
      updated_at: t,
      submitted_at: o.status === "draft" ? null : t,
    })
    .execute();
  return id;
}
