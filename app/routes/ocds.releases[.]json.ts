import { type LoaderFunctionArgs } from "@remix-run/node";
import { getReleasePage } from "~/modules/opendata/releases.server";
import { OPEN_DATA_CACHE_CONTROL, parseReleaseQuery } from "~/modules/opendata/ocds";

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * GET /ocds/releases.json — an OCDS 1.1 release package of every published release, oldest
 * first (DESIGN.md "Interfaces"; docs/open-data.md): `?page=` from 1, `?since=` an ISO time.
 * A bad parameter is a 400 and a page past the last a 404, each with a JSON message.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = parseReleaseQuery(url.searchParams);
  if (!query.ok) {
    return Response.json(
      { error: "bad_request", parameter: query.problem.parameter, message: query.problem.message },
      { status: 400, headers: { "Content-Type": JSON_TYPE, "Cache-Control": "no-store" } },
    );
  }
  const r = await getReleasePage(context.db, { query: query.value, origin: url.origin });
  if (!r.ok) {
    return Response.json({ error: "not_found", message: r.message }, { status: 404, headers: { "Content-Type": JSON_TYPE, "Cache-Control": "no-store" } });
  }
  return Response.json(r.value, {
    headers: { "Content-Type": JSON_TYPE, "Cache-Control": OPEN_DATA_CACHE_CONTROL, "Access-Control-Allow-Origin": "*" },
  });
}
