import { useTranslation } from "react-i18next";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { levelName } from "~/modules/tender/labels";

/**
 * The occupation and level fields of a GET filter form (works without JavaScript). The labels
 * come from the page, since each list words them its own way.
 */
export function OccupationLevelFilters({
  occupations,
  occupation,
  level,
  labels,
  showCode = false,
}: {
  occupations: { code: string; nameZh: string; nameEn: string }[];
  occupation?: string | null;
  level?: number | null;
  labels: { occupation: string; allOccupations: string; level: string; allLevels: string };
  showCode?: boolean;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <div className="field">
        <label htmlFor="f-occupation">{labels.occupation}</label>
        <select id="f-occupation" name="occupation" defaultValue={occupation ?? ""}>
          <option value="">{labels.allOccupations}</option>
          {occupations.map((o) => (
            <option key={o.code} value={o.code}>
              {lang === "en" ? o.nameEn : o.nameZh}
              {showCode ? ` (${o.code})` : null}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-level">{labels.level}</label>
        <select id="f-level" name="level" defaultValue={level ? String(level) : ""}>
          <option value="">{labels.allLevels}</option>
          {SKILL_LEVELS.map((l) => (
            <option key={l.level} value={l.level}>
              {levelName(l.level, lang)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
