import type { DB } from "#db/client";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { loadRules, findSubsidyCap } from "~/modules/reference/rules.server";
import { now as clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { conflict, forbiddenResult, invalid, msg, ok, type Result } from "~/utils/result";
import { shanghaiYear } from "./deadline";
import { suggestLots } from "./suggest-lots";
import { Rollback, inTransaction } from "./transaction.server";

/**
 * A bureau officer creates a draft tender from the suggestion over the pooled demand they chose
 * (DESIGN.md "Tender and lots"). The suggestion is computed again here from the demand as it is
 * now; each lot's maximum price starts at its subsidy cap; each demand is claimed for the draft
 * with a compare-and-set, so that two drafts never cover the same demand. The demand stays
 * `pooled` until publication.
 */
export async function createTenderFromSuggestion(
  db: DB,
  actor: Actor,
  input: { title: string; demandIds: string[] },
): Promise<Result<{ tenderId: string }>> {
  if (!can(actor, "tender.manage")) return forbiddenResult;
  const ids = [...new Set(input.demandIds)];
  if (ids.length === 0) return invalid({ demandIds: ["tender.new.chooseDemand"] });
  const at = clockNow();
  const t = at.toISOString();
  const year = shanghaiYear(at);
  return inTransaction(db, async (trx) => {
    const demands = await trx
      .selectFrom("demands")
      .select(["id", "occupation_code", "level", "headcount", "earliest_start", "latest_end"])
      .where("id", "in", ids)
      .where("status", "=", "pooled")
      .where("tender_id", "is", null)
      .execute();
    // Someone else took (or the enterprise withdrew) a demand since the page was drawn.
    if (demands.length !== ids.length) return conflict("tender.new.demandTaken");
    const lots = suggestLots(
      demands.map((d) => ({
        id: d.id,
        occupationCode: d.occupation_code,
        level: Number(d.level),
        headcount: Number(d.headcount),
        earliestStart: d.earliest_start,
        latestEnd: d.latest_end,
      })),
    );
    const caps: number[] = [];
    const missing: string[] = [];
    for (const lot of lots) {
      const cap = await findSubsidyCap(trx, { year, occupationCode: lot.occupationCode, level: lot.level });
      if (cap) caps.push(cap.capFen);
      else missing.push(msg("tender.new.noCap", { year, occupation: lot.occupationCode, level: lot.level }));
    }
    if (missing.length > 0) return invalid({}, missing);
    const rules = await loadRules(trx, "GP");
    const tenderId = newId();
    await trx
      .insertInto("tenders")
      .values({
        id: tenderId,
        reference: null,
        year,
        title: input.title,
        description: null,
        regime: "GP",
        status: "draft",
        bid_deadline: null,
        published_at: null,
        min_valid_bids: rules.min_valid_bids.value,
        price_points: rules.price_weight_default.value,
        advance_pct: rules.advance_payment_share.value,
        cancel_reason: null,
        last_material_amendment_at: null,
        created_by: actor.userId,
        created_at: t,
        updated_at: t,
      })
      .execute();
    const created: { lot: number; id: string; demandIds: string[]; capFen: number }[] = [];
    for (const [i, lot] of lots.entries()) {
      const lotId = newId();
      const capFen = caps[i]!;
      await trx
        .insertInto("lots")
        .values({
          id: lotId,
          tender_id: tenderId,
          number: lot.number,
          occupation_code: lot.occupationCode,
          level: lot.level,
          headcount: lot.headcount,
          window_start: lot.windowStart,
          window_end: lot.windowEnd,
          max_price_fen: capFen,
          cap_fen: capFen,
          status: "open",
          created_at: t,
          updated_at: t,
        })
        .execute();
      for (const demandId of lot.demandIds) {
        const claimed = await trx
          .updateTable("demands")
          .set({ tender_id: tenderId, lot_id: lotId })
          .where("id", "=", demandId)
          .where("status", "=", "pooled")
          .where("tender_id", "is", null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw new Rollback(conflict("tender.new.demandTaken"));
      }
      created.push({ lot: lot.number, id: lotId, demandIds: lot.demandIds, capFen });
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: "tender.create",
      recordType: "tender",
      recordId: tenderId,
      after: { status: "draft", title: input.title, year, lots: created },
    });
    return ok({ tenderId });
  });
}
