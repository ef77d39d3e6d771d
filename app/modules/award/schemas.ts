/**
 * The award stage's forms, shared by the browser (conform) and the server (STYLE.md: one zod
 * schema per form). Messages are dictionary keys, `key|{params}` where they carry values. The
 * use cases check the same rules again.
 */
import { z } from "zod";
import { msg } from "~/utils/result";
import { ANSWER_MAX, GROUNDS_MAX, GROUNDS_MIN } from "./periods";

const REQUIRED = "common.form.required";
const id = z.string({ error: REQUIRED }).trim().min(1, { error: REQUIRED }).max(64);

/** The officer's forms on /bureau/lots/:lotId/award, told apart by `intent`. */
export const confirmSchema = z.object({
  intent: z.literal("confirm"),
  // The round the page showed: a page older than the lot's current round is refused (409).
  round: z.number({ error: "award.errors.staleRound" }).int().min(1, { error: "award.errors.staleRound" }),
});
export const publishSchema = z.object({ intent: z.literal("publish") });
export const closeSchema = z.object({ intent: z.literal("close") });
export const answerSchema = z.object({
  intent: z.literal("answer"),
  objectionId: id,
  decision: z.enum(["upheld", "dismissed"], { error: "award.objections.errors.decisionRequired" }),
  outcome: z.enum(["reevaluate", "next_ranked"], { error: "award.objections.errors.outcomeRequired" }).optional(),
  answer: z
    .string({ error: REQUIRED })
    .trim()
    .min(1, { error: REQUIRED })
    .max(ANSWER_MAX, { error: msg("common.form.tooLong", { max: ANSWER_MAX }) }),
});
export const awardActionSchema = z.discriminatedUnion("intent", [confirmSchema, publishSchema, closeSchema, answerSchema]);
export type AwardIntent = z.infer<typeof awardActionSchema>["intent"];

/** A bidder's objection to a published result (on its own lot page). */
export const objectionSchema = z.object({
  intent: z.literal("object"),
  awardId: z.string().trim().max(64).optional(),
  grounds: z
    .string({ error: REQUIRED })
    .trim()
    .min(1, { error: REQUIRED })
    .min(GROUNDS_MIN, { error: msg("award.objections.errors.groundsShort", { min: GROUNDS_MIN }) })
    .max(GROUNDS_MAX, { error: msg("common.form.tooLong", { max: GROUNDS_MAX }) }),
});
