/** Shared set-up of the demand module's integration tests (imported by *.server.test.ts only). */
import type { DB } from "#db/client";
import { createTestDb } from "#tests/db";
import { makeActor, makeDemand, type DemandOverrides } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import { makeIdNumber } from "~/modules/reference/id-number";
import { setClock } from "~/utils/clock.server";

/** 10:00 in Shanghai on 2026-11-28: "today" for every demand test. */
export const NOW = new Date("2026-11-28T02:00:00.000Z");
export const TODAY = "2026-11-28";

/** A future window, so that a demand may be submitted. */
export const FUTURE = { earliestStart: "2027-03-01", latestEnd: "2027-06-30" } as const;

export async function world() {
  setClock(() => new Date(NOW));
  const { db } = await createTestDb();
  const enterprise = await makeActor(db, { kind: "enterprise", orgName: "示范精密机械有限公司" });
  const other = await makeActor(db, { kind: "enterprise", orgName: "示范新能源汽车零部件有限公司" });
  const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
  return { db, enterprise, other, officer };
}

export function demandOf(db: DB, enterprise: Actor, o: DemandOverrides = {}) {
  return makeDemand(db, enterprise, { ...FUTURE, ...o });
}

export async function auditRows(db: DB) {
  return db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
}

export async function demandRow(db: DB, id: string) {
  return db.selectFrom("demands").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

export async function rosterOf(db: DB, demandId: string) {
  return db
    .selectFrom("demand_trainees")
    .innerJoin("trainees", "trainees.id", "demand_trainees.trainee_id")
    .select(["trainees.id", "trainees.name", "trainees.id_number", "trainees.phone", "trainees.current_level", "trainees.enterprise_id"])
    .where("demand_trainees.demand_id", "=", demandId)
    .orderBy("trainees.id_number")
    .execute();
}

/** The nth valid identity number of a series: different people, born on different days. */
export function idNumber(n: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + (n % 15_000) * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  return makeIdNumber("330106", birth, String(Math.floor(n / 15_000) % 1000).padStart(3, "0"));
}

/** `idNumber(n)` with a wrong check character. */
export function wrongIdNumber(n: number): string {
  const good = idNumber(n);
  return good.slice(0, 17) + (good.charAt(17) === "0" ? "1" : "0");
}
