/**
 * Course sessions (课次) of a contract's cohort (DESIGN.md "Contract and delivery"): a start in
 * Asia/Shanghai wall-clock time, planned hours in quarter hours, a topic; inside the lot's
 * delivery window, and not overlapping another session of the same cohort.
 */
import { z } from "zod";
import { shanghaiDate } from "~/modules/reference/working-days";
import { parseShanghaiLocal } from "~/modules/tender/deadline";
import { msg } from "~/utils/result";
import { hoursToMinutes } from "./attendance";

export const TOPIC_MAX = 100;

/** The add-a-session form: start ("2027-04-06T09:00", Shanghai), planned hours ("3.5"), topic. */
export const sessionFormSchema = z.object({
  startsAt: z
    .string({ error: "delivery.sessions.errors.startRequired" })
    .transform((s, ctx) => {
      const at = parseShanghaiLocal(s);
      if (!at) {
        ctx.addIssue({ code: "custom", message: "delivery.sessions.errors.startInvalid" });
        return z.NEVER;
      }
      return at;
    }),
  plannedHours: z
    .string({ error: "delivery.sessions.errors.hoursRequired" })
    .transform((s, ctx) => {
      const minutes = /^\d{1,2}(\.\d{1,2})?$/.test(s.trim()) ? hoursToMinutes(Number(s.trim())) : null;
      if (minutes === null) {
        ctx.addIssue({ code: "custom", message: "delivery.sessions.errors.hoursInvalid" });
        return z.NEVER;
      }
      return minutes;
    }),
  topic: z
    .string({ error: "delivery.sessions.errors.topicRequired" })
    .transform((s) => s.normalize("NFKC").trim().replace(/\s+/g, " "))
    .pipe(z.string({ error: "delivery.sessions.errors.topicRequired" }).min(1, { error: "delivery.sessions.errors.topicRequired" }).max(TOPIC_MAX, { error: msg("common.form.tooLong", { max: TOPIC_MAX }) })),
});

/** A session to schedule: its start instant, planned minutes (from the form's hours) and topic. */
export interface SessionInput {
  startsAt: Date;
  plannedMinutes: number;
  topic: string;
}

/** The form's values as a session to schedule. */
export function sessionInputOf(v: z.output<typeof sessionFormSchema>): SessionInput {
  return { startsAt: v.startsAt, plannedMinutes: v.plannedHours, topic: v.topic };
}

/** Does a session of `plannedMinutes` starting at `startsAt` begin and end within the window's Shanghai dates? */
export function isWithinWindow(startsAt: Date, plannedMinutes: number, window: { start: string; end: string }): boolean {
  const first = shanghaiDate(startsAt);
  const last = shanghaiDate(new Date(startsAt.getTime() + plannedMinutes * 60_000 - 1));
  return first >= window.start && last <= window.end;
}

/** The first existing session that shares any minute with the new one, if any. */
export function overlappingSession<S extends { startsAt: string; plannedMinutes: number }>(existing: readonly S[], startsAt: Date, plannedMinutes: number): S | undefined {
  const from = startsAt.getTime();
  const to = from + plannedMinutes * 60_000;
  return existing.find((s) => {
    const a = Date.parse(s.startsAt);
    return a < to && from < a + s.plannedMinutes * 60_000;
  });
}

/** Minutes as hours for people: 210 → "3.5", 195 → "3.25". */
export function minutesToHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

/** The add-a-session form as the page posts it. */
export const addSessionSchema = sessionFormSchema.extend({ intent: z.literal("addSession") });

const sessionId = z.string({ error: "common.form.invalid" }).min(1, { error: "common.form.invalid" });

/**
 * The forms of the sessions-and-attendance page, told apart by `intent`: add a session, remove
 * one, save the grid (hours per enrolment, as typed), or record everyone as attending in full.
 */
export const attendanceActionSchema = z.discriminatedUnion("intent", [
  addSessionSchema,
  z.object({ intent: z.literal("removeSession"), sessionId }),
  z.object({ intent: z.literal("record"), sessionId, hours: z.record(z.string(), z.string().optional()).optional() }),
  z.object({ intent: z.literal("allFull"), sessionId }),
]);
