import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Accreditation } from "~/modules/accreditation/accreditations.server";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";

const BADGE: Record<string, string> = { approved: "badge-ok", applied: "badge-warn" };

/** Accreditations as a table, with an optional cell of actions per row. */
export function AccreditationTable({
  rows,
  showInstitution = false,
  actions,
}: {
  rows: Accreditation[];
  showInstitution?: boolean;
  actions?: (a: Accreditation) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  if (rows.length === 0) return <p>{t("accreditation.none")}</p>;
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            {showInstitution ? <th scope="col">{t("accreditation.institution")}</th> : null}
            <th scope="col">{t("accreditation.occupation")}</th>
            <th scope="col">{t("accreditation.highestLevel")}</th>
            <th scope="col">{t("accreditation.licenceNumber")}</th>
            <th scope="col">
              {t("accreditation.validFrom")} – {t("accreditation.validTo")}
            </th>
            <th scope="col">{t("accreditation.status")}</th>
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">{t("common.actions.view")}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => {
            const level = SKILL_LEVELS.find((l) => l.level === a.highestLevel);
            return (
              <tr key={a.id}>
                {showInstitution ? <td>{a.institutionName}</td> : null}
                <td>
                  {a.occupationCode} {en ? a.occupationEn : a.occupationZh}
                </td>
                <td>{en ? level?.nameEn : level?.nameZh}</td>
                <td className="mono">{a.licenceNumber}</td>
                <td>
                  {a.validFrom} – {a.validTo}
                </td>
                <td>
                  <span className={`badge ${BADGE[a.status] ?? "badge-bad"}`}>{t(`accreditation.statuses.${a.status}`)}</span>
                  {a.statusReason ? <div className="muted">{a.statusReason}</div> : null}
                </td>
                {actions ? <td>{actions(a)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
