import type { Transaction } from "kysely";
import type { DB } from "#db/client";
import type { DB as Schema } from "#db/schema";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { notify } from "~/modules/notification/notify.server";
import { inTransaction, Rollback } from "~/modules/demand/transaction.server";
import { idNumberMessage } from "~/modules/demand/roster";
import { maskIdNumber, validateIdNumber } from "~/modules/reference/id-number";
import { shanghaiDate } from "~/modules/reference/working-days";
import { conflict, invalid, ok, type Failure, type Result } from "~/utils/result";
import { nowIso } from "~/utils/clock.server";
import { lockActiveContract } from "./contract-access.server";
import type { EnrolmentStatus, ProgressStatus } from "./lifecycle";

type Trx = Transaction<Schema>;

export { Rollback };

/** An enrolment of a contract with its trainee, as the enrolment use cases need it. */
export interface LoadedEnrolment {
  id: string;
  contractId: string;
  demandId: string;
  traineeId: string;
  status: EnrolmentStatus;
  progress: ProgressStatus;
  name: string;
  idNumber: string;
}

/** One enrolment of the given contract (never of another), or undefined. */
export async function findEnrolment(db: DB | Trx, contractId: string, enrolmentId: string): Promise<LoadedEnrolment | undefined> {
  const r = await db
    .selectFrom("enrolments as e")
    .innerJoin("trainees as tr", "tr.id", "e.trainee_id")
    .select(["e.id", "e.contract_id", "e.demand_id", "e.trainee_id", "e.status", "e.progress", "tr.name", "tr.id_number"])
    .where("e.id", "=", enrolmentId)
    .where("e.contract_id", "=", contractId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    contractId: r.contract_id,
    demandId: r.demand_id,
    traineeId: r.trainee_id,
    status: r.status,
    progress: r.progress ?? "in_training",
    name: r.name,
    idNumber: r.id_number,
  };
}

/** The identity number must still pass GB 11643-1999 (check character, date of birth) to be confirmed. */
export function checkIdentity(idNumber: string, at: Date): Failure | null {
  const v = validateIdNumber(idNumber, shanghaiDate(at));
  return v.ok ? null : invalid({}, ["delivery.enrolment.errors.idNumberInvalid", idNumberMessage(v.error)]);
}

/**
 * Takes the row locks of every trainee record of one person (the same identity number may be a
 * trainee of several enterprises), so that two confirmations of one person queue and the second
 * sees the first (one active cohort per person, DESIGN.md "Contract and delivery").
 */
export async function lockPerson(trx: Trx, idNumber: string): Promise<void> {
  await trx
    .updateTable("trainees")
    .set((eb) => ({ id_number: eb.ref("id_number") }))
    .where("id_number", "=", idNumber)
    .execute();
}

/**
 * Why this person may not be confirmed into `contractId`: they are confirmed in its cohort
 * already (under another demand), or in another contract's. Null when they are free.
 */
export async function personTaken(trx: Trx, idNumber: string, contractId: string): Promise<Failure | null> {
  const other = await trx
    .selectFrom("enrolments as e")
    .innerJoin("trainees as tr", "tr.id", "e.trainee_id")
    .select(["e.contract_id"])
    .where("tr.id_number", "=", idNumber)
    .where("e.status", "=", "confirmed")
    .executeTakeFirst();
  if (!other) return null;
  return conflict(other.contract_id === contractId ? "delivery.enrolment.errors.confirmedHere" : "delivery.enrolment.errors.confirmedElsewhere");
}

/** The award's headcount for one covered demand, and how many of its trainees are confirmed. */
export async function demandPlaces(trx: Trx, contract: { id: string; awardId: string }, demandId: string): Promise<{ headcount: number; confirmed: number }> {
  const share = await trx.selectFrom("award_demands").select("headcount").where("award_id", "=", contract.awardId).where("demand_id", "=", demandId).executeTakeFirst();
  const n = await trx
    .selectFrom("enrolments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("contract_id", "=", contract.id)
    .where("demand_id", "=", demandId)
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  return { headcount: Number(share?.headcount ?? 0), confirmed: Number(n.n) };
}

/** Is the trainee still on the demand's roster (the enterprise may have taken them off)? */
export async function isOnRoster(trx: Trx, demandId: string, traineeId: string): Promise<boolean> {
  const r = await trx.selectFrom("demand_trainees").select("trainee_id").where("demand_id", "=", demandId).where("trainee_id", "=", traineeId).executeTakeFirst();
  return r !== undefined;
}

/** An enrolment as audit entries name it: the identity number masked (DESIGN.md "Personal data"). */
export function auditPerson(e: { idNumber: string }): { idNumber: string } {
  return { idNumber: maskIdNumber(e.idNumber) };
}

/**
 * The one-confirmed-enrolment-per-trainee index (`enrolments_one_confirmed`) refused the write:
 * PostgreSQL names the index; SQLite names the indexed column alone.
 */
export function isOneCohortViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === "23505") return e.constraint === "enrolments_one_confirmed";
  return e.code === "SQLITE_CONSTRAINT_UNIQUE" && typeof e.message === "string" && /failed: enrolments\.trainee_id$/.test(e.message);
}

