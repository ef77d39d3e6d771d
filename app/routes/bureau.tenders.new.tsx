import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OccupationLevelFilters } from "~/ui/components/occupation-level-filters";
import { z } from "zod";
import { forbidden, requireCan } from "~/auth/guards.server";
import { isIsoDate } from "~/modules/reference/working-days";
import { createTenderFromSuggestion } from "~/modules/tender/create-tender.server";
import { levelName, occupationName } from "~/modules/tender/labels";
import { POOL_LIMIT, listOccupations, listPooledDemand } from "~/modules/tender/queries.server";
import { createTenderSchema } from "~/modules/tender/schemas";
import { suggestLots } from "~/modules/tender/suggest-lots";
import { ErrorList, FormErrors, TextField } from "~/ui/components/form";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "新建招标项目 New tender · SkillTender" }];

const date = z.string().refine(isIsoDate).optional().catch(undefined);
/** GET filters; anything unrecognised is ignored (a list is never an error). */
const filterSchema = z.object({
  occupation: z.string().max(20).optional().catch(undefined),
  level: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  from: date,
  to: date,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "tender.manage");
  const url = new URL(request.url);
  const filter = filterSchema.parse(Object.fromEntries(url.searchParams));
  const pool = await listPooledDemand(context.db, { ...filter, occupation: filter.occupation || undefined });
  // Until the officer ticks demand ("chosen" is sent with the ticks), every listed demand is in.
  const picks = new Set(url.searchParams.getAll("pick"));
  const selected = url.searchParams.has("chosen") ? pool.filter((d) => picks.has(d.id)) : pool;
  return {
    filter,
    pool,
    selectedIds: selected.map((d) => d.id),
    suggestion: suggestLots(selected),
    occupations: await listOccupations(context.db),
    poolLimit: POOL_LIMIT,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "tender.manage");
  const submission = parseWithZod(await request.formData(), { schema: createTenderSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createTenderFromSuggestion(context.db, actor, submission.value);
  if (result.ok) return redirect(`/bureau/tenders/${result.value.tenderId}?notice=tender.new.created`);
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "validation" ? (result.formErrors ?? []) : result.kind === "conflict" ? [result.message] : [];
  return data(submission.reply({ fieldErrors, formErrors }), { status: statusOf(result) });
}

export default function NewTender() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { filter, pool, selectedIds, suggestion, occupations, poolLimit } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const location = useLocation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createTenderSchema }),
    shouldValidate: "onSubmit",
  });
  const selected = new Set(selectedIds);
  const byId = new Map(pool.map((d) => [d.id, d]));
  const headcount = pool.filter((d) => selected.has(d.id)).reduce((s, d) => s + d.headcount, 0);

  return (
    <>
      <p className="no-print">
        <Link to="/bureau/tenders">{t("tender.new.backToList")}</Link>
      </p>
      <h1>{t("tender.new.title")}</h1>
      <p className="lead">{t("tender.new.intro")}</p>

      <Form method="get" className="filters" role="search" aria-label={t("tender.new.filters")}>
        <OccupationLevelFilters
          occupations={occupations}
          occupation={filter.occupation}
          level={filter.level}
          showCode={true}
          labels={{
            occupation: t("tender.new.occupation"),
            allOccupations: t("tender.new.allOccupations"),
            level: t("tender.new.level"),
            allLevels: t("tender.new.allLevels"),
          }}
        />
        <div className="field">
          <label htmlFor="f-from">{t("tender.new.from")}</label>
          <input id="f-from" type="date" name="from" defaultValue={filter.from ?? ""} aria-describedby="f-dates-hint" />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t("tender.new.to")}</label>
          <input id="f-to" type="date" name="to" defaultValue={filter.to ?? ""} aria-describedby="f-dates-hint" />
        </div>
        <div className="actions">
          <button type="submit">{t("common.actions.filter")}</button>
          <Link to={location.pathname}>{t("common.actions.reset")}</Link>
        </div>
        <p className="hint muted filters-hint" id="f-dates-hint">
          {t("tender.new.dateHint")}
        </p>
      </Form>

      <section aria-labelledby="pool-heading">
        <h2 id="pool-heading">{t("tender.new.pool")}</h2>
        <p>{t("tender.new.poolIntro")}</p>
        {pool.length >= poolLimit ? <p className="warning">{t("tender.new.poolLimit", { count: poolLimit })}</p> : null}
        <Form method="get" id="choose">
          {filter.occupation ? <input type="hidden" name="occupation" value={filter.occupation} /> : null}
          {filter.level ? <input type="hidden" name="level" value={filter.level} /> : null}
          {filter.from ? <input type="hidden" name="from" value={filter.from} /> : null}
          {filter.to ? <input type="hidden" name="to" value={filter.to} /> : null}
          <input type="hidden" name="chosen" value="1" />
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("tender.new.poolCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("tender.new.choose")}</th>
                  <th scope="col">{t("tender.new.enterprise")}</th>
                  <th scope="col">{t("tender.new.occupation")}</th>
                  <th scope="col">{t("tender.new.level")}</th>
                  <th scope="col" className="num">
                    {t("tender.new.headcount")}
                  </th>
                  <th scope="col">{t("tender.new.window")}</th>
                  <th scope="col">{t("tender.new.place")}</th>
                </tr>
              </thead>
              <tbody>
                {pool.length === 0 ? (
                  <tr>
                    <td colSpan={7}>{t("tender.new.poolEmpty")}</td>
                  </tr>
                ) : (
                  pool.map((d) => (
                    <tr key={d.id}>
                      <td>
                        <input
                          type="checkbox"
                          name="pick"
                          value={d.id}
                          defaultChecked={selected.has(d.id)}
                          aria-label={t("tender.new.chooseDemandN", { enterprise: d.enterpriseName, headcount: d.headcount })}
                        />
                      </td>
                      <th scope="row">{d.enterpriseName}</th>
                      <td>{occupationName(occupations, d.occupationCode, lang)}</td>
                      <td>{levelName(d.level, lang)}</td>
                      <td className="num">{d.headcount}</td>
                      <td>{t("tender.lots.windowRange", { start: d.earliestStart, end: d.latestEnd })}</td>
                      <td>{d.place}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          {pool.length > 0 ? (
            <div className="actions">
              <button type="submit" className="secondary">
                {t("tender.new.updateSuggestion")}
              </button>
            </div>
          ) : null}
        </Form>
      </section>

      <section aria-labelledby="suggestion-heading">
        <h2 id="suggestion-heading">{t("tender.new.suggestion")}</h2>
        <p>{t("tender.new.suggestionIntro")}</p>
        {suggestion.length === 0 ? (
          <p className="muted">{t("tender.new.suggestionEmpty")}</p>
        ) : (
          <>
            <p>{t("tender.new.selectedCount", { count: selectedIds.length, headcount })}</p>
            {suggestion.map((lot) => (
              <article key={lot.number} className="card lot-card" aria-labelledby={`lot-${lot.number}`}>
                <h3 id={`lot-${lot.number}`}>
                  {t("tender.new.lotHeading", {
                    n: lot.number,
                    occupation: occupationName(occupations, lot.occupationCode, lang),
                    level: levelName(lot.level, lang),
                  })}
                </h3>
                <p>{t("tender.new.lotFacts", { headcount: lot.headcount, start: lot.windowStart, end: lot.windowEnd })}</p>
                <h4>{t("tender.new.why")}</h4>
                <ul className="explanations">
                  {lot.explanations.map((e) => (
                    <li key={e.key}>{String(t(e.key as never, e.params as never))}</li>
                  ))}
                </ul>
                <div className="table-scroll">
                  <table>
                    <caption className="visually-hidden">{t("tender.new.demandsCaption", { n: lot.number })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("tender.new.enterprise")}</th>
                        <th scope="col" className="num">
                          {t("tender.new.headcount")}
                        </th>
                        <th scope="col">{t("tender.new.window")}</th>
                        <th scope="col">{t("tender.new.place")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {lot.demandIds.map((id) => {
                        const d = byId.get(id)!;
                        return (
                          <tr key={id}>
                            <th scope="row">{d.enterpriseName}</th>
                            <td className="num">{d.headcount}</td>
                            <td>{t("tender.lots.windowRange", { start: d.earliestStart, end: d.latestEnd })}</td>
                            <td>{d.place}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </article>
            ))}
          </>
        )}
      </section>

      {suggestion.length > 0 ? (
        <section className="card" aria-labelledby="create-heading">
          <h2 id="create-heading">{t("tender.new.create")}</h2>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField meta={fields.title} label={t("tender.new.tenderTitle")} hint={t("tender.new.tenderTitleHint")} />
            {selectedIds.map((id) => (
              <input key={id} type="hidden" name={fields.demandIds.name} value={id} />
            ))}
            <ErrorList id={fields.demandIds.errorId} errors={fields.demandIds.errors} />
            <div className="actions">
              <button type="submit">{t("tender.new.createButton")}</button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
