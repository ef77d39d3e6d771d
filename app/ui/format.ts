import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** Times are stored in UTC and shown in Asia/Shanghai (DESIGN.md "Reference data"). */
export const DISPLAY_TIME_ZONE = "Asia/Shanghai";

/** An instant as Shanghai wall-clock time, `2026-05-01 10:00`. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  return format(new TZDate(t, DISPLAY_TIME_ZONE), "yyyy-MM-dd HH:mm");
}

/** An instant's Shanghai calendar date, `2026-05-01`. */
export function formatShanghaiDate(iso: string | null | undefined): string {
  return formatInstant(iso).slice(0, 10);
}