/**
 * Runs an enrolment change in one transaction: a `Rollback` undoes everything written and
 * answers its failure; the one-confirmed-enrolment-per-trainee index, the last line of defence
 * against a race, is answered as the person being confirmed elsewhere.
 */
export async function enrolmentTransaction<T>(db: DB, fn: (trx: Trx) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await inTransaction(db, fn);
  } catch (error) {
    if (isOneCohortViolation(error)) return conflict("delivery.enrolment.errors.confirmedElsewhere");
    throw error;
  }
}

/**
 * Ends a trainee's place in the cohort with a reason (declined offer, drop-out): one transaction
 * holding the contract's lock, a compare-and-set on the enrolment's status (and, for a drop-out,
 * on there being no result yet), and the audit entry. `conflictKey` answers a lost race.
 */
export async function endEnrolment(
  db: DB,
  actor: { userId: string; orgId: string },
  contractId: string,
  e: LoadedEnrolment,
  change: { to: EnrolmentStatus; reason: string; audit: { action: string }; conflictKey: string; onlyWithoutResult?: boolean; mayCompleteCohort?: boolean },
): Promise<Result<{ enrolmentId: string }>> {
  return enrolmentTransaction(db, async (trx) => {
    if (!(await lockActiveContract(trx, contractId))) throw new Rollback(conflict("delivery.errors.notActive"));
    let q = trx
      .updateTable("enrolments")
      .set({ status: change.to, status_reason: change.reason, updated_at: nowIso() })
      .where("id", "=", e.id)
      .where("status", "=", e.status);
    if (change.onlyWithoutResult) q = q.where("progress", "is", null);
    const r = await q.executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Rollback(conflict(change.conflictKey));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: change.audit.action,
      recordType: "enrolment",
      recordId: e.id,
      before: { status: e.status },
      after: { status: change.to, contractId, demandId: e.demandId, ...auditPerson(e), reason: change.reason },
    });
    if (change.mayCompleteCohort) {
      const demand = await trx.selectFrom("demands").select("enterprise_id").where("id", "=", e.demandId).executeTakeFirstOrThrow();
      await notifyIfCohortComplete(trx, contractId, demand.enterprise_id, nowIso());
    }
    return ok({ enrolmentId: e.id });
  });
}

/**
 * Asks an enterprise to rate the training once none of its confirmed trainees in the contract
 * waits for a result any more and at least one has one. Called, in its transaction, by the
 * change that may have settled the last one (a recorded result, a drop-out), so it is sent once.
 */
export async function notifyIfCohortComplete(trx: Trx, contractId: string, enterpriseId: string, at: string): Promise<void> {
  const r = await trx
    .selectFrom("enrolments as en")
    .innerJoin("demands as d", "d.id", "en.demand_id")
    .innerJoin("contracts as c", "c.id", "en.contract_id")
    .select((eb) => [
      eb.fn.max("c.reference").as("reference"),
      eb.fn.sum<number>(eb.case().when("en.progress", "is", null).then(1).else(0).end()).as("pending"),
      eb.fn.sum<number>(eb.case().when("en.progress", "is not", null).then(1).else(0).end()).as("withResult"),
    ])
    .where("en.contract_id", "=", contractId)
    .where("d.enterprise_id", "=", enterpriseId)
    .where("en.status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  if (Number(r.pending ?? 0) === 0 && Number(r.withResult ?? 0) > 0 && r.reference) {
    await notify(trx, { organisationId: enterpriseId, kind: "cohortCompleted", params: { contract: r.reference }, link: `/training/${contractId}`, at });
  }
}
