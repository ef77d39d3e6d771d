import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { exportHref, type ExportFormat } from "~/ui/export/export-href";

/** The resource route that serves list exports (app/routes/export.$.tsx). */
export const EXPORT_PREFIX = "/export";

/** A list page's export in a format: the page's path and filters under the export route. */
export function exportLinkOf(pathname: string, search: string, format: ExportFormat): string {
  return `${EXPORT_PREFIX}${pathname}${exportHref(search, format)}`;
}

/**
 * "Export CSV" and "Export Excel" for the table on this page, with the filters it shows. Plain
 * document links (a file, not a page), so they work without JavaScript.
 */
export function ExportLinks() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  return (
    <p className="actions no-print" role="group" aria-label={t("common.export.links")}>
      <span className="hint">{t("common.export.hint")}</span>
      <Link reloadDocument to={exportLinkOf(pathname, search, "csv")}>
        {t("common.export.csv")}
      </Link>
      <Link reloadDocument to={exportLinkOf(pathname, search, "xlsx")}>
        {t("common.export.xlsx")}
      </Link>
    </p>
  );
}
