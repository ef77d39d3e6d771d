import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireActor } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { REGIMES } from "~/modules/reference/procurement-rules";
import { fenToYuanString, formatFen } from "~/modules/reference/money";
import { loadRules } from "~/modules/reference/rules.server";
import { answerQuestion } from "~/modules/tender/answer-question.server";
import { cancelTender } from "~/modules/tender/cancel-tender.server";
import { formatShanghai, timeLeft, toShanghaiLocal } from "~/modules/tender/deadline";
import { editTender, type EditOutcome, type TenderChange } from "~/modules/tender/edit-tender.server";
import { levelName, occupationName } from "~/modules/tender/labels";
import { isDemandAvailable, mergeCandidates } from "~/modules/tender/lot-edits";
import { publishTender } from "~/modules/tender/publish-tender.server";
import type { Section } from "~/modules/tender/publication-check";
import { findTenderForBureau, listEvaluators, listOccupations } from "~/modules/tender/queries.server";
import {
  answerSchema,
  builderSchema,
  cancelSchema,
  criteriaSchema,
  detailsSchema,
  dropUnavailableSchema,
  editLotSchema,
  mergeLotsSchema,
  panelSchema,
  publishSchema,
  splitLotSchema,
  type BuilderIntent,
} from "~/modules/tender/schemas";
import { commonWindow } from "~/modules/tender/suggest-lots";
import { DeadlineText, TenderStatusBadge } from "~/modules/tender/tender-views";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList, FormErrors, useErrorText } from "~/ui/components/form";
import { OpeningRecords } from "~/ui/components/opening-record";
import { exportTableOf } from "~/ui/export/detail-export.server";
import { exportAsked } from "~/ui/export/list-export.server";
import { TENDER_TABLES, tenderExport } from "~/ui/export/lot-exports.server";
import { listLotOpenings } from "~/modules/bidding/open-lot.server";
import { tenderCommittedAndPaid, yearBudget } from "~/modules/payment/budget.server";
import { now as clockNow } from "~/utils/clock.server";
import { msg, statusOf, type Failure } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "招标项目 Tender · SkillTender" }];

type Mode = "draft" | "amendment" | "readonly";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  // A draft is nobody's business but the bureau's: to anyone else it does not exist.
  if (!can(actor, "tender.viewDraft")) notFound();
  const tender = await findTenderForBureau(context.db, params.id ?? "");
  if (!tender) notFound();
  // The lots and their demands as files.
  const format = exportAsked(request);
  if (format) throw await tenderExport(format, exportTableOf(request, TENDER_TABLES), tender, await listOccupations(context.db));
  const at = clockNow();
  const rules = await loadRules(context.db, tender.regime);
  const canManage = can(actor, "tender.manage");
  const beforeDeadline = tender.bidDeadline !== null && Date.parse(tender.bidDeadline) > at.getTime();
  const mode: Mode = !canManage ? "readonly" : tender.status === "draft" ? "draft" : tender.status === "published" && beforeDeadline ? "amendment" : "readonly";
  return {
    tender,
    mode,
    canCancel: canManage && (tender.status === "draft" || tender.status === "published"),
    canAnswer: can(actor, "tender.answer") && tender.status !== "draft" && tender.status !== "cancelled",
    evaluators: mode === "readonly" ? [] : await listEvaluators(context.db),
    occupations: await listOccupations(context.db),
    openings: await listLotOpenings(context.db, tender.id),
    canOpen: can(actor, "lot.open"),
    // Contracts and payments under the tender, and the year's budget against them (issue 5 "Budget").
    spending: tender.status === "draft" ? null : { tender: await tenderCommittedAndPaid(context.db, tender.id), year: await yearBudget(context.db, tender.year) },
    left: tender.bidDeadline ? timeLeft(at, new Date(tender.bidDeadline)) : null,
    rules: {
      publicationDays: rules.publication_to_deadline_min.value,
      amendmentDays: rules.amendment_min_remaining.value,
      minValidBids: rules.min_valid_bids.value,
      priceMin: rules.price_weight_min.value,
      priceDefault: rules.price_weight_default.value,
      panelMin: rules.panel_min_size.value,
      expertNum: rules.panel_expert_share_num.value,
      expertDen: rules.panel_expert_share_den.value,
    },
  };
}

const NOTICE_OF: Record<Exclude<BuilderIntent, "details" | "criteria" | "panel" | "mergeLots" | "splitLot" | "editLot" | "dropUnavailable">, string> = {
  publish: "tender.publish.done",
  cancel: "tender.cancel.done",
  answer: "tender.questions.answered",
};

function editNotice(o: EditOutcome): string {
  if (o.recordedAs === "draft") return "tender.builder.saved";
  if (o.recordedAs === "internal") return "tender.panel.internalSaved";
  return o.deadlineMoved ? "tender.amend.recordedMoved" : "tender.amend.recorded";
}

