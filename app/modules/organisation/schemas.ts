import { z } from "zod";
import { msg } from "~/utils/result";
import { validateCreditCode } from "./credit-code";
import { requiredIfMissing } from "~/modules/reference/form-messages";

export const MIN_PASSWORD_LENGTH = 10;

const requiredText = (max: number) =>
  z
    .string({ error: requiredIfMissing })
    .trim()
    .min(1, { error: "common.form.required" })
    .max(max, { error: msg("common.form.tooLong", { max }) });

export const emailField = z
  .string({ error: requiredIfMissing })
  .trim()
  .toLowerCase()
  .max(254, { error: msg("common.form.tooLong", { max: 254 }) })
  .pipe(z.email({ error: "common.form.invalidEmail" }));

export const newPasswordField = z
  .string({ error: requiredIfMissing })
  .min(MIN_PASSWORD_LENGTH, { error: msg("auth.password.tooShort", { min: MIN_PASSWORD_LENGTH }) })
  .max(200, { error: msg("common.form.tooLong", { max: 200 }) });

/** A unified social credit code, with the precise reason when it is wrong (GB 32100-2015). */
export const creditCodeField = z.string({ error: requiredIfMissing }).transform((value, ctx) => {
  const r = validateCreditCode(value);
  if (r.ok) return r.value;
  const e = r.error;
  const message =
    e.code === "required"
      ? "common.form.required"
      : e.code === "length"
        ? msg("auth.creditCode.length", { actual: e.actual ?? "" })
        : e.code === "charset"
          ? msg("auth.creditCode.charset", { position: e.position ?? 0, actual: e.actual ?? "" })
          : msg("auth.creditCode.checkChar", { expected: e.expected ?? "", actual: e.actual ?? "" });
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
});

/** Registration of an enterprise or institution with its first member (DESIGN.md "Users and roles"). */
export const registrationSchema = z
  .object({
    kind: z.enum(["enterprise", "institution"], { error: requiredIfMissing }),
    orgName: requiredText(100),
    creditCode: creditCodeField,
    contactPhone: z
      .string()
      .trim()
      .max(30, { error: msg("common.form.tooLong", { max: 30 }) })
      .regex(/^[0-9+\-\s()]*$/, { error: "common.form.invalid" })
      .optional(),
    address: z.string().trim().max(200, { error: msg("common.form.tooLong", { max: 200 }) }).optional(),
    name: requiredText(50),
    email: emailField,
    password: newPasswordField,
    passwordConfirm: z.string({ error: requiredIfMissing }),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], error: "auth.password.mismatch" });

export type Registration = z.infer<typeof registrationSchema>;

export const statusChangeSchema = z
  .object({
    event: z.enum(["verify", "reject", "suspend", "reinstate"]),
    reason: z.string().trim().max(500, { error: msg("common.form.tooLong", { max: 500 }) }).optional(),
    expectedStatus: z.enum(["pending", "verified", "rejected", "suspended"]),
  })
  .refine((v) => !(v.event === "reject" || v.event === "suspend") || (v.reason && v.reason.length > 0), {
    path: ["reason"],
    error: "bureau.organisations.reasonRequired",
  });
