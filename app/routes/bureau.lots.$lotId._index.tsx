import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireActor } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { checkCompliance } from "~/modules/bidding/check-compliance.server";
import { bureauLotSchema, complianceSchema, replacementSchema, startEvaluationSchema } from "~/modules/evaluation/panel";
import { findBureauLotEvaluation } from "~/modules/evaluation/queries.server";
import { replacePanelMember } from "~/modules/evaluation/replace-panel-member.server";
import { startEvaluation } from "~/modules/evaluation/start-evaluation.server";
import { formatFen } from "~/modules/reference/money";
import { statusOf } from "~/utils/result";
import { BidContentFacts, RankingTable } from "~/ui/components/evaluation-views";
import { ErrorList, FormErrors, useErrorText } from "~/ui/components/form";
import { ExportLinks } from "~/ui/components/export-links";
import { OpeningRecords } from "~/ui/components/opening-record";
import { exportTableOf } from "~/ui/export/detail-export.server";
import { exportAsked } from "~/ui/export/list-export.server";
import { LOT_TABLES, lotEvaluationExport } from "~/ui/export/lot-exports.server";
import { formatInstant } from "~/ui/format";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!can(actor, "evaluation.viewReport")) notFound();
  const ev = await findBureauLotEvaluation(context.db, params.lotId ?? "");
  if (!ev) notFound();
  // The bids (with their content only once opened, as below) and the panel as files.
  const format = exportAsked(request);
  if (format) throw await lotEvaluationExport(format, exportTableOf(request, LOT_TABLES), ev);
  const status = ev.lot.status;
  return {
    ...ev,
    canCheck: can(actor, "bid.checkCompliance") && status === "opened",
    canStart: can(actor, "lot.evaluate") && status === "opened",
    canReplace: can(actor, "lot.evaluate") && status === "evaluating" && ev.report === null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!can(actor, "evaluation.viewReport")) notFound();
  const lotId = params.lotId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: bureauLotSchema });
  const p = submission.payload;
  const to = { intent: String(p.intent ?? ""), target: String(p.bidId ?? p.replacesUserId ?? "") };
  if (submission.status !== "success") return data({ ...to, reply: submission.reply() }, { status: 400 });
  const v = submission.value;
  const back = (notice: string) => redirect(`/bureau/lots/${lotId}?notice=${notice}`);
  let result;
  if (v.intent === "compliance") {
    result = await checkCompliance(context.db, actor, { bidId: v.bidId, decision: v.decision, reason: v.reason, expectedStatus: v.expectedStatus });
    if (result.ok) return back("evaluation.notices.complianceSaved");
  } else if (v.intent === "start") {
    result = await startEvaluation(context.db, actor, lotId);
    if (result.ok) return back(result.value.outcome === "evaluating" ? "evaluation.notices.started" : "evaluation.notices.failed");
  } else {
    result = await replacePanelMember(context.db, actor, { lotId, replacesUserId: v.replacesUserId, userId: v.userId, kind: v.kind });
    if (result.ok) return back("evaluation.notices.replaced");
  }
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "validation" ? (result.formErrors ?? []) : result.kind === "conflict" ? [result.message] : [];
  return data({ ...to, reply: submission.reply({ fieldErrors, formErrors }) }, { status: statusOf(result) });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = SubmissionResult<string[]> | undefined;

function useReplyFor() {
  const actionData = useActionData<typeof action>();
  return (intent: string, target = ""): Reply =>
    actionData && actionData.intent === intent && actionData.target === target ? (actionData.reply as Reply) : undefined;
}

export default function LotEvaluation() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const replyFor = useReplyFor();
  return (
    <>
      {d.opening ? (
        <OpeningRecords lots={[{ lotId: d.lot.lotId, lotNumber: d.lot.lotNumber, status: d.lot.status, deadlinePassed: true, record: d.opening }]} />
      ) : null}
      <ComplianceSection d={d} replyFor={replyFor} />
      {d.canStart ? <StartSection d={d} reply={replyFor("start")} /> : null}
      {d.lot.round > 0 ? <PanelSection d={d} replyFor={replyFor} /> : null}
      {d.report ? (
        <section aria-labelledby="ranking-heading">
          <h2 id="ranking-heading">{t("evaluation.ranking.heading")}</h2>
          <p className="muted">{t("evaluation.ranking.completedAt", { at: formatInstant(d.report.createdAt) })}</p>
          {d.report.confirmedAt ? <p className="notice">{t("evaluation.ranking.confirmed", { at: formatInstant(d.report.confirmedAt) })}</p> : null}
          <RankingTable ranking={d.report.ranking} round={d.report.round} reportLink={`/bureau/lots/${d.lot.lotId}/report`} />
        </section>
      ) : null}
    </>
  );
}

