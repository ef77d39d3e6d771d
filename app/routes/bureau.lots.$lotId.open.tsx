import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/guards.server";
import { openLot } from "~/modules/bidding/open-lot.server";
import { statusOf } from "~/utils/result";

/** POST /bureau/lots/:lotId/open — an officer opens a lot after its deadline. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "lot.open");
  const result = await openLot(context.db, actor, params.lotId ?? "");
  const back = String((await request.formData()).get("back") ?? "/bureau/tenders");
  const target = back.startsWith("/") && !back.startsWith("//") ? back : "/bureau/tenders";
  if (!result.ok) {
    if (result.kind === "conflict") return redirect(`${target}?notice=${result.message}`);
    throw data(null, { status: statusOf(result) });
  }
  return redirect(`${target}?notice=bidding.notices.opened`);
}

export async function loader() {
  throw data(null, { status: 404 });
}
