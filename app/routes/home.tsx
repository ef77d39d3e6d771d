import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCan } from "~/auth/guards.server";
import { getHomeSummary } from "~/modules/access/home.server";

export const meta: MetaFunction = () => [{ title: "工作台 Home · SkillTender" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "home.view");
  return { actor, summary: await getHomeSummary(context.db, actor) };
}

export default function Home() {
  const { t } = useTranslation();
  const { actor, summary } = useLoaderData<typeof loader>();
  const org = actor.orgName;
  const intro =
    actor.orgKind === "enterprise"
      ? t("home.enterprise.intro")
      : actor.orgKind === "institution"
        ? t("home.institution.intro")
        : actor.roles.includes("finance")
          ? t("home.finance.intro")
          : actor.roles.includes("evaluator") && !actor.roles.includes("officer")
            ? t("home.evaluator.intro")
            : null;
  return (
    <>
      <h1>{t("home.welcome", { name: actor.name })}</h1>
      <p className="muted">
        {actor.orgName} · {t(`common.orgKinds.${actor.orgKind}`)} ·{" "}
        {actor.roles.map((r) => t(`common.roles.${r}`)).join("、")}
      </p>
      {summary.orgStatus === "pending" ? (
        <p className="warning" role="status">
          {t("home.pendingOrg", { org })}
        </p>
      ) : null}
      {summary.orgStatus === "rejected" ? <p className="alert">{t("home.rejectedOrg", { org, reason: summary.statusReason ?? "" })}</p> : null}
      {summary.orgStatus === "suspended" ? <p className="alert">{t("home.suspendedOrg", { org, reason: summary.statusReason ?? "" })}</p> : null}
      {intro ? <p className="lead">{intro}</p> : null}
      <section className="card" aria-labelledby="attention-heading">
        <h2 id="attention-heading">{t("home.attention")}</h2>
        {summary.attention.length === 0 ? (
          <p>{t("home.nothingPending")}</p>
        ) : (
          <ul className="attention">
            {summary.attention.map((item) => (
              <li key={item.key}>
                <Link to={item.to}>{t(item.key, { count: item.count })}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
