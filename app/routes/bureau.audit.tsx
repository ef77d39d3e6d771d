import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExportLinks } from "~/ui/components/export-links";
import { Pager } from "~/ui/components/pager";
import { type ExportColumn } from "~/ui/export/table-export";
import { EXPORT_LIMIT, exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { formatInstant } from "~/ui/format";
import { chineseT } from "~/ui/i18n/instances.server";
import { z } from "zod";
import { requireCan } from "~/auth/guards.server";
import { findAuditHead, listAuditEntries, listAuditFacets, type AuditEntryView } from "~/modules/audit/list-audit-entries.server";
import { verifyAuditChain } from "~/modules/audit/verify-audit-chain.server";
import { isIsoDate } from "~/modules/reference/working-days";
import { ErrorList } from "~/ui/components/form";

export const meta: MetaFunction = () => [{ title: "审计日志 Audit log · SkillTender" }];

const text = z.string().trim().max(100).optional().catch(undefined);
const filterSchema = z.object({
  action: text,
  recordType: text,
  from: text,
  to: text,
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "audit.view");
  const raw = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // A mistyped date is reported next to its field and left out of the filter, never a 500.
  const bad = (d: string | undefined) => Boolean(d) && !isIsoDate(d ?? "");
  const errors = { from: bad(raw.from), to: bad(raw.to) };
  const filter = {
    action: raw.action || undefined,
    recordType: raw.recordType || undefined,
    from: raw.from && !errors.from ? raw.from : undefined,
    to: raw.to && !errors.to ? raw.to : undefined,
    page: raw.page,
  };
  const format = exportAsked(request);
  if (format) {
    const all = await listAuditEntries(context.db, { ...filter, page: undefined, limit: EXPORT_LIMIT });
    throw await listExportResponse(format, chineseT()("bureau.audit.title"), exportColumns(), all.items, all.total);
  }
  const [chain, head, facets, log] = await Promise.all([
    verifyAuditChain(context.db),
    findAuditHead(context.db),
    listAuditFacets(context.db),
    listAuditEntries(context.db, filter),
  ]);
  return { raw, errors, chain, head, facets, log };
}

/** A spreadsheet cell holds at most 32,767 characters; a longer before/after is cut with a mark. */
function jsonCell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = JSON.stringify(v);
  return s.length > 32_000 ? `${s.slice(0, 31_999)}…` : s;
}

/** The log's columns in the export: who, what, which record, before/after as JSON text, the time in Beijing time. */
function exportColumns(): ExportColumn<AuditEntryView>[] {
  const t = chineseT();
  const label = (key: string, fallback: string) => String(t(key as never, { defaultValue: fallback }));
  return [
    { header: t("bureau.audit.seq"), kind: "number", value: (e) => e.seq },
    { header: t("bureau.audit.at"), kind: "instant", value: (e) => e.at },
    { header: t("bureau.audit.actor"), kind: "text", value: (e) => e.actorName ?? e.actorUserId ?? t("bureau.audit.system") },
    { header: t("common.export.actorOrg"), kind: "text", value: (e) => e.actorOrgName },
    { header: t("bureau.audit.action"), kind: "text", value: (e) => label(`bureau.audit.actions.${e.action}`, e.action) },
    { header: t("bureau.audit.record"), kind: "text", value: (e) => label(`bureau.audit.recordTypes.${e.recordType}`, e.recordType) },
    { header: t("common.export.recordId"), kind: "text", value: (e) => e.recordId },
    { header: t("common.export.before"), kind: "text", value: (e) => jsonCell(e.before) },
    { header: t("common.export.after"), kind: "text", value: (e) => jsonCell(e.after) },
  ];
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== "object")) return v.join(", ");
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Before/after in one line per field that is set or changed: `status: pending → verified`. */
function Change({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    if (before == null && after == null) return null;
    return <span>{before == null ? show(after) : `${show(before)} → ${show(after)}`}</span>;
  }
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
  const lines = keys.flatMap((k) => {
    const inBefore = b !== undefined && k in b;
    const inAfter = a !== undefined && k in a;
    if (inBefore && inAfter && JSON.stringify(b[k]) === JSON.stringify(a[k])) return [];
    return [{ k, from: inBefore ? show(b[k]) : undefined, to: inAfter ? show(a[k]) : undefined }];
  });
  return (
    <>
      {lines.map(({ k, from, to }) => (
        <div key={k}>
          <span className="muted">{k}:</span>{" "}
          {from !== undefined && to !== undefined ? (
            `${from} → ${to}`
          ) : from !== undefined ? (
            <>
              {from} <span className="muted">({t("bureau.audit.before")})</span>
            </>
          ) : (
            to
          )}
        </div>
      ))}
    </>
  );
}

