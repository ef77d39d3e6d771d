import type { Transaction } from "kysely";
import type { DB } from "#db/client";
import type { DB as Schema } from "#db/schema";
import type { Actor } from "~/modules/access/actor";
import { can } from "~/modules/access/policy";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { loadWorkingDayCalendar } from "~/modules/reference/calendar.server";
import type { Regime } from "~/modules/reference/procurement-rules";
import { loadRules } from "~/modules/reference/rules.server";
import type { IsoDate } from "~/modules/reference/working-days";
import { now as clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/id.server";
import { conflict, forbiddenResult, invalid, notFoundResult, ok, type Result } from "~/utils/result";
import { amendedDeadline, diffSnapshots, type FieldChange } from "./amendment";
import { tenderBudgetFen } from "./budget";
import { dropUnavailableDemand, editLot, mergeLots, splitLot, type BuilderLot } from "./lot-edits";
import { checkPublication, panelProblems, problemMessage } from "./publication-check";
import {
  candidateOf,
  findRemainingBudget,
  findTenderState,
  snapshotOf,
  type PanelMember,
  type StateDemand,
  type StateLot,
  type TenderState,
} from "./tender-state.server";
import { Rollback, inTransaction, nextVersion } from "./transaction.server";

/** One edit of the builder; after publication each (but the panel's) is an amendment. */
export type TenderChange =
  | {
      kind: "details";
      title: string;
      description: string | null;
      regime: Regime;
      bidDeadline: Date | null;
      minValidBids: number;
      pricePoints: number;
    }
  | { kind: "criteria"; criteria: { name: string; description: string | null; points: number }[] }
  | { kind: "panel"; members: { userId: string; kind: "expert" | "representative" }[] }
  | { kind: "mergeLots"; lotId: string; otherLotId: string }
  | { kind: "splitLot"; lotId: string; demandIds: string[] }
  | { kind: "editLot"; lotId: string; maxPriceFen: number; windowStart: IsoDate; windowEnd: IsoDate }
  | { kind: "dropUnavailable"; lotId: string };

export interface EditOutcome {
  /** "draft": saved; "amendment": recorded and public; "internal": a published tender's panel (never public before award). */
  recordedAs: "draft" | "amendment" | "internal";
  material: boolean;
  deadlineMoved: boolean;
  bidDeadline: string | null;
}

type Next = Omit<TenderState, "lots" | "panel"> & { lots: BuilderLot<StateDemand>[]; panel: PanelMember[] };

/** Applies a change to the tender in memory; a refused lot edit names its field. */
function applyChange(s: TenderState, change: TenderChange, mode: "draft" | "amendment", evaluators: Map<string, string>): Result<Next> {
  switch (change.kind) {
    case "details":
      return ok({
        ...s,
        title: change.title,
        description: change.description,
        regime: change.regime,
        bidDeadline: change.bidDeadline ? change.bidDeadline.toISOString() : null,
        minValidBids: change.minValidBids,
        pricePoints: change.pricePoints,
      });
    case "criteria":
      return ok({ ...s, criteria: change.criteria });
    case "panel": {
      const seen = new Set<string>();
      for (const m of change.members) {
        if (!evaluators.has(m.userId) || seen.has(m.userId)) return invalid({}, ["tender.panel.notEvaluator"]);
        seen.add(m.userId);
      }
      return ok({ ...s, panel: change.members.map((m) => ({ userId: m.userId, kind: m.kind, name: evaluators.get(m.userId)! })) });
    }
    case "mergeLots":
    case "splitLot":
    case "editLot":
    case "dropUnavailable": {
      const edit =
        change.kind === "mergeLots"
          ? mergeLots(s.lots, change.lotId, change.otherLotId, mode)
          : change.kind === "splitLot"
            ? splitLot(s.lots, change.lotId, change.demandIds, newId())
            : change.kind === "editLot"
              ? editLot(s.lots, change.lotId, change)
              : dropUnavailableDemand(s.lots, change.lotId, s.status);
      if (!edit.ok) return edit.field === "lotId" ? invalid({}, [edit.error]) : invalid({ [edit.field]: [edit.error] });
      return ok({ ...s, lots: edit.lots });
    }
  }
}

/**
 * A bureau officer edits a tender (DESIGN.md "Tender and lots"). A draft is simply saved. A
 * published tender, before its deadline, is amended: the change is recorded with the officer's
 * summary in tender_amendments (public), a material change pushes the deadline where the rules
 * say (amendedDeadline) and stamps last_material_amendment_at so that live bids re-confirm, and
 * the amended tender must still pass the publication check. Compare-and-set on the status and the
 * version the officer saw; audited; one transaction.
 */
export async function editTender(
  db: DB,
  actor: Actor,
  input: { tenderId: string; version: string; summary?: string; change: TenderChange },
): Promise<Result<EditOutcome>> {
  if (!can(actor, "tender.manage")) return forbiddenResult;
  const at = clockNow();
  return inTransaction(db, async (trx) => {
    const s = await findTenderState(trx, input.tenderId);
    if (!s) return notFoundResult;
    if (s.updatedAt !== input.version) return conflict("tender.errors.stale");
    const mode = s.status === "draft" ? "draft" : s.status === "published" ? "amendment" : null;
    if (!mode) return conflict("tender.errors.notEditable");
    if (mode === "amendment" && (!s.bidDeadline || Date.parse(s.bidDeadline) <= at.getTime())) {
      return conflict("tender.amend.pastDeadline");
    }
    const change = input.change;
    const evaluators = change.kind === "panel" ? await listEvaluatorNames(trx) : new Map<string, string>();
    const applied = applyChange(s, change, mode, evaluators);
    if (!applied.ok) return applied;
    const next = applied.value;
    let outcome: EditOutcome = { recordedAs: mode, material: false, deadlineMoved: false, bidDeadline: next.bidDeadline };
    let changes: FieldChange[] = diffSnapshots(snapshotOf(s), snapshotOf(next)).changes;

    if (mode === "amendment" && change.kind === "panel") {
      // The panel is not part of the notice (only its size is, DESIGN.md "The public"), but a
      // published tender must keep a lawful panel.
      const problems = panelProblems(next.panel, await loadRules(trx, s.regime));
      if (problems.length > 0) return invalid({}, problems.map(problemMessage));
      outcome = { ...outcome, recordedAs: "internal" };
    } else if (mode === "amendment") {
      const summary = input.summary?.trim();
      if (!summary) return invalid({ summary: ["tender.amend.summaryRequired"] });
      if (next.regime !== s.regime) return invalid({ regime: ["tender.amend.regimeFixed"] });
      if (!next.bidDeadline) return invalid({ bidDeadline: ["common.form.required"] });
      const diff = diffSnapshots(snapshotOf(s), snapshotOf(next));
      if (diff.changes.length === 0) return invalid({}, ["tender.amend.nothingChanged"]);
      const rules = await loadRules(trx, s.regime);
      const calendar = await loadWorkingDayCalendar(trx);
      const decision = amendedDeadline({
        current: new Date(s.bidDeadline!),
        requested: new Date(next.bidDeadline),
        material: diff.material,
        now: at,
        minRemainingDays: rules.amendment_min_remaining.value,
        calendar,
      });
      next.bidDeadline = decision.deadline.toISOString();
      changes = diffSnapshots(snapshotOf(s), snapshotOf(next)).changes;
      const budget = await findRemainingBudget(trx, s.year, s.id);
      let problems = checkPublication(candidateOf(next, budget?.remainingFen ?? 0), rules, calendar, at, new Date(s.publishedAt!));
      // Budget already committed at publication stays committed; only an increase is checked again.
      if (tenderBudgetFen(next.lots) <= tenderBudgetFen(s.lots)) problems = problems.filter((p) => p.section !== "budget");
      if (problems.length > 0) return invalid({}, problems.map(problemMessage));
      outcome = { recordedAs: "amendment", material: diff.material, deadlineMoved: decision.moved, bidDeadline: next.bidDeadline };
    }

    const version = nextVersion(s.updatedAt, at);
    const updated = await trx
      .updateTable("tenders")
      .set({
        title: next.title,
        description: next.description,
        regime: next.regime,
        bid_deadline: next.bidDeadline,
        min_valid_bids: next.minValidBids,
        price_points: next.pricePoints,
        updated_at: version,
        ...(outcome.recordedAs === "amendment" && outcome.material ? { last_material_amendment_at: at.toISOString() } : {}),
      })
      .where("id", "=", s.id)
      .where("status", "=", s.status)
      .where("updated_at", "=", s.updatedAt)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return conflict("tender.errors.stale");

    if (change.kind === "criteria") await writeCriteria(trx, s.id, next.criteria);
    if (change.kind === "panel") await writePanel(trx, s, next.panel, mode, at);
    if (change.kind === "mergeLots" || change.kind === "splitLot" || change.kind === "editLot" || change.kind === "dropUnavailable") {
      await syncLots(trx, s.id, s.lots, next.lots, at.toISOString());
    }
    if (outcome.recordedAs === "amendment") {
      await trx
        .insertInto("tender_amendments")
        .values({
          id: newId(),
          tender_id: s.id,
          at: at.toISOString(),
          by_user_id: actor.userId,
          material: outcome.material ? 1 : 0,
          summary: input.summary!.trim(),
          changes_json: JSON.stringify(changes),
          deadline_before: s.bidDeadline,
          deadline_after: next.bidDeadline,
        })
        .execute();
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: outcome.recordedAs === "amendment" ? "tender.amend" : `tender.edit.${change.kind}`,
      recordType: "tender",
      recordId: s.id,
      before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
      after: {
        ...Object.fromEntries(changes.map((c) => [c.field, c.after])),
        ...(change.kind === "panel" ? { panel: next.panel.map((m) => ({ userId: m.userId, kind: m.kind })) } : {}),
        ...(outcome.recordedAs === "amendment" ? { material: outcome.material, deadlineMoved: outcome.deadlineMoved, summary: input.summary!.trim() } : {}),
      },
    });
    return ok(outcome);
  });
}

