import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCan } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "基础数据 Reference data · SkillTender" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "reference.manage");
  return null;
}

export default function ReferenceIndex() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("reference.title")}</h1>
      <p className="lead">{t("reference.intro")}</p>
      <div className="grid">
        {(
          [
            ["/bureau/reference/subsidies", "reference.subsidy.title", "reference.subsidy.intro"],
            ["/bureau/reference/calendar", "reference.calendar.title", "reference.calendar.intro"],
            ["/bureau/reference/rules", "reference.rules.title", "reference.rules.intro"],
          ] as const
        ).map(([to, title, intro]) => (
          <section key={to} className="card">
            <h2>
              <Link to={to}>{t(title)}</Link>
            </h2>
            <p>{t(intro)}</p>
          </section>
        ))}
      </div>
    </>
  );
}