export default function AuditLog() {
  const { t } = useTranslation();
  const { raw, errors, chain, head, facets, log } = useLoaderData<typeof loader>();
  const actionLabel = (a: string) => String(t(`bureau.audit.actions.${a}` as never, { defaultValue: a }));
  const typeLabel = (r: string) => String(t(`bureau.audit.recordTypes.${r}` as never, { defaultValue: r }));

  return (
    <>
      <h1>{t("bureau.audit.title")}</h1>
      <p className="lead">{t("bureau.audit.intro")}</p>

      <section className="card" aria-labelledby="chain-heading">
        <h2 id="chain-heading">{t("bureau.audit.chain")}</h2>
        {chain.ok ? (
          <p className="notice" role="status">
            {t("bureau.audit.chainOk", { count: chain.count })}
          </p>
        ) : (
          <p className="alert" role="alert">
            {t("bureau.audit.chainBroken", { seq: chain.problem.seq, kind: t(`bureau.audit.problem.${chain.problem.kind}`) })}
          </p>
        )}
        {head ? (
          <>
            <p>{t("bureau.audit.head")}</p>
            <p>
              <code className="mono">{head.hash}</code>
            </p>
            <p className="muted">{t("bureau.audit.headSeq", { seq: head.seq })}</p>
          </>
        ) : null}
      </section>

      <Form method="get" action="/bureau/audit" className="filters" role="search" aria-label={t("common.actions.filter")}>
        <div className="field">
          <label htmlFor="f-action">{t("bureau.audit.filterAction")}</label>
          <select id="f-action" name="action" defaultValue={raw.action ?? ""}>
            <option value="">{t("bureau.audit.allActions")}</option>
            {facets.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-record">{t("bureau.audit.filterRecord")}</label>
          <select id="f-record" name="recordType" defaultValue={raw.recordType ?? ""}>
            <option value="">{t("bureau.audit.allRecordTypes")}</option>
            {facets.recordTypes.map((r) => (
              <option key={r} value={r}>
                {typeLabel(r)}
              </option>
            ))}
          </select>
        </div>
        {(["from", "to"] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`f-${name}`}>{t(name === "from" ? "bureau.audit.filterFrom" : "bureau.audit.filterTo")}</label>
            <span className="hint" id={`f-${name}-hint`}>
              {t("bureau.audit.dateHint")}
            </span>
            <input
              id={`f-${name}`}
              type="date"
              name={name}
              defaultValue={raw[name] ?? ""}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={`f-${name}-hint${errors[name] ? ` f-${name}-error` : ""}`}
            />
            <ErrorList id={`f-${name}-error`} errors={errors[name] ? ["bureau.audit.invalidDate"] : undefined} />
          </div>
        ))}
        <div className="actions">
          <button type="submit">{t("common.actions.filter")}</button>
          <Link to="/bureau/audit">{t("common.actions.reset")}</Link>
        </div>
      </Form>
      <ExportLinks />

      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("bureau.audit.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("bureau.audit.seq")}
              </th>
              <th scope="col">{t("bureau.audit.at")}</th>
              <th scope="col">{t("bureau.audit.actor")}</th>
              <th scope="col">{t("bureau.audit.action")}</th>
              <th scope="col">{t("bureau.audit.record")}</th>
              <th scope="col">{t("bureau.audit.change")}</th>
            </tr>
          </thead>
          <tbody>
            {log.items.length === 0 ? (
              <tr>
                <td colSpan={6}>{t("bureau.audit.noEntries")}</td>
              </tr>
            ) : (
              log.items.map((e) => (
                <tr key={e.seq}>
                  <th scope="row" className="num">
                    {e.seq}
                  </th>
                  <td>{formatInstant(e.at)}</td>
                  <td>
                    {e.actorName ?? (e.actorUserId ? <span className="mono">{e.actorUserId}</span> : t("bureau.audit.system"))}
                    {e.actorOrgName ? (
                      <>
                        <br />
                        <span className="muted">{e.actorOrgName}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{actionLabel(e.action)}</td>
                  <td>
                    {typeLabel(e.recordType)}
                    {e.recordId ? (
                      <>
                        <br />
                        {e.recordType === "organisation" ? (
                          <Link to={`/bureau/organisations/${e.recordId}`} className="mono">
                            {e.recordId}
                          </Link>
                        ) : (
                          <span className="mono">{e.recordId}</span>
                        )}
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Change before={e.before} after={e.after} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager page={log.page} pages={log.pages} total={log.total} />
    </>
  );
}
