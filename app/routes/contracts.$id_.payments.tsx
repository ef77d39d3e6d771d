import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { forbidden, notFoundForStranger, requireActor } from "~/auth/guards.server";
import { findContractPayments } from "~/modules/payment/milestone-queries.server";
import { advancePerTraineeFen, balancePerTraineeFen } from "~/modules/payment/milestones";
import { MilestonesTable, OfflineNotice, PayoutBlockText } from "~/modules/payment/payment-views";
import { requestMilestone } from "~/modules/payment/request-milestone.server";
import { formatFen } from "~/modules/reference/money";
import { ContractTabs } from "~/ui/components/contract-tabs";
import { ExportLinks } from "~/ui/components/export-links";
import { FormErrors } from "~/ui/components/form";
import { paymentsExport } from "~/ui/export/contract-exports.server";
import { exportAsked } from "~/ui/export/list-export.server";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.contract.reference} · 付款 Payments · SkillTender` : "付款 Payments · SkillTender" }];

/**
 * A contract's payments (issue 5 "Payment"): its institution sees what it may request now and
 * why (the trainees counted), and requests it; the bureau reads the history. Anyone else: not
 * found.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await findContractPayments(context.db, actor, params.id ?? "");
  if (!r.ok) return notFoundForStranger(context, actor, "payment.view", { type: "contract", id: params.id ?? "" });
  // The payment history as a file, as this page shows it; the links are offered to the bureau,
  // and the contract's institution may export what it sees here too.
  const format = exportAsked(request);
  if (format) throw await paymentsExport(format, r.value.contract.reference, r.value.milestones);
  return { ...r.value, offerExport: actor.orgKind === "bureau" };
}

const requestSchema = z.object({ intent: z.literal("request"), kind: z.enum(["advance", "balance"]) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: requestSchema });
  if (submission.status !== "success") return data({ formErrors: ["common.form.invalid"] }, { status: 400 });
  const r = await requestMilestone(context.db, actor, { contractId: id, kind: submission.value.kind });
  if (r.ok) return redirect(`/contracts/${id}/payments?notice=payment.notices.requested`);
  if (r.kind === "notFound") return notFoundForStranger(context, actor, "milestone.request", { type: "contract", id });
  if (r.kind === "forbidden") throw forbidden();
  return data({ formErrors: [r.kind === "conflict" ? r.message : "common.errors.body409"] }, { status: statusOf(r) });
}

export default function ContractPaymentsPage() {
  const { t, i18n } = useTranslation();
  const p = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const fen = (n: number) => formatFen(n, i18n.language);
  const c = p.contract;
  const paidRemaining = c.valueFen - p.totals.paidFen;
  return (
    <article>
      <p className="no-print">
        <Link to="/contracts">{t("award.contracts.backToList")}</Link>
      </p>
      <h1>{t("payment.contract.heading", { reference: c.reference })}</h1>
      <ContractTabs contractId={c.id} delivering={c.status === "active" || c.status === "completed"} />
      <OfflineNotice mode={p.mode} />
      <FormErrors errors={reply?.formErrors} />
      <p className="lead">{t("payment.contract.intro")}</p>

      <section aria-labelledby="terms-heading">
        <h2 id="terms-heading">{t("payment.contract.terms")}</h2>
        <dl className="facts">
          <dt>{t("payment.contract.value")}</dt>
          <dd>
            {fen(c.valueFen)} ({c.headcount} × {fen(c.priceFen)})
          </dd>
          <dt>{t("payment.contract.advancePct")}</dt>
          <dd>{c.advancePct}%</dd>
          <dt>{t("payment.contract.advancePerTrainee")}</dt>
          <dd>{fen(advancePerTraineeFen(c.priceFen, c.advancePct))}</dd>
          <dt>{t("payment.contract.balancePerTrainee")}</dt>
          <dd>{fen(balancePerTraineeFen(c.priceFen, c.advancePct))}</dd>
        </dl>
      </section>

      {p.canRequest ? (
        <section aria-labelledby="request-heading" className="no-print">
          <h2 id="request-heading">{t("payment.contract.canRequest")}</h2>
          {p.payout.block ? (
            <p className="warning">
              {t("payment.contract.payoutWarning")} <PayoutBlockText payout={p.payout} /> <Link to="/payouts">{t("payment.contract.connectPayout")}</Link>
            </p>
          ) : null}
          {!p.next?.advance && !p.next?.balance ? <p className="muted">{t("payment.contract.nothingDue")}</p> : null}
          {p.next?.advance ? (
            <Form method="post" className="card">
              <h3>{t("payment.kinds.advance")}</h3>
              <p>
                {t("payment.contract.advanceWhy", {
                  confirmed: p.next.advance.confirmed,
                  headcount: p.next.advance.headcount,
                  covered: p.next.advance.coveredBefore,
                  seats: p.next.advance.seats,
                  per: fen(p.next.advance.perTraineeFen),
                  amount: fen(p.next.advance.amountFen),
                })}
              </p>
              <input type="hidden" name="kind" value="advance" />
              <div className="actions">
                <button type="submit" name="intent" value="request">
                  {t("payment.contract.requestAdvance", { amount: fen(p.next.advance.amountFen) })}
                </button>
              </div>
            </Form>
          ) : null}
          {p.next?.balance ? (
            <Form method="post" className="card">
              <h3>{t("payment.kinds.balance")}</h3>
              <p>
                {t("payment.contract.balanceWhy", {
                  count: p.next.balance.trainees.length,
                  covered: p.next.balance.coveredBefore,
                  per: fen(p.next.balance.perTraineeFen),
                  amount: fen(p.next.balance.amountFen),
                })}
              </p>
              <div className="table-scroll">
                <table>
                  <caption>{t("payment.contract.traineesCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("payment.table.name")}</th>
                      <th scope="col">{t("payment.table.idNumber")}</th>
                      <th scope="col">{t("payment.table.certificate")}</th>
                      <th scope="col">{t("payment.table.certifiedOn")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.next.balance.lines.map((l) => (
                      <tr key={l.enrolmentId}>
                        <th scope="row">{l.name}</th>
                        <td className="mono">{l.idNumberMasked}</td>
                        <td className="mono">{l.certificateNumber ?? "—"}</td>
                        <td>{l.certifiedOn ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <input type="hidden" name="kind" value="balance" />
              <div className="actions">
                <button type="submit" name="intent" value="request">
                  {t("payment.contract.requestBalance", { amount: fen(p.next.balance.amountFen) })}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t("payment.contract.totals")}</h2>
        <dl className="facts">
          <dt>{t("payment.contract.requestedTotal")}</dt>
          <dd>{fen(p.totals.requestedFen)}</dd>
          <dt>{t("payment.contract.approvedTotal")}</dt>
          <dd>{fen(p.totals.approvedFen)}</dd>
          <dt>{t("payment.contract.paidTotal")}</dt>
          <dd>{fen(p.totals.paidFen)}</dd>
          <dt>{t("payment.contract.remaining")}</dt>
          <dd>{fen(paidRemaining)}</dd>
        </dl>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("payment.contract.history")}</h2>
        {p.offerExport && p.milestones.length > 0 ? <ExportLinks /> : null}
        {p.milestones.length === 0 ? <p className="muted">{t("payment.contract.none")}</p> : <MilestonesTable milestones={p.milestones} caption={t("payment.contract.historyCaption")} />}
      </section>
    </article>
  );
}