/** Which form a reply belongs to: its intent, and the lot or question it was about. */
function targetOf(payload: Record<string, unknown>): { intent: string; target: string } {
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  return { intent: s(payload.intent), target: s(payload.lotId) || s(payload.questionId) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!can(actor, "tender.viewDraft")) notFound();
  const submission = parseWithZod(await request.formData(), { schema: builderSchema });
  const to = targetOf(submission.payload);
  if (submission.status !== "success") return data({ ...to, reply: submission.reply(), problems: null }, { status: 400 });
  const tenderId = params.id ?? "";
  const v = submission.value;
  let result: { ok: true; notice: string } | Failure;
  if (v.intent === "publish" || v.intent === "cancel" || v.intent === "answer") {
    const r =
      v.intent === "publish"
        ? await publishTender(context.db, actor, { tenderId, version: v.version })
        : v.intent === "cancel"
          ? await cancelTender(context.db, actor, { tenderId, version: v.version, reason: v.reason })
          : await answerQuestion(context.db, actor, { tenderId, questionId: v.questionId, answer: v.answer });
    result = r.ok ? { ok: true, notice: NOTICE_OF[v.intent] } : r;
  } else {
    const summary = "summary" in v ? v.summary : undefined;
    const r = await editTender(context.db, actor, { tenderId, version: v.version, summary, change: changeOf(v) });
    result = r.ok ? { ok: true, notice: editNotice(r.value) } : r;
  }
  if (result.ok) return redirect(`/bureau/tenders/${tenderId}?notice=${result.notice}`);
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  if (v.intent === "publish" && result.kind === "validation") {
    // Every reason, each shown beside its section (DESIGN.md: publication is refused with all of them).
    const count = Object.values(result.fieldErrors).reduce((n, list) => n + list.length, 0);
    const reply = submission.reply({ formErrors: [msg("tender.publish.refused", { count })] });
    return data({ ...to, reply, problems: result.fieldErrors }, { status: 400 });
  }
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "validation" ? (result.formErrors ?? []) : result.kind === "conflict" ? [result.message] : [];
  return data({ ...to, reply: submission.reply({ fieldErrors, formErrors }), problems: null }, { status: statusOf(result) });
}

/** The builder form's value as the use case's change. */
function changeOf(v: Exclude<ReturnType<typeof builderSchema.parse>, { intent: "publish" | "cancel" | "answer" }>): TenderChange {
  switch (v.intent) {
    case "details":
      return {
        kind: "details",
        title: v.title,
        description: v.description ?? null,
        regime: v.regime,
        bidDeadline: v.bidDeadline ?? null,
        minValidBids: v.minValidBids,
        pricePoints: v.pricePoints,
      };
    case "criteria":
      return { kind: "criteria", criteria: v.criteria };
    case "panel":
      return {
        kind: "panel",
        members: v.members.flatMap((m) => (m.kind === "none" ? [] : [{ userId: m.userId, kind: m.kind }])),
      };
    case "mergeLots":
      return { kind: "mergeLots", lotId: v.lotId, otherLotId: v.otherLotId };
    case "splitLot":
      return { kind: "splitLot", lotId: v.lotId, demandIds: v.demandIds };
    case "editLot":
      return { kind: "editLot", lotId: v.lotId, maxPriceFen: v.maxPrice, windowStart: v.windowStart, windowEnd: v.windowEnd };
    case "dropUnavailable":
      return { kind: "dropUnavailable", lotId: v.lotId };
  }
}

// --- The page ----------------------------------------------------------------------------------

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = SubmissionResult<string[]> | undefined;

function useReplies() {
  const actionData = useActionData<typeof action>();
  const replyFor = (intent: BuilderIntent, target = ""): Reply =>
    actionData && actionData.intent === intent && actionData.target === target ? (actionData.reply as Reply) : undefined;
  const problems = (actionData?.problems ?? {}) as Partial<Record<Section, string[]>>;
  return { replyFor, problems };
}

/** The reasons publication was refused that belong to one section, next to it. */
function SectionProblems({ id, messages }: { id: string; messages: readonly string[] }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (messages.length === 0) return null;
  return (
    <div className="alert section-problems" role="alert" id={id}>
      <p>{t("tender.builder.sectionProblems")}</p>
      <ul>
        {messages.map((m) => (
          <li key={m}>{text(m)}</li>
        ))}
      </ul>
    </div>
  );
}

function Field({ meta, label, hint, type = "text", children, ...rest }: {
  meta: FieldMetadata<unknown>;
  label: string;
  hint?: string;
  type?: "text" | "number" | "date" | "datetime-local";
  children?: ReactNode;
  min?: number;
  max?: number;
  className?: string;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta as FieldMetadata<string>, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <input {...props} key={props.key} {...rest} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
      {children}
    </div>
  );
}

