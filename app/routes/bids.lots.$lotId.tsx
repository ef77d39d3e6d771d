import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireCan } from "~/auth/guards.server";
import { findBiddingPage, reconfirmBid, saveBid, withdrawBid } from "~/modules/bidding/bids.server";
import { settleDueObjectionWindows } from "~/modules/award/close-objections.server";
import { InstitutionLotView } from "~/modules/award/institution-lot-view";
import { lodgeObjection } from "~/modules/award/lodge-objection.server";
import { findInstitutionLotView } from "~/modules/award/queries.server";
import { objectionSchema } from "~/modules/award/schemas";
import { bidFormSchema, MAX_TRAINER_ROWS } from "~/modules/bidding/content";
import { formatFen, fenToYuanString } from "~/modules/reference/money";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { statusOf } from "~/utils/result";
import { ErrorList, FormErrors, TextField } from "~/ui/components/form";
import { formatInstant } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "投标书 Bid · SkillTender" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "bid.prepare", {});
  const page = await findBiddingPage(context.db, actor, params.lotId ?? "");
  if (page.ok) return { ...page.value, outcome: null };
  // After opening: the bid's fate, the published result and the institution's objections.
  await settleDueObjectionWindows(context.db, { lotId: params.lotId ?? "" });
  const outcome = await findInstitutionLotView(context.db, actor, params.lotId ?? "");
  if (!outcome.ok) notFound();
  return { outcome: outcome.value };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "bid.prepare", {});
  const lotId = params.lotId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent"));
  if (intent === "object") {
    const submission = parseWithZod(form, { schema: objectionSchema });
    if (submission.status !== "success") return data({ objection: submission.reply() }, { status: 400 });
    const r = await lodgeObjection(context.db, actor, { lotId, awardId: submission.value.awardId, grounds: submission.value.grounds });
    if (r.ok) return redirect(`/bids/lots/${lotId}?notice=award.notices.objected`);
    if (r.kind === "notFound") notFound();
    const reply = submission.reply({ fieldErrors: r.kind === "validation" ? r.fieldErrors : {}, formErrors: r.kind === "conflict" ? [r.message] : [] });
    return data({ objection: reply }, { status: statusOf(r) });
  }
  if (intent === "withdraw" || intent === "reconfirm") {
    const bidId = String(form.get("bidId") ?? "");
    const r = intent === "withdraw" ? await withdrawBid(context.db, actor, { bidId }) : await reconfirmBid(context.db, actor, { bidId });
    if (!r.ok) return data({ formErrors: [r.kind === "conflict" ? r.message : "common.errors.body404"] }, { status: statusOf(r) });
    return redirect(intent === "withdraw" ? "/bids?notice=bidding.notices.withdrawn" : `/bids/lots/${lotId}?notice=bidding.notices.reconfirmed`);
  }
  const page = await findBiddingPage(context.db, actor, lotId);
  if (!page.ok) notFound();
  const submission = parseWithZod(form, { schema: bidFormSchema(page.value.lot) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await saveBid(context.db, actor, { lotId, intent: intent === "submit" ? "submit" : "draft", content: submission.value });
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.kind === "conflict" ? result.message : "common.errors.body404"] }), { status: statusOf(result) });
  }
  return redirect(`/bids/lots/${lotId}?notice=${intent === "submit" ? "bidding.notices.submitted" : "bidding.notices.draftSaved"}`);
}

export default function LotPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (d.outcome) return <InstitutionLotView view={d.outcome} lastResult={reply && "objection" in reply ? reply.objection : undefined} />;
  return <BidPage />;
}

