/**
 * Yearly targets (DESIGN.md "Targets and progress"): set by a bureau admin per year; a year with
 * none set takes the policy's defaults (≥ 500 trained through orders, ≥ 100 of them
 * high-skilled, enterprises' high-skilled share ≥ 25 %). The budget has no policy default: a
 * year without one shows "not set".
 */
import { z } from "zod";
import { parseYuan } from "~/modules/reference/money";
import { DEFAULT_TARGETS } from "~/modules/reference/skill-levels";
import { msg } from "~/utils/result";
import { requiredIfMissing } from "~/modules/reference/form-messages";

export interface YearTargets {
  year: number;
  trainedMin: number;
  highSkilledMin: number;
  highSkilledSharePct: number;
  budgetFen: number | null;
  /** No row for the year: the policy's defaults apply. */
  isDefault: boolean;
  updatedAt: string | null;
}

/** A year's targets as stored, or the policy's defaults when the year has no row. */
export function targetsFor(
  year: number,
  row?: { trained_min: number; high_skilled_min: number; high_skilled_share_pct: number; budget_fen: number | string | bigint; updated_at: string },
): YearTargets {
  if (!row) {
    return {
      year,
      trainedMin: DEFAULT_TARGETS.trainedMin,
      highSkilledMin: DEFAULT_TARGETS.highSkilledMin,
      highSkilledSharePct: DEFAULT_TARGETS.highSkilledSharePct,
      budgetFen: null,
      isDefault: true,
      updatedAt: null,
    };
  }
  return {
    year,
    trainedMin: Number(row.trained_min),
    highSkilledMin: Number(row.high_skilled_min),
    highSkilledSharePct: Number(row.high_skilled_share_pct),
    budgetFen: Number(row.budget_fen),
    isDefault: false,
    updatedAt: row.updated_at,
  };
}

/** Upper bound on a headcount target: the largest demand a district could post, many times over. */
export const TARGET_MAX = 1_000_000;

const wholeNumber = (max: number) =>
  z.string({ error: requiredIfMissing }).transform((raw, ctx) => {
    const text = raw.normalize("NFKC").trim().replaceAll(",", "");
    if (text === "") {
      ctx.addIssue({ code: "custom", message: "common.form.required" });
      return z.NEVER;
    }
    if (!/^\d+$/.test(text)) {
      ctx.addIssue({ code: "custom", message: "progress.targets.errors.whole" });
      return z.NEVER;
    }
    const n = Number(text);
    if (n > max) {
      ctx.addIssue({ code: "custom", message: msg("progress.targets.errors.tooLarge", { max }) });
      return z.NEVER;
    }
    return n;
  });

/** The targets form: whole trainees, a whole percentage, the budget in yuan. */
export const targetsFormSchema = z
  .object({
    year: z.coerce.number({ error: "common.form.invalid" }).int({ error: "common.form.invalid" }).min(2000).max(2100),
    trainedMin: wholeNumber(TARGET_MAX),
    highSkilledMin: wholeNumber(TARGET_MAX),
    highSkilledSharePct: wholeNumber(100),
    budget: z.string({ error: requiredIfMissing }).transform((v, ctx) => {
      const r = parseYuan(v);
      if (r.ok) return r.value;
      ctx.addIssue({ code: "custom", message: msg(`reference.money.${r.error.code}`) });
      return z.NEVER;
    }),
  })
  // High-skilled trainees are among those trained: their target cannot exceed the whole.
  .refine((v) => v.highSkilledMin <= v.trainedMin, { path: ["highSkilledMin"], error: "progress.targets.errors.highAboveTrained" });

export type TargetsInput = z.output<typeof targetsFormSchema>;
