import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/guards.server";
import { checkRosterImport } from "~/modules/demand/check-roster-import.server";
import { readRosterUpload, uploadedBytes } from "~/modules/demand/roster-upload.server";
import { statusOf } from "~/utils/result";
import type { ImportReply } from "./demands.$id_.roster";

/** Only the upload posts here; a page to look at is /demands/:id/roster. */
export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}

/**
 * The roster page's upload with JavaScript (XMLHttpRequest, so that the page can show the upload's
 * progress): the same size limit and the same use case as the page's own form, answered as JSON.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "demand.create");
  const reply = (body: ImportReply, status: number) => Response.json(body, { status });
  const upload = await readRosterUpload(request);
  if (!upload.ok) return reply({ intent: "upload", error: upload.message }, 400);
  const bytes = await uploadedBytes(upload.form);
  if (!bytes) return reply({ intent: "upload", error: "demand.import.chooseFile" }, 400);
  const result = await checkRosterImport(context.db, actor, { demandId: params.id ?? "", bytes });
  if (!result.ok) {
    if (result.kind === "notFound" || result.kind === "forbidden") return reply({ intent: "upload", error: "common.errors.body404" }, statusOf(result));
    const error = result.kind === "validation" ? (Object.values(result.fieldErrors).flat()[0] ?? "common.form.invalid") : result.message;
    return reply({ intent: "upload", error }, statusOf(result));
  }
  if (result.value.kind === "imported") return reply({ intent: "upload", imported: result.value.count }, 200);
  const { kind: _kind, ...report } = result.value;
  return reply({ intent: "upload", report }, 400);
}
