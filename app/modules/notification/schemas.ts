/** The notifications page's forms (STYLE.md: one zod schema per form): mark one read, or all. */
import { z } from "zod";
import { requiredIfMissing } from "~/modules/reference/form-messages";

export const notificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string({ error: requiredIfMissing }).trim().min(1, { error: "common.form.required" }).max(64) }),
  z.object({ intent: z.literal("readAll") }),
]);