function ComplianceSection({ d, replyFor }: { d: LoaderData; replyFor: (intent: string, target?: string) => Reply }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="compliance-heading">
      <h2 id="compliance-heading">{t("evaluation.compliance.heading")}</h2>
      <p className="lead">{d.canCheck ? t("evaluation.compliance.intro") : t("evaluation.compliance.closed")}</p>
      {d.bids.length === 0 ? <p className="muted">{t("evaluation.compliance.none")}</p> : <ExportLinks table="bids" label={t("evaluation.compliance.heading")} />}
      {d.bids.map((b) => (
        <article key={b.bidId} className="card" aria-labelledby={`bid-${b.bidId}`}>
          <h3 id={`bid-${b.bidId}`}>
            {b.institutionName}{" "}
            <span className={b.status === "valid" ? "badge badge-ok" : b.status === "rejected" ? "badge badge-bad" : "badge badge-warn"}>
              {t(`evaluation.compliance.statuses.${b.status === "submitted" || b.status === "valid" || b.status === "rejected" || b.status === "awarded" || b.status === "not_awarded" ? b.status : "submitted"}`)}
            </span>
          </h3>
          <dl className="facts">
            <dt>{t("bidding.opening.price")}</dt>
            <dd>{b.priceFen !== null ? formatFen(b.priceFen, i18n.language) : "—"}</dd>
            <dt>{t("bidding.opening.capacity")}</dt>
            <dd>{b.capacity ?? "—"}</dd>
            <dt>{t("bidding.opening.submittedAt")}</dt>
            <dd>{formatInstant(b.submittedAt)}</dd>
            <dt>{t("bidding.opening.receipt")}</dt>
            <dd>{b.receiptOk ? t("bidding.opening.receiptOk") : t("bidding.opening.receiptBad")}</dd>
            {b.status === "rejected" && b.rejectionReason ? (
              <>
                <dt>{t("evaluation.compliance.reason")}</dt>
                <dd>{b.rejectionReason}</dd>
              </>
            ) : null}
            {b.complianceAt ? (
              <>
                <dt>{t("evaluation.compliance.decidedAt")}</dt>
                <dd>{formatInstant(b.complianceAt)}</dd>
              </>
            ) : null}
          </dl>
          <details>
            <summary>{t("evaluation.compliance.content")}</summary>
            <BidContentFacts content={b.content} />
          </details>
          {d.canCheck && (b.status === "submitted" || b.status === "valid" || b.status === "rejected") ? (
            <ComplianceForm lotId={d.lot.lotId} bidId={b.bidId} status={b.status} reason={b.rejectionReason} reply={replyFor("compliance", b.bidId)} />
          ) : null}
        </article>
      ))}
      {d.excluded.length > 0 ? (
        <>
          <h3>{t("evaluation.compliance.excludedHeading")}</h3>
          <p className="muted">{t("evaluation.compliance.excludedIntro")}</p>
          <ul>
            {d.excluded.map((l) => (
              <li key={l.bidId}>
                {l.institutionName} — {t(`bidding.opening.reasons.${l.reason ?? "sealBroken"}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ComplianceForm({ lotId, bidId, status, reason, reply }: { lotId: string; bidId: string; status: "submitted" | "valid" | "rejected"; reason: string | null; reply: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `compliance-${bidId}`,
    lastResult: reply,
    defaultValue: { decision: status === "submitted" ? undefined : status, reason: status === "rejected" ? (reason ?? "") : "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: complianceSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" action={`/bureau/lots/${lotId}?index`} {...getFormProps(form)} className="decision-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="compliance" />
      <input type="hidden" name="bidId" value={bidId} />
      <input type="hidden" name="expectedStatus" value={status} />
      <fieldset className="field">
        <legend>{t("evaluation.compliance.decision")}</legend>
        <div className="choices">
          {(["valid", "rejected"] as const).map((v) => (
            <label key={v}>
              <input type="radio" name={fields.decision.name} value={v} defaultChecked={fields.decision.initialValue === v} />
              {v === "valid" ? t("evaluation.compliance.markValid") : t("evaluation.compliance.markRejected")}
            </label>
          ))}
        </div>
        <ErrorList id={fields.decision.errorId} errors={fields.decision.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.reason.id}>{t("evaluation.compliance.reasonLabel")}</label>
        <textarea {...getTextareaProps(fields.reason)} key={fields.reason.key} rows={2} maxLength={500} />
        <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <div className="actions">
        <button type="submit" className="secondary">
          {t("evaluation.compliance.save")}
        </button>
      </div>
    </Form>
  );
}

function StartSection({ d, reply }: { d: LoaderData; reply: Reply }) {
  const { t } = useTranslation();
  const [form] = useForm({
    id: "start",
    lastResult: reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: startEvaluationSchema }),
    shouldValidate: "onSubmit",
  });
  const willFail = d.undecided === 0 && d.validCount < d.minValidBids;
  return (
    <section aria-labelledby="start-heading" className="card">
      <h2 id="start-heading">{t("evaluation.start.heading")}</h2>
      <p>{t("evaluation.start.summary", { valid: d.validCount, min: d.minValidBids, undecided: d.undecided })}</p>
      {willFail ? <p className="warning">{t("evaluation.start.willFail", { min: d.minValidBids })}</p> : null}
      <Form method="post" action={`/bureau/lots/${d.lot.lotId}?index`} {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="start" />
        <button type="submit" className={willFail ? "danger" : undefined}>
          {willFail ? t("evaluation.start.failButton") : t("evaluation.start.button")}
        </button>
      </Form>
    </section>
  );
}

function PanelSection({ d, replyFor }: { d: LoaderData; replyFor: (intent: string, target?: string) => Reply }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const toReplace = d.canReplace ? d.panel.filter((m) => m.status === "conflicted" && !m.replaced) : [];
  return (
    <section aria-labelledby="panel-heading">
      <h2 id="panel-heading">{t("evaluation.panel.heading", { round: d.lot.round })}</h2>
      <p className="muted">{t("evaluation.panel.intro")}</p>
      <p>
        <strong>{t("evaluation.panel.progress", { submitted: d.submittedCount, active: d.activeCount })}</strong>
      </p>
      <ExportLinks table="panel" label={t("evaluation.panel.heading", { round: d.lot.round })} />
      {d.panelProblems.length > 0 && !d.report ? (
        <div className="warning" role="status">
          <p>{t("evaluation.panel.problems")}</p>
          <ul>
            {d.panelProblems.map((m) => (
              <li key={m}>{text(m)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("evaluation.panel.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("evaluation.panel.member")}</th>
              <th scope="col">{t("evaluation.panel.kind")}</th>
              <th scope="col">{t("evaluation.panel.seat")}</th>
              <th scope="col">{t("evaluation.panel.declaration")}</th>
              <th scope="col">{t("evaluation.panel.submitted")}</th>
            </tr>
          </thead>
          <tbody>
            {d.panel.map((m) => (
              <tr key={m.userId}>
                <th scope="row">
                  {m.name}
                  {m.replacesName ? <span className="muted"> （{t("evaluation.panel.replaces", { name: m.replacesName })}）</span> : null}
                </th>
                <td>{t(`evaluation.kinds.${m.kind}`)}</td>
                <td>
                  <span className={m.status === "active" ? "badge badge-ok" : "badge badge-bad"}>{t(`evaluation.seat.${m.status}`)}</span>
                </td>
                <td>
                  {!m.declaration
                    ? t("evaluation.panel.notDeclared")
                    : m.declaration.hasConflict
                      ? t("evaluation.panel.conflict", { at: formatInstant(m.declaration.declaredAt), note: m.declaration.note ?? "" })
                      : t("evaluation.panel.noConflict", { at: formatInstant(m.declaration.declaredAt) })}
                </td>
                <td>{m.submittedAt ? formatInstant(m.submittedAt) : t("evaluation.panel.notSubmitted")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {toReplace.map((m) => (
        <ReplacementForm key={m.userId} d={d} member={m} reply={replyFor("replace", m.userId)} />
      ))}
    </section>
  );
}

function ReplacementForm({ d, member, reply }: { d: LoaderData; member: LoaderData["panel"][number]; reply: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `replace-${member.userId}`,
    lastResult: reply,
    defaultValue: { kind: member.kind },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replacementSchema }),
    shouldValidate: "onSubmit",
  });
  const heading = `replace-${member.userId}-heading`;
  return (
    <article className="card" aria-labelledby={heading}>
      <h3 id={heading}>{t("evaluation.panel.replaceHeading", { name: member.name })}</h3>
      {d.candidates.length === 0 ? (
        <p className="muted">{t("evaluation.panel.noCandidates")}</p>
      ) : (
        <Form method="post" action={`/bureau/lots/${d.lot.lotId}?index`} {...getFormProps(form)} className="decision-form">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="replace" />
          <input type="hidden" name="replacesUserId" value={member.userId} />
          <div className="field">
            <label htmlFor={fields.userId.id}>{t("evaluation.panel.replaceWith")}</label>
            <select id={fields.userId.id} name={fields.userId.name} defaultValue={fields.userId.initialValue ?? ""} aria-invalid={fields.userId.errors ? true : undefined} aria-describedby={fields.userId.errors ? fields.userId.errorId : undefined}>
              <option value="">{t("evaluation.panel.choose")}</option>
              {d.candidates.map((c) => (
                <option key={c.userId} value={c.userId}>
                  {c.name}
                </option>
              ))}
            </select>
            <ErrorList id={fields.userId.errorId} errors={fields.userId.errors} />
          </div>
          <fieldset className="field">
            <legend>{t("evaluation.panel.replaceKind")}</legend>
            <div className="choices">
              {(["expert", "representative"] as const).map((k) => (
                <label key={k}>
                  <input type="radio" name={fields.kind.name} value={k} defaultChecked={fields.kind.initialValue === k} />
                  {t(`evaluation.kinds.${k}`)}
                </label>
              ))}
            </div>
            <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
          </fieldset>
          <div className="actions">
            <button type="submit">{t("evaluation.panel.replaceButton")}</button>
          </div>
        </Form>
      )}
    </article>
  );
}
