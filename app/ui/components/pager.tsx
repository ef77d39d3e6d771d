import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous/next links that keep the page's filters; plain links, so no JavaScript is needed. */
export function Pager({ page, pages, total }: { page: number; pages: number; total?: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const href = (n: number) => {
    const p = new URLSearchParams(location.search);
    p.set("page", String(n));
    p.delete("notice");
    return `${location.pathname}?${p.toString()}`;
  };
  return (
    <nav className="pager no-print" aria-label={t("common.pagination.page", { page, pages })}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("common.actions.previous")}
        </Link>
      ) : null}
      <span>
        {t("common.pagination.page", { page, pages })}
        {total !== undefined ? ` · ${t("common.pagination.total", { count: total })}` : null}
      </span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t("common.actions.next")}
        </Link>
      ) : null}
    </nav>
  );
}
