import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/guards.server";
import { loadDemandFor } from "~/modules/demand/demand-access.server";
import { rosterTemplateCsv } from "~/modules/demand/roster-file.server";
import { statusOf } from "~/utils/result";

/** The roster's CSV template: the Chinese headers, UTF-8 with a BOM (so that spreadsheet programs read it right). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const access = await loadDemandFor(context.db, actor, params.id ?? "", "trainee.manage");
  if (!access.ok) return new Response(null, { status: statusOf(access) });
  return new Response(rosterTemplateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="roster-template.csv"; filename*=UTF-8''${encodeURIComponent("学员名单模板.csv")}`,
      "Cache-Control": "private, no-store",
    },
  });
}