function BidPage() {
  const { t, i18n } = useTranslation();
  const { lot, eligible, bid } = useLoaderData<typeof loader>() as Extract<ReturnType<typeof useLoaderData<typeof loader>>, { outcome: null }>;
  const lastResult = useActionData<typeof action>();
  const en = i18n.language === "en";
  const c = bid?.content;
  const [form, fields] = useForm({
    lastResult: lastResult && "status" in lastResult ? lastResult : undefined,
    defaultValue: c
      ? {
          price: fenToYuanString(c.priceFen),
          capacity: String(c.capacity),
          plannedStart: c.plannedStart,
          plannedEnd: c.plannedEnd,
          theoryHours: String(c.theoryHours),
          practiceHours: String(c.practiceHours),
          trainerName: c.trainers.map((x) => x.name),
          trainerCertificate: c.trainers.map((x) => x.certificate),
          venue: c.venue,
          plan: c.plan,
        }
      : { plannedStart: lot.windowStart, plannedEnd: lot.windowEnd },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bidFormSchema(lot) }),
    shouldValidate: "onBlur",
    // Once shown, an error clears as the field is corrected, not on leaving it: a line vanishing
    // on blur would move the submit button from under the click.
    shouldRevalidate: "onInput",
  });
  const level = SKILL_LEVELS.find((x) => x.level === lot.level);
  const otherErrors = lastResult && "formErrors" in lastResult && !("status" in lastResult) ? lastResult.formErrors : undefined;
  return (
    <>
      <p>
        <Link to="/bids">{t("common.actions.back")}</Link>
      </p>
      <h1>
        {lot.reference} · {t("bidding.lot")} {lot.lotNumber}
      </h1>
      <dl className="card">
        <dt>{t("bidding.occupation")}</dt>
        <dd>
          {lot.occupationCode} {en ? lot.occupationEn : lot.occupationZh} · {en ? level?.nameEn : level?.nameZh} · {lot.headcount}
        </dd>
        <dt>{t("bidding.deadline")}</dt>
        <dd>{formatInstant(lot.bidDeadline)}</dd>
        <dt>{t("bidding.maxPrice")}</dt>
        <dd>{formatFen(lot.maxPriceFen, i18n.language)}</dd>
      </dl>
      {!eligible.ok ? <p className="alert">{t(`bidding.eligibility.${eligible.reason}`)}</p> : null}
      {bid?.needsReconfirmation ? <p className="warning">{t("bidding.needsReconfirmation")}</p> : null}
      <FormErrors errors={otherErrors} />
      {bid?.status === "submitted" && bid.receiptHash ? (
        <section className="card" aria-labelledby="receipt-heading">
          <h2 id="receipt-heading">{t("bidding.statuses.submitted")}</h2>
          <p>
            {t("bidding.submittedAt")}: {formatInstant(bid.submittedAt)}
          </p>
          <p>
            {t("bidding.receiptLabel")}: <span className="mono">{bid.receiptHash}</span>
          </p>
          <div className="actions">
            <a href={`/bids/${bid.id}/receipt`} className="button secondary" download>
              {t("bidding.form.receipt")}
            </a>
            {bid.needsReconfirmation ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="bidId" value={bid.id} />
                <button type="submit" name="intent" value="reconfirm">
                  {t("bidding.form.reconfirm")}
                </button>
              </Form>
            ) : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="bidId" value={bid.id} />
              <button type="submit" name="intent" value="withdraw" className="danger">
                {t("bidding.form.withdraw")}
              </button>
            </Form>
          </div>
        </section>
      ) : null}
      {eligible.ok ? (
        <section className="card" aria-labelledby="bid-heading">
          <h2 id="bid-heading">{t("bidding.form.title")}</h2>
          <p className="muted">{t("bidding.form.sealed")}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField meta={fields.price} label={t("bidding.form.price")} />
            <TextField meta={fields.capacity} label={t("bidding.form.capacity")} type="number" hint={t("bidding.form.capacityHint")} />
            <TextField meta={fields.plannedStart} label={t("bidding.form.plannedStart")} type="date" />
            <TextField meta={fields.plannedEnd} label={t("bidding.form.plannedEnd")} type="date" />
            <TextField meta={fields.theoryHours} label={t("bidding.form.theoryHours")} type="number" />
            <TextField meta={fields.practiceHours} label={t("bidding.form.practiceHours")} type="number" />
            <fieldset className="stack">
              <legend>{t("bidding.form.trainers")}</legend>
              {Array.from({ length: MAX_TRAINER_ROWS }, (_, i) => {
                const names = c?.trainers ?? [];
                return (
                  <div key={i} className="choices">
                    <label>
                      {t("bidding.form.trainerName", { n: i + 1 })}
                      <input type="text" name={`trainerName[${i}]`} defaultValue={names[i]?.name ?? ""} maxLength={50} />
                    </label>
                    <label>
                      {t("bidding.form.trainerCertificate", { n: i + 1 })}
                      <input type="text" name={`trainerCertificate[${i}]`} defaultValue={names[i]?.certificate ?? ""} maxLength={50} />
                    </label>
                  </div>
                );
              })}
              <ErrorList id={fields.trainerName.errorId} errors={fields.trainerName.errors} />
            </fieldset>
            <TextField meta={fields.venue} label={t("bidding.form.venue")} />
            <div className="field">
              <label htmlFor={fields.plan.id}>{t("bidding.form.plan")}</label>
              <textarea {...getTextareaProps(fields.plan)} key={fields.plan.key} rows={8} />
              <ErrorList id={fields.plan.errorId} errors={fields.plan.errors} />
            </div>
            <div className="actions">
              {bid?.status !== "submitted" ? (
                <button type="submit" name="intent" value="draft" className="secondary">
                  {t("bidding.form.saveDraft")}
                </button>
              ) : null}
              <button type="submit" name="intent" value="submit">
                {bid?.status === "submitted" ? t("bidding.form.replace") : t("bidding.form.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
