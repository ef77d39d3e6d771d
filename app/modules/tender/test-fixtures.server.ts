/**
 * Test fixtures for the tender context's integration tests (not used by the app): a bureau with
 * an officer and five evaluators, an enterprise with pooled demand, and a draft tender ready to
 * publish. The clock is fixed at Tuesday 1 December 2026, 10:00 in Shanghai.
 */
import type { DB } from "#db/client";
import { createTestDb } from "#tests/db";
import { makeActor, makeDemand, type DemandOverrides } from "#tests/factories";
import type { Actor } from "~/modules/access/actor";
import { setClock } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { createTenderFromSuggestion } from "./create-tender.server";
import { editTender } from "./edit-tender.server";
import { findTenderState } from "./tender-state.server";

export const NOW = new Date("2026-12-01T02:00:00.000Z");
/** Tuesday 22 December 2026, 10:00 Shanghai: 21 days after NOW, a working day. */
export const DEADLINE = new Date("2026-12-22T02:00:00.000Z");
export const WELDER = "6-18-02-04";
export const ELECTRICIAN = "6-31-01-03";

export interface World {
  db: DB;
  officer: Actor;
  admin: Actor;
  evaluators: Actor[];
  enterprise: Actor;
  institution: Actor;
}

/** Moves the fixed clock. */
export function setNow(iso: string | Date): void {
  const at = new Date(iso);
  setClock(() => at);
}

export async function makeWorld(): Promise<World> {
  setNow(NOW);
  const { db } = await createTestDb();
  // The template is seeded for the real clock's year; the tests live in 2026.
  const caps = await db.selectFrom("subsidy_standards").select("id").where("year", "=", 2026).executeTakeFirst();
  if (!caps) {
    await db
      .insertInto("subsidy_standards")
      .values(
        [5, 4, 3, 2, 1].map((level) => ({
          id: newId(),
          year: 2026,
          occupation_code: null,
          level,
          cap_fen: { 5: 120_000, 4: 180_000, 3: 280_000, 2: 380_000, 1: 480_000 }[level]!,
          illustrative: 1,
          note: null,
        })),
      )
      .execute();
  }
  await db
    .insertInto("yearly_targets")
    .values({ year: 2026, trained_min: 500, high_skilled_min: 100, high_skilled_share_pct: 25, budget_fen: 150_000_000, updated_at: NOW.toISOString() })
    .onConflict((oc) => oc.column("year").doNothing())
    .execute();
  const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
  const admin = await makeActor(db, { kind: "bureau", roles: ["admin"] });
  const evaluators: Actor[] = [];
  for (let i = 0; i < 5; i++) evaluators.push(await makeActor(db, { kind: "bureau", roles: ["evaluator"] }));
  const enterprise = await makeActor(db, { kind: "enterprise", orgName: "测试精工有限公司" });
  const institution = await makeActor(db, { kind: "institution", orgName: "测试职业培训学校" });
  return { db, officer, admin, evaluators, enterprise, institution };
}

/** Pooled demand for 2027 (a welder level-4 pair that overlaps, by default). */
export async function pooledDemand(w: World, overrides: DemandOverrides[] = [{}, { earliestStart: "2027-04-01", latestEnd: "2027-08-31", headcount: 15 }]): Promise<string[]> {
  const ids: string[] = [];
  for (const o of overrides) {
    ids.push(await makeDemand(w.db, w.enterprise, { occupationCode: WELDER, level: 4, headcount: 10, earliestStart: "2027-03-01", latestEnd: "2027-06-30", ...o }));
  }
  return ids;
}

export async function versionOf(db: DB, tenderId: string): Promise<string> {
  return (await findTenderState(db, tenderId))!.updatedAt;
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r.value;
}

/** A draft tender over the given demand with a lawful deadline, criteria (70) and panel (4 experts, 1 representative). */
export async function readyDraft(w: World, demandIds?: string[], title = "2027 年焊工（四级）订单式培训"): Promise<string> {
  const ids = demandIds ?? (await pooledDemand(w));
  const { tenderId } = unwrap(await createTenderFromSuggestion(w.db, w.officer, { title, demandIds: ids }));
  const edit = async (change: Parameters<typeof editTender>[2]["change"]) =>
    unwrap(await editTender(w.db, w.officer, { tenderId, version: await versionOf(w.db, tenderId), change }));
  await edit({ kind: "details", title, description: "培训内容以国家职业技能标准为准。", regime: "GP", bidDeadline: DEADLINE, minValidBids: 3, pricePoints: 30 });
  await edit({
    kind: "criteria",
    criteria: [
      { name: "培训方案", description: "课程设置与教学安排", points: 40 },
      { name: "师资力量", description: null, points: 30 },
    ],
  });
  await edit({
    kind: "panel",
    members: w.evaluators.map((e, i) => ({ userId: e.userId, kind: i < 4 ? ("expert" as const) : ("representative" as const) })),
  });
  return tenderId;
}
