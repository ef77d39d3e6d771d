/**
 * The export links' side of table exports, apart from the writers so that a page's JavaScript
 * carries no CSV library.
 */
export type ExportFormat = "csv" | "xlsx";

/** `?format=csv|xlsx` on a list page's URL; anything else is the page itself. */
export function exportFormatOf(url: URL): ExportFormat | null {
  const f = url.searchParams.get("format");
  return f === "csv" || f === "xlsx" ? f : null;
}

/** The page's own URL with `format` set: the export keeps every filter the page shows. */
export function exportHref(search: string, format: ExportFormat): string {
  const params = new URLSearchParams(search);
  params.delete("page");
  params.delete("notice");
  params.set("format", format);
  return `?${params.toString()}`;
}
