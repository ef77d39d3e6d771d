import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { forbidden, notFoundForStranger, requireCan } from "~/auth/guards.server";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "~/modules/notification/notifications.server";
import { notificationActionSchema } from "~/modules/notification/schemas";
import { FormErrors } from "~/ui/components/form";
import { Pager } from "~/ui/components/pager";
import { formatInstant } from "~/ui/format";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "通知 Notifications · SkillTender" }];

const pageSchema = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined) });

/** The organisation's notifications, newest first; every member sees them. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "notification.view");
  const { page } = pageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const r = await listNotifications(context.db, actor, { page });
  if (!r.ok) throw forbidden();
  return r.value;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCan(request, context, "notification.view");
  const submission = parseWithZod(await request.formData(), { schema: notificationActionSchema });
  if (submission.status !== "success") return data({ formErrors: ["common.form.invalid"] }, { status: 400 });
  const v = submission.value;
  const r = v.intent === "read" ? await markNotificationRead(context.db, actor, { id: v.id }) : await markAllNotificationsRead(context.db, actor);
  if (r.ok) return redirect(v.intent === "read" ? "/notifications" : "/notifications?notice=notification.notices.allRead");
  if (r.kind === "notFound") return notFoundForStranger(context, actor, "notification.view", { type: "notification", id: v.intent === "read" ? v.id : "" });
  return data({ formErrors: ["common.errors.body409"] }, { status: statusOf(r) });
}

/** Values of a notification's parameters that are themselves dictionary words. */
function useParams() {
  const { t } = useTranslation();
  return (params: Record<string, string | number>) => {
    const out: Record<string, string | number> = { ...params };
    if (params.decision === "upheld" || params.decision === "dismissed") out.decision = t(`award.objections.statuses.${params.decision}`);
    return out;
  };
}

export default function Notifications() {
  const { t, i18n } = useTranslation();
  const { rows, unread, total, page, pages } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const paramsOf = useParams();
  const text = (kind: string, params: Record<string, string | number>) => {
    const key = `notification.kinds.${kind}`;
    return i18n.exists(key) ? String(t(key as never, paramsOf(params) as never)) : t("notification.unknownKind");
  };
  return (
    <>
      <h1>{t("notification.title")}</h1>
      <p className="lead">{t("notification.unreadCount", { count: unread })}</p>
      <FormErrors errors={reply?.formErrors} />
      {unread > 0 ? (
        <Form method="post" className="no-print">
          <button type="submit" name="intent" value="readAll" className="secondary">
            {t("notification.markAllRead")}
          </button>
        </Form>
      ) : null}
      {rows.length === 0 ? (
        <p>{t("notification.none")}</p>
      ) : (
        <ul className="notification-list" aria-label={t("notification.listLabel")}>
          {rows.map((n) => (
            <li key={n.id} className="card">
              <p>
                <span className={n.readAt ? "badge" : "badge badge-warn"}>{t(n.readAt ? "notification.read" : "notification.unread")}</span>{" "}
                <time dateTime={n.createdAt}>{formatInstant(n.createdAt)}</time>
              </p>
              <p>{n.link ? <Link to={n.link}>{text(n.kind, n.params)}</Link> : text(n.kind, n.params)}</p>
              {!n.readAt ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" name="intent" value="read" className="button-link">
                    {t("notification.markRead")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} total={total} />
    </>
  );
}
