import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { forbidden, notFound, requireActor } from "~/auth/guards.server";
import { approveMilestone, refuseMilestone } from "~/modules/payment/decide-milestone.server";
import type { PaymentStatus } from "~/modules/payment/lifecycle";
import { findMilestoneEvidence } from "~/modules/payment/milestone-queries.server";
import { payAgain, retrySending } from "~/modules/payment/pay-milestone.server";
import { MilestonesTable, MilestoneStatusBadge, OfflineNotice, PaymentStatusBadge, PayoutBlockText } from "~/modules/payment/payment-views";
import { formatFen } from "~/modules/reference/money";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { formatInstant } from "~/ui/format";
import { statusOf, type Failure } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.contract.reference} · ${data.milestone.number} · 付款审核 Payment review · SkillTender` : "付款审核 Payment review · SkillTender" },
];

/**
 * One milestone with its evidence (issue 5 "Payment"): enrolment counts, attendance and results,
 * the certified trainees (masked identity numbers, certificate numbers), whether the institution
 * can receive, and the transfers. Finance approves (and pays) or refuses with a reason, sends a
 * transfer of unknown outcome again (same key), or pays again after a failure or reversal.
 * Other bureau staff read it; anyone else: not found.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await findMilestoneEvidence(context.db, actor, params.id ?? "");
  if (!r.ok) notFound();
  return r.value;
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("refuse"), reason: z.string({ error: "payment.decide.reasonRequired" }).trim().min(2, "payment.decide.reasonRequired").max(1000, "payment.decide.reasonTooLong") }),
  z.object({ intent: z.literal("retry"), paymentId: z.string().min(1) }),
  z.object({ intent: z.literal("payAgain") }),
]);

const PAID_NOTICE: Record<PaymentStatus, string> = {
  paid: "payment.notices.paid",
  sent: "payment.notices.sent",
  pending: "payment.notices.pending",
  failed: "payment.notices.failed",
  reversed: "payment.notices.failed",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema });
  const intent = String((submission.payload as Record<string, unknown>).intent ?? "");
  if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
  const v = submission.value;
  let result: { ok: true; notice: string } | Failure;
  if (v.intent === "approve") {
    const r = await approveMilestone(context.db, actor, { milestoneId: id });
    result = r.ok ? { ok: true, notice: PAID_NOTICE[r.value.status] } : r;
  } else if (v.intent === "refuse") {
    const r = await refuseMilestone(context.db, actor, { milestoneId: id, reason: v.reason });
    result = r.ok ? { ok: true, notice: "payment.notices.refused" } : r;
  } else if (v.intent === "retry") {
    const r = await retrySending(context.db, actor, { paymentId: v.paymentId });
    result = r.ok ? { ok: true, notice: PAID_NOTICE[r.value.status] } : r;
  } else {
    const r = await payAgain(context.db, actor, { milestoneId: id });
    result = r.ok ? { ok: true, notice: PAID_NOTICE[r.value.status] } : r;
  }
  if (result.ok) return redirect(`/finance/milestones/${id}?notice=${result.notice}`);
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "conflict" ? [result.message] : result.kind === "validation" ? (result.formErrors ?? []) : [];
  return data({ intent, reply: submission.reply({ fieldErrors, formErrors }) }, { status: statusOf(result) });
}

type Reply = SubmissionResult<string[]> | undefined;

function useReply(intent: string): Reply {
  const a = useActionData<typeof action>();
  return a && a.intent === intent ? (a.reply as Reply) : undefined;
}

function ButtonForm({ intent, label, hint, hidden }: { intent: string; label: string; hint?: string; hidden?: Record<string, string> }) {
  const [form] = useForm({ id: `form-${intent}`, lastResult: useReply(intent) });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      {hint ? <p className="hint">{hint}</p> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="actions">
        <button type="submit" name="intent" value={intent}>
          {label}
        </button>
      </div>
    </Form>
  );
}

function RefuseForm() {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ reason: string }>({ id: "form-refuse", lastResult: useReply("refuse"), shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.reason.id}>{t("payment.decide.reason")}</label>
        <span className="hint" id={`${fields.reason.id}-hint`}>
          {t("payment.decide.reasonHint")}
        </span>
        <textarea {...getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` })} key={fields.reason.key} rows={3} maxLength={1000} />
        <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="refuse" className="danger">
          {t("payment.decide.refuse")}
        </button>
      </div>
    </Form>
  );
}

