import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findActor } from "~/auth/guards.server";

/** The public front page; signed-in users go to their own home. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await findActor(request, context)) {
    const url = new URL(request.url);
    throw redirect(`/home${url.search}`);
  }
  return null;
}

export default function Index() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("home.landing.title")}</h1>
      <p className="lead">{t("home.landing.lead")}</p>
      <div className="grid">
        <section className="card" aria-labelledby="public-heading">
          <h2 id="public-heading">{t("home.landing.forPublic")}</h2>
          <ul>
            <li>
              <Link to="/tenders">{t("home.landing.publicTenders")}</Link>
            </li>
            <li>
              <Link to="/institutions">{t("home.landing.publicInstitutions")}</Link>
            </li>
            <li>
              <a href="/ocds/releases.json">{t("home.landing.publicData")}</a>
            </li>
          </ul>
        </section>
        <section className="card" aria-labelledby="orgs-heading">
          <h2 id="orgs-heading">{t("home.landing.forOrgs")}</h2>
          <p>
            <Link to="/login" className="button">
              {t("common.nav.signIn")}
            </Link>{" "}
            <Link to="/register" className="button secondary">
              {t("common.nav.register")}
            </Link>
          </p>
        </section>
      </div>
    </>
  );
}
