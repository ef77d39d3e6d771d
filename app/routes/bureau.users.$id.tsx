import { getCollectionProps, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatInstant } from "~/ui/format";
import { z } from "zod";
import { forbidden, notFound, requireCan } from "~/auth/guards.server";
import { BUREAU_ROLES } from "~/modules/access/actor";
import { changeBureauUserRoles, findBureauUser, setBureauUserStatus } from "~/modules/access/bureau-users.server";
import { can } from "~/modules/access/policy";
import { ErrorList, FormErrors } from "~/ui/components/form";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "局内用户 Bureau user · SkillTender" }];

const USER_STATUSES = ["active", "disabled"] as const;

/** Two forms post here: the roles form and the disable/enable button, told apart by `intent`. */
const schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("roles"),
    roles: z
      .array(z.enum(BUREAU_ROLES, { error: "common.form.invalid" }), { error: "bureau.users.atLeastOneRole" })
      .min(1, { error: "bureau.users.atLeastOneRole" }),
  }),
  z.object({
    intent: z.literal("status"),
    status: z.enum(USER_STATUSES, { error: "common.form.invalid" }),
    expectedStatus: z.enum(USER_STATUSES, { error: "common.form.invalid" }),
  }),
]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "bureauUser.list");
  const user = await findBureauUser(context.db, params.id ?? "");
  if (!user) notFound();
  return {
    user,
    isSelf: user.id === actor.userId,
    canChangeRoles: can(actor, "bureauUser.changeRoles", { userId: user.id }),
    canDisable: can(actor, "bureauUser.disable", { userId: user.id }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "bureauUser.list");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const userId = params.id ?? "";
  const v = submission.value;
  const result =
    v.intent === "roles"
      ? await changeBureauUserRoles(context.db, actor, { userId, roles: v.roles })
      : await setBureauUserStatus(context.db, actor, { userId, status: v.status, expectedStatus: v.expectedStatus });
  const notice = v.intent === "roles" ? "rolesSaved" : v.status === "disabled" ? "disabled" : "enabled";
  if (result.ok) return redirect(`/bureau/users/${userId}?notice=bureau.users.${notice}`);
  if (result.kind === "notFound") notFound();
  if (result.kind === "forbidden") throw forbidden();
  const fieldErrors = result.kind === "validation" ? result.fieldErrors : {};
  const formErrors = result.kind === "conflict" ? [result.message] : [];
  return data(submission.reply({ fieldErrors, formErrors }), { status: statusOf(result) });
}

/** After a conflict, reload the record so the page shows what someone else changed (Remix skips 4xx by default). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

/** The action's reply goes to the form that was submitted. */
function replyFor(result: SubmissionResult<string[]> | undefined, intent: "roles" | "status") {
  return result?.initialValue?.intent === intent ? result : undefined;
}

export default function BureauUserPage() {
  const { t, i18n } = useTranslation();
  const { user, isSelf, canChangeRoles, canDisable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const sep = i18n.language === "en" ? ", " : "、";

  return (
    <>
      <p className="no-print">
        <Link to="/bureau/users">{t("bureau.users.backToList")}</Link>
      </p>
      <h1>
        {user.name}
        {isSelf ? ` ${t("bureau.users.you")}` : null}
      </h1>
      <dl className="card">
        <dt>{t("bureau.users.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("bureau.users.roles")}</dt>
        <dd>{BUREAU_ROLES.filter((r) => user.roles.includes(r)).map((r) => t(`common.roles.${r}`)).join(sep)}</dd>
        <dt>{t("bureau.users.status")}</dt>
        <dd>{t(`common.userStatus.${user.status}`)}</dd>
        <dt>{t("bureau.users.createdAt")}</dt>
        <dd>{formatInstant(user.createdAt)}</dd>
      </dl>

      {!canChangeRoles && !canDisable ? (
        <p className="warning" role="note">
          {t("bureau.users.cannotChangeSelf")}
        </p>
      ) : null}
      {/* Keyed by what they show, so that a change made here or elsewhere resets them to the stored values. */}
      {canChangeRoles ? <RolesForm key={user.roles.join()} user={user} lastResult={replyFor(lastResult, "roles")} /> : null}
      {canDisable ? <StatusForm key={user.status} user={user} lastResult={replyFor(lastResult, "status")} /> : null}
    </>
  );
}

interface FormProps {
  user: { id: string; roles: readonly string[]; status: "active" | "disabled" };
  lastResult: SubmissionResult<string[]> | undefined;
}

function RolesForm({ user, lastResult }: FormProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "roles",
    lastResult,
    defaultValue: { intent: "roles", roles: [...user.roles] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  return (
    <section className="card" aria-labelledby="roles-heading">
      <h2 id="roles-heading">{t("bureau.users.roles")}</h2>
      <Form method="post" action={`/bureau/users/${user.id}`} {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="roles" />
        <fieldset className="field" aria-describedby="roles-hint">
          <legend>{t("bureau.users.roles")}</legend>
          <span className="hint" id="roles-hint">
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
          <button type="submit">{t("bureau.users.saveRoles")}</button>
        </div>
      </Form>
    </section>
  );
}

function StatusForm({ user, lastResult }: FormProps) {
  const { t } = useTranslation();
  const [form] = useForm({
    id: "status",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  const next = user.status === "active" ? "disabled" : "active";
  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading">{t("bureau.users.accountStatus")}</h2>
      {next === "disabled" ? <p id="disable-hint">{t("bureau.users.disableHint")}</p> : null}
      <Form method="post" action={`/bureau/users/${user.id}`} {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="status" value={next} />
        <input type="hidden" name="expectedStatus" value={user.status} />
        <div className="actions">
          <button
            type="submit"
            className={next === "disabled" ? "danger" : undefined}
            aria-describedby={next === "disabled" ? "disable-hint" : undefined}
          >
            {t(next === "disabled" ? "bureau.users.disable" : "bureau.users.enable")}
          </button>
        </div>
      </Form>
    </section>
  );
}
