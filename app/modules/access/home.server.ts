import type { DB } from "#db/client";
import { listOpenLotsForInstitution } from "~/modules/bidding/bids.server";
import { countPendingOrganisations } from "~/modules/organisation/queries.server";
import { now } from "~/utils/clock.server";
import type { Actor } from "./actor";
import { can } from "./policy";

/** An item on a home page's "needs your attention" list: a dictionary key, its count, a link. */
export interface AttentionItem {
  key:
    | "home.bureau.pendingOrganisations"
    | "home.bureau.bureauUsers"
    | "home.bureau.submittedDemand"
    | "home.bureau.accreditationsToReview"
    | "home.bureau.lotsToOpen"
    | "home.bureau.unansweredQuestions"
    | "home.bureau.lotsToEvaluate"
    | "home.bureau.panelReplacements"
    | "home.bureau.rankingsToConfirm"
    | "home.bureau.resultsToPublish"
    | "home.bureau.objectionsToAnswer"
    | "home.bureau.contractsToSign"
    | "home.evaluator.panelWork"
    | "home.institution.contractsToSign"
    | "home.enterprise.returnedDemand"
    | "home.enterprise.draftDemand"
    | "home.institution.openLots"
    | "home.institution.bidsToReconfirm"
    | "home.bureau.contractsToAccept"
    | "home.institution.traineesToConfirm"
    | "home.enterprise.trainingToRate"
    | "home.finance.milestonesToDecide"
    | "home.finance.paymentsToCheck";
  count: number;
  to: string;
}

export interface HomeSummary {
  orgStatus: Actor["orgStatus"];
  statusReason: string | null;
  attention: AttentionItem[];
}

/** What each role's home page lists (each later context adds its own items). */
export async function getHomeSummary(db: DB, actor: Actor): Promise<HomeSummary> {
  const attention: AttentionItem[] = [];
  if (can(actor, "organisation.verify")) {
    const pending = await countPendingOrganisations(db);
    if (pending > 0) attention.push({ key: "home.bureau.pendingOrganisations", count: pending, to: "/bureau/organisations?status=pending" });
  }
  if (can(actor, "bureauUser.list")) {
    const r = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organisation_id", "=", actor.orgId)
      .executeTakeFirstOrThrow();
    attention.push({ key: "home.bureau.bureauUsers", count: Number(r.n), to: "/bureau/users" });
  }
  const count = async (q: { executeTakeFirstOrThrow: () => Promise<{ n: number | string | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);
  const t = now().toISOString();
  const push = (key: AttentionItem["key"], n: number, to: string) => {
    if (n > 0) attention.push({ key, count: n, to });
  };
  if (can(actor, "demand.review")) {
    push(
      "home.bureau.submittedDemand",
      await count(db.selectFrom("demands").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "submitted")),
      "/bureau/demands?status=submitted",
    );
  }
  if (can(actor, "accreditation.review")) {
    push(
      "home.bureau.accreditationsToReview",
      await count(db.selectFrom("accreditations").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "applied")),
      "/bureau/accreditations",
    );
  }
  if (can(actor, "lot.open")) {
    push(
      "home.bureau.lotsToOpen",
      await count(
        db
          .selectFrom("lots as l")
          .innerJoin("tenders as tt", "tt.id", "l.tender_id")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("l.status", "=", "open")
          .where("tt.status", "=", "published")
          .where("tt.bid_deadline", "<=", t),
      ),
      "/bureau/tenders?status=published",
    );
  }
  if (can(actor, "tender.answer")) {
    push(
      "home.bureau.unansweredQuestions",
      await count(db.selectFrom("tender_questions").select((eb) => eb.fn.countAll<number>().as("n")).where("answer", "is", null)),
      "/bureau/tenders?status=published",
    );
  }
  if (can(actor, "lot.evaluate")) {
    const lots = (status: "opened" | "award_pending") =>
      db.selectFrom("lots").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", status);
    push("home.bureau.lotsToEvaluate", await count(lots("opened")), "/bureau/tenders?status=opened");
    // A member who declared a conflict, with nobody named in their place yet.
    push(
      "home.bureau.panelReplacements",
      await count(
        db
          .selectFrom("lot_panel_members as m")
          .innerJoin("lots as l", "l.id", "m.lot_id")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("m.status", "=", "conflicted")
          .where("l.status", "=", "evaluating")
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom("lot_panel_members as r").select("r.user_id").whereRef("r.lot_id", "=", "m.lot_id").whereRef("r.replaces_user_id", "=", "m.user_id"))),
          ),
      ),
      "/bureau/tenders?status=evaluating",
    );
    push(
      "home.bureau.rankingsToConfirm",
      await count(
        db
          .selectFrom("evaluation_reports as r")
          .innerJoin("lots as l", (j) => j.onRef("l.id", "=", "r.lot_id").onRef("l.evaluation_round", "=", "r.round"))
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("l.status", "=", "evaluating")
          .where("r.confirmed_at", "is", null),
      ),
      "/bureau/tenders?status=evaluating",
    );
    push("home.bureau.resultsToPublish", await count(lots("award_pending")), "/bureau/tenders?status=award_pending");
  }
  if (can(actor, "objection.answer")) {
    push(
      "home.bureau.objectionsToAnswer",
      await count(db.selectFrom("objections").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "pending")),
      "/bureau/tenders?status=award_published",
    );
  }
  if (can(actor, "contract.signForBureau")) {
    push(
      "home.bureau.contractsToSign",
      await count(
        db
          .selectFrom("contracts")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("status", "=", "pending_signature")
          .where("bureau_signed_at", "is", null),
      ),
      "/contracts?status=pending_signature",
    );
  }
  if (can(actor, "panel.serve")) {
    // Lots on whose panel this member sits, in evaluation, where they have not submitted this round.
    push(
      "home.evaluator.panelWork",
      await count(
        db
          .selectFrom("lot_panel_members as m")
          .innerJoin("lots as l", "l.id", "m.lot_id")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("m.user_id", "=", actor.userId)
          .where("m.status", "=", "active")
          .where("l.status", "=", "evaluating")
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom("panel_submissions as s")
                  .select("s.user_id")
                  .whereRef("s.lot_id", "=", "m.lot_id")
                  .whereRef("s.round", "=", "l.evaluation_round")
                  .whereRef("s.user_id", "=", "m.user_id"),
              ),
            ),
          ),
      ),
      "/panel",
    );
  }
  if (can(actor, "contract.signForInstitution", { organisationId: actor.orgId })) {
    push(
      "home.institution.contractsToSign",
      await count(
        db
          .selectFrom("contracts")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("institution_id", "=", actor.orgId)
          .where("status", "=", "pending_signature")
          .where("institution_signed_at", "is", null),
      ),
      "/contracts?status=pending_signature",
    );
  }
  if (can(actor, "demand.edit", { organisationId: actor.orgId })) {
    const mine = (status: "returned" | "draft") =>
      db
        .selectFrom("demands")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("enterprise_id", "=", actor.orgId)
        .where("status", "=", status);
    push("home.enterprise.returnedDemand", await count(mine("returned")), "/demands");
    push("home.enterprise.draftDemand", await count(mine("draft")), "/demands");
  }
  if (can(actor, "bid.prepare", { organisationId: actor.orgId })) {
    const lots = await listOpenLotsForInstitution(db, actor);
    push("home.institution.openLots", lots.filter((l) => l.eligible.ok).length, "/bids");
    push("home.institution.bidsToReconfirm", lots.filter((l) => l.bid?.needsReconfirmation).length, "/bids");
  }
  await pushDeliveryItems(db, actor, push, count);
  const org = await db.selectFrom("organisations").select("status_reason").where("id", "=", actor.orgId).executeTakeFirst();
  return { orgStatus: actor.orgStatus, statusReason: org?.status_reason ?? null, attention };
}