/** Active bureau users with the evaluator role, by id → name (DESIGN.md "Users and roles"). */
async function listEvaluatorNames(trx: Transaction<Schema>): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom("users as u")
    .innerJoin("user_roles as r", "r.user_id", "u.id")
    .innerJoin("organisations as o", "o.id", "u.organisation_id")
    .select(["u.id", "u.name"])
    .where("r.role", "=", "evaluator")
    .where("u.status", "=", "active")
    .where("o.kind", "=", "bureau")
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function writeCriteria(trx: Transaction<Schema>, tenderId: string, criteria: Next["criteria"]): Promise<void> {
  await trx.deleteFrom("tender_criteria").where("tender_id", "=", tenderId).execute();
  if (criteria.length === 0) return;
  await trx
    .insertInto("tender_criteria")
    .values(criteria.map((c, i) => ({ id: newId(), tender_id: tenderId, position: i + 1, name: c.name, description: c.description, points: c.points })))
    .execute();
}

/** A draft's panel is replaced; a published tender's keeps its history (removed members stay, marked removed). */
async function writePanel(trx: Transaction<Schema>, s: TenderState, panel: PanelMember[], mode: "draft" | "amendment", at: Date): Promise<void> {
  const t = at.toISOString();
  if (mode === "draft") {
    await trx.deleteFrom("tender_panel_members").where("tender_id", "=", s.id).execute();
    if (panel.length > 0) {
      await trx
        .insertInto("tender_panel_members")
        .values(panel.map((m) => ({ tender_id: s.id, user_id: m.userId, kind: m.kind, status: "active" as const, removed_reason: null, added_at: t })))
        .execute();
    }
    return;
  }
  const keep = new Set(panel.map((m) => m.userId));
  for (const old of s.panel) {
    if (!keep.has(old.userId)) {
      await trx
        .updateTable("tender_panel_members")
        .set({ status: "removed", removed_reason: "changed by the bureau" })
        .where("tender_id", "=", s.id)
        .where("user_id", "=", old.userId)
        .execute();
    }
  }
  for (const m of panel) {
    await trx
      .insertInto("tender_panel_members")
      .values({ tender_id: s.id, user_id: m.userId, kind: m.kind, status: "active", removed_reason: null, added_at: t })
      .onConflict((oc) => oc.columns(["tender_id", "user_id"]).doUpdateSet({ kind: m.kind, status: "active", removed_reason: null }))
      .execute();
  }
}

