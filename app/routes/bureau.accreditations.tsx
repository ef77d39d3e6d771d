import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCan } from "~/auth/guards.server";
import { decideAccreditation, listAccreditationsForReview, type Accreditation } from "~/modules/accreditation/accreditations.server";
import { ACCREDITATION_LIFECYCLE, EVENTS_NEEDING_REASON, type AccreditationStatus } from "~/modules/accreditation/lifecycle";
import { decisionSchema } from "~/modules/accreditation/schemas";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { allowedEvents } from "~/utils/lifecycle";
import { statusOf } from "~/utils/result";
import { AccreditationTable } from "~/ui/components/accreditation-table";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList } from "~/ui/components/form";
import { type ExportColumn } from "~/ui/export/table-export";
import { EXPORT_LIMIT, exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { chineseT } from "~/ui/i18n/instances.server";

export const meta: MetaFunction = () => [{ title: "资质审核 Accreditation review · SkillTender" }];

const STATUSES: AccreditationStatus[] = ["applied", "approved", "suspended", "refused", "revoked", "withdrawn"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "accreditation.review");
  const raw = new URL(request.url).searchParams.get("status");
  const status = raw === "all" ? undefined : STATUSES.find((s) => s === raw) ?? "applied";
  const format = exportAsked(request);
  if (format) {
    // One more than the cap: the file then says when it was cut.
    const all = await listAccreditationsForReview(context.db, status, { limit: EXPORT_LIMIT + 1 });
    throw await listExportResponse(format, chineseT()("accreditation.review.title"), exportColumns(), all);
  }
  return { status: status ?? "all", rows: await listAccreditationsForReview(context.db, status) };
}

/** The table's columns in the export: Chinese headers and names, validity as two dates. */
function exportColumns(): ExportColumn<Accreditation>[] {
  const t = chineseT();
  return [
    { header: t("accreditation.institution"), kind: "text", value: (a) => a.institutionName },
    { header: t("accreditation.occupation"), kind: "text", value: (a) => `${a.occupationCode} ${a.occupationZh}` },
    { header: t("accreditation.highestLevel"), kind: "text", value: (a) => SKILL_LEVELS.find((l) => l.level === a.highestLevel)?.nameZh ?? a.highestLevel },
    { header: t("accreditation.licenceNumber"), kind: "text", value: (a) => a.licenceNumber },
    { header: t("accreditation.validFrom"), kind: "date", value: (a) => a.validFrom },
    { header: t("accreditation.validTo"), kind: "date", value: (a) => a.validTo },
    { header: t("accreditation.status"), kind: "text", value: (a) => t(`accreditation.statuses.${a.status}`) },
    { header: t("accreditation.reason"), kind: "text", value: (a) => a.statusReason },
  ];
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "accreditation.review");
  const form = Object.fromEntries(await request.formData());
  const parsed = decisionSchema.safeParse(form);
  if (!parsed.success) {
    return data({ id: String(form.id ?? ""), errors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
  }
  const result = await decideAccreditation(context.db, actor, parsed.data);
  if (!result.ok) return data({ id: parsed.data.id, errors: ["common.errors.body409"] }, { status: statusOf(result) });
  return redirect(`/bureau/accreditations?notice=accreditation.done.${parsed.data.event}`);
}

export default function AccreditationReview() {
  const { t } = useTranslation();
  const { status, rows } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <h1>{t("accreditation.review.title")}</h1>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="status">{t("accreditation.review.filter")}</label>
          <select id="status" name="status" defaultValue={status}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`accreditation.statuses.${s}`)}
              </option>
            ))}
            <option value="all">{t("accreditation.review.all")}</option>
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("common.actions.filter")}
        </button>
      </Form>
      <ExportLinks />
      {failed && !failed.id ? <ErrorList errors={failed.errors} /> : null}
      <AccreditationTable
        rows={rows}
        showInstitution
        actions={(a) => {
          const events = allowedEvents(ACCREDITATION_LIFECYCLE, a.status).filter((e) => e !== "withdraw");
          if (events.length === 0) return null;
          const needsReason = events.some((e) => EVENTS_NEEDING_REASON.includes(e));
          return (
            <Form method="post" className="stack">
              <input type="hidden" name="id" value={a.id} />
              <input type="hidden" name="expectedStatus" value={a.status} />
              {needsReason ? (
                <div className="field">
                  <label htmlFor={`reason-${a.id}`}>{t("accreditation.reason")}</label>
                  <input id={`reason-${a.id}`} name="reason" type="text" />
                </div>
              ) : null}
              {failed?.id === a.id ? <ErrorList errors={failed.errors} /> : null}
              <div className="actions">
                {events.map((e) => (
                  <button key={e} type="submit" name="event" value={e} className={EVENTS_NEEDING_REASON.includes(e) ? "secondary" : undefined}>
                    {t(`accreditation.events.${e}`)}
                  </button>
                ))}
              </div>
            </Form>
          );
        }}
      />
    </>
  );
}
