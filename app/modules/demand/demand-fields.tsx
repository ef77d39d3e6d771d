/**
 * The demand form's fields, shared by the new and edit pages (which own the <Form> around them).
 * Works without JavaScript: the occupation list is a plain <select> grouped by category, narrowed
 * by a GET `?q=` filter form (`OCCUPATION_FILTER_FORM`, rendered by the page); with JavaScript the
 * same filter narrows the list as one types, and the level list follows the chosen occupation.
 */
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/ui/components/form";
import { levelLabel, occupationMatches } from "./labels";
import { NOTES_MAX, PLACE_MAX } from "./schemas";

export const OCCUPATION_FILTER_FORM = "occupation-filter";

export interface OccupationChoice {
  code: string;
  nameZh: string;
  nameEn: string;
  categoryZh: string;
  levels: number[];
}

type Meta = FieldMetadata<string | undefined>;

export interface DemandFieldsMeta {
  occupationCode: Meta;
  level: Meta;
  headcount: Meta;
  earliestStart: Meta;
  latestEnd: Meta;
  place: Meta;
  notes: Meta;
}

function Hint({ id, children }: { id: string; children: string }) {
  return (
    <span className="hint" id={id}>
      {children}
    </span>
  );
}

export function DemandFields({
  fields,
  occupations,
  query,
}: {
  fields: DemandFieldsMeta;
  occupations: OccupationChoice[];
  /** The filter as loaded (`?q=`). */
  query: string;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const [filter, setFilter] = useState(query);
  const [selected, setSelected] = useState<string>(String(fields.occupationCode.initialValue ?? ""));
  const shown = occupations.filter((o) => o.code === selected || occupationMatches(o, filter));
  const matching = shown.length > 0 ? shown : occupations;
  const categories = [...new Set(matching.map((o) => o.categoryZh))];
  const chosen = occupations.find((o) => o.code === selected);
  const levels = chosen ? chosen.levels : [5, 4, 3, 2, 1];
  const filterHint = `${fields.occupationCode.id}-filter-hint`;
  const levelHint = `${fields.level.id}-hint`;

  const text = (meta: Meta, label: string, hint: string, extra: { type?: "text" | "date"; inputMode?: "numeric"; maxLength?: number } = {}) => {
    const hintId = `${meta.id}-hint`;
    const props = getInputProps(meta, { type: extra.type ?? "text", ariaDescribedBy: hintId });
    return (
      <div className="field">
        <label htmlFor={meta.id}>{label}</label>
        <Hint id={hintId}>{hint}</Hint>
        <input {...props} key={props.key} inputMode={extra.inputMode} maxLength={extra.maxLength} />
        <ErrorList id={meta.errorId} errors={meta.errors} />
      </div>
    );
  };

  return (
    <>
      <div className="field occupation-filter">
        <label htmlFor="occupation-q">{t("demand.form.occupationFilter")}</label>
        <Hint id={filterHint}>{t("demand.form.occupationFilterHint")}</Hint>
        <div className="inline-controls">
          <input
            id="occupation-q"
            type="search"
            name="q"
            form={OCCUPATION_FILTER_FORM}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            maxLength={50}
            aria-describedby={filterHint}
            aria-controls={fields.occupationCode.id}
          />
          <button type="submit" form={OCCUPATION_FILTER_FORM} className="secondary">
            {t("demand.form.occupationFilterButton")}
          </button>
        </div>
        <p className="hint" role="status">
          {filter.trim() === ""
            ? null
            : shown.length > 0
              ? t("demand.form.occupationFilterCount", { count: shown.length })
              : t("demand.form.occupationFilterNone", { q: filter })}
        </p>
      </div>

      <div className="field">
        <label htmlFor={fields.occupationCode.id}>{t("demand.fields.occupation")}</label>
        <select
          {...getSelectProps(fields.occupationCode)}
          key={fields.occupationCode.key}
          onChange={(e) => setSelected(e.currentTarget.value)}
        >
          <option value="">{t("demand.form.occupationPlaceholder")}</option>
          {categories.map((c) => (
            <optgroup key={c} label={c}>
              {matching
                .filter((o) => o.categoryZh === c)
                .map((o) => (
                  <option key={o.code} value={o.code}>
                    {en ? `${o.nameEn} (${o.code})` : `${o.nameZh}（${o.code}）`}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <ErrorList id={fields.occupationCode.errorId} errors={fields.occupationCode.errors} />
      </div>

      <div className="field">
        <label htmlFor={fields.level.id}>{t("demand.fields.level")}</label>
        <Hint id={levelHint}>{t("demand.form.levelHint")}</Hint>
        <select {...getSelectProps(fields.level, { ariaDescribedBy: levelHint })} key={fields.level.key}>
          <option value="">{t("demand.form.levelPlaceholder")}</option>
          {levels.map((l) => (
            <option key={l} value={String(l)}>
              {levelLabel(l, i18n.language)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.level.errorId} errors={fields.level.errors} />
      </div>

      {text(fields.headcount, t("demand.fields.headcount"), t("demand.form.headcountHint"), { inputMode: "numeric", maxLength: 10 })}
      <div className="field-pair">
        {text(fields.earliestStart, t("demand.fields.earliestStart"), t("demand.form.dateHint"), { type: "date" })}
        {text(fields.latestEnd, t("demand.fields.latestEnd"), t("demand.form.dateHint"), { type: "date" })}
      </div>
      {text(fields.place, t("demand.fields.place"), t("demand.form.placeHint"), { maxLength: PLACE_MAX })}
      <div className="field">
        <label htmlFor={fields.notes.id}>{t("demand.fields.notes")}</label>
        <Hint id={`${fields.notes.id}-hint`}>{t("demand.form.notesHint")}</Hint>
        <textarea
          {...getTextareaProps(fields.notes, { ariaDescribedBy: `${fields.notes.id}-hint` })}
          key={fields.notes.key}
          rows={3}
          maxLength={NOTES_MAX}
        />
        <ErrorList id={fields.notes.errorId} errors={fields.notes.errors} />
      </div>
    </>
  );
}
