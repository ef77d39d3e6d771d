import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { lockLot } from "~/modules/award/lot-context.server";
import { lockCoveredDemands, offerContractTrainees } from "~/modules/delivery/offer-trainees.server";
import { bureauOrganisationId, notify } from "~/modules/notification/notify.server";
import { now } from "~/utils/clock.server";
import { applyEvent } from "~/utils/lifecycle";
import { conflict, forbiddenResult, notFoundResult, ok, type Result } from "~/utils/result";
import { CONTRACT_LIFECYCLE, type ContractStatus } from "./lifecycle";

export type SigningSide = "bureau" | "institution";

/** Which side this actor may sign for on a contract of `institutionId`, if any. */
export function signingSideOf(actor: Actor, institutionId: string): SigningSide | null {
  if (can(actor, "contract.signForBureau")) return "bureau";
  if (can(actor, "contract.signForInstitution", { organisationId: institutionId })) return "institution";
  return null;
}

/**
 * Signs a contract for one side (DESIGN.md "Contract and delivery"): an officer for the bureau,
 * a member of the contract's institution for it; each side once. With both signatures the
 * contract is active and the covered demands' trainees are offered to its cohort. Refused after
 * the signing deadline (the contract lapses instead) and while an objection on the lot is
 * pending (政府采购法 art. 54: a pending objection blocks signing).
 */
export async function signContract(db: DB, actor: Actor, input: { contractId: string }): Promise<Result<{ side: SigningSide; status: ContractStatus }>> {
  const head = await db.selectFrom("contracts").select(["lot_id", "institution_id"]).where("id", "=", input.contractId).executeTakeFirst();
  // A stranger to the contract learns nothing of it.
  if (!head || !can(actor, "contract.view", { organisationId: head.institution_id })) return notFoundResult;
  const side = signingSideOf(actor, head.institution_id);
  if (!side) return forbiddenResult;
  return db.transaction().execute(async (trx) => {
    const lot = await lockLot(trx, head.lot_id);
    if (!lot) return notFoundResult;
    const c = await trx.selectFrom("contracts").selectAll().where("id", "=", input.contractId).executeTakeFirstOrThrow();
    if (c.status !== "pending_signature") return conflict("award.contracts.errors.notPending");
    const t = now();
    if (t.getTime() > Date.parse(c.sign_due_at)) return conflict("award.contracts.errors.overdue");
    const pending = await trx.selectFrom("objections").select("id").where("lot_id", "=", c.lot_id).where("status", "=", "pending").executeTakeFirst();
    if (pending) return conflict("award.contracts.errors.objectionPending");
    if ((side === "bureau" ? c.bureau_signed_at : c.institution_signed_at) !== null) return conflict("award.contracts.errors.alreadySigned");
    const at = t.toISOString();
    // This signature activates the contract: its demands' rosters are read for the offers, so they are held first.
    if ((side === "bureau" ? c.institution_signed_at : c.bureau_signed_at) !== null) await lockCoveredDemands(trx, c.id);
    const signed =
      side === "bureau"
        ? await trx
            .updateTable("contracts")
            .set({ bureau_signed_at: at, bureau_signed_by: actor.userId, updated_at: at })
            .where("id", "=", c.id)
            .where("status", "=", "pending_signature")
            .where("bureau_signed_at", "is", null)
            .executeTakeFirst()
        : await trx
            .updateTable("contracts")
            .set({ institution_signed_at: at, institution_signed_by: actor.userId, updated_at: at })
            .where("id", "=", c.id)
            .where("status", "=", "pending_signature")
            .where("institution_signed_at", "is", null)
            .executeTakeFirst();
    if (Number(signed.numUpdatedRows) !== 1) return conflict("award.contracts.errors.alreadySigned");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "contract.sign",
      recordType: "contract",
      recordId: c.id,
      before: { status: c.status, bureauSigned: c.bureau_signed_at !== null, institutionSigned: c.institution_signed_at !== null },
      after: { side, signedAt: at },
    });
    const other = side === "bureau" ? c.institution_signed_at : c.bureau_signed_at;
    let status: ContractStatus = c.status;
    if (other !== null) {
      const step = applyEvent(CONTRACT_LIFECYCLE, c.status, "activate");
      if (!step.ok) return conflict("award.contracts.errors.notPending");
      await trx.updateTable("contracts").set({ status: step.to, updated_at: at }).where("id", "=", c.id).where("status", "=", c.status).execute();
      await appendAudit(trx, {
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: "contract.activate",
        recordType: "contract",
        recordId: c.id,
        before: { status: c.status },
        after: { status: step.to },
      });
      status = step.to;
      // The covered demands' roster trainees are offered to the cohort as the contract takes effect.
      await offerContractTrainees(trx, c.id, { by: { userId: actor.userId, orgId: actor.orgId }, at });
      for (const organisationId of [c.institution_id, await bureauOrganisationId(trx)]) {
        await notify(trx, { organisationId, kind: "contractActive", params: { contract: c.reference }, link: `/contracts/${c.id}`, at });
      }
    } else {
      // The other side is asked to sign.
      const organisationId = side === "bureau" ? c.institution_id : await bureauOrganisationId(trx);
      await notify(trx, { organisationId, kind: "contractSignedByOther", params: { contract: c.reference }, link: `/contracts/${c.id}`, at });
    }
    return ok({ side, status });
  });
}
