import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { forbidden, requireActor } from "~/auth/guards.server";
import { settleDueObjectionWindows } from "~/modules/award/close-objections.server";
import { lapseOverdueContracts } from "~/modules/contract/lapse-contracts.server";
import { CONTRACT_STATUSES } from "~/modules/contract/lifecycle";
import { listContracts, type ContractRow } from "~/modules/contract/queries.server";
import { formatFen } from "~/modules/reference/money";
import { ExportLinks } from "~/ui/components/export-links";
import { Pager } from "~/ui/components/pager";
import { type ExportColumn } from "~/ui/export/table-export";
import { EXPORT_LIMIT, exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { formatInstant } from "~/ui/format";
import { chineseT } from "~/ui/i18n/instances.server";

export const meta: MetaFunction = () => [{ title: "合同 Contracts · SkillTender" }];

/** GET filters; anything unrecognised is ignored rather than refused (a list is never an error). */
const filterSchema = z.object({
  status: z.enum(CONTRACT_STATUSES as [string, ...string[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

/** Contracts: the bureau sees all of them, an institution its own; nobody else has any (403). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Time-triggered changes happen on first access: an objection window that has run out closes
  // (its contracts are created), and a contract unsigned past its deadline lapses (its award goes
  // down the ranking).
  await settleDueObjectionWindows(context.db);
  await lapseOverdueContracts(context.db);
  const status = filter.status as (typeof CONTRACT_STATUSES)[number] | undefined;
  const format = exportAsked(request);
  // The same query as the page: the bureau's export holds every contract, an institution's its own.
  const r = await listContracts(context.db, actor, format ? { status, limit: EXPORT_LIMIT } : { status, page: filter.page });
  if (!r.ok) throw forbidden();
  if (format) throw await listExportResponse(format, chineseT()("award.contracts.title"), exportColumns(), r.value.rows, r.value.total);
  return { filter, isBureau: actor.orgKind === "bureau", ...r.value };
}

/** The table's columns in the export: values in yuan, the signing deadline in Beijing time. */
function exportColumns(): ExportColumn<ContractRow>[] {
  const t = chineseT();
  const signed = (yes: boolean) => (yes ? t("award.contracts.signed") : t("award.contracts.notSigned"));
  return [
    { header: t("award.contracts.reference"), kind: "text", value: (c) => c.reference },
    { header: t("award.contracts.institution"), kind: "text", value: (c) => c.institutionName },
    { header: t("tender.list.reference"), kind: "text", value: (c) => c.tenderReference },
    { header: t("award.contracts.lot"), kind: "text", value: (c) => t("award.lotNumber", { number: c.lotNumber }) },
    { header: t("award.table.headcount"), kind: "number", value: (c) => c.headcount },
    { header: t("common.export.inYuan", { label: t("award.table.value") }), kind: "money", value: (c) => c.valueFen },
    { header: t("award.contracts.status"), kind: "text", value: (c) => t(`award.contracts.statuses.${c.status}`) },
    { header: t("award.contracts.bureauSignature"), kind: "text", value: (c) => signed(c.bureauSigned) },
    { header: t("award.contracts.institutionSignature"), kind: "text", value: (c) => signed(c.institutionSigned) },
    { header: t("common.export.inShanghai", { label: t("award.contracts.signDue") }), kind: "instant", value: (c) => c.signDueAt },
  ];
}

export default function Contracts() {
  const { t, i18n } = useTranslation();
  const { filter, isBureau, rows, total, page, pages } = useLoaderData<typeof loader>();
  const signed = (yes: boolean) => (yes ? t("award.contracts.signed") : t("award.contracts.notSigned"));
  return (
    <>
      <h1>{t("award.contracts.title")}</h1>
      <p className="lead">{t(isBureau ? "award.contracts.introBureau" : "award.contracts.introInstitution")}</p>
      <Form method="get" action="/contracts" className="filters" role="search" aria-label={t("common.actions.filter")}>
        <div className="field">
          <label htmlFor="f-status">{t("award.contracts.status")}</label>
          <select id="f-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("award.contracts.allStatuses")}</option>
            {CONTRACT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`award.contracts.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">{t("common.actions.filter")}</button>
          <Link to="/contracts">{t("common.actions.reset")}</Link>
        </div>
      </Form>
      <ExportLinks />
      {rows.length === 0 ? (
        <p>{t("award.contracts.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("award.contracts.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("award.contracts.reference")}</th>
                <th scope="col">{t("award.contracts.institution")}</th>
                <th scope="col">{t("award.contracts.lot")}</th>
                <th scope="col" className="num">
                  {t("award.table.headcount")}
                </th>
                <th scope="col" className="num">
                  {t("award.table.value")}
                </th>
                <th scope="col">{t("award.contracts.status")}</th>
                <th scope="col">{t("award.contracts.bureauSignature")}</th>
                <th scope="col">{t("award.contracts.institutionSignature")}</th>
                <th scope="col">{t("award.contracts.signDue")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/contracts/${c.id}`} className="mono">
                      {c.reference}
                    </Link>
                  </th>
                  <td>{c.institutionName}</td>
                  <td>
                    <span className="mono">{c.tenderReference}</span> {t("award.lotNumber", { number: c.lotNumber })}
                  </td>
                  <td className="num">{c.headcount}</td>
                  <td className="num">{formatFen(c.valueFen, i18n.language)}</td>
                  <td>{t(`award.contracts.statuses.${c.status}`)}</td>
                  <td>{signed(c.bureauSigned)}</td>
                  <td>{signed(c.institutionSigned)}</td>
                  <td>{formatInstant(c.signDueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={pages} total={total} />
    </>
  );
}
