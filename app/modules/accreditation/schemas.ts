import { z } from "zod";
import { isIsoDate } from "~/modules/reference/working-days";
import { msg } from "~/utils/result";
import { requiredIfMissing } from "~/modules/reference/form-messages";

const date = z
  .string({ error: requiredIfMissing })
  .trim()
  .refine(isIsoDate, { error: "accreditation.errors.invalidDate" });

/** An institution's application for accreditation. */
export const applicationSchema = z
  .object({
    occupationCode: z.string({ error: "accreditation.errors.unknownOccupation" }).trim().min(1, { error: "accreditation.errors.unknownOccupation" }),
    highestLevel: z.coerce.number({ error: requiredIfMissing }).int().min(1).max(5),
    licenceNumber: z
      .string({ error: requiredIfMissing })
      .trim()
      .min(1, { error: "common.form.required" })
      .max(50, { error: msg("common.form.tooLong", { max: 50 }) }),
    validFrom: date,
    validTo: date,
  })
  .refine((v) => v.validFrom <= v.validTo, { path: ["validTo"], error: "accreditation.errors.dateOrder" });

export const decisionSchema = z
  .object({
    id: z.string().min(1),
    event: z.enum(["approve", "refuse", "suspend", "reinstate", "revoke", "withdraw"]),
    expectedStatus: z.enum(["applied", "approved", "refused", "suspended", "revoked", "withdrawn"]),
    reason: z.string().trim().max(500, { error: msg("common.form.tooLong", { max: 500 }) }).optional(),
  })
  .refine((v) => !["refuse", "suspend", "revoke"].includes(v.event) || (v.reason && v.reason.length > 0), {
    path: ["reason"],
    error: "accreditation.errors.reasonRequired",
  });