/**
 * Writes the lots after an edit: new lots first, then each demand to its lot (demand no lot
 * covers any more is unclaimed), then lots merged away (a draft's), then the changed lots in
 * ascending number so that renumbering never collides with the (tender, number) unique constraint.
 */
async function syncLots(trx: Transaction<Schema>, tenderId: string, before: StateLot[], after: BuilderLot<StateDemand>[], t: string): Promise<void> {
  const beforeById = new Map(before.map((l) => [l.id, l]));
  const afterIds = new Set(after.map((l) => l.id));
  for (const l of after.filter((x) => !beforeById.has(x.id))) {
    await trx
      .insertInto("lots")
      .values({
        id: l.id,
        tender_id: tenderId,
        number: l.number,
        occupation_code: l.occupationCode,
        level: l.level,
        headcount: l.headcount,
        window_start: l.windowStart,
        window_end: l.windowEnd,
        max_price_fen: l.maxPriceFen,
        cap_fen: l.capFen,
        status: l.status,
        created_at: t,
        updated_at: t,
      })
      .execute();
  }
  const lotOfBefore = new Map(before.flatMap((l) => l.demands.map((d) => [d.id, l.id] as const)));
  for (const l of after) {
    for (const d of l.demands) {
      if (lotOfBefore.get(d.id) === l.id) continue;
      const moved = await trx
        .updateTable("demands")
        .set({ lot_id: l.id })
        .where("id", "=", d.id)
        .where("tender_id", "=", tenderId)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw new Rollback(conflict("tender.errors.stale"));
    }
  }
  // Demand no lot covers any more (dropped after its enterprise withdrew it) is unclaimed.
  const covered = new Set(after.flatMap((l) => l.demands.map((d) => d.id)));
  for (const id of lotOfBefore.keys()) {
    if (!covered.has(id)) {
      await trx.updateTable("demands").set({ tender_id: null, lot_id: null }).where("id", "=", id).where("tender_id", "=", tenderId).execute();
    }
  }
  for (const l of before.filter((x) => !afterIds.has(x.id))) {
    await trx.deleteFrom("lots").where("id", "=", l.id).execute();
  }
  const changed = after
    .filter((l) => {
      const b = beforeById.get(l.id);
      return (
        b &&
        (b.number !== l.number ||
          b.headcount !== l.headcount ||
          b.windowStart !== l.windowStart ||
          b.windowEnd !== l.windowEnd ||
          b.maxPriceFen !== l.maxPriceFen ||
          b.status !== l.status)
      );
    })
    .sort((a, b) => a.number - b.number);
  for (const l of changed) {
    await trx
      .updateTable("lots")
      .set({
        number: l.number,
        headcount: l.headcount,
        window_start: l.windowStart,
        window_end: l.windowEnd,
        max_price_fen: l.maxPriceFen,
        status: l.status,
        updated_at: t,
      })
      .where("id", "=", l.id)
      .execute();
  }
}
