import { z } from "zod";
import { isIsoDate, type IsoDate } from "~/modules/reference/working-days";
import { msg } from "~/utils/result";
import type { DemandStatus } from "./lifecycle";

/** DESIGN.md "Demand": a demand names 1–500 trainees. */
export const HEADCOUNT_MIN = 1;
export const HEADCOUNT_MAX = 500;
export const PLACE_MAX = 200;
export const NOTES_MAX = 2000;
export const REASON_MAX = 500;

const required = "common.form.required";

/**
 * Headcount as typed: a whole number from 1 to 500, with a precise message for each way it can be
 * wrong ("abc", "2.5", "0", "501"). Full-width digits (１２) are read as digits.
 */
export const headcountField = z.string({ error: required }).transform((raw, ctx) => {
  const text = raw.normalize("NFKC").trim();
  if (text === "") {
    ctx.addIssue({ code: "custom", message: required });
    return z.NEVER;
  }
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) {
    ctx.addIssue({ code: "custom", message: "demand.form.headcountNotNumber" });
    return z.NEVER;
  }
  const n = Number(text);
  if (!Number.isInteger(n)) {
    ctx.addIssue({ code: "custom", message: "demand.form.headcountWhole" });
    return z.NEVER;
  }
  if (n < HEADCOUNT_MIN) {
    ctx.addIssue({ code: "custom", message: msg("demand.form.headcountMin", { min: HEADCOUNT_MIN }) });
    return z.NEVER;
  }
  if (n > HEADCOUNT_MAX) {
    ctx.addIssue({ code: "custom", message: msg("demand.form.headcountMax", { max: HEADCOUNT_MAX }) });
    return z.NEVER;
  }
  return n;
});

/** A calendar date 'YYYY-MM-DD' (what <input type="date"> sends), Asia/Shanghai. */
export const dateField = z
  .string({ error: required })
  .trim()
  .refine((v) => isIsoDate(v), { error: "demand.form.dateFormat" });

/** A skill level 1–5 as sent by the select. */
export const levelField = z
  .string({ error: required })
  .trim()
  .refine((v) => /^[1-5]$/.test(v), { error: "demand.form.levelInvalid" })
  .transform(Number);

const text = (max: number) =>
  z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(max, { error: msg("common.form.tooLong", { max }) });

/**
 * The demand form, shared by browser and server. `intent` is the button pressed: save the draft
 * or submit it to the bureau. Rules needing the database (the occupation's levels) or the clock
 * (no start in the past) are checked by the use case.
 */
export const demandFormSchema = z
  .object({
    intent: z.enum(["save", "submit"]).default("save"),
    occupationCode: z.string({ error: "demand.form.occupationRequired" }).trim().min(1, { error: "demand.form.occupationRequired" }).max(20, { error: msg("common.form.tooLong", { max: 20 }) }),
    level: levelField,
    headcount: headcountField,
    earliestStart: dateField,
    latestEnd: dateField,
    place: text(PLACE_MAX),
    notes: z.string().trim().max(NOTES_MAX, { error: msg("common.form.tooLong", { max: NOTES_MAX }) }).optional(),
  })
  // The order is judged only between real dates: a date that is none already says so on its field.
  .refine((v) => !isIsoDate(v.earliestStart) || !isIsoDate(v.latestEnd) || v.latestEnd >= v.earliestStart, { path: ["latestEnd"], error: "demand.form.endBeforeStart" });

export type DemandForm = z.infer<typeof demandFormSchema>;

/** The content of a demand, as the use cases store it. */
export interface DemandInput {
  occupationCode: string;
  level: number;
  headcount: number;
  earliestStart: IsoDate;
  latestEnd: IsoDate;
  place: string;
  notes: string | null;
}

export function toDemandInput(v: DemandForm): DemandInput {
  return {
    occupationCode: v.occupationCode,
    level: v.level,
    headcount: v.headcount,
    earliestStart: v.earliestStart,
    latestEnd: v.latestEnd,
    place: v.place,
    notes: v.notes ? v.notes : null,
  };
}

/** What a use case knows of an occupation from the catalogue. */
export interface OccupationLevels {
  code: string;
  nameZh: string;
  nameEn: string;
  levelLowest: number | null;
  levelHighest: number | null;
  active: boolean;
}

