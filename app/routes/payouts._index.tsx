import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireActor } from "~/auth/guards.server";
import { can } from "~/modules/access/policy";
import { findPayoutView, onboardingUrls, startOnboarding } from "~/modules/payment/payout-accounts.server";
import { OfflineNotice, PayoutBlockText } from "~/modules/payment/payment-views";
import { FormErrors } from "~/ui/components/form";
import { statusOf } from "~/utils/result";

export const meta: MetaFunction = () => [{ title: "收款账户 Payout account · SkillTender" }];

/**
 * The institution's payout account (issue 5 "Payment"): whether payments can be received and why
 * not, and the button that creates the connected account (once) and sends the user to Stripe's
 * onboarding. Institutions only.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const r = await findPayoutView(context.db, actor);
  if (!r.ok) throw forbidden();
  return { ...r.value, canConnect: can(actor, "payout.connect", { organisationId: actor.orgId }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "connect") return data({ formErrors: ["common.form.invalid"] }, { status: 400 });
  const r = await startOnboarding(context.db, actor, onboardingUrls(new URL(request.url).origin));
  if (r.ok) return redirect(r.value.url);
  if (r.kind === "forbidden") throw forbidden();
  return data({ formErrors: [r.kind === "conflict" ? r.message : "common.errors.body409"] }, { status: statusOf(r) });
}

export default function PayoutsPage() {
  const { t } = useTranslation();
  const v = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const a = v.account;
  const label = !a ? "payment.payouts.connect" : a.mode !== v.mode ? "payment.payouts.reconnect" : "payment.payouts.continue";
  return (
    <>
      <h1>{t("payment.payouts.title")}</h1>
      <OfflineNotice mode={v.mode} />
      <p className="lead">{t(v.mode === "offline" ? "payment.payouts.introOffline" : "payment.payouts.intro")}</p>
      {a ? (
        <dl className="facts">
          <dt>{t("payment.payouts.account")}</dt>
          <dd className="mono">{a.accountId}</dd>
          <dt>{t("payment.payouts.mode")}</dt>
          <dd>{t(`payment.modes.${a.mode}`)}</dd>
          <dt>{t("payment.payouts.detailsSubmitted")}</dt>
          <dd>{t(a.detailsSubmitted ? "payment.payouts.submitted" : "payment.payouts.notSubmitted")}</dd>
          {a.requirements ? (
            <>
              <dt>{t("payment.payouts.requirements")}</dt>
              <dd className="mono">{a.requirements}</dd>
            </>
          ) : null}
          <dt>{t("payment.payouts.canReceive")}</dt>
          <dd>
            <span className={v.block ? "badge badge-warn" : "badge badge-ok"}>{t(v.block ? "payment.payouts.no" : "payment.payouts.yes")}</span>
          </dd>
        </dl>
      ) : (
        <p>{t("payment.payouts.notConnected")}</p>
      )}
      {v.block ? (
        <p className="warning">
          <PayoutBlockText payout={{ block: v.block, requirements: a?.requirements ?? null }} />
        </p>
      ) : null}
      <FormErrors errors={reply?.formErrors} />
      {v.canConnect && v.block ? (
        <Form method="post" className="no-print">
          <div className="actions">
            <button type="submit" name="intent" value="connect">
              {t(label)}
            </button>
          </div>
        </Form>
      ) : null}
    </>
  );
}
