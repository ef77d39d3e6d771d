/**
 * The evaluation panel's rules (DESIGN.md "Opening, evaluation, award"; 87号令 arts. 47, 55):
 * each member declares no conflict of interest with the listed bidders, then scores every valid
 * bid on every published technical criterion — 0 to the criterion's points, to two decimals,
 * with a comment — independently; a round is complete when every active member has submitted
 * and the active panel satisfies the procurement rules. Pure: plain data in, answers out.
 */
import { z } from "zod";
import type { Rules } from "~/modules/reference/procurement-rules";
import { panelProblems, type Problem } from "~/modules/tender/publication-check";
import { msg } from "~/utils/result";

export type PanelKind = "expert" | "representative";
export type PanelMemberStatus = "active" | "conflicted" | "removed";

/** Longest comment kept with a score. */
export const COMMENT_MAX = 2000;
/** Longest note with a declared conflict of interest. */
export const CONFLICT_NOTE_MAX = 1000;

const SCORE_TEXT = /^\d{1,3}(\.\d{1,2})?$/;

export type ParsedScore = { ok: true; hundredths: number } | { ok: false; message: string };

/** A score as typed ("12", "12.5", "12.75") in integer hundredths, from 0 to the criterion's points. */
export function parseScore(text: string | null | undefined, points: number): ParsedScore {
  const s = (text ?? "").trim();
  if (s === "") return { ok: false, message: "evaluation.errors.scoreRequired" };
  if (!SCORE_TEXT.test(s)) return { ok: false, message: msg("evaluation.errors.scoreFormat", { max: points }) };
  const [whole, frac = ""] = s.split(".");
  const hundredths = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  if (hundredths > points * 100) return { ok: false, message: msg("evaluation.errors.scoreRange", { max: points }) };
  return { ok: true, hundredths };
}

