import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFound, requireActor } from "~/auth/guards.server";
import { acceptContract, findAcceptance } from "~/modules/delivery/accept-contract.server";
import type { AcceptanceSummary } from "~/modules/delivery/acceptance";
import { acceptSchema } from "~/modules/delivery/completion-schemas";
import { minutesAsHours, permilleText } from "~/modules/delivery/performance";
import type { MilestoneKind, MilestoneStatus, PaymentStatus } from "~/modules/payment/lifecycle";
import { formatFen } from "~/modules/reference/money";
import { ContractTabs } from "~/ui/components/contract-tabs";
import { FormErrors, useErrorText } from "~/ui/components/form";
import { formatInstant, formatShanghaiDate } from "~/ui/format";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.contract.reference} · 验收 Acceptance · SkillTender` : "验收 Acceptance · SkillTender" },
];

/**
 * A contract's acceptance (验收, DESIGN.md "Contract and delivery"): the checklist — results of
 * every confirmed trainee, each covered enterprise's rating (missing ones marked), attendance,
 * milestones and payments — and the officer's sign-off, which completes the contract. Counts
 * only, no trainee named: the page is printable as the acceptance record.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await findAcceptance(context.db, actor, params.id ?? "");
  if (!r.ok) notFound();
  return r.value;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: acceptSchema });
  if (submission.status !== "success") return data(submission.reply({ formErrors: ["common.form.invalid"] }), { status: 400 });
  const r = await acceptContract(context.db, actor, { contractId: id });
  if (r.ok) return redirect(`/contracts/${id}/acceptance?notice=completion.acceptance.signed`);
  if (r.kind === "notFound") notFound();
  if (r.kind === "forbidden") throw forbidden();
  return data(submission.reply({ formErrors: [r.kind === "conflict" ? r.message : "common.errors.body409"] }), { status: statusOf(r) });
}

export default function ContractAcceptance() {
  const { t, i18n } = useTranslation();
  const v = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({ id: "accept", lastResult });
  const lang = i18n.language;
  // Once accepted, the page shows what was kept at acceptance; before, the live figures.
  const s: AcceptanceSummary = v.accepted?.snapshot ?? v.summary;
  const missing = s.trainees.missingResults;
  // The ratings as kept at acceptance (names and scores), with each one's comment; before, the live ones.
  const ratingRows = v.accepted?.snapshot
    ? v.accepted.snapshot.ratings.map((r) => {
        const live = v.enterprises.find((e) => e.enterpriseName === r.enterpriseName);
        return { key: r.enterpriseName, name: r.enterpriseName, headcount: live?.headcount ?? null, score: r.score, comment: r.score !== null ? (live?.rating?.comment ?? "") : "" };
      })
    : v.enterprises.map((e) => ({ key: e.enterpriseId, name: e.enterpriseName, headcount: e.headcount, score: e.rating?.score ?? null, comment: e.rating?.comment ?? "" }));
  return (
    <article className="contract acceptance">
      <p className="no-print">
        <Link to={`/contracts/${v.contract.id}`}>{v.contract.reference}</Link>
      </p>
      <p className="notice-reference mono">{v.contract.reference}</p>
      <h1>{t("completion.acceptance.heading")}</h1>
      <ContractTabs contractId={v.contract.id} delivering={v.contract.status === "active" || v.contract.status === "completed"} />
      <p>{t("completion.acceptance.intro")}</p>

      <dl className="facts">
        <dt>{t("award.contracts.supplier")}</dt>
        <dd>{v.contract.institution.name}</dd>
        <dt>{t("award.contracts.tender")}</dt>
        <dd>
          <span className="mono">{v.contract.tender.reference}</span> {v.contract.tender.title}
        </dd>
        <dt>{t("award.contracts.lot")}</dt>
        <dd>
          {t("award.lotNumber", { number: v.contract.lot.number })} · {v.contract.lot.occupationCode} {lang === "en" ? v.contract.lot.occupationEn : v.contract.lot.occupationZh}
        </dd>
        {v.accepted ? (
          <>
            <dt>{t("completion.acceptance.acceptedOn")}</dt>
            <dd>{formatInstant(v.accepted.at)}</dd>
            <dt>{t("completion.acceptance.acceptedBy")}</dt>
            <dd>{v.accepted.byName ?? t("completion.dash")}</dd>
          </>
        ) : null}
      </dl>
      {v.accepted ? <p className="muted">{t("completion.acceptance.acceptedNote")}</p> : null}
      {/* A refusal after the page went stale (accepted meanwhile) has no form left to sit by. */}
      {v.accepted ? <FormErrors errors={form.errors} /> : null}

      <section aria-labelledby="checklist-heading">
        <h2 id="checklist-heading">{t("completion.acceptance.checklist")}</h2>
        <ul>
          <li>
            {missing === 0 ? (
              <>
                <span className="badge badge-ok">✓</span> {t("completion.acceptance.resultsDone", { count: s.trainees.confirmed })}
              </>
            ) : (
              <>
                <span className="badge badge-bad">✗</span> {t("completion.acceptance.resultsMissing", { count: missing })}{" "}
                <Link to={`/contracts/${v.contract.id}/results`} className="no-print">
                  {t("delivery.tabs.results")}
                </Link>
              </>
            )}
          </li>
          <li>
            {s.missingRatings === 0 ? (
              <>
                <span className="badge badge-ok">✓</span> {t("completion.acceptance.ratingsDone")}
              </>
            ) : (
              <>
                <span className="badge badge-warn">!</span> {t("completion.acceptance.ratingsMissing", { count: s.missingRatings })}
              </>
            )}
          </li>
        </ul>
      </section>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{t("completion.acceptance.results")}</h2>
        <div className="table-scroll">
          <table>
            <caption>{t("completion.acceptance.resultsCaption")}</caption>
            <tbody>
              {(
                [
                  ["confirmed", s.trainees.confirmed],
                  ["dropped", s.trainees.dropped],
                  ["withResult", s.trainees.withResult],
                  ["completed", s.trainees.completed],
                  ["certified", s.trainees.certified],
                  ["notCertified", s.trainees.notCertified],
                  ["notCompleted", s.trainees.notCompleted],
                ] as const
              ).map(([k, n]) => (
                <tr key={k}>
                  <th scope="row">{t(`completion.acceptance.${k}`)}</th>
                  <td className="num">{n}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("completion.acceptance.completionRate")}</th>
                <td className="num">{permilleText(s.completionPermille)}</td>
              </tr>
              <tr>
                <th scope="row">{t("completion.acceptance.certificationRate")}</th>
                <td className="num">{permilleText(s.certificationPermille)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <h3>{t("completion.acceptance.attendance")}</h3>
        <dl className="facts">
          <dt>{t("completion.acceptance.sessions")}</dt>
          <dd>{s.attendance.sessions}</dd>
          <dt>{t("completion.acceptance.plannedHours")}</dt>
          <dd>{minutesAsHours(s.attendance.plannedMinutes)}</dd>
          <dt>{t("completion.acceptance.meanAttendance")}</dt>
          <dd>{permilleText(s.attendance.meanPermille)}</dd>
          <dt>{t("completion.acceptance.belowShare", { pct: s.attendance.completionPct })}</dt>
          <dd>{s.attendance.belowShare}</dd>
        </dl>
      </section>

      <section aria-labelledby="ratings-heading">
        <h2 id="ratings-heading">{t("completion.acceptance.ratings")}</h2>
        <div className="table-scroll">
          <table>
            <caption>{t("completion.acceptance.ratingsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("completion.acceptance.enterprise")}</th>
                <th scope="col" className="num">
                  {t("completion.acceptance.headcount")}
                </th>
                <th scope="col" className="num">
                  {t("completion.acceptance.score")}
                </th>
                <th scope="col">{t("completion.acceptance.comment")}</th>
              </tr>
            </thead>
            <tbody>
              {ratingRows.map((e) => (
                <tr key={e.key}>
                  <th scope="row">{e.name}</th>
                  <td className="num">{e.headcount ?? t("completion.dash")}</td>
                  <td className="num">{e.score !== null ? e.score : <span className="badge badge-warn">{t("completion.acceptance.notRated")}</span>}</td>
                  <td className="prewrap">{e.comment}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t("completion.acceptance.meanRating")}
                </th>
                <td className="num">{s.meanRating === null ? t("completion.dash") : s.meanRating.toFixed(1)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="milestones-heading">
        <h2 id="milestones-heading">{t("completion.acceptance.milestones")}</h2>
        {v.milestones.length === 0 ? (
          <p>{t("completion.acceptance.noMilestones")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption>{t("completion.acceptance.milestonesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("completion.acceptance.milestone")}</th>
                  <th scope="col">{t("completion.acceptance.kind")}</th>
                  <th scope="col" className="num">
                    {t("completion.acceptance.traineeCount")}
                  </th>
                  <th scope="col" className="num">
                    {t("completion.acceptance.amount")}
                  </th>
                  <th scope="col">{t("completion.acceptance.status")}</th>
                  <th scope="col">{t("completion.acceptance.payments")}</th>
                </tr>
              </thead>
              <tbody>
                {v.milestones.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.number}</th>
                    <td>{t(`completion.acceptance.kinds.${m.kind as MilestoneKind}`)}</td>
                    <td className="num">{m.traineeCount}</td>
                    <td className="num">{formatFen(m.amountFen, lang)}</td>
                    <td>{t(`completion.acceptance.milestoneStatuses.${m.status as MilestoneStatus}`)}</td>
                    <td>
                      {m.payments.map((p) => (
                        <div key={p.attempt}>
                          {t("completion.acceptance.paymentLine", {
                            attempt: p.attempt,
                            amount: formatFen(p.amountFen, lang),
                            status: t(`completion.acceptance.paymentStatuses.${p.status as PaymentStatus}`),
                          })}
                          {p.settledAt ? ` · ${formatShanghaiDate(p.settledAt)}` : ""}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t("completion.acceptance.paidTotal")}
                  </th>
                  <td className="num">{formatFen(s.payments.paidFen, lang)}</td>
                  <td colSpan={2} />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      {v.accepted ? null : (
        <section aria-labelledby="sign-heading" className="no-print">
          <h2 id="sign-heading">{t("completion.acceptance.sign")}</h2>
          <FormErrors id={form.errorId} errors={form.errors} />
          {!v.mayAccept ? (
            <p className="muted">{t("completion.acceptance.notOfficer")}</p>
          ) : v.refusal ? (
            <RefusalText text={v.refusal} />
          ) : (
            <Form method="post" {...getFormProps(form)}>
              <p>{t("completion.acceptance.signIntro")}</p>
              <button type="submit" name="intent" value="accept">
                {t("completion.acceptance.sign")}
              </button>
            </Form>
          )}
        </section>
      )}
    </article>
  );
}

/** Why the contract cannot be accepted now, as the use case would say it. */
function RefusalText({ text }: { text: string }) {
  const message = useErrorText();
  return <p className="warning">{message(text)}</p>;
}
