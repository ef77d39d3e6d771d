import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { findSessionId, requireCan } from "~/auth/guards.server";
import { changePassword } from "~/modules/access/change-password.server";
import { MIN_PASSWORD_LENGTH, newPasswordField } from "~/modules/organisation/schemas";
import { FormErrors, TextField } from "~/ui/components/form";

export const meta: MetaFunction = () => [{ title: "我的账户 Account · SkillTender" }];

const schema = z
  .object({
    current: z.string({ error: "common.form.required" }).min(1, { error: "common.form.required" }).max(200),
    next: newPasswordField,
    confirm: z.string({ error: "common.form.required" }),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], error: "auth.password.mismatch" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "account.changePassword");
  return { actor };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "account.changePassword");
  const sessionId = await findSessionId(request, context);
  const submission = parseWithZod(await request.formData(), { schema });
  const hideFields = ["current", "next", "confirm"];
  if (submission.status !== "success" || !sessionId) return data(submission.reply({ hideFields }), { status: 400 });
  const result = await changePassword(context.db, actor, {
    current: submission.value.current,
    next: submission.value.next,
    sessionId,
  });
  if (!result.ok) {
    const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
    return data(submission.reply({ hideFields, fieldErrors }), { status: result.kind === "validation" ? 400 : 404 });
  }
  return redirect("/account?notice=auth.changePassword.done");
}

export default function Account() {
  const { t } = useTranslation();
  const { actor } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    // Once shown, an error clears as the field is corrected, not on leaving it: a line vanishing
    // on blur would move the submit button from under the click.
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1>{t("auth.account.title")}</h1>
      <dl className="card">
        <dt>{t("auth.register.name")}</dt>
        <dd>{actor.name}</dd>
        <dt>{t("auth.register.email")}</dt>
        <dd>{actor.email}</dd>
        <dt>{t("auth.account.organisation")}</dt>
        <dd>
          {actor.orgName} ({t(`common.orgStatus.${actor.orgStatus}`)})
        </dd>
        <dt>{t("auth.account.roles")}</dt>
        <dd>{actor.roles.map((r) => t(`common.roles.${r}`)).join("、")}</dd>
      </dl>
      <section className="card" aria-labelledby="pw-heading">
        <h2 id="pw-heading">{t("auth.changePassword.title")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.current} label={t("auth.changePassword.current")} type="password" autoComplete="current-password" />
          <TextField
            meta={fields.next}
            label={t("auth.changePassword.next")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.register.passwordHint", { min: MIN_PASSWORD_LENGTH })}
          />
          <TextField meta={fields.confirm} label={t("auth.changePassword.confirm")} type="password" autoComplete="new-password" />
          <div className="actions">
            <button type="submit">{t("auth.changePassword.submit")}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