/**
 * The levels an occupation's national standard defines (5 the lowest, 1 the highest); all five
 * when the catalogue does not say.
 */
export function levelsOf(o: Pick<OccupationLevels, "levelLowest" | "levelHighest">): number[] {
  if (o.levelLowest === null || o.levelHighest === null) return [5, 4, 3, 2, 1];
  const lo = Math.max(o.levelLowest, o.levelHighest);
  const hi = Math.min(o.levelLowest, o.levelHighest);
  return [5, 4, 3, 2, 1].filter((l) => l <= lo && l >= hi);
}

/**
 * Field errors of a demand's content against the catalogue: the occupation exists and is active,
 * and the level is one its standard defines.
 */
export function occupationErrors(input: Pick<DemandInput, "level">, occupation: OccupationLevels | undefined): Record<string, string[]> {
  if (!occupation || !occupation.active) return { occupationCode: ["demand.form.occupationUnknown"] };
  const levels = levelsOf(occupation);
  if (!levels.includes(input.level)) {
    return {
      level: [
        msg("demand.form.levelNotDefined", {
          occupation: occupation.nameZh,
          lowest: Math.max(...levels),
          highest: Math.min(...levels),
        }),
      ],
    };
  }
  return {};
}

/**
 * Field errors that only matter when the demand goes to the bureau: its earliest start may not
 * be in the past (today on the Shanghai calendar).
 */
export function submissionErrors(input: Pick<DemandInput, "earliestStart">, today: IsoDate): Record<string, string[]> {
  if (input.earliestStart < today) return { earliestStart: [msg("demand.form.startInPast", { today })] };
  return {};
}

/** Events the enterprise takes on its own demand; the bureau reviews with the others. */
export const ENTERPRISE_EVENTS = ["submit", "withdraw"] as const;
export const REVIEW_EVENTS = ["accept", "return", "reject"] as const;
export type EnterpriseEvent = (typeof ENTERPRISE_EVENTS)[number];
export type ReviewEvent = (typeof REVIEW_EVENTS)[number];

/** Returning and rejecting need a reason, which the enterprise will see. */
export function needsReason(event: string): boolean {
  return event === "return" || event === "reject";
}

const STATUS_VALUES = ["draft", "submitted", "returned", "rejected", "pooled", "tendered", "contracted", "fulfilled", "withdrawn"] as const;
export const DEMAND_STATUSES: readonly DemandStatus[] = STATUS_VALUES;

/** A status change from a demand's page: the event, the status the user saw, and a reason. */
export const statusChangeSchema = z
  .object({
    event: z.enum([...ENTERPRISE_EVENTS, ...REVIEW_EVENTS], { error: "common.form.invalid" }),
    expectedStatus: z.enum(STATUS_VALUES, { error: "common.form.invalid" }),
    reason: z.string().trim().max(REASON_MAX, { error: msg("common.form.tooLong", { max: REASON_MAX }) }).optional(),
  })
  .refine((v) => !needsReason(v.event) || Boolean(v.reason), { path: ["reason"], error: "demand.review.reasonRequired" });

/** The bureau's bulk review: the ticked demands, one action, one shared reason. */
export const BULK_MAX = 100;
export const bulkReviewSchema = z
  .object({
    ids: z
      .array(z.string().trim().min(1).max(40), { error: "demand.review.noneSelected" })
      .min(1, { error: "demand.review.noneSelected" })
      .max(BULK_MAX, { error: msg("demand.review.tooMany", { max: BULK_MAX }) }),
    event: z.enum(REVIEW_EVENTS, { error: "common.form.invalid" }),
    reason: z.string().trim().max(REASON_MAX, { error: msg("common.form.tooLong", { max: REASON_MAX }) }).optional(),
  })
  .refine((v) => !needsReason(v.event) || Boolean(v.reason), { path: ["reason"], error: "demand.review.reasonRequired" });

/** A short, stable reference for people to name a demand by: '#' and the id's first 8 characters. */
export function demandRef(id: string): string {
  return `#${id.slice(0, 8).toUpperCase()}`;
}

/** Whether two date windows [aStart, aEnd] and [bStart, bEnd] share at least one day. */
export function windowsOverlap(aStart: IsoDate, aEnd: IsoDate, bStart: IsoDate, bEnd: IsoDate): boolean {
  return aStart <= bEnd && bStart <= aEnd;
}
