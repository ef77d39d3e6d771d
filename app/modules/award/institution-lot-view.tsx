/**
 * A bidder's own lot page after opening (DESIGN.md "Opening, evaluation, award, objections"):
 * its bid's fate, the published result, its objections with the answers, and the objection form
 * while the window is open. A plain form: it works without JavaScript, and the route's action
 * answers it.
 */
import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { formatInstant } from "~/ui/format";
import { PublicResults, type PublicResultLot } from "./award-views";
import type { AwardStatus, ObjectionStatus } from "./lifecycle";
import { objectionSchema } from "./schemas";

export interface InstitutionLotViewData {
  lot: { id: string; reference: string; tenderTitle: string; number: number; occupationCode: string; occupationZh: string; occupationEn: string; level: number; headcount: number; status: string };
  bid: { status: string; excludedReason: string | null; rejectionReason: string | null };
  result: readonly (PublicResultLot["awards"][number] & { status: AwardStatus })[];
  objections: readonly {
    id: string;
    awardInstitutionName: string | null;
    grounds: string;
    lodgedAt: string;
    answerDueAt: string;
    status: ObjectionStatus;
    outcome: "reevaluate" | "next_ranked" | null;
    answer: string | null;
    answeredAt: string | null;
    late: boolean;
  }[];
  canObject: { awards: readonly { id: string; institutionName: string }[]; deadline: string } | null;
  windowDeadline: string | null;
}

function ObjectionForm({ awards, deadline, lastResult }: { awards: readonly { id: string; institutionName: string }[]; deadline: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "objection",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: objectionSchema }),
    shouldValidate: "onBlur",
    // Once shown, an error clears as the field is corrected, not on leaving it: a line vanishing
    // on blur would move the submit button from under the click.
    shouldRevalidate: "onInput",
  });
  return (
    <section className="card" aria-labelledby="objection-form-heading">
      <h2 id="objection-form-heading">{t("award.objections.form.title")}</h2>
      <p>{t("award.objections.form.intro", { time: formatInstant(deadline) })}</p>
      <form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.awardId.id}>{t("award.objections.form.concern")}</label>
          <select {...getSelectProps(fields.awardId)} key={fields.awardId.key}>
            <option value="">{t("award.objections.wholeResult")}</option>
            {awards.map((a) => (
              <option key={a.id} value={a.id}>
                {t("award.objections.concernsAward", { institution: a.institutionName })}
              </option>
            ))}
          </select>
          <ErrorList id={fields.awardId.errorId} errors={fields.awardId.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.grounds.id}>{t("award.objections.form.grounds")}</label>
          <span className="hint" id={`${fields.grounds.id}-hint`}>
            {t("award.objections.form.groundsHint")}
          </span>
          <textarea {...getTextareaProps(fields.grounds, { ariaDescribedBy: `${fields.grounds.id}-hint` })} key={fields.grounds.key} rows={6} maxLength={4000} />
          <ErrorList id={fields.grounds.errorId} errors={fields.grounds.errors} />
        </div>
        <div className="actions">
          <button type="submit" name="intent" value="object">
            {t("award.objections.form.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

export function InstitutionLotView({ view, lastResult }: { view: InstitutionLotViewData; lastResult?: SubmissionResult<string[]> }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const { lot, bid } = view;
  const level = SKILL_LEVELS.find((l) => l.level === lot.level);
  return (
    <>
      <p className="no-print">
        <a href="/bids">{t("common.actions.back")}</a>
      </p>
      <h1>
        {lot.reference} · {t("award.lotNumber", { number: lot.number })}
      </h1>
      <dl className="facts card">
        <dt>{t("award.facts.tender")}</dt>
        <dd>{lot.tenderTitle}</dd>
        <dt>{t("award.facts.occupation")}</dt>
        <dd>
          {lot.occupationCode} {en ? lot.occupationEn : lot.occupationZh} · {en ? level?.nameEn : level?.nameZh} · {lot.headcount}
        </dd>
        <dt>{t("award.facts.status")}</dt>
        <dd>{t(`tender.lotStatus.${lot.status}` as never)}</dd>
        <dt>{t("award.mine.bidStatus")}</dt>
        <dd>
          {t(`bidding.statuses.${bid.status}` as never)}
          {bid.excludedReason === "objection" || bid.excludedReason === "lapsed" ? ` · ${t(`award.mine.excluded.${bid.excludedReason}`)}` : null}
          {bid.status === "rejected" && bid.rejectionReason && !bid.rejectionReason.startsWith("opening.") ? ` · ${t("award.mine.rejection", { reason: bid.rejectionReason })}` : null}
        </dd>
        {view.windowDeadline ? (
          <>
            <dt>{t("award.public.objectionDeadline")}</dt>
            <dd>{formatInstant(view.windowDeadline)}</dd>
          </>
        ) : null}
      </dl>

      {view.result.length > 0 ? (
        <PublicResults lots={[{ lotId: lot.id, lotNumber: lot.number, awards: view.result }]} />
      ) : (
        <p>{t("award.mine.noResult")}</p>
      )}

      {view.canObject ? (
        <ObjectionForm awards={view.canObject.awards} deadline={view.canObject.deadline} lastResult={lastResult} />
      ) : (
        // A refusal when the form is no longer offered (the window closed, an objection already pending).
        <FormErrors errors={lastResult?.error?.[""] ?? undefined} />
      )}

      <section aria-labelledby="own-objections-heading">
        <h2 id="own-objections-heading">{t("award.mine.objectionsTitle")}</h2>
        {view.objections.length === 0 ? (
          <p>{t("award.mine.noObjections")}</p>
        ) : (
          view.objections.map((o) => (
            <article key={o.id} className="card">
              <p>
                <span className={o.status === "pending" ? "badge badge-warn" : "badge"}>{t(`award.objections.statuses.${o.status}`)}</span> ·{" "}
                {o.awardInstitutionName ? t("award.objections.concernsAward", { institution: o.awardInstitutionName }) : t("award.objections.wholeResult")}
              </p>
              <dl className="facts">
                <dt>{t("award.objections.lodgedAt")}</dt>
                <dd>{formatInstant(o.lodgedAt)}</dd>
                <dt>{t("award.objections.answerDue")}</dt>
                <dd>
                  {formatInstant(o.answerDueAt)}
                  {o.late ? ` · ${t("award.objections.late")}` : null}
                </dd>
              </dl>
              <dl className="facts">
                <dt>{t("award.objections.grounds")}</dt>
                <dd className="prewrap">{o.grounds}</dd>
              </dl>
              {o.answer ? (
                <>
                  <dl className="facts">
                    <dt>{t("award.objections.answer")}</dt>
                    <dd className="prewrap">{o.answer}</dd>
                  </dl>
                  <p className="muted">
                    {t("award.objections.answeredAt", { time: formatInstant(o.answeredAt) })}
                    {o.outcome ? ` · ${t(`award.objections.outcomes.${o.outcome}`)}` : null}
                  </p>
                </>
              ) : null}
            </article>
          ))
        )}
      </section>
    </>
  );
}
