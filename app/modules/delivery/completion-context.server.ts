/**
 * Small reads that completion, rating and acceptance need beyond the cohort queries
 * (cohort-queries.server.ts): one enrolment's attended minutes, the course's span, the enterprises
 * a contract covers, and a contract's acceptance fields. Query functions take the handle first,
 * so they also run in a transaction.
 */
import type { DB } from "#db/client";
import { listSessionTimes } from "./cohort-queries.server";

export interface CourseSpan {
  sessions: number;
  plannedMinutes: number;
  firstStartsAt: string | null;
  lastStartsAt: string | null;
}

/** The course's sessions in sum: how many, planned minutes, first and last start. */
export async function courseSpan(db: DB, contractId: string): Promise<CourseSpan> {
  const sessions = await listSessionTimes(db, contractId);
  return {
    sessions: sessions.length,
    plannedMinutes: sessions.reduce((s, x) => s + x.plannedMinutes, 0),
    firstStartsAt: sessions[0]?.startsAt ?? null,
    lastStartsAt: sessions.at(-1)?.startsAt ?? null,
  };
}

/** Attended minutes per enrolment (enrolments with no attendance are absent: zero). */
export async function attendedMinutes(db: DB, enrolmentIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (enrolmentIds.length === 0) return out;
  const rows = await db
    .selectFrom("attendance")
    .select(["enrolment_id", (eb) => eb.fn.sum<number>("attended_minutes").as("m")])
    .where("enrolment_id", "in", [...enrolmentIds])
    .groupBy("enrolment_id")
    .execute();
  for (const r of rows) out.set(r.enrolment_id, Number(r.m ?? 0));
  return out;
}

/** The enterprises whose demand a contract covers (from its award), with their awarded headcount, by name. */
export async function coveredEnterprises(db: DB, awardId: string): Promise<{ id: string; name: string; headcount: number }[]> {
  const rows = await db
    .selectFrom("award_demands as ad")
    .innerJoin("demands as d", "d.id", "ad.demand_id")
    .innerJoin("organisations as e", "e.id", "d.enterprise_id")
    .select(["e.id", "e.name", (eb) => eb.fn.sum<number>("ad.headcount").as("headcount")])
    .where("ad.award_id", "=", awardId)
    .groupBy(["e.id", "e.name"])
    .orderBy("e.name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, headcount: Number(r.headcount) }));
}

export interface AcceptanceFields {
  acceptedAt: string | null;
  acceptedByName: string | null;
  acceptanceJson: string | null;
  completedAt: string | null;
}

/** A contract's acceptance: when, by whom (name), the stored snapshot. */
export async function findAcceptanceFields(db: DB, contractId: string): Promise<AcceptanceFields | undefined> {
  const r = await db
    .selectFrom("contracts as c")
    .leftJoin("users as u", "u.id", "c.accepted_by")
    .select(["c.accepted_at", "u.name", "c.acceptance_json", "c.completed_at"])
    .where("c.id", "=", contractId)
    .executeTakeFirst();
  return r ? { acceptedAt: r.accepted_at, acceptedByName: r.name ?? null, acceptanceJson: r.acceptance_json, completedAt: r.completed_at } : undefined;
}
