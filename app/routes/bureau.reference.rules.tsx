import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireCan } from "~/auth/guards.server";
import { listRules, setRule, type RuleRow } from "~/modules/reference/manage-reference.server";
import { REGIMES, RULE_KEYS, ruleValueBounds } from "~/modules/reference/procurement-rules";
import { msg, statusOf } from "~/utils/result";
import { ExportLinks } from "~/ui/components/export-links";
import { ErrorList } from "~/ui/components/form";
import { type ExportColumn } from "~/ui/export/table-export";
import { exportAsked, listExportResponse } from "~/ui/export/list-export.server";
import { chineseT } from "~/ui/i18n/instances.server";

export const meta: MetaFunction = () => [{ title: "采购规则 Procurement rules · SkillTender" }];

const schema = z.object({
  regime: z.enum(REGIMES),
  key: z.enum(RULE_KEYS),
  value: z.coerce.number({ error: "common.form.invalid" }).int({ error: "common.form.invalid" }),
  source: z
    .string({ error: "common.form.required" })
    .trim()
    .min(1, { error: "common.form.required" })
    .max(200, { error: msg("common.form.tooLong", { max: 200 }) }),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "reference.manage");
  const rules = await listRules(context.db);
  const format = exportAsked(request);
  if (format) throw await listExportResponse(format, chineseT()("reference.rules.title"), exportColumns(), rules);
  return { rules };
}

/** Both regimes' rules in one sheet: the law, the rule, its value with its unit, and its source. */
function exportColumns(): ExportColumn<RuleRow>[] {
  const t = chineseT();
  return [
    { header: t("reference.rules.regime"), kind: "text", value: (r) => t(`reference.rules.regimes.${r.regime}`) },
    { header: t("reference.rules.rule"), kind: "text", value: (r) => t(`reference.rules.names.${r.key}`) },
    { header: t("reference.rules.value"), kind: "number", value: (r) => r.value },
    { header: t("reference.rules.unit"), kind: "text", value: (r) => t(`reference.rules.units.${r.unit}`) },
    { header: t("reference.rules.source"), kind: "text", value: (r) => r.source },
  ];
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "reference.manage");
  const form = await request.formData();
  const parsed = schema.safeParse(Object.fromEntries(form));
  const row = `${String(form.get("regime"))}:${String(form.get("key"))}`;
  if (!parsed.success) {
    return data({ row, errors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
  }
  const v = parsed.data;
  const rules = await listRules(context.db);
  const unit = rules.find((r) => r.regime === v.regime && r.key === v.key)?.unit ?? "count";
  const { min, max } = ruleValueBounds(v.key, unit);
  if (v.value < min || v.value > max) return data({ row, errors: [msg("reference.rules.outOfRange", { min, max })] }, { status: 400 });
  const result = await setRule(context.db, actor, v);
  if (!result.ok) {
    const errors = result.kind === "validation" ? Object.values(result.fieldErrors).flat() : ["common.errors.body409"];
    return data({ row, errors }, { status: statusOf(result) });
  }
  return redirect(`/bureau/reference/rules?notice=reference.rules.saved#${v.regime}-${v.key}`);
}

export default function Rules() {
  const { t } = useTranslation();
  const { rules } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <h1>{t("reference.rules.title")}</h1>
      <p className="lead">{t("reference.rules.intro")}</p>
      <ExportLinks />
      {REGIMES.map((regime) => (
        <Fragment key={regime}>
          <h2 id={regime}>{t(`reference.rules.regimes.${regime}`)}</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t(`reference.rules.regimes.${regime}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reference.rules.rule")}</th>
                  <th scope="col">{t("reference.rules.value")}</th>
                  <th scope="col">{t("reference.rules.source")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("reference.rules.save")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules
                  .filter((r) => r.regime === regime)
                  .map((r) => {
                    const id = `${r.regime}-${r.key}`;
                    const errors = failed && failed.row === `${r.regime}:${r.key}` ? failed.errors : undefined;
                    return (
                      <tr key={id} id={id}>
                        <th scope="row">{t(`reference.rules.names.${r.key}`)}</th>
                        <td>
                          <Form method="post" id={`form-${id}`} className="inline-form">
                            <input type="hidden" name="regime" value={r.regime} />
                            <input type="hidden" name="key" value={r.key} />
                          </Form>
                          <label className="visually-hidden" htmlFor={`value-${id}`}>
                            {t(`reference.rules.names.${r.key}`)}
                          </label>
                          <input
                            id={`value-${id}`}
                            form={`form-${id}`}
                            name="value"
                            type="number"
                            defaultValue={r.value}
                            className="narrow-number"
                            aria-invalid={errors ? true : undefined}
                            aria-describedby={errors ? `err-${id}` : undefined}
                          />{" "}
                          {t(`reference.rules.units.${r.unit}`)}
                          <ErrorList id={`err-${id}`} errors={errors} />
                        </td>
                        <td>
                          <label className="visually-hidden" htmlFor={`source-${id}`}>
                            {t("reference.rules.source")}
                          </label>
                          <input id={`source-${id}`} form={`form-${id}`} name="source" type="text" defaultValue={r.source} />
                        </td>
                        <td>
                          <button type="submit" form={`form-${id}`} className="secondary">
                            {t("reference.rules.save")}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </div>
        </Fragment>
      ))}
    </>
  );
}
