import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { bureauOrganisationId, notify } from "~/modules/notification/notify.server";
import { inTransaction, Rollback } from "~/modules/tender/transaction.server";
import { now } from "~/utils/clock.server";
import { conflict, invalid, msg, ok, type Result } from "~/utils/result";
import { completeRoundIfReady } from "./complete-round.server";
import { lotParams } from "./lot-context.server";
import { isFailure, takeMemberTurn } from "./member-access.server";
import { CONFLICT_NOTE_MAX } from "./panel";

/**
 * A panel member's declaration for a round, made once, before they see any bid's content
 * (87号令 art. 47; DESIGN.md "each panel member declares no conflict of interest with the listed
 * bidders"). A conflict, with its note, takes the member off the lot's panel: their seat becomes
 * `conflicted`, they see no content nor scores, and the officer is told to name a replacement.
 */
export async function declareInterest(
  db: DB,
  actor: Actor,
  input: { lotId: string; round: number; hasConflict: boolean; note?: string | null },
): Promise<Result<{ conflicted: boolean }>> {
  const note = input.note?.trim() || null;
  if (input.hasConflict && !note) return invalid({ note: ["evaluation.errors.conflictNoteRequired"] });
  if (note && note.length > CONFLICT_NOTE_MAX) return invalid({ note: [msg("common.form.tooLong", { max: CONFLICT_NOTE_MAX })] });
  return inTransaction<{ conflicted: boolean }>(db, async (trx) => {
    const at = now().toISOString();
    const turn = await takeMemberTurn(trx, actor, input.lotId, input.round, at);
    if (isFailure(turn)) return turn;
    if (turn.declared) throw new Rollback(conflict("evaluation.errors.alreadyDeclared"));
    const { lot } = turn;
    await trx
      .insertInto("panel_declarations")
      .values({ lot_id: lot.lotId, round: lot.round, user_id: actor.userId, has_conflict: input.hasConflict ? 1 : 0, note: input.hasConflict ? note : null, declared_at: at })
      .execute();
    const by = { userId: actor.userId, orgId: actor.orgId };
    if (!input.hasConflict) {
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "panel.declare",
        recordType: "lot",
        recordId: lot.lotId,
        before: null,
        after: { round: lot.round, userId: actor.userId, conflict: false },
      });
      return ok({ conflicted: false });
    }
    const seat = await trx
      .updateTable("lot_panel_members")
      .set({ status: "conflicted", updated_at: at })
      .where("lot_id", "=", lot.lotId)
      .where("user_id", "=", actor.userId)
      .where("status", "=", "active")
      .executeTakeFirst();
    if (Number(seat.numUpdatedRows) !== 1) throw new Rollback(conflict("common.errors.body409"));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "panel.conflict",
      recordType: "lot",
      recordId: lot.lotId,
      before: { seat: "active" },
      after: { round: lot.round, userId: actor.userId, seat: "conflicted", note },
    });
    await notify(trx, { organisationId: await bureauOrganisationId(trx), kind: "panelConflict", params: lotParams(lot), link: `/bureau/lots/${lot.lotId}`, at });
    // The others may all have submitted already; a panel still lawful without this member is then done.
    await completeRoundIfReady(trx, lot, by, at);
    return ok({ conflicted: true });
  });
}
