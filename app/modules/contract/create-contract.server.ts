import { sql, type Transaction } from "kysely";
import type { DB as Schema } from "#db/schema";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { periodEnd } from "~/modules/award/periods";
import { notify } from "~/modules/notification/notify.server";
import type { Rules } from "~/modules/reference/procurement-rules";
import { shanghaiDate } from "~/modules/reference/working-days";
import type { WorkingDayCalendar } from "~/modules/reference/working-days";
import { newId } from "~/utils/id.server";
import { contractReferenceScope, formatContractReference } from "./contract-reference";

/**
 * Draws the next contract reference of a year inside the caller's transaction (its own counter
 * scope; the update takes the row's lock, so concurrent creations get distinct numbers).
 */
export async function allocateContractReference(trx: Transaction<Schema>, year: number): Promise<string> {
  const scope = contractReferenceScope(year);
  await trx
    .insertInto("reference_counters")
    .values({ scope, last: 0 })
    .onConflict((oc) => oc.column("scope").doNothing())
    .execute();
  const row = await trx
    .updateTable("reference_counters")
    .set({ last: sql<number>`last + 1` })
    .where("scope", "=", scope)
    .returning("last")
    .executeTakeFirstOrThrow();
  return formatContractReference(year, Number(row.last));
}

export interface ContractSource {
  awardId: string;
  tenderId: string;
  lotId: string;
  institutionId: string;
  headcount: number;
  priceFen: number;
  valueFen: number;
}

/**
 * Creates the contract of a confirmed award, pending both signatures, to be signed within the
 * rules' contract_signing_max of the award notice (政府采购法 art. 46); audited, and the
 * institution is told (kind `contractCreated`, or `awardedAfterLapse` for a bid taking over a
 * lapsed award).
 */
export async function createContract(
  trx: Transaction<Schema>,
  source: ContractSource,
  o: {
    at: Date;
    rules: Pick<Rules, "contract_signing_max">;
    calendar: WorkingDayCalendar;
    by: { userId: string | null; orgId: string | null };
    kind: "contractCreated" | "awardedAfterLapse";
    params: Record<string, string | number>;
  },
): Promise<{ contractId: string; reference: string; signDueAt: string }> {
  const at = o.at.toISOString();
  const reference = await allocateContractReference(trx, Number(shanghaiDate(o.at).slice(0, 4)));
  const signDueAt = periodEnd(o.at, o.rules.contract_signing_max, o.calendar).toISOString();
  const id = newId();
  await trx
    .insertInto("contracts")
    .values({
      id,
      reference,
      award_id: source.awardId,
      tender_id: source.tenderId,
      lot_id: source.lotId,
      institution_id: source.institutionId,
      status: "pending_signature",
      headcount: source.headcount,
      price_fen: source.priceFen,
      value_fen: source.valueFen,
      sign_due_at: signDueAt,
      bureau_signed_at: null,
      bureau_signed_by: null,
      institution_signed_at: null,
      institution_signed_by: null,
      status_reason: null,
      created_at: at,
      updated_at: at,
      completed_at: null,
    })
    .execute();
  await appendAudit(trx, {
    actorUserId: o.by.userId,
    actorOrgId: o.by.orgId,
    action: "contract.create",
    recordType: "contract",
    recordId: id,
    before: null,
    after: { status: "pending_signature", reference, awardId: source.awardId, institutionId: source.institutionId, headcount: source.headcount, valueFen: source.valueFen, signDueAt },
  });
  await notify(trx, {
    organisationId: source.institutionId,
    kind: o.kind,
    params: { ...o.params, contract: reference },
    link: `/contracts/${id}`,
    at,
  });
  return { contractId: id, reference, signDueAt };
}
