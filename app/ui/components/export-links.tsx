import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { exportHref, type ExportFormat } from "~/ui/export/export-href";

/** The resource route that serves list exports (app/routes/export.$.tsx). */
export const EXPORT_PREFIX = "/export";

/** A list page's export in a format: the page's path and filters under the export route (and which table, on a page of several). */
export function exportLinkOf(pathname: string, search: string, format: ExportFormat, table?: string): string {
  const params = new URLSearchParams(search);
  if (table) params.set("table", table);
  return `${EXPORT_PREFIX}${pathname}${exportHref(params.toString(), format)}`;
}

/**
 * "Export CSV" and "Export Excel" for the table on this page, with the filters it shows. Plain
 * document links (a file, not a page), so they work without JavaScript. A page with several
 * tables names the one (`table`) and says which it is (`label`).
 */
export function ExportLinks({ table, label }: { table?: string; label?: string } = {}) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  return (
    <p className="actions no-print" role="group" aria-label={label ? `${t("common.export.links")} · ${label}` : t("common.export.links")}>
      <span className="hint">{t("common.export.hint")}</span>
      <Link reloadDocument to={exportLinkOf(pathname, search, "csv", table)}>
        {t("common.export.csv")}
      </Link>
      <Link reloadDocument to={exportLinkOf(pathname, search, "xlsx", table)}>
        {t("common.export.xlsx")}
      </Link>
    </p>
  );
}
