import { z } from "zod";
import { isIsoDate } from "~/modules/reference/working-days";
import { parseYuan } from "~/modules/reference/money";
import { msg } from "~/utils/result";
import { requiredIfMissing } from "~/modules/reference/form-messages";

/** What a bid holds (DESIGN.md "Bid — sealed"); all of it is sealed until opening. */
export interface BidContent {
  priceFen: number;
  capacity: number;
  plannedStart: string;
  plannedEnd: string;
  theoryHours: number;
  practiceHours: number;
  trainers: { name: string; certificate: string }[];
  venue: string;
  plan: string;
}

export interface LotTerms {
  maxPriceFen: number;
  windowStart: string;
  windowEnd: string;
}

const MAX_TRAINERS = 5;

const text = (max: number) =>
  z
    .string({ error: requiredIfMissing })
    .trim()
    .min(1, { error: "common.form.required" })
    .max(max, { error: msg("common.form.tooLong", { max }) });

const hours = z.coerce
  .number({ error: "bidding.errors.hours" })
  .int({ error: "bidding.errors.hours" })
  .min(0, { error: "bidding.errors.hours" })
  .max(2000, { error: "bidding.errors.hours" });

/**
 * The bid form's rules against the lot's terms: price in yuan, positive and at most the lot's
 * maximum price per trainee; capacity ≥ 1; planned dates inside the delivery window; hours;
 * at least one trainer with a certificate; venue and plan.
 */
export function bidFormSchema(terms: LotTerms) {
  return z
    .object({
      price: z.string({ error: requiredIfMissing }).transform((v, ctx) => {
        const r = parseYuan(v);
        if (!r.ok) {
          ctx.addIssue({ code: "custom", message: msg(`reference.money.${r.error.code}`) });
          return z.NEVER;
        }
        if (r.value <= 0) {
          ctx.addIssue({ code: "custom", message: "bidding.errors.pricePositive" });
          return z.NEVER;
        }
        if (r.value > terms.maxPriceFen) {
          ctx.addIssue({ code: "custom", message: msg("bidding.errors.priceAboveCap", { max: (terms.maxPriceFen / 100).toFixed(2) }) });
          return z.NEVER;
        }
        return r.value;
      }),
      capacity: z.coerce
        .number({ error: "bidding.errors.capacity" })
        .int({ error: "bidding.errors.capacity" })
        .min(1, { error: "bidding.errors.capacity" })
        .max(10_000, { error: "bidding.errors.capacity" }),
      plannedStart: z.string({ error: requiredIfMissing }).refine(isIsoDate, { error: "bidding.errors.date" }),
      plannedEnd: z.string({ error: requiredIfMissing }).refine(isIsoDate, { error: "bidding.errors.date" }),
      theoryHours: hours,
      practiceHours: hours,
      // conform reads an empty input as undefined: an unused trainer row is empty, not an error.
      trainerName: z.array(z.string().trim().max(50).default("")).max(MAX_TRAINERS).default([]),
      trainerCertificate: z.array(z.string().trim().max(50).default("")).max(MAX_TRAINERS).default([]),
      venue: text(200),
      plan: text(5000),
    })
    .superRefine((v, ctx) => {
      if (v.plannedStart < terms.windowStart || v.plannedStart > terms.windowEnd) {
        ctx.addIssue({ code: "custom", path: ["plannedStart"], message: msg("bidding.errors.outsideWindow", { from: terms.windowStart, to: terms.windowEnd }) });
      }
      if (v.plannedEnd < terms.windowStart || v.plannedEnd > terms.windowEnd) {
        ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: msg("bidding.errors.outsideWindow", { from: terms.windowStart, to: terms.windowEnd }) });
      }
      if (v.plannedEnd < v.plannedStart) ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "bidding.errors.endBeforeStart" });
      if (v.theoryHours + v.practiceHours <= 0) ctx.addIssue({ code: "custom", path: ["practiceHours"], message: "bidding.errors.noHours" });
      const trainers = pairTrainers(v.trainerName, v.trainerCertificate);
      if (trainers.length === 0) ctx.addIssue({ code: "custom", path: ["trainerName"], message: "bidding.errors.trainers" });
      v.trainerName.forEach((n, i) => {
        const cert = v.trainerCertificate[i] ?? "";
        if ((n && !cert) || (!n && cert)) ctx.addIssue({ code: "custom", path: ["trainerName"], message: "bidding.errors.trainerIncomplete" });
      });
    })
    .transform(
      (v): BidContent => ({
        priceFen: v.price,
        capacity: v.capacity,
        plannedStart: v.plannedStart,
        plannedEnd: v.plannedEnd,
        theoryHours: v.theoryHours,
        practiceHours: v.practiceHours,
        trainers: pairTrainers(v.trainerName, v.trainerCertificate),
        venue: v.venue,
        plan: v.plan,
      }),
    );
}

function pairTrainers(names: string[], certificates: string[]): { name: string; certificate: string }[] {
  return names
    .map((name, i) => ({ name, certificate: certificates[i] ?? "" }))
    .filter((t) => t.name !== "" && t.certificate !== "");
}

export const MAX_TRAINER_ROWS = MAX_TRAINERS;

/** A submission must arrive strictly before the deadline, by the server's clock. */
export function isBeforeDeadline(now: Date, deadlineIso: string): boolean {
  return now.getTime() < Date.parse(deadlineIso);
}

/** A bid confirmed before the latest material amendment must be re-confirmed to count. */
export function needsReconfirmation(confirmedAtIso: string | null, lastMaterialAmendmentIso: string | null): boolean {
  if (!lastMaterialAmendmentIso) return false;
  if (!confirmedAtIso) return true;
  return Date.parse(confirmedAtIso) < Date.parse(lastMaterialAmendmentIso);
}
