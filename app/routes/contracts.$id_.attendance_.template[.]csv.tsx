import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/guards.server";
import { attendanceTemplateCsv } from "~/modules/delivery/attendance-file.server";
import { readSignInSheet } from "~/modules/delivery/read-delivery.server";
import { statusOf } from "~/utils/result";

/** A session's sign-in sheet as CSV, pre-filled with the cohort (full identity numbers: the contract's institution only, audited). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const sessionId = new URL(request.url).searchParams.get("session") ?? "";
  const r = await readSignInSheet(context.db, actor, { contractId: params.id ?? "", sessionId });
  if (!r.ok) return new Response(null, { status: statusOf(r) });
  return new Response(attendanceTemplateCsv(r.value.people), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="sign-in-sheet.csv"; filename*=UTF-8''${encodeURIComponent(`签到表-${r.value.contract.reference}.csv`)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
