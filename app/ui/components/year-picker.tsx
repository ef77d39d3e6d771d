import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A GET form choosing the year shown; works without JavaScript. */
export function YearPicker({ year, years }: { year: number; years: number[] }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="filters">
      <div className="field">
        <label htmlFor="year">{t("reference.year")}</label>
        <select id="year" name="year" defaultValue={String(year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="secondary">
        {t("reference.show")}
      </button>
    </Form>
  );
}

/** The year asked for in `?year=`, within sensible bounds, else the fallback. */
export function yearFromUrl(url: URL, fallback: number): number {
  const y = Number(url.searchParams.get("year"));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : fallback;
}
