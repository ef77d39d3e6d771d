import { type LoaderFunctionArgs } from "@remix-run/node";
import { getRecordPackage } from "~/modules/opendata/releases.server";
import { OPEN_DATA_CACHE_CONTROL } from "~/modules/opendata/ocds";

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * GET /ocds/records/{ocid}.json — the OCDS 1.1 record package of one contracting process (a
 * published tender): its releases and the compiled release (DESIGN.md "Interfaces";
 * docs/open-data.md). An unknown ocid, or a draft's, is a 404 with a JSON message.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const r = await getRecordPackage(context.db, { ocid: params.ocid ?? "", origin: new URL(request.url).origin });
  if (!r.ok) {
    return Response.json({ error: "not_found", message: r.message }, { status: 404, headers: { "Content-Type": JSON_TYPE, "Cache-Control": "no-store" } });
  }
  return Response.json(r.value, {
    headers: { "Content-Type": JSON_TYPE, "Cache-Control": OPEN_DATA_CACHE_CONTROL, "Access-Control-Allow-Origin": "*" },
  });
}
