import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { forbidden, requireCan } from "~/auth/guards.server";
import { BUREAU_ROLES } from "~/modules/access/actor";
import { createBureauUser } from "~/modules/access/bureau-users.server";
import { emailField, MIN_PASSWORD_LENGTH, newPasswordField } from "~/modules/organisation/schemas";
import { ErrorList, FormErrors, TextField } from "~/ui/components/form";
import { msg, statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "新建用户 New user · SkillTender" }];

const schema = z.object({
  name: z
    .string({ error: "common.form.required" })
    .trim()
    .min(1, { error: "common.form.required" })
    .max(50, { error: msg("common.form.tooLong", { max: 50 }) }),
  email: emailField,
  password: newPasswordField,
  roles: z
    .array(z.enum(BUREAU_ROLES, { error: "common.form.invalid" }), { error: "bureau.users.atLeastOneRole" })
    .min(1, { error: "bureau.users.atLeastOneRole" }),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, "bureauUser.create");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "bureauUser.create");
  const submission = parseWithZod(await request.formData(), { schema });
  const hideFields = ["password"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const result = await createBureauUser(context.db, actor, submission.value);
  if (result.ok) return redirect(`/bureau/users/${result.value.userId}?notice=bureau.users.created`);
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "conflict" ? [result.message] : result.kind === "notFound" ? ["common.errors.body404"] : [];
  return data(submission.reply({ hideFields, fieldErrors, formErrors }), { status: statusOf(result) });
}

export default function NewBureauUser() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const rolesHintId = `${fields.roles.id}-hint`;
  return (
    <>
      <p className="no-print">
        <Link to="/bureau/users">{t("bureau.users.backToList")}</Link>
      </p>
      <div className="card">
        <h1>{t("bureau.users.new")}</h1>
        <p className="lead">{t("bureau.users.newIntro")}</p>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.name} label={t("bureau.users.name")} autoComplete="off" />
          <TextField meta={fields.email} label={t("bureau.users.email")} type="email" autoComplete="off" />
          <TextField
            meta={fields.password}
            label={t("bureau.users.initialPassword")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.register.passwordHint", { min: MIN_PASSWORD_LENGTH })}
          />
          <fieldset className="field" aria-describedby={rolesHintId}>
            <legend>{t("bureau.users.roles")}</legend>
            <span className="hint" id={rolesHintId}>
              {t("bureau.users.rolesHint")}
            </span>
            <div className="choices">
              {getCollectionProps(fields.roles, { type: "checkbox", options: [...BUREAU_ROLES] }).map((props) => (
                <label key={props.key}>
                  <input {...props} key={props.key} />
                  {t(`common.roles.${props.value as (typeof BUREAU_ROLES)[number]}`)}
                </label>
              ))}
            </div>
            <ErrorList id={fields.roles.errorId} errors={fields.roles.errors} />
          </fieldset>
          <div className="actions">
            <button type="submit">{t("bureau.users.create")}</button>
            <Link to="/bureau/users">{t("common.actions.cancel")}</Link>
          </div>
        </Form>
      </div>
    </>
  );
}