function TextArea({ meta, label, hint, rows = 3, maxLength }: { meta: FieldMetadata<unknown>; label: string; hint?: string; rows?: number; maxLength?: number }) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getTextareaProps(meta as FieldMetadata<string>, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <textarea {...props} key={props.key} rows={rows} maxLength={maxLength} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** After publication, every edit form asks what bidders will read about the change. */
function SummaryField({ meta, mode }: { meta: FieldMetadata<unknown>; mode: Mode }) {
  const { t } = useTranslation();
  if (mode !== "amendment") return null;
  return <TextArea meta={meta} label={t("tender.builder.summary")} hint={t("tender.builder.summaryHint")} rows={2} maxLength={1000} />;
}

export default function TenderBuilder() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const { tender, mode } = d;
  const { replyFor, problems } = useReplies();
  const sectionProblems = (...sections: Section[]) => sections.flatMap((s) => problems[s] ?? []);

  return (
    <>
      <p className="no-print">
        <Link to="/bureau/tenders">{t("tender.builder.backToList")}</Link>
      </p>
      <h1>{tender.title}</h1>
      <p className="tender-meta">
        <TenderStatusBadge status={tender.status} />{" "}
        {tender.reference ? (
          <>
            <span className="mono">{tender.reference}</span> · <Link to={`/tenders/${tender.reference}`}>{t("tender.builder.publicNotice")}</Link>
          </>
        ) : null}
      </p>
      {mode === "draft" ? <p className="lead">{t("tender.builder.draftIntro")}</p> : null}
      {mode === "amendment" ? <p className="warning">{t("tender.builder.amendIntro", { days: d.rules.amendmentDays })}</p> : null}
      {mode === "readonly" && tender.status !== "draft" && tender.status !== "published" ? <p className="muted">{t("tender.builder.closedNote")}</p> : null}
      {mode === "readonly" && (tender.status === "draft" || tender.status === "published") && !d.canCancel ? (
        <p className="muted">{t("tender.builder.readOnly")}</p>
      ) : null}
      {tender.cancelReason ? <p className="alert">{t("tender.notice.cancelled", { reason: tender.cancelReason })}</p> : null}

      <OpeningRecords lots={d.openings} openAction={d.canOpen ? { back: `/bureau/tenders/${tender.id}` } : undefined} />
      <BudgetCard d={d} problems={sectionProblems("budget")} />
      <SpendingCard d={d} />
      <DetailsSection d={d} reply={replyFor("details")} problems={sectionProblems("settings", "deadline")} />
      <LotsSection d={d} replyFor={replyFor} problems={sectionProblems("lots")} />
      <CriteriaSection d={d} reply={replyFor("criteria")} problems={sectionProblems("criteria")} />
      <PanelSection d={d} reply={replyFor("panel")} problems={sectionProblems("panel")} />
      {mode === "draft" ? <PublishSection d={d} reply={replyFor("publish")} /> : null}
      {tender.status !== "draft" ? <AmendmentsSection d={d} /> : null}
      {tender.status !== "draft" ? <QuestionsSection d={d} replyFor={replyFor} /> : null}
      {d.canCancel ? <CancelSection d={d} reply={replyFor("cancel")} /> : null}
    </>
  );
}

function BudgetCard({ d, problems }: { d: LoaderData; problems: string[] }) {
  const { t, i18n } = useTranslation();
  const money = (fen: number) => formatFen(fen, i18n.language);
  const { tender } = d;
  return (
    <section className="card" aria-labelledby="budget-heading">
      <h2 id="budget-heading">{t("tender.budget.heading")}</h2>
      <SectionProblems id="problems-budget" messages={problems} />
      <dl className="facts">
        <dt>{t("tender.budget.tender")}</dt>
        <dd>{money(tender.budgetFen)}</dd>
        {tender.yearBudgetFen === null || tender.remainingFen === null ? (
          <>
            <dt>{t("tender.builder.year")}</dt>
            <dd>{t("tender.budget.noTarget", { year: tender.year })}</dd>
          </>
        ) : (
          <>
            <dt>{t("tender.budget.year", { year: tender.year })}</dt>
            <dd>{money(tender.yearBudgetFen)}</dd>
            <dt>{t("tender.budget.remaining")}</dt>
            <dd>{money(tender.remainingFen)}</dd>
            {tender.status === "draft" ? (
              <>
                <dt>{t("tender.budget.after")}</dt>
                <dd className={tender.remainingFen - tender.budgetFen < 0 ? "over-budget" : undefined}>{money(tender.remainingFen - tender.budgetFen)}</dd>
              </>
            ) : null}
          </>
        )}
      </dl>
    </section>
  );
}

