/** The notifications page's forms (STYLE.md: one zod schema per form): mark one read, or all. */
import { z } from "zod";

export const notificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string({ error: "common.form.required" }).trim().min(1, { error: "common.form.required" }).max(64) }),
  z.object({ intent: z.literal("readAll") }),
]);
