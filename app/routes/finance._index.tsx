import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireCan } from "~/auth/guards.server";
import { findFinanceQueue, type QueueMilestone, type QueuePayment } from "~/modules/payment/milestone-queries.server";
import { sweepPendingPaymentsAs } from "~/modules/payment/pay-milestone.server";
import { OfflineNotice, PaymentStatusBadge, PayoutBlockText } from "~/modules/payment/payment-views";
import { formatFen } from "~/modules/reference/money";
import { ExportLinks } from "~/ui/components/export-links";
import { exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { type ExportColumn } from "~/ui/export/table-export";
import { formatInstant } from "~/ui/format";
import { chineseT } from "~/ui/i18n/instances.server";

export const meta: MetaFunction = () => [{ title: "付款审核 Payment approvals · SkillTender" }];

/**
 * Bureau finance's queue (issue 5 "Payment"): requested milestones to decide, transfers to
 * follow up, and the totals. Loading it changes nothing; sending pending transfers again is an
 * explicit button.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "milestone.decide");
  const format = exportAsked(request);
  // Two tables: the requested milestones (the first, when none is named) and the transfers to follow up.
  const table = new URL(request.url).searchParams.get("table") ?? "requested";
  if (format && table !== "requested" && table !== "attention") notFound();
  const r = await findFinanceQueue(context.db, actor);
  if (!r.ok) throw forbidden();
  if (format && table === "requested") throw await listExportResponse(format, chineseT()("payment.finance.queueCaption"), requestedColumns(), r.value.requested);
  if (format && table === "attention") throw await listExportResponse(format, chineseT()("payment.finance.attentionCaption"), attentionColumns(), r.value.attention);
  return r.value;
}

/** The requested milestones as a file: amounts in yuan, the request time in Beijing time, whether the payout account can receive. */
function requestedColumns(): ExportColumn<QueueMilestone>[] {
  const t = chineseT();
  return [
    { header: t("payment.table.contract"), kind: "text", value: (m) => m.contractReference },
    { header: t("payment.table.number"), kind: "text", value: (m) => t("payment.numberLabel", { number: m.number }) },
    { header: t("payment.table.institution"), kind: "text", value: (m) => m.institutionName },
    { header: t("payment.table.kind"), kind: "text", value: (m) => t(`payment.kinds.${m.kind}`) },
    { header: t("payment.table.trainees"), kind: "number", value: (m) => m.traineeCount },
    { header: t("common.export.inYuan", { label: t("payment.table.amount") }), kind: "money", value: (m) => m.amountFen },
    { header: t("payment.table.requestedAt"), kind: "instant", value: (m) => m.requestedAt },
    { header: t("payment.table.payout"), kind: "text", value: (m) => (m.block ? t(`payment.payout.blocks.${m.block}`) : t("payment.finance.ready")) },
  ];
}

/** The transfers to follow up as a file. */
function attentionColumns(): ExportColumn<QueuePayment>[] {
  const t = chineseT();
  return [
    { header: t("payment.table.contract"), kind: "text", value: (a) => a.contractReference },
    { header: t("payment.table.number"), kind: "text", value: (a) => t("payment.numberLabel", { number: a.milestoneNumber }) },
    { header: t("payment.table.institution"), kind: "text", value: (a) => a.institutionName },
    { header: t("payment.table.payment"), kind: "text", value: (a) => t("payment.table.attempt", { attempt: a.attempt }) },
    { header: t("payment.table.status"), kind: "text", value: (a) => t(`payment.paymentStatuses.${a.status}`) },
    { header: t("common.export.inYuan", { label: t("payment.table.amount") }), kind: "money", value: (a) => a.amountFen },
    { header: t("payment.table.createdAt"), kind: "instant", value: (a) => a.createdAt },
    { header: t("payment.table.failureReason"), kind: "text", value: (a) => a.failureReason },
  ];
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "milestone.decide");
  const form = await request.formData();
  if (form.get("intent") !== "sweep") return data({ formErrors: ["common.form.invalid"] }, { status: 400 });
  const r = await sweepPendingPaymentsAs(context.db, actor);
  if (!r.ok) throw forbidden();
  return redirect("/finance?notice=payment.notices.swept");
}

