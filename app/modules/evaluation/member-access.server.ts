import type { Transaction } from "kysely";
import type { DB } from "#db/client";
import type { DB as Schema } from "#db/schema";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { Rollback } from "~/modules/tender/transaction.server";
import { conflict, forbiddenResult, notFoundResult, type Failure } from "~/utils/result";
import { findLotFacts, lockEvaluatingLot, type LotFacts } from "./lot-context.server";

export interface MemberTurn {
  lot: LotFacts;
  declared: { hasConflict: boolean } | null;
  submitted: boolean;
}

/**
 * The checks every panel member's write starts with: the evaluator role (panel.serve), a seat on
 * this lot's panel (a stranger is told the lot is not found), the lot taken for the write at the
 * round the member's page showed, and the seat still active (a member who declared a conflict
 * takes no further part). Failures after the lot is taken roll back.
 */
export async function takeMemberTurn(trx: Transaction<Schema>, actor: Actor, lotId: string, round: number, at: string): Promise<MemberTurn | Failure> {
  if (!can(actor, "panel.serve")) return forbiddenResult;
  const seat = await trx.selectFrom("lot_panel_members").select("status").where("lot_id", "=", lotId).where("user_id", "=", actor.userId).executeTakeFirst();
  if (!seat) return notFoundResult;
  const locked = await lockEvaluatingLot(trx, lotId, round, at);
  if (locked) return locked;
  const fail = (f: Failure): never => {
    throw new Rollback(f);
  };
  const lot = (await findLotFacts(trx, lotId)) ?? fail(notFoundResult);
  const status = await trx.selectFrom("lot_panel_members").select("status").where("lot_id", "=", lotId).where("user_id", "=", actor.userId).executeTakeFirstOrThrow();
  if (status.status !== "active") fail(conflict("evaluation.errors.conflicted"));
  const report = await trx.selectFrom("evaluation_reports").select("round").where("lot_id", "=", lotId).where("round", "=", round).executeTakeFirst();
  if (report) fail(conflict("evaluation.errors.roundComplete"));
  const declaration = await trx
    .selectFrom("panel_declarations")
    .select("has_conflict")
    .where("lot_id", "=", lotId)
    .where("round", "=", round)
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  const submission = await trx
    .selectFrom("panel_submissions")
    .select("user_id")
    .where("lot_id", "=", lotId)
    .where("round", "=", round)
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  return { lot, declared: declaration ? { hasConflict: Number(declaration.has_conflict) === 1 } : null, submitted: Boolean(submission) };
}

export function isFailure<T extends object>(x: T | Failure): x is Failure {
  return "ok" in x && x.ok === false;
}

/** Whether a user sits (or sat) on a lot's panel, whatever their seat's status. */
export async function findSeat(db: DB, lotId: string, userId: string): Promise<{ status: "active" | "conflicted" | "removed"; kind: "expert" | "representative" } | undefined> {
  return db.selectFrom("lot_panel_members").select(["status", "kind"]).where("lot_id", "=", lotId).where("user_id", "=", userId).executeTakeFirst();
}