type Push = (key: AttentionItem["key"], n: number, to: string) => void;
type Count = (q: { executeTakeFirstOrThrow: () => Promise<{ n: number | string | bigint }> }) => Promise<number>;

/** Delivery and payment work (DESIGN.md "Contract and delivery"): who must act next. */
async function pushDeliveryItems(db: DB, actor: Actor, push: Push, count: Count): Promise<void> {
  if (can(actor, "contract.accept")) {
    // Active contracts with a cohort whose every confirmed trainee has a result.
    push(
      "home.bureau.contractsToAccept",
      await count(
        db
          .selectFrom("contracts as c")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("c.status", "=", "active")
          .where(({ exists, not, selectFrom }) =>
            exists(selectFrom("enrolments as e").select("e.id").whereRef("e.contract_id", "=", "c.id").where("e.status", "=", "confirmed")).and(
              not(exists(selectFrom("enrolments as e").select("e.id").whereRef("e.contract_id", "=", "c.id").where("e.status", "=", "confirmed").where("e.progress", "is", null))),
            ),
          ),
      ),
      "/contracts?status=active",
    );
  }
  if (can(actor, "milestone.decide")) {
    push("home.finance.milestonesToDecide", await count(db.selectFrom("milestones").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "requested")), "/finance");
    push("home.finance.paymentsToCheck", await count(db.selectFrom("payments").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "in", ["pending", "failed"])), "/finance");
  }
  if (can(actor, "delivery.record", { organisationId: actor.orgId })) {
    push(
      "home.institution.traineesToConfirm",
      await count(
        db
          .selectFrom("enrolments as e")
          .innerJoin("contracts as c", "c.id", "e.contract_id")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("c.institution_id", "=", actor.orgId)
          .where("c.status", "=", "active")
          .where("e.status", "=", "offered"),
      ),
      "/contracts?status=active",
    );
  }
  if (can(actor, "delivery.rate", { organisationId: actor.orgId })) {
    // Contracts in which all of this enterprise's confirmed trainees have a result and it has not rated yet.
    push(
      "home.enterprise.trainingToRate",
      await count(
        db
          .selectFrom("contracts as c")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("c.status", "in", ["active", "completed"])
          .where(({ exists, not, selectFrom }) =>
            exists(
              selectFrom("enrolments as e")
                .innerJoin("demands as d", "d.id", "e.demand_id")
                .select("e.id")
                .whereRef("e.contract_id", "=", "c.id")
                .where("d.enterprise_id", "=", actor.orgId)
                .where("e.status", "=", "confirmed"),
            ).and(
              not(
                exists(
                  selectFrom("enrolments as e")
                    .innerJoin("demands as d", "d.id", "e.demand_id")
                    .select("e.id")
                    .whereRef("e.contract_id", "=", "c.id")
                    .where("d.enterprise_id", "=", actor.orgId)
                    .where("e.status", "=", "confirmed")
                    .where("e.progress", "is", null),
                ),
              ).and(not(exists(selectFrom("ratings as r").select("r.contract_id").whereRef("r.contract_id", "=", "c.id").where("r.enterprise_id", "=", actor.orgId)))),
            ),
          ),
      ),
      "/training",
    );
  }
}