export default function FinancePage() {
  const { t, i18n } = useTranslation();
  const q = useLoaderData<typeof loader>();
  const fen = (n: number) => formatFen(n, i18n.language);
  const pending = q.attention.some((a) => a.status === "pending");
  return (
    <>
      <h1>{t("payment.finance.title")}</h1>
      <OfflineNotice mode={q.mode} />
      <p className="lead">{t("payment.finance.intro")}</p>

      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t("payment.finance.totals")}</h2>
        <dl className="facts">
          <dt>{t("payment.finance.requestedCount")}</dt>
          <dd>{q.totals.requestedCount}</dd>
          <dt>{t("payment.finance.requested")}</dt>
          <dd>{fen(q.totals.requestedFen)}</dd>
          <dt>{t("payment.finance.approved")}</dt>
          <dd>{fen(q.totals.approvedFen)}</dd>
          <dt>{t("payment.finance.paid")}</dt>
          <dd>{fen(q.totals.paidFen)}</dd>
        </dl>
      </section>

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t("payment.finance.queueCaption")}</h2>
        <ExportLinks table="requested" label={t("payment.finance.queueCaption")} />
        {q.requested.length === 0 ? (
          <p className="muted">{t("payment.finance.queueEmpty")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("payment.finance.queueCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("payment.table.contract")}</th>
                  <th scope="col">{t("payment.table.institution")}</th>
                  <th scope="col">{t("payment.table.kind")}</th>
                  <th scope="col" className="num">
                    {t("payment.table.trainees")}
                  </th>
                  <th scope="col" className="num">
                    {t("payment.table.amount")}
                  </th>
                  <th scope="col">{t("payment.table.requestedAt")}</th>
                  <th scope="col">{t("payment.table.payout")}</th>
                  <th scope="col">{t("payment.table.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {q.requested.map((m) => (
                  <tr key={m.id}>
                    <th scope="row" className="mono">
                      {m.contractReference} · {t("payment.numberLabel", { number: m.number })}
                    </th>
                    <td>{m.institutionName}</td>
                    <td>{t(`payment.kinds.${m.kind}`)}</td>
                    <td className="num">{m.traineeCount}</td>
                    <td className="num">{fen(m.amountFen)}</td>
                    <td className="nowrap">{formatInstant(m.requestedAt)}</td>
                    <td>{m.block ? <PayoutBlockText payout={{ block: m.block, requirements: null }} /> : t("payment.finance.ready")}</td>
                    <td>
                      <Link to={`/finance/milestones/${m.id}`}>{t("payment.finance.open")}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="attention-heading">
        <h2 id="attention-heading">{t("payment.finance.attentionCaption")}</h2>
        <p className="hint">{t("payment.finance.attentionHint")}</p>
        <ExportLinks table="attention" label={t("payment.finance.attentionCaption")} />
        {q.attention.length === 0 ? (
          <p className="muted">{t("payment.finance.attentionEmpty")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("payment.finance.attentionCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("payment.table.contract")}</th>
                  <th scope="col">{t("payment.table.institution")}</th>
                  <th scope="col">{t("payment.table.payment")}</th>
                  <th scope="col" className="num">
                    {t("payment.table.amount")}
                  </th>
                  <th scope="col">{t("payment.table.createdAt")}</th>
                  <th scope="col">{t("payment.table.failureReason")}</th>
                  <th scope="col">{t("payment.table.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {q.attention.map((a) => (
                  <tr key={a.paymentId}>
                    <th scope="row" className="mono">
                      {a.contractReference} · {t("payment.numberLabel", { number: a.milestoneNumber })}
                    </th>
                    <td>{a.institutionName}</td>
                    <td>
                      {t("payment.table.attempt", { attempt: a.attempt })} <PaymentStatusBadge status={a.status} />
                    </td>
                    <td className="num">{fen(a.amountFen)}</td>
                    <td className="nowrap">{formatInstant(a.createdAt)}</td>
                    <td>{a.failureReason ?? "—"}</td>
                    <td>
                      <Link to={`/finance/milestones/${a.milestoneId}`}>{t("payment.finance.view")}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pending ? (
          <Form method="post" className="no-print">
            <div className="actions">
              <button type="submit" name="intent" value="sweep">
                {t("payment.finance.sweep")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>
    </>
  );
}
