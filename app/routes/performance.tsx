import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireActor } from "~/auth/guards.server";
import { PerformanceRecord } from "~/modules/delivery/completion-views";
import { findPerformance } from "~/modules/delivery/performance.server";

export const meta: MetaFunction = () => [{ title: "履约记录 Performance record · SkillTender" }];

/**
 * An institution's own performance record (issue 5: completion rate, certification rate,
 * ratings), per contract and overall; the accepted-only figure is what evaluators see as its
 * past performance.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (actor.orgKind !== "institution") throw forbidden();
  const r = await findPerformance(context.db, actor, actor.orgId);
  if (!r.ok) throw forbidden();
  return r.value;
}

export default function PerformancePage() {
  const { t } = useTranslation();
  const record = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("completion.performance.title")}</h1>
      <p>{t("completion.performance.intro")}</p>
      <PerformanceRecord record={record} />
    </>
  );
}
