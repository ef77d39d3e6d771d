import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { sessionCookie } from "~/auth/cookies.server";
import { findActor, findSessionId } from "~/auth/guards.server";
import { signIn } from "~/modules/access/sign-in.server";
import { FormErrors, TextField } from "~/ui/components/form";

export const meta: MetaFunction = () => [{ title: "登录 Sign in · SkillTender" }];

const schema = z.object({
  email: z.string({ error: "common.form.required" }).trim().min(1, { error: "common.form.required" }).max(254),
  password: z.string({ error: "common.form.required" }).min(1, { error: "common.form.required" }).max(200),
  redirectTo: z.string().optional(),
});

/** Only same-site paths, never another host (open redirect). */
function safeRedirect(to: string | undefined): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return "/home";
  return to;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await findActor(request, context)) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await signIn(context.db, {
    email,
    password,
    address: context.clientAddress,
    previousSessionId: await findSessionId(request, context),
  });
  if (!result.ok) {
    const message = result.reason === "throttled" ? "auth.login.throttled" : "auth.login.failed";
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "throttled" ? 429 : 400,
    });
  }
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": sessionCookie(request, result.token) } });
}

export default function Login() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="card narrow">
      <h1>{t("auth.login.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField meta={fields.email} label={t("auth.login.email")} type="email" autoComplete="username" />
        <TextField meta={fields.password} label={t("auth.login.password")} type="password" autoComplete="current-password" />
        <div className="actions">
          <button type="submit">{t("auth.login.submit")}</button>
        </div>
      </Form>
      <p>
        {t("auth.login.noAccount")} <Link to="/register">{t("auth.login.registerLink")}</Link>
      </p>
    </div>
  );
}
