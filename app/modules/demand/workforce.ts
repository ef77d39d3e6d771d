/**
 * An enterprise's yearly workforce report: skilled workers, of whom high-skilled (level 3 or
 * higher). The policy wants enterprises' high-skilled share of skilled workers at 25 % or more
 * (DESIGN.md "Targets and progress").
 */
import { z } from "zod";
import { msg } from "~/utils/result";
import { requiredIfMissing } from "~/modules/reference/form-messages";

export const WORKERS_MAX = 1_000_000;

const countField = z.string({ error: requiredIfMissing }).transform((raw, ctx) => {
  const text = raw.normalize("NFKC").trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) {
    ctx.addIssue({ code: "custom", message: "demand.workforce.notNumber" });
    return z.NEVER;
  }
  const n = Number(text);
  if (!Number.isInteger(n)) {
    ctx.addIssue({ code: "custom", message: "demand.workforce.whole" });
    return z.NEVER;
  }
  if (n < 0) {
    ctx.addIssue({ code: "custom", message: "demand.workforce.negative" });
    return z.NEVER;
  }
  if (n > WORKERS_MAX) {
    ctx.addIssue({ code: "custom", message: msg("demand.workforce.tooMany", { max: WORKERS_MAX }) });
    return z.NEVER;
  }
  return n;
});

export const workforceFormSchema = z
  .object({
    year: z.coerce.number({ error: "common.form.invalid" }).int({ error: "common.form.invalid" }).min(2000).max(2100),
    skilledWorkers: countField,
    highSkilledWorkers: countField,
  })
  .refine((v) => v.highSkilledWorkers <= v.skilledWorkers, {
    path: ["highSkilledWorkers"],
    error: "demand.workforce.highAboveSkilled",
  });

/** The years an enterprise may still report or correct: the current one and the one before. */
export function editableYears(currentYear: number): number[] {
  return [currentYear, currentYear - 1];
}

/**
 * High-skilled share of skilled workers in per cent, rounded half up to one decimal (integer
 * arithmetic, so 1/3 is 33.3 and 1/8 is 12.5); null when there are no skilled workers.
 */
export function highSkilledSharePct(skilled: number, highSkilled: number): number | null {
  if (skilled <= 0) return null;
  const perMille = Math.floor((2000 * highSkilled + skilled) / (2 * skilled));
  return perMille / 10;
}
