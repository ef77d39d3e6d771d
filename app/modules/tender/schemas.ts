/**
 * The tender forms' schemas, shared by the browser (conform) and the server (STYLE.md: one zod
 * schema per form). Messages are i18n keys, `key|{params}` where they carry values.
 */
import { z } from "zod";
import { parseYuan } from "~/modules/reference/money";
import { REGIMES } from "~/modules/reference/procurement-rules";
import { isIsoDate } from "~/modules/reference/working-days";
import { requiredIfMissing } from "~/modules/reference/form-messages";
import { msg } from "~/utils/result";
import { parseShanghaiLocal } from "./deadline";

const REQUIRED = "common.form.required";

const text = (max: number) =>
  z
    .string({ error: REQUIRED })
    .trim()
    .min(1, { error: REQUIRED })
    .max(max, { error: msg("common.form.tooLong", { max }) });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: msg("common.form.tooLong", { max }) })
    .optional();
const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: "tender.form.wholeNumber" })
    .int({ error: "tender.form.wholeNumber" })
    .min(min, { error: msg("tender.form.between", { min, max }) })
    .max(max, { error: msg("tender.form.between", { min, max }) });
const isoDate = z.string({ error: REQUIRED }).refine(isIsoDate, { error: "tender.form.date" });
/** An id: "required" only when absent; one over its length says so (the global map's tooLong). */
const id = z.string({ error: requiredIfMissing }).min(1, { error: REQUIRED }).max(64);

/** The page's version (tenders.updated_at): a form from a page older than the tender is refused (409). */
const version = z.string({ error: "tender.errors.stale" }).min(1, { error: "tender.errors.stale" }).max(64);
/** What bidders read about an amendment; required once the tender is published (checked by the use case). */
const summary = optionalText(1000);

/** A `datetime-local` value in Asia/Shanghai, as a UTC instant. */
export const shanghaiDateTime = z
  .string({ error: REQUIRED })
  .transform((v, ctx) => {
    const instant = parseShanghaiLocal(v);
    if (!instant) {
      ctx.addIssue({ code: "custom", message: "tender.form.dateTime" });
      return z.NEVER;
    }
    return instant;
  });

/** Yuan text ("1,800.00") as integer fen, with the money rule's precise message. */
export const yuanField = z.string({ error: REQUIRED }).transform((v, ctx) => {
  const r = parseYuan(v);
  if (!r.ok) {
    ctx.addIssue({
      code: "custom",
      message: msg(`tender.money.${r.error.code}`, { expected: r.error.expected ?? "", actual: r.error.actual ?? "" }),
    });
    return z.NEVER;
  }
  return r.value;
});

/** A criterion row of the criteria form; a blank row (no name, no points) or a row marked for removal is dropped. */
const criterionRow = z
  .object({
    name: z.string().trim().max(100, { error: msg("common.form.tooLong", { max: 100 }) }).optional(),
    description: optionalText(1000),
    points: z.number({ error: "tender.form.wholeNumber" }).optional(),
    remove: z.boolean().optional(),
  })
  .superRefine((row, ctx) => {
    if (row.remove || (!row.name && row.points === undefined && !row.description)) return;
    if (!row.name) ctx.addIssue({ code: "custom", path: ["name"], message: REQUIRED });
    if (row.points === undefined) ctx.addIssue({ code: "custom", path: ["points"], message: REQUIRED });
    else if (!Number.isInteger(row.points) || row.points < 1 || row.points > 100) {
      ctx.addIssue({ code: "custom", path: ["points"], message: msg("tender.form.between", { min: 1, max: 100 }) });
    }
  });

export const PANEL_CHOICES = ["none", "expert", "representative"] as const;

export const detailsSchema = z.object({
  intent: z.literal("details"),
  version,
  summary,
  title: text(200),
  description: optionalText(5000),
  regime: z.enum(REGIMES, { error: "common.form.invalid" }),
  bidDeadline: shanghaiDateTime.optional(),
  minValidBids: wholeNumber(1, 99),
  pricePoints: wholeNumber(0, 100),
});

export const criteriaSchema = z.object({
  intent: z.literal("criteria"),
  version,
  summary,
  criteria: z
    .array(criterionRow)
    .max(30, { error: msg("tender.criteria.tooMany", { max: 30 }) })
    .default([])
    .transform((rows) =>
      rows
        .filter((r) => !r.remove && r.name && r.points !== undefined)
        .map((r) => ({ name: r.name!, description: r.description ?? null, points: r.points! })),
    ),
});

export const panelSchema = z.object({
  intent: z.literal("panel"),
  version,
  members: z
    .array(z.object({ userId: id, kind: z.enum(PANEL_CHOICES, { error: "common.form.invalid" }) }))
    .max(200)
    .default([]),
});

export const mergeLotsSchema = z.object({
  intent: z.literal("mergeLots"),
  version,
  summary,
  lotId: id,
  otherLotId: z.string({ error: "tender.lots.mergeChooseOther" }).min(1, { error: "tender.lots.mergeChooseOther" }),
});

export const splitLotSchema = z.object({
  intent: z.literal("splitLot"),
  version,
  summary,
  lotId: id,
  demandIds: z.array(id, { error: "tender.lots.splitChooseDemand" }).min(1, { error: "tender.lots.splitChooseDemand" }),
});

export const editLotSchema = z.object({
  intent: z.literal("editLot"),
  version,
  summary,
  lotId: id,
  maxPrice: yuanField,
  windowStart: isoDate,
  windowEnd: isoDate,
});

export const dropUnavailableSchema = z.object({ intent: z.literal("dropUnavailable"), version, lotId: id });

export const publishSchema = z.object({ intent: z.literal("publish"), version });

export const cancelSchema = z.object({ intent: z.literal("cancel"), version, reason: text(1000) });

export const answerSchema = z.object({ intent: z.literal("answer"), questionId: id, answer: text(4000) });

/** Every form of the tender builder, told apart by `intent`. */
export const builderSchema = z.discriminatedUnion("intent", [
  detailsSchema,
  criteriaSchema,
  panelSchema,
  mergeLotsSchema,
  splitLotSchema,
  editLotSchema,
  dropUnavailableSchema,
  publishSchema,
  cancelSchema,
  answerSchema,
]);
export type BuilderIntent = z.infer<typeof builderSchema>["intent"];

/** Creating a draft tender from the suggestion over the chosen pooled demand. */
export const createTenderSchema = z.object({
  title: text(200),
  demandIds: z.array(id, { error: "tender.new.chooseDemand" }).min(1, { error: "tender.new.chooseDemand" }).max(500),
});

/** An institution's question on a published tender. */
export const questionSchema = z.object({ question: text(2000) });
