import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/guards.server";
import { attendanceTemplateXlsx } from "~/modules/delivery/attendance-file.server";
import { readSignInSheet } from "~/modules/delivery/read-delivery.server";
import { minutesToHours } from "~/modules/delivery/sessions";
import { formatInstant } from "~/ui/format";
import { statusOf } from "~/utils/result";

/** A session's sign-in sheet as XLSX, pre-filled with the cohort (full identity numbers: the contract's institution only, audited). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const sessionId = new URL(request.url).searchParams.get("session") ?? "";
  const r = await readSignInSheet(context.db, actor, { contractId: params.id ?? "", sessionId });
  if (!r.ok) return new Response(null, { status: statusOf(r) });
  const { session, people, contract } = r.value;
  const body = await attendanceTemplateXlsx(people, { label: `${formatInstant(session.startsAt)} ${session.topic}`, plannedHours: minutesToHours(session.plannedMinutes) });
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="sign-in-sheet.xlsx"; filename*=UTF-8''${encodeURIComponent(`签到表-${contract.reference}.xlsx`)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
