import type { LoaderFunctionArgs } from "@remix-run/node";
import { matchPath } from "@remix-run/react";
import { exportFormatOf } from "~/ui/export/export-href";
import { chineseT } from "~/ui/i18n/instances.server";
import { loader as accreditations } from "./bureau.accreditations";
import { loader as audit } from "./bureau.audit";
import { loader as demands } from "./bureau.demands._index";
import { loader as demand } from "./bureau.demands.$id";
import { loader as lotEvaluation } from "./bureau.lots.$lotId._index";
import { loader as lotAward } from "./bureau.lots.$lotId.award";
import { loader as lotReport } from "./bureau.lots.$lotId.report";
import { loader as organisations } from "./bureau.organisations._index";
import { loader as organisation } from "./bureau.organisations.$id";
import { loader as progress } from "./bureau.progress";
import { loader as calendar } from "./bureau.reference.calendar";
import { loader as rules } from "./bureau.reference.rules";
import { loader as subsidies } from "./bureau.reference.subsidies";
import { loader as tenders } from "./bureau.tenders._index";
import { loader as tender } from "./bureau.tenders.$id";
import { loader as users } from "./bureau.users._index";
import { loader as contracts } from "./contracts._index";
import { loader as contractAttendance } from "./contracts.$id_.attendance";
import { loader as contractPayments } from "./contracts.$id_.payments";
import { loader as contractResults } from "./contracts.$id_.results";
import { loader as contractTrainees } from "./contracts.$id_.trainees";
import { loader as finance } from "./finance._index";

/**
 * The pages whose tables export, by path pattern (Remix's `:param` segments for a detail page):
 * each page's own loader authorises, filters and builds the file.
 */
const TABLES: Record<string, (args: LoaderFunctionArgs) => Promise<unknown>> = {
  "bureau/organisations": organisations,
  "bureau/demands": demands,
  "bureau/tenders": tenders,
  "bureau/accreditations": accreditations,
  "bureau/audit": audit,
  "bureau/users": users,
  "bureau/reference/subsidies": subsidies,
  "bureau/reference/calendar": calendar,
  "bureau/reference/rules": rules,
  // Pages of several tables: `?table=` names the one.
  "bureau/progress": progress,
  contracts,
  finance,
  // Detail pages: their parameters are read from the path as Remix would read the page's.
  "bureau/tenders/:id": tender,
  "bureau/organisations/:id": organisation,
  "bureau/demands/:id": demand,
  "bureau/lots/:lotId": lotEvaluation,
  "bureau/lots/:lotId/award": lotAward,
  "bureau/lots/:lotId/report": lotReport,
  "contracts/:id/trainees": contractTrainees,
  "contracts/:id/attendance": contractAttendance,
  "contracts/:id/results": contractResults,
  "contracts/:id/payments": contractPayments,
};

/** The page a path under the export route names, and its parameters; a list page's path has none. */
function tableAt(splat: string): { table: (args: LoaderFunctionArgs) => Promise<unknown>; params: Record<string, string> } | null {
  const path = `/${splat.replace(/\/+$/, "")}`;
  for (const [pattern, table] of Object.entries(TABLES)) {
    const match = matchPath({ path: `/${pattern}`, caseSensitive: true, end: true }, path);
    if (match) return { table, params: Object.fromEntries(Object.entries(match.params).map(([k, v]) => [k, v ?? ""])) };
  }
  return null;
}

/** A refusal as a short plain answer in the words of the site's error pages, not a file. */
function plain(status: 403 | 404): Response {
  return new Response(chineseT()(`common.errors.body${status}`), {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}

/**
 * `/export/<page>?<its filters>&format=csv|xlsx`: the page's table as a file (issue "Reports").
 * A page's loader cannot answer its own URL with a file (Remix renders it into HTML), so this
 * resource route calls it; the loader sees `format` and throws the download, or refuses exactly as
 * the page does (the sign-in redirect, or 403 in the error page's words).
 */
export async function loader(args: LoaderFunctionArgs) {
  const found = tableAt(args.params["*"] ?? "");
  if (!found || !exportFormatOf(new URL(args.request.url))) return plain(404);
  try {
    await found.table({ ...args, params: found.params });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    // A guard's `data({ error }, { status: 403 })` (or 404 for a record kept from a stranger).
    const status = (thrown as { init?: { status?: unknown } } | null)?.init?.status;
    if (status === 403 || status === 404) return plain(status);
    throw thrown;
  }
  return plain(404);
}
