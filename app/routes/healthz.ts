import { type LoaderFunctionArgs } from "@remix-run/node";
import { checkDatabase } from "~/modules/reference/health.server";

/** GET /healthz → 200 {"status":"ok"} when the database answers, 503 otherwise. */
export async function loader({ context }: LoaderFunctionArgs) {
  const healthy = await checkDatabase(context.db);
  return Response.json(healthy ? { status: "ok" } : { status: "unavailable" }, {
    status: healthy ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