/** Hundredths as the score a member typed, "12.50" → "12.5", "12.00" → "12". */
export function formatHundredths(h: number): string {
  const whole = Math.floor(h / 100);
  const frac = h % 100;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

export interface ScoreEntryInput {
  bidId: string;
  criterionId: string;
  score?: string | null;
  comment?: string | null;
}

export interface CheckedScore {
  bidId: string;
  criterionId: string;
  hundredths: number;
  comment: string;
}

export type ScoreCheck =
  | { ok: true; scores: CheckedScore[] }
  | { ok: false; fieldErrors: Record<string, string[]>; formErrors: string[] };

/** The form field of an entry's part, as conform names it. */
export const entryField = (i: number, part: "score" | "comment") => `entries[${i}].${part}`;

/**
 * Checks the score entries of one save: a row left wholly blank is skipped; a score needs a
 * non-blank comment and a comment a score; the score lies within the criterion's points; only
 * the round's valid bids and the tender's criteria may be scored, each once.
 */
export function checkScoreEntries(
  entries: readonly ScoreEntryInput[],
  criteria: readonly { id: string; points: number }[],
  bidIds: readonly string[],
): ScoreCheck {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  const points = new Map(criteria.map((c) => [c.id, c.points]));
  const bids = new Set(bidIds);
  const seen = new Set<string>();
  const scores: CheckedScore[] = [];
  entries.forEach((e, i) => {
    const score = (e.score ?? "").trim();
    const comment = (e.comment ?? "").trim();
    if (score === "" && comment === "") return;
    const max = points.get(e.criterionId);
    if (!bids.has(e.bidId) || max === undefined) {
      if (!formErrors.includes("evaluation.errors.bidNotScorable")) formErrors.push("evaluation.errors.bidNotScorable");
      return;
    }
    const key = `${e.bidId}\u0000${e.criterionId}`;
    if (seen.has(key)) {
      if (!formErrors.includes("common.form.invalid")) formErrors.push("common.form.invalid");
      return;
    }
    seen.add(key);
    const parsed = parseScore(score, max);
    if (!parsed.ok) fieldErrors[entryField(i, "score")] = [parsed.message];
    if (comment === "") fieldErrors[entryField(i, "comment")] = ["evaluation.errors.commentRequired"];
    else if (comment.length > COMMENT_MAX) fieldErrors[entryField(i, "comment")] = [msg("common.form.tooLong", { max: COMMENT_MAX })];
    if (parsed.ok && fieldErrors[entryField(i, "comment")] === undefined) {
      scores.push({ bidId: e.bidId, criterionId: e.criterionId, hundredths: parsed.hundredths, comment });
    }
  });
  if (formErrors.length > 0 || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors, formErrors };
  return { ok: true, scores };
}

/** The cells (bid × criterion) a member has not yet scored. */
export function missingCells(
  bidIds: readonly string[],
  criterionIds: readonly string[],
  scored: readonly { bidId: string; criterionId: string }[],
): { bidId: string; criterionId: string }[] {
  const have = new Set(scored.map((s) => `${s.bidId}\u0000${s.criterionId}`));
  return bidIds.flatMap((bidId) => criterionIds.filter((c) => !have.has(`${bidId}\u0000${c}`)).map((criterionId) => ({ bidId, criterionId })));
}

/** What keeps the active panel from the rules (size, odd number, share of experts), reusing the publication check. */
export function panelCompositionProblems(active: readonly { kind: PanelKind }[], rules: Rules): Problem[] {
  return panelProblems(active, rules);
}

/**
 * A round is complete when the active panel satisfies the rules and every active member has
 * submitted (87号令 art. 47: the panel as constituted scores every bid).
 */
export function isRoundComplete(active: readonly { userId: string; kind: PanelKind }[], submitted: ReadonlySet<string>, rules: Rules): boolean {
  return active.length > 0 && active.every((m) => submitted.has(m.userId)) && panelCompositionProblems(active, rules).length === 0;
}

/**
 * The panel a replacement would leave: the replaced member out, the newcomer in, and members who
 * declared a conflict and are not yet replaced counted as their own kind (each will be replaced
 * in turn), so that two replacements in a row are each judged fairly.
 */
export function panelAfterReplacement(
  members: readonly { userId: string; kind: PanelKind; status: PanelMemberStatus; replaced: boolean }[],
  replacesUserId: string,
  newcomer: { userId: string; kind: PanelKind },
): { userId: string; kind: PanelKind }[] {
  const kept = members
    .filter((m) => m.userId !== replacesUserId)
    .filter((m) => m.status === "active" || (m.status === "conflicted" && !m.replaced))
    .map((m) => ({ userId: m.userId, kind: m.kind }));
  return [...kept, newcomer];
}

/** Where a member stands in a lot's current round, for their work list. */
export type MemberStage = "toDeclare" | "conflicted" | "toScore" | "submitted" | "complete" | "closed";

export function memberStage(m: {
  status: PanelMemberStatus;
  declared: boolean;
  submitted: boolean;
  reportExists: boolean;
  /** Whether the lot is still in evaluation (not cancelled or failed meanwhile). */
  evaluating: boolean;
}): MemberStage {
  if (m.status !== "active") return "conflicted";
  if (m.reportExists) return "complete";
  if (!m.evaluating) return "closed";
  if (!m.declared) return "toDeclare";
  return m.submitted ? "submitted" : "toScore";
}

// --- Forms -----------------------------------------------------------------------------------

const entry = z.object({
  bidId: z.string({ error: "common.form.invalid" }),
  criterionId: z.string({ error: "common.form.invalid" }),
  score: z.string().optional(),
  comment: z.string().optional(),
});

/**
 * The scoring form: one score and comment per valid bid × criterion; "save" keeps what is
 * filled in, "submit" also hands the member's scores in (then they are locked).
 */
export function scoreFormSchema(criteria: readonly { id: string; points: number }[], bidIds: readonly string[]) {
  return z
    .object({
      intent: z.enum(["save", "submit"], { error: "common.form.invalid" }),
      round: z.coerce.number({ error: "common.form.invalid" }).int(),
      entries: z.array(entry).default([]),
    })
    .superRefine((v, ctx) => {
      const check = checkScoreEntries(v.entries, criteria, bidIds);
      if (check.ok) return;
      for (const [field, messages] of Object.entries(check.fieldErrors)) {
        const m = /^entries\[(\d+)\]\.(score|comment)$/.exec(field);
        if (m) for (const message of messages) ctx.addIssue({ code: "custom", path: ["entries", Number(m[1]), m[2]!], message });
      }
      for (const message of check.formErrors) ctx.addIssue({ code: "custom", path: [], message });
    });
}

export const declarationSchema = z
  .object({
    intent: z.literal("declare"),
    round: z.coerce.number({ error: "common.form.invalid" }).int(),
    decision: z.enum(["noConflict", "conflict"], { error: "evaluation.errors.decisionRequired" }),
    note: z.string().trim().max(CONFLICT_NOTE_MAX, { error: msg("common.form.tooLong", { max: CONFLICT_NOTE_MAX }) }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "conflict" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "evaluation.errors.conflictNoteRequired" });
  });

export const complianceSchema = z
  .object({
    intent: z.literal("compliance"),
    bidId: z.string({ error: "common.form.invalid" }),
    expectedStatus: z.enum(["submitted", "valid", "rejected"], { error: "common.form.invalid" }),
    decision: z.enum(["valid", "rejected"], { error: "common.form.invalid" }),
    reason: z.string().trim().max(500, { error: msg("common.form.tooLong", { max: 500 }) }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "rejected" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "bidding.compliance.reasonRequired" });
  });

export const startEvaluationSchema = z.object({ intent: z.literal("start") });

export const replacementSchema = z.object({
  intent: z.literal("replace"),
  replacesUserId: z.string({ error: "common.form.invalid" }),
  userId: z.string({ error: "evaluation.errors.replacementRequired" }),
  kind: z.enum(["expert", "representative"], { error: "evaluation.errors.kindRequired" }),
});

export const bureauLotSchema = z.discriminatedUnion("intent", [complianceSchema, startEvaluationSchema, replacementSchema]);
