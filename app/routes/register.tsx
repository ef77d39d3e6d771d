import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { sessionCookie } from "~/auth/cookies.server";
import { findActor } from "~/auth/guards.server";
import { registerOrganisation } from "~/modules/organisation/register-organisation.server";
import { MIN_PASSWORD_LENGTH, registrationSchema } from "~/modules/organisation/schemas";
import { ErrorList, FormErrors, TextField } from "~/ui/components/form";

export const meta: MetaFunction = () => [{ title: "单位注册 Register · SkillTender" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await findActor(request, context)) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: registrationSchema });
  const hidden = { hideFields: ["password", "passwordConfirm"] };
  if (submission.status !== "success") return data(submission.reply(hidden), { status: 400 });
  const result = await registerOrganisation(context.db, submission.value);
  if (!result.ok) {
    const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
    return data(submission.reply({ ...hidden, fieldErrors }), { status: 400 });
  }
  return redirect("/home?notice=auth.register.done", {
    headers: { "Set-Cookie": sessionCookie(request, result.value.token) },
  });
}

export default function Register() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: registrationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="card">
      <h1>{t("auth.register.title")}</h1>
      <p className="lead">{t("auth.register.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className="field">
          <legend>{t("auth.register.kind")}</legend>
          <div className="choices">
            {(["enterprise", "institution"] as const).map((k) => (
              <label key={k}>
                <input
                  type="radio"
                  name={fields.kind.name}
                  value={k}
                  defaultChecked={fields.kind.initialValue === k}
                  aria-invalid={fields.kind.errors ? true : undefined}
                />
                {t(`common.orgKinds.${k}`)}
              </label>
            ))}
          </div>
          <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
        </fieldset>
        <TextField meta={fields.orgName} label={t("auth.register.orgName")} autoComplete="organization" />
        <TextField meta={fields.creditCode} label={t("auth.register.creditCode")} hint={t("auth.register.creditCodeHint")} />
        <TextField meta={fields.contactPhone} label={t("auth.register.contactPhone")} type="tel" autoComplete="tel" />
        <TextField meta={fields.address} label={t("auth.register.address")} autoComplete="street-address" />
        <fieldset className="stack">
          <legend>{t("auth.register.person")}</legend>
          <TextField meta={fields.name} label={t("auth.register.name")} autoComplete="name" />
          <TextField meta={fields.email} label={t("auth.register.email")} type="email" autoComplete="email" />
          <TextField
            meta={fields.password}
            label={t("auth.register.password")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.register.passwordHint", { min: MIN_PASSWORD_LENGTH })}
          />
          <TextField meta={fields.passwordConfirm} label={t("auth.register.passwordConfirm")} type="password" autoComplete="new-password" />
        </fieldset>
        <div className="actions">
          <button type="submit">{t("auth.register.submit")}</button>
        </div>
      </Form>
    </div>
  );
}
