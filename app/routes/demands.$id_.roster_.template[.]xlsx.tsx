import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/guards.server";
import { loadDemandFor } from "~/modules/demand/demand-access.server";
import { rosterTemplateXlsx } from "~/modules/demand/roster-file.server";
import { statusOf } from "~/utils/result";

/** The roster's XLSX template: headers, text-formatted identity number and phone columns, instructions. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const access = await loadDemandFor(context.db, actor, params.id ?? "", "trainee.manage");
  if (!access.ok) return new Response(null, { status: statusOf(access) });
  return new Response(await rosterTemplateXlsx(), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent("学员名单模板.xlsx")}`,
      "Cache-Control": "private, no-store",
    },
  });
}
