import type { DB } from "#db/client";
import { countPendingOrganisations } from "~/modules/organisation/queries.server";
import type { Actor } from "./actor";
import { can } from "./policy";

/** An item on a home page's "needs your attention" list: a dictionary key, its count, a link. */
export interface AttentionItem {
  key: "home.bureau.pendingOrganisations" | "home.bureau.bureauUsers";
  count: number;
  to: string;
}

export interface HomeSummary {
  orgStatus: Actor["orgStatus"];
  statusReason: string | null;
  attention: AttentionItem[];
}

/** What each role's home page lists (each later context adds its own items). */
export async function getHomeSummary(db: DB, actor: Actor): Promise<HomeSummary> {
  const attention: AttentionItem[] = [];
  if (can(actor, "organisation.verify")) {
    const pending = await countPendingOrganisations(db);
    if (pending > 0) attention.push({ key: "home.bureau.pendingOrganisations", count: pending, to: "/bureau/organisations?status=pending" });
  }
  if (can(actor, "bureauUser.list")) {
    const r = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organisation_id", "=", actor.orgId)
      .executeTakeFirstOrThrow();
    attention.push({ key: "home.bureau.bureauUsers", count: Number(r.n), to: "/bureau/users" });
  }
  const org = await db.selectFrom("organisations").select("status_reason").where("id", "=", actor.orgId).executeTakeFirst();
  return { orgStatus: actor.orgStatus, statusReason: org?.status_reason ?? null, attention };
}