/** Committed and paid under this tender, and the year's budget less what its contracts commit (issue 5 "Budget"). */
function SpendingCard({ d }: { d: LoaderData }) {
  const { t, i18n } = useTranslation();
  if (!d.spending) return null;
  const money = (fen: number) => formatFen(fen, i18n.language);
  const { tender, year } = d.spending;
  return (
    <section className="card" aria-labelledby="spending-heading">
      <h2 id="spending-heading">{t("payment.budget.heading")}</h2>
      <dl className="facts">
        <dt>{t("payment.budget.committed")}</dt>
        <dd>{money(tender.committedFen)}</dd>
        <dt>{t("payment.budget.paid")}</dt>
        <dd>{money(tender.paidFen)}</dd>
        {year.allocatedFen === null || year.remainingFen === null ? (
          <>
            <dt>{t("payment.budget.allocated")}</dt>
            <dd>{t("payment.budget.noAllocation", { year: year.year })}</dd>
          </>
        ) : (
          <>
            <dt>{t("payment.budget.year", { year: year.year })}</dt>
            <dd>{money(year.allocatedFen)}</dd>
            <dt>{t("payment.budget.yearCommitted")}</dt>
            <dd>{money(year.committedFen)}</dd>
            <dt>{t("payment.budget.yearPaid")}</dt>
            <dd>{money(year.paidFen)}</dd>
            <dt>{t("payment.budget.remaining")}</dt>
            <dd className={year.remainingFen < 0 ? "over-budget" : undefined}>{money(year.remainingFen)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function DetailsSection({ d, reply, problems }: { d: LoaderData; reply: Reply; problems: string[] }) {
  const { t } = useTranslation();
  const { tender, mode } = d;
  const [form, fields] = useForm({
    id: "details",
    lastResult: reply,
    defaultValue: {
      title: tender.title,
      description: tender.description ?? "",
      regime: tender.regime,
      bidDeadline: tender.bidDeadline ? toShanghaiLocal(tender.bidDeadline) : "",
      minValidBids: String(tender.minValidBids),
      pricePoints: String(tender.pricePoints),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: detailsSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <section className="card" aria-labelledby="details-heading">
      <h2 id="details-heading">{t("tender.builder.details")}</h2>
      <SectionProblems id="problems-details" messages={problems} />
      {mode === "readonly" ? (
        <dl className="facts">
          <dt>{t("tender.builder.regime")}</dt>
          <dd>{t(`tender.regime.${tender.regime}`)}</dd>
          <dt>{t("tender.builder.deadline")}</dt>
          <dd>
            <DeadlineText deadline={tender.bidDeadline} left={d.left} />
          </dd>
          <dt>{t("tender.builder.minValidBids")}</dt>
          <dd>{tender.minValidBids}</dd>
          <dt>{t("tender.builder.pricePoints")}</dt>
          <dd>{tender.pricePoints}</dd>
          {tender.description ? (
            <>
              <dt>{t("tender.builder.description")}</dt>
              <dd className="prewrap">{tender.description}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <Form method="post" action={`/bureau/tenders/${d.tender.id}`} {...getFormProps(form)} className="stack" key={tender.updatedAt}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="details" />
          <input type="hidden" name="version" value={tender.updatedAt} />
          <Field meta={fields.title} label={t("tender.builder.title")} />
          <TextArea meta={fields.description} label={t("tender.builder.description")} rows={4} maxLength={5000} />
          {mode === "draft" ? (
            <div className="field">
              <label htmlFor={fields.regime.id}>{t("tender.builder.regime")}</label>
              <span className="hint" id={`${fields.regime.id}-hint`}>
                {t("tender.builder.regimeHint")}
              </span>
              <select
                id={fields.regime.id}
                name={fields.regime.name}
                defaultValue={String(fields.regime.initialValue ?? tender.regime)}
                aria-describedby={`${fields.regime.id}-hint`}
              >
                {REGIMES.map((r) => (
                  <option key={r} value={r}>
                    {t(`tender.regime.${r}`)}
                  </option>
                ))}
              </select>
              <ErrorList id={fields.regime.errorId} errors={fields.regime.errors} />
            </div>
          ) : (
            <input type="hidden" name="regime" value={tender.regime} />
          )}
          <Field meta={fields.bidDeadline} type="datetime-local" label={t("tender.builder.deadline")} hint={t("tender.builder.deadlineHint", { days: d.rules.publicationDays })}>
            {tender.bidDeadline ? (
              <span className="muted">
                <DeadlineText deadline={tender.bidDeadline} left={d.left} />
              </span>
            ) : null}
          </Field>
          <Field meta={fields.minValidBids} type="number" min={1} max={99} className="short-number" label={t("tender.builder.minValidBids")} hint={t("tender.builder.minValidBidsHint", { min: d.rules.minValidBids })} />
          <Field
            meta={fields.pricePoints}
            type="number"
            min={0}
            max={100}
            className="short-number"
            label={t("tender.builder.pricePoints")}
            hint={t("tender.builder.pricePointsHint", { min: d.rules.priceMin, default: d.rules.priceDefault })}
          />
          <SummaryField meta={fields.summary} mode={mode} />
          <div className="actions">
            <button type="submit">{mode === "amendment" ? t("tender.builder.saveAmendment") : t("tender.builder.save")}</button>
          </div>
        </Form>
      )}
    </section>
  );
}

function LotsSection({ d, replyFor, problems }: { d: LoaderData; replyFor: (i: BuilderIntent, target?: string) => Reply; problems: string[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="lots-heading">
      <h2 id="lots-heading">{t("tender.lots.heading")}</h2>
      {d.mode !== "readonly" ? <p>{t("tender.lots.intro")}</p> : null}
      <SectionProblems id="problems-lots" messages={problems} />
      {d.tender.lots.length === 0 ? (
        <p>{t("tender.lots.none")}</p>
      ) : (
        <>
          <ExportLinks table="lots" label={t("tender.lots.heading")} />
          <ExportLinks table="demands" label={t("report.exports.lotDemands")} />
        </>
      )}
      {d.tender.lots.map((lot) => (
        <LotCard key={lot.id} d={d} lotId={lot.id} replyFor={replyFor} />
      ))}
    </section>
  );
}

function LotCard({ d, lotId, replyFor }: { d: LoaderData; lotId: string; replyFor: (i: BuilderIntent, target?: string) => Reply }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { tender, mode } = d;
  const lot = tender.lots.find((l) => l.id === lotId)!;
  const editable = mode !== "readonly" && lot.status === "open";
  const candidates = editable ? mergeCandidates(tender.lots, lot.id) : [];
  const allowed = commonWindow(lot.demands.map((x) => ({ start: x.earliestStart, end: x.latestEnd })));
  const [mergeForm, mergeFields] = useForm({
    id: `merge-${lot.id}`,
    lastResult: replyFor("mergeLots", lot.id),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mergeLotsSchema }),
    shouldValidate: "onSubmit",
  });
  const [splitForm, splitFields] = useForm({
    id: `split-${lot.id}`,
    lastResult: replyFor("splitLot", lot.id),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: splitLotSchema }),
    shouldValidate: "onSubmit",
  });
  const [editForm, editFields] = useForm({
    id: `edit-${lot.id}`,
    lastResult: replyFor("editLot", lot.id),
    defaultValue: {
      maxPrice: fenToYuanString(lot.maxPriceFen),
      windowStart: lot.windowStart,
      windowEnd: lot.windowEnd,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editLotSchema }),
    shouldValidate: "onSubmit",
  });
  const [dropForm] = useForm({
    id: `drop-${lot.id}`,
    lastResult: replyFor("dropUnavailable", lot.id),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: dropUnavailableSchema }),
    shouldValidate: "onSubmit",
  });
  const unavailable = tender.status === "cancelled" ? 0 : lot.demands.filter((x) => !isDemandAvailable(x.status, tender.status)).length;
  const heading = `lot-${lot.id}-heading`;
  return (
    <article className="card lot-card" aria-labelledby={heading}>
      <h3 id={heading}>
        {t("tender.new.lotHeading", { n: lot.number, occupation: occupationName(d.occupations, lot.occupationCode, lang), level: levelName(lot.level, lang) })}{" "}
        {lot.status !== "open" ? <span className="badge badge-bad">{t(`tender.lotStatus.${lot.status}`)}</span> : null}
      </h3>
      {lot.status === "cancelled" && tender.status !== "cancelled" ? <p className="muted">{t("tender.lots.cancelledNote")}</p> : null}
      {lot.status !== "open" && lot.status !== "cancelled" ? (
        <p className="no-print">
          <Link to={`/bureau/lots/${lot.id}`}>{t("evaluation.lot.link", { n: lot.number })}</Link>
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("tender.lots.headcount")}</dt>
        <dd>{lot.headcount}</dd>
        <dt>{t("tender.lots.window")}</dt>
        <dd>{t("tender.lots.windowRange", { start: lot.windowStart, end: lot.windowEnd })}</dd>
        <dt>{t("tender.lots.maxPrice")}</dt>
        <dd>{formatFen(lot.maxPriceFen, lang)}</dd>
        <dt>{t("tender.lots.cap")}</dt>
        <dd>{formatFen(lot.capFen, lang)}</dd>
      </dl>
      {lot.demands.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("tender.lots.demandsCaption", { n: lot.number })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tender.lots.enterprise")}</th>
                <th scope="col" className="num">
                  {t("tender.lots.headcount")}
                </th>
                <th scope="col">{t("tender.lots.demandWindow")}</th>
                <th scope="col">{t("tender.lots.place")}</th>
              </tr>
            </thead>
            <tbody>
              {lot.demands.map((x) => (
                <tr key={x.id}>
                  <th scope="row">
                    {x.enterpriseName}
                    {!isDemandAvailable(x.status, tender.status) && tender.status !== "cancelled" ? (
                      <>
                        {" "}
                        <span className="badge badge-bad">{t("tender.lots.demandUnavailable")}</span>
                      </>
                    ) : null}
                  </th>
                  <td className="num">{x.headcount}</td>
                  <td>{t("tender.lots.windowRange", { start: x.earliestStart, end: x.latestEnd })}</td>
                  <td>{x.place}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {editable && mode === "draft" && unavailable > 0 ? (
        <Form method="post" action={`/bureau/tenders/${d.tender.id}`} {...getFormProps(dropForm)} className="stack" key={tender.updatedAt}>
          <FormErrors id={dropForm.errorId} errors={dropForm.errors} />
          <input type="hidden" name="intent" value="dropUnavailable" />
          <input type="hidden" name="version" value={tender.updatedAt} />
          <input type="hidden" name="lotId" value={lot.id} />
          <p className="warning">{t("tender.lots.dropHint", { count: unavailable })}</p>
          <div className="actions">
            <button type="submit" className="secondary">
              {t("tender.lots.drop")}
            </button>
          </div>
        </Form>
      ) : null}
      {editable ? (
        <div className="lot-forms">
          <details open={Boolean(replyFor("editLot", lot.id))}>
            <summary>{t("tender.lots.edit")}</summary>
            <Form method="post" action={`/bureau/tenders/${d.tender.id}`} {...getFormProps(editForm)} className="stack" key={tender.updatedAt}>
              <FormErrors id={editForm.errorId} errors={editForm.errors} />
              <input type="hidden" name="intent" value="editLot" />
              <input type="hidden" name="version" value={tender.updatedAt} />
              <input type="hidden" name="lotId" value={lot.id} />
              <Field meta={editFields.maxPrice} label={t("tender.lots.maxPriceLabel")} hint={t("tender.lots.maxPriceHint", { cap: formatFen(lot.capFen, lang) })} />
              <Field
                meta={editFields.windowStart}
                type="date"
                label={t("tender.lots.windowStart")}
                hint={allowed ? t("tender.lots.windowHint", { start: allowed.start, end: allowed.end }) : undefined}
              />
              <Field meta={editFields.windowEnd} type="date" label={t("tender.lots.windowEnd")} />
              <SummaryField meta={editFields.summary} mode={mode} />
              <div className="actions">
                <button type="submit">{mode === "amendment" ? t("tender.builder.saveAmendment") : t("tender.lots.save")}</button>
              </div>
            </Form>
          </details>
          {candidates.length > 0 ? (
            <details open={Boolean(replyFor("mergeLots", lot.id))}>
              <summary>{t("tender.lots.merge")}</summary>
              <Form method="post" action={`/bureau/tenders/${d.tender.id}`} {...getFormProps(mergeForm)} className="stack" key={tender.updatedAt}>
                <FormErrors id={mergeForm.errorId} errors={mergeForm.errors} />
                <input type="hidden" name="intent" value="mergeLots" />
                <input type="hidden" name="version" value={tender.updatedAt} />
                <input type="hidden" name="lotId" value={lot.id} />
                <div className="field">
                  <label htmlFor={mergeFields.otherLotId.id}>{t("tender.lots.mergeWith")}</label>
                  <select
                    id={mergeFields.otherLotId.id}
                    name={mergeFields.otherLotId.name}
                    defaultValue=""
                    aria-invalid={mergeFields.otherLotId.errors ? true : undefined}
                    aria-describedby={mergeFields.otherLotId.errors ? mergeFields.otherLotId.errorId : undefined}
                  >
                    <option value="">{t("tender.lots.mergeChoose")}</option>
                    {candidates.map((c) => (
                      <option key={c.id} value={c.id}>
                        {t("tender.lots.lotN", { n: c.number })} · {c.headcount} · {t("tender.lots.windowRange", { start: c.windowStart, end: c.windowEnd })}
                      </option>
                    ))}
                  </select>
                  <ErrorList id={mergeFields.otherLotId.errorId} errors={mergeFields.otherLotId.errors} />
                </div>
                <SummaryField meta={mergeFields.summary} mode={mode} />
                <div className="actions">
                  <button type="submit" className="secondary">
                    {t("tender.lots.merge")}
                  </button>
                </div>
              </Form>
            </details>
          ) : null}
          {lot.demands.length > 1 ? (
            <details open={Boolean(replyFor("splitLot", lot.id))}>
              <summary>{t("tender.lots.split")}</summary>
              <Form method="post" action={`/bureau/tenders/${d.tender.id}`} {...getFormProps(splitForm)} className="stack" key={tender.updatedAt}>
                <FormErrors id={splitForm.errorId} errors={splitForm.errors} />
                <input type="hidden" name="intent" value="splitLot" />
                <input type="hidden" name="version" value={tender.updatedAt} />
                <input type="hidden" name="lotId" value={lot.id} />
                <fieldset className="field" aria-describedby={splitFields.demandIds.errors ? splitFields.demandIds.errorId : undefined}>
                  <legend>{t("tender.lots.splitLegend")}</legend>
                  <div className="choices choices-column">
                    {lot.demands.map((x) => (
                      <label key={x.id}>
                        <input type="checkbox" name={splitFields.demandIds.name} value={x.id} />
                        {t("tender.lots.splitChoose", { enterprise: x.enterpriseName, headcount: x.headcount })} ·{" "}
                        {t("tender.lots.windowRange", { start: x.earliestStart, end: x.latestEnd })}
                      </label>
                    ))}
                  </div>
                  <ErrorList id={splitFields.demandIds.errorId} errors={splitFields.demandIds.errors} />
                </fieldset>
                <SummaryField meta={splitFields.summary} mode={mode} />
                <div className="actions">
                  <button type="submit" className="secondary">
                    {t("tender.lots.split")}
                  </button>
                </div>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

/** Two blank rows under the criteria, so that one can be added without JavaScript. */
const BLANK_ROWS = 2;

function CriteriaSection({ d, reply, problems }: { d: LoaderData; reply: Reply; problems: string[] }) {
  const { t } = useTranslation();
  const { tender, mode } = d;
  const technical = tender.criteria.reduce((s, c) => s + c.points, 0);
  const [form, fields] = useForm({
    id: "criteria",
    lastResult: reply,
    defaultValue: {
      criteria: [
        ...tender.criteria.map((c) => ({ name: c.name, description: c.description ?? "", points: String(c.points) })),
        ...Array.from({ length: BLANK_ROWS }, () => ({ name: "", description: "", points: "" })),
      ],
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: criteriaSchema }),
    shouldValidate: "onSubmit",
  });
  const rows = fields.criteria.getFieldList();
  return (
    <section className="card" aria-labelledby="criteria-heading">
      <h2 id="criteria-heading">{t("tender.criteria.heading")}</h2>
      <p>{t("tender.criteria.intro")}</p>
      <SectionProblems id="problems-criteria" messages={problems} />
      <p>
        <strong>{t("tender.criteria.total", { technical, price: tender.pricePoints, total: technical + tender.pricePoints })}</strong>
      </p>
      {mode === "readonly" ? (
        tender.criteria.length === 0 ? (
          <p>{t("tender.criteria.none")}</p>
        ) : (
          <ol>
            {tender.criteria.map((c, i) => (
              <li key={i}>
                {c.name} — {c.points}
                {c.description ? <div className="muted prewrap">{c.description}</div> : null}
              </li>
            ))}
          </ol>
        )
      ) : (
        <Form method="post" action={`/bureau/tenders/${d.tender.id}`} {...getFormProps(form)} className="stack wide-form" key={tender.updatedAt}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <ErrorList id={fields.criteria.errorId} errors={fields.criteria.errors} />
          <input type="hidden" name="intent" value="criteria" />
          <input type="hidden" name="version" value={tender.updatedAt} />
          {rows.map((row, i) => {
            const f = row.getFieldset();
            return (
              <fieldset key={row.key} className="criterion-row">
                <legend>{t("tender.criteria.rowN", { n: i + 1 })}</legend>
                <Field meta={f.name} label={t("tender.criteria.name")} />
                <Field meta={f.points} type="number" min={1} max={100} className="short-number" label={t("tender.criteria.points")} />
                <TextArea meta={f.description} label={t("tender.criteria.description")} rows={2} maxLength={1000} />
                {i < tender.criteria.length ? (
                  <label className="inline-check">
                    <input type="checkbox" name={f.remove.name} />
                    {t("tender.criteria.remove")}
                  </label>
                ) : null}
              </fieldset>
            );
          })}
          <SummaryField meta={fields.summary} mode={mode} />
          <div className="actions">
            <button type="submit">{mode === "amendment" ? t("tender.builder.saveAmendment") : t("tender.criteria.save")}</button>
          </div>
        </Form>
      )}
    </section>
  );
}

function PanelSection({ d, reply, problems }: { d: LoaderData; reply: Reply; problems: string[] }) {
  const { t } = useTranslation();
  const { tender, mode } = d;
  const [form] = useForm({
    id: "panel",
    lastResult: reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: panelSchema }),
    shouldValidate: "onSubmit",
  });
  const kindOf = new Map(tender.panel.map((m) => [m.userId, m.kind]));
  const experts = tender.panel.filter((m) => m.kind === "expert").length;
  return (
    <section className="card" aria-labelledby="panel-heading">
      <h2 id="panel-heading">{t("tender.panel.heading")}</h2>
      <p>{t("tender.panel.intro", { min: d.rules.panelMin, num: d.rules.expertNum, den: d.rules.expertDen })}</p>
      <SectionProblems id="problems-panel" messages={problems} />
      <p>{t("tender.panel.size", { count: tender.panel.length, experts })}</p>
      {mode === "readonly" ? (
        <ul>
          {tender.panel.map((m) => (
            <li key={m.userId}>
              {m.name} · {t(`tender.panel.${m.kind}`)}
            </li>
          ))}
        </ul>
      ) : d.evaluators.length === 0 ? (
        <p className="warning">{t("tender.panel.noEvaluators")}</p>
      ) : (
        <Form method="post" action={`/bureau/tenders/${d.tender.id}`} {...getFormProps(form)} className="stack wide-form" key={tender.updatedAt}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="panel" />
          <input type="hidden" name="version" value={tender.updatedAt} />
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("tender.panel.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("tender.panel.member")}</th>
                  <th scope="col">{t("tender.panel.email")}</th>
                  <th scope="col">{t("tender.panel.role")}</th>
                </tr>
              </thead>
              <tbody>
                {d.evaluators.map((e, i) => (
                  <tr key={e.id}>
                    <th scope="row" id={`panel-${e.id}`}>
                      {e.name}
                    </th>
                    <td>{e.email}</td>
                    <td>
                      <input type="hidden" name={`members[${i}].userId`} value={e.id} />
                      <select name={`members[${i}].kind`} defaultValue={kindOf.get(e.id) ?? "none"} aria-labelledby={`panel-${e.id}`}>
                        <option value="none">{t("tender.panel.none")}</option>
                        <option value="expert">{t("tender.panel.expert")}</option>
                        <option value="representative">{t("tender.panel.representative")}</option>
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="actions">
            <button type="submit">{t("tender.panel.save")}</button>
          </div>
        </Form>
      )}
    </section>
  );
}

function PublishSection({ d, reply }: { d: LoaderData; reply: Reply }) {
  const { t } = useTranslation();
  const [form] = useForm({
    id: "publish",
    lastResult: reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: publishSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <section className="card" aria-labelledby="publish-heading">
      <h2 id="publish-heading">{t("tender.publish.heading")}</h2>
      <p>{t("tender.publish.intro")}</p>
      <Form method="post" action={`/bureau/tenders/${d.tender.id}`} {...getFormProps(form)} className="stack" key={d.tender.updatedAt}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="publish" />
        <input type="hidden" name="version" value={d.tender.updatedAt} />
        <div className="actions">
          <button type="submit">{t("tender.publish.button")}</button>
        </div>
      </Form>
    </section>
  );
}

function AmendmentsSection({ d }: { d: LoaderData }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="amendments-heading">
      <h2 id="amendments-heading">{t("tender.amend.heading")}</h2>
      <AmendmentList amendments={d.tender.amendments} />
    </section>
  );
}

function AmendmentList({ amendments }: { amendments: LoaderData["tender"]["amendments"] }) {
  const { t } = useTranslation();
  if (amendments.length === 0) return <p>{t("tender.amend.none")}</p>;
  return (
    <ol className="amendments">
      {amendments.map((a) => (
        <li key={a.at}>
          <p>
            <time dateTime={a.at}>{formatShanghai(a.at)}</time> ·{" "}
            <span className={a.material ? "badge badge-warn" : "badge"}>{t(a.material ? "tender.amend.material" : "tender.amend.nonMaterial")}</span>
          </p>
          <p className="prewrap">{a.summary}</p>
          {a.deadlineBefore && a.deadlineAfter && a.deadlineBefore !== a.deadlineAfter ? (
            <p>{t("tender.amend.deadlineMoved", { before: formatShanghai(a.deadlineBefore), after: formatShanghai(a.deadlineAfter) })}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function QuestionsSection({ d, replyFor }: { d: LoaderData; replyFor: (i: BuilderIntent, target?: string) => Reply }) {
  const { t } = useTranslation();
  const questions = d.tender.questions;
  return (
    <section className="card" aria-labelledby="questions-heading">
      <h2 id="questions-heading">{t("tender.questions.heading")}</h2>
      <p>{t("tender.questions.intro")}</p>
      {questions.length === 0 ? <p>{t("tender.questions.none")}</p> : null}
      {questions.map((q) => (
        <QuestionItem key={q.id} d={d} questionId={q.id} reply={replyFor("answer", q.id)} />
      ))}
    </section>
  );
}

function QuestionItem({ d, questionId, reply }: { d: LoaderData; questionId: string; reply: Reply }) {
  const { t } = useTranslation();
  const q = d.tender.questions.find((x) => x.id === questionId)!;
  const [form, fields] = useForm({
    id: `answer-${q.id}`,
    lastResult: reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: answerSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <article className="qa">
      <p className="muted">
        {t("tender.questions.askedAt")}: {formatShanghai(q.askedAt)} · {t("tender.questions.asker")}: {q.askerOrgName}
      </p>
      <p className="prewrap">
        <strong>{t("tender.questions.questionPrefix")}</strong>
        {q.question}
      </p>
      {q.answer ? (
        <p className="prewrap">
          <strong>{t("tender.questions.answerPrefix")}</strong>
          {q.answer} <span className="muted">({formatShanghai(q.answeredAt!)})</span>
        </p>
      ) : d.canAnswer ? (
        <Form method="post" action={`/bureau/tenders/${d.tender.id}`} {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="answer" />
          <input type="hidden" name="questionId" value={q.id} />
          <TextArea meta={fields.answer} label={t("tender.questions.answerLabel")} rows={3} maxLength={4000} />
          <div className="actions">
            <button type="submit">{t("tender.questions.answerButton")}</button>
          </div>
        </Form>
      ) : (
        <p>
          <span className="badge badge-warn">{t("tender.questions.awaiting")}</span>
        </p>
      )}
    </article>
  );
}

function CancelSection({ d, reply }: { d: LoaderData; reply: Reply }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "cancel",
    lastResult: reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <section className="card danger-zone" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{t("tender.cancel.heading")}</h2>
      <p>{d.tender.status === "draft" ? t("tender.cancel.draftIntro") : t("tender.cancel.intro")}</p>
      <Form method="post" action={`/bureau/tenders/${d.tender.id}`} {...getFormProps(form)} className="stack" key={d.tender.updatedAt}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="cancel" />
        <input type="hidden" name="version" value={d.tender.updatedAt} />
        <TextArea meta={fields.reason} label={t("tender.cancel.reason")} hint={t("tender.cancel.reasonHint")} rows={3} maxLength={1000} />
        <div className="actions">
          <button type="submit" className="danger">
            {t("tender.cancel.button")}
          </button>
        </div>
      </Form>
    </section>
  );
}

