import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A friendly error page in the user's language; never a stack trace. */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const kind = status === 404 ? "404" : status === 403 ? "403" : status === 409 ? "409" : "500";
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{t(`common.errors.title${kind}`)}</h1>
      <p>{t(`common.errors.body${kind}`)}</p>
      <p>
        <Link to="/">{t("common.errors.goHome")}</Link>
      </p>
    </section>
  );
}
