import type { DB } from "../client";
import { seedDemoDelivery } from "./demo-delivery";
import { seedDemoProcurement } from "./demo-procurement";
import { hashPassword } from "~/auth/password.server";
import type { BureauRole } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { makeCreditCode } from "~/modules/organisation/credit-code";
import { newId } from "~/utils/id.server";
import { nowIso } from "~/utils/clock.server";

/** The demo password of DESIGN.md "The demo world"; only ever set by this seed. */
export const DEMO_PASSWORD = "demo-2026";

export const DEMO_BUREAU_USERS: { email: string; name: string; roles: BureauRole[] }[] = [
  { email: "admin@bureau.demo", name: "管理员 王敏", roles: ["admin"] },
  { email: "officer@bureau.demo", name: "经办人 李强", roles: ["officer"] },
  { email: "finance@bureau.demo", name: "财务 赵丽", roles: ["finance"] },
  ...[1, 2, 3, 4, 5].map((i) => ({
    email: `expert${i}@bureau.demo`,
    name: `评审专家 ${["陈", "刘", "杨", "黄", "周"][i - 1]}${["工", "教授", "工", "老师", "工"][i - 1]}`,
    roles: ["evaluator" as const],
  })),
];

export const DEMO_ORGANISATIONS: {
  key: string;
  kind: "enterprise" | "institution";
  name: string;
  status: "verified" | "pending";
  email: string;
  person: string;
  code17: string;
}[] = [
  { key: "enterprise1", kind: "enterprise", name: "示范精密机械有限公司", status: "verified", email: "hr@enterprise1.demo", person: "人事 孙芳", code17: "91330100MA2A0001X" },
  { key: "enterprise2", kind: "enterprise", name: "示范新能源汽车零部件有限公司", status: "verified", email: "hr@enterprise2.demo", person: "人事 吴磊", code17: "91330100MA2A0002X" },
  { key: "enterprise3", kind: "enterprise", name: "示范智慧物流有限公司", status: "verified", email: "hr@enterprise3.demo", person: "人事 郑洁", code17: "91330100MA2A0003X" },
  { key: "enterprise4", kind: "enterprise", name: "示范电子科技有限公司", status: "pending", email: "new@enterprise4.demo", person: "人事 冯涛", code17: "91330100MA2A0004X" },
  { key: "institution1", kind: "institution", name: "示范区职业技能培训学校", status: "verified", email: "office@institution1.demo", person: "教务 何静", code17: "52330100MJ0000011" },
  { key: "institution2", kind: "institution", name: "示范高级技工学校", status: "verified", email: "office@institution2.demo", person: "教务 许博", code17: "12330100MB0000021" },
  { key: "institution3", kind: "institution", name: "示范智能制造实训中心", status: "verified", email: "office@institution3.demo", person: "教务 韩梅", code17: "52330100MJ0000031" },
  { key: "institution4", kind: "institution", name: "示范现代服务业培训学院", status: "verified", email: "office@institution4.demo", person: "教务 曹阳", code17: "52330100MJ0000041" },
];

/**
 * Loads the demo world of DESIGN.md on a database without users; returns false (and changes
 * nothing) otherwise. Later contexts extend it with demand, tenders, bids and delivery.
 */
export async function seedDemo(db: DB): Promise<boolean> {
  const anyUser = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyUser) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const bureau = await trx.selectFrom("organisations").select("id").where("kind", "=", "bureau").executeTakeFirstOrThrow();
    const t = nowIso();
    for (const u of DEMO_BUREAU_USERS) {
      const id = newId();
      await trx
        .insertInto("users")
        .values({ id, organisation_id: bureau.id, email: u.email, name: u.name, password_hash: passwordHash, status: "active", created_at: t, password_changed_at: t })
        .execute();
      await trx.insertInto("user_roles").values(u.roles.map((role) => ({ user_id: id, role }))).execute();
      await appendAudit(trx, { actorUserId: null, actorOrgId: null, action: "user.create", recordType: "user", recordId: id, after: { name: u.name, roles: u.roles, demo: true } });
    }
    for (const o of DEMO_ORGANISATIONS) {
      const orgId = newId();
      const userId = newId();
      await trx
        .insertInto("organisations")
        .values({
          id: orgId,
          kind: o.kind,
          name: o.name,
          credit_code: makeCreditCode(o.code17.slice(0, 17)),
          status: o.status,
          contact_name: o.person,
          contact_phone: "0571-8800" + o.key.slice(-1).padStart(4, "0"),
          address: "示范区创新大道 " + (DEMO_ORGANISATIONS.indexOf(o) + 1) * 100 + " 号",
          status_reason: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
      await trx
        .insertInto("users")
        .values({ id: userId, organisation_id: orgId, email: o.email, name: o.person, password_hash: passwordHash, status: "active", created_at: t, password_changed_at: t })
        .execute();
      await trx.insertInto("user_roles").values({ user_id: userId, role: "member" }).execute();
      await appendAudit(trx, {
        actorUserId: null,
        actorOrgId: null,
        action: "organisation.register",
        recordType: "organisation",
        recordId: orgId,
        after: { kind: o.kind, name: o.name, status: o.status, demo: true },
      });
    }
  });
  await seedDemoDelivery(db, await seedDemoProcurement(db));
  return true;
}