export default function MilestoneEvidencePage() {
  const { t, i18n } = useTranslation();
  const e = useLoaderData<typeof loader>();
  const fen = (n: number) => formatFen(n, i18n.language);
  const m = e.milestone;
  const b = m.basis;
  const pending = m.payments.find((p) => p.status === "pending");
  // A refusal of a form that is no longer shown (decided meanwhile by someone else) is shown on top.
  const reply = useActionData<typeof action>();
  const shown = [e.canDecide ? "approve" : "", e.canDecide ? "refuse" : "", e.canRetrySending && pending ? "retry" : "", e.canPayAgain ? "payAgain" : ""];
  const orphan = reply && !shown.includes(reply.intent) ? ((reply.reply as Reply)?.error?.[""] ?? undefined) : undefined;
  return (
    <article>
      <p className="no-print">
        <Link to="/finance">{t("payment.evidence.back")}</Link>
      </p>
      <h1>{t("payment.evidence.title", { reference: e.contract.reference, number: m.number })}</h1>
      <OfflineNotice mode={e.mode} />
      <FormErrors errors={orphan} />

      <section aria-labelledby="milestone-heading">
        <h2 id="milestone-heading">{t("payment.evidence.milestone")}</h2>
        <dl className="facts">
          <dt>{t("payment.table.contract")}</dt>
          <dd>
            <Link to={`/contracts/${e.contract.id}/payments`} className="mono">
              {e.contract.reference}
            </Link>{" "}
            · {e.contract.institutionName}
          </dd>
          <dt>{t("payment.table.kind")}</dt>
          <dd>{t(`payment.kinds.${m.kind}`)}</dd>
          <dt>{t("payment.table.amount")}</dt>
          <dd>
            <strong>{fen(m.amountFen)}</strong>
          </dd>
          <dt>{t("payment.table.status")}</dt>
          <dd>
            <MilestoneStatusBadge status={m.status} />
            {m.refusalReason ? ` · ${m.refusalReason}` : null}
          </dd>
          <dt>{t("payment.evidence.requestedBy")}</dt>
          <dd>{formatInstant(m.requestedAt)}</dd>
          <dt>{t("payment.evidence.basis")}</dt>
          <dd>
            {b?.kind === "advance"
              ? t("payment.contract.advanceWhy", { confirmed: b.confirmed, headcount: b.headcount, covered: b.coveredBefore, seats: b.seats, per: fen(b.perTraineeFen), amount: fen(b.amountFen) })
              : b?.kind === "balance"
                ? t("payment.contract.balanceWhy", { count: b.trainees.length, covered: b.coveredBefore, per: fen(b.perTraineeFen), amount: fen(b.amountFen) })
                : "—"}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t("payment.evidence.enrolments")}</h2>
        <dl className="facts">
          {(["confirmed", "offered", "replaced", "dropped", "declined"] as const).map((s) => (
            <Fragment key={s}>
              <dt>{t(`payment.evidence.enrolmentStatuses.${s}`)}</dt>
              <dd>{e.enrolments[s]}</dd>
            </Fragment>
          ))}
        </dl>
        <h3>{t("payment.evidence.progress")}</h3>
        <dl className="facts">
          <dt>{t("payment.evidence.inTraining")}</dt>
          <dd>{e.progress.inTraining}</dd>
          <dt>{t("payment.evidence.completed")}</dt>
          <dd>{e.progress.completed}</dd>
          <dt>{t("payment.evidence.notCompleted")}</dt>
          <dd>{e.progress.notCompleted}</dd>
          <dt>{t("payment.evidence.certified")}</dt>
          <dd>{e.progress.certified}</dd>
          <dt>{t("payment.evidence.notCertified")}</dt>
          <dd>{e.progress.notCertified}</dd>
        </dl>
        <h3>{t("payment.evidence.attendance")}</h3>
        <dl className="facts">
          <dt>{t("payment.evidence.sessions")}</dt>
          <dd>{e.attendance.sessions}</dd>
          <dt>{t("payment.evidence.plannedHours")}</dt>
          <dd>{(e.attendance.plannedMinutes / 60).toFixed(2)}</dd>
          <dt>{t("payment.evidence.averageAttendance")}</dt>
          <dd>{(e.attendance.averagePermille / 10).toFixed(1)}%</dd>
          <dt>{t("payment.evidence.meetingShare", { pct: e.contract.completionPct })}</dt>
          <dd>
            {e.attendance.meetingShare} / {e.attendance.confirmed}
          </dd>
        </dl>
        {e.trainees.length > 0 ? (
          <div className="table-scroll">
            <table>
              <caption>{t("payment.evidence.traineesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("payment.table.name")}</th>
                  <th scope="col">{t("payment.table.idNumber")}</th>
                  <th scope="col">{t("payment.table.certificate")}</th>
                  <th scope="col" className="num">
                    {t("payment.table.level")}
                  </th>
                  <th scope="col">{t("payment.table.certifiedOn")}</th>
                  <th scope="col" className="num">
                    {t("payment.table.attendance")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {e.trainees.map((l) => (
                  <tr key={l.enrolmentId}>
                    <th scope="row">{l.name}</th>
                    <td className="mono">{l.idNumberMasked}</td>
                    <td className="mono">{l.certificateNumber ?? "—"}</td>
                    <td className="num">{l.levelReached ?? "—"}</td>
                    <td>{l.certifiedOn ?? "—"}</td>
                    <td className="num">{(l.attendancePermille / 10).toFixed(1)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="payout-heading">
        <h2 id="payout-heading">{t("payment.evidence.payout")}</h2>
        <p className={e.payout.block ? "warning" : undefined}>{e.payout.block ? <PayoutBlockText payout={e.payout} /> : t("payment.payout.ready")}</p>
      </section>

      {e.canDecide ? (
        <section aria-labelledby="decide-heading" className="no-print">
          <h2 id="decide-heading">{t("payment.decide.heading")}</h2>
          {e.payout.block ? (
            <p className="warning">
              {t("payment.decide.cannotApprove")} <PayoutBlockText payout={e.payout} />
            </p>
          ) : (
            <ButtonForm intent="approve" label={t("payment.decide.approve")} hint={t("payment.decide.approveHint", { amount: fen(m.amountFen) })} />
          )}
          <RefuseForm />
        </section>
      ) : null}

      <section aria-labelledby="payments-heading">
        <h2 id="payments-heading">{t("payment.evidence.payments")}</h2>
        {m.payments.length === 0 ? (
          <p className="muted">{t("payment.evidence.noPayments")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption>{t("payment.evidence.paymentsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("payment.table.payment")}</th>
                  <th scope="col">{t("payment.table.status")}</th>
                  <th scope="col" className="num">
                    {t("payment.table.amount")}
                  </th>
                  <th scope="col">{t("payment.table.transfer")}</th>
                  <th scope="col">{t("payment.table.createdAt")}</th>
                  <th scope="col">{t("payment.table.failureReason")}</th>
                </tr>
              </thead>
              <tbody>
                {m.payments.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      {t("payment.table.attempt", { attempt: p.attempt })} · {t(`payment.modes.${p.mode}`)}
                    </th>
                    <td>
                      <PaymentStatusBadge status={p.status} />
                    </td>
                    <td className="num">{fen(p.amountFen)}</td>
                    <td className="mono">{p.transferId ?? "—"}</td>
                    <td className="nowrap">{formatInstant(p.createdAt)}</td>
                    <td>{p.failureReason ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {e.canRetrySending && pending ? <ButtonForm intent="retry" label={t("payment.decide.retry")} hint={t("payment.decide.retryHint")} hidden={{ paymentId: pending.id }} /> : null}
        {e.canPayAgain ? <ButtonForm intent="payAgain" label={t("payment.decide.payAgain")} hint={t("payment.decide.payAgainHint")} /> : null}
      </section>

      {e.others.length > 0 ? (
        <section aria-labelledby="others-heading">
          <h2 id="others-heading">{t("payment.evidence.others")}</h2>
          <MilestonesTable milestones={e.others} caption={t("payment.evidence.others")} link={(id) => `/finance/milestones/${id}`} />
        </section>
      ) : null}
    </article>
  );
}
