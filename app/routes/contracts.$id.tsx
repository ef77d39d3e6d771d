import { getFormProps, useForm } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, notFoundForStranger, requireActor } from "~/auth/guards.server";
import { lapseOverdueContracts } from "~/modules/contract/lapse-contracts.server";
import { findContract } from "~/modules/contract/queries.server";
import { signContract } from "~/modules/contract/sign-contract.server";
import { formatFen } from "~/modules/reference/money";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { FormErrors } from "~/ui/components/form";
import { formatInstant } from "~/ui/format";
import { statusOf } from "~/utils/result";
import { ContractTabs } from "~/ui/components/contract-tabs";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.reference} · 合同 Contract · SkillTender` : "合同 Contract · SkillTender" }];

/**
 * One contract (DESIGN.md "Contract and delivery"): parties, lot, headcount, price, value, the
 * covered demand's enterprises and headcounts (no trainee's personal data), signatures and the
 * signing deadline, and a button for whoever may sign now. Printable. Only the bureau and the
 * contract's institution see it; to anyone else it does not exist.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  await lapseOverdueContracts(context.db);
  const r = await findContract(context.db, actor, params.id ?? "");
  if (!r.ok) return notFoundForStranger(context, actor, "contract.view", { type: "contract", id: params.id ?? "" });
  return r.value;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "sign") return data({ formErrors: ["common.form.invalid"] }, { status: 400 });
  const id = params.id ?? "";
  const r = await signContract(context.db, actor, { contractId: id });
  if (r.ok) return redirect(`/contracts/${id}?notice=${r.value.status === "active" ? "award.contracts.notices.active" : "award.contracts.notices.signed"}`);
  if (r.kind === "notFound") return notFoundForStranger(context, actor, "contract.signForInstitution", { type: "contract", id });
  if (r.kind === "forbidden") throw forbidden();
  return data({ formErrors: [r.kind === "conflict" ? r.message : "common.errors.body409"] }, { status: statusOf(r) });
}

export default function ContractPage() {
  const { t, i18n } = useTranslation();
  const c = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form] = useForm({ id: "sign" });
  const en = i18n.language === "en";
  const level = SKILL_LEVELS.find((l) => l.level === c.lot.level);
  const signature = (at: string | null) => (at ? t("award.contracts.signedAt", { time: formatInstant(at) }) : t("award.contracts.notSigned"));
  return (
    <article className="contract">
      <p className="no-print">
        <Link to="/contracts">{t("award.contracts.backToList")}</Link>
      </p>
      <p className="notice-reference mono">{c.reference}</p>
      <h1>{t("award.contracts.heading", { reference: c.reference })}</h1>
      <p>
        <span className={c.status === "active" || c.status === "completed" ? "badge badge-ok" : c.status === "pending_signature" ? "badge badge-warn" : "badge badge-bad"}>
          {t(`award.contracts.statuses.${c.status}`)}
        </span>
        {c.statusReason === "notSignedInTime" ? <span className="muted"> · {t("award.contracts.lapsedReason")}</span> : null}
      </p>
      <ContractTabs contractId={c.id} delivering={c.status === "active" || c.status === "completed"} />

      <section aria-labelledby="parties-heading">
        <h2 id="parties-heading">{t("award.contracts.parties")}</h2>
        <dl className="facts">
          <dt>{t("award.contracts.buyer")}</dt>
          <dd>{c.bureauName}</dd>
          <dt>{t("award.contracts.supplier")}</dt>
          <dd>
            {c.institution.name}
            {c.institution.creditCode ? <span className="mono"> · {c.institution.creditCode}</span> : null}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="terms-heading">
        <h2 id="terms-heading">{t("award.contracts.terms")}</h2>
        <dl className="facts">
          <dt>{t("award.contracts.tender")}</dt>
          <dd>
            <Link to={`/tenders/${c.tender.reference}`} className="mono">
              {c.tender.reference}
            </Link>{" "}
            {c.tender.title}
          </dd>
          <dt>{t("award.contracts.lot")}</dt>
          <dd>
            {t("award.lotNumber", { number: c.lot.number })} · {c.lot.occupationCode} {en ? c.lot.occupationEn : c.lot.occupationZh} · {en ? level?.nameEn : level?.nameZh}
          </dd>
          <dt>{t("award.contracts.window")}</dt>
          <dd>
            {c.lot.windowStart} – {c.lot.windowEnd}
          </dd>
          <dt>{t("award.table.headcount")}</dt>
          <dd>{c.headcount}</dd>
          <dt>{t("award.table.price")}</dt>
          <dd>{formatFen(c.priceFen, i18n.language)}</dd>
          <dt>{t("award.table.value")}</dt>
          <dd>{formatFen(c.valueFen, i18n.language)}</dd>
          <dt>{t("award.contracts.createdAt")}</dt>
          <dd>{formatInstant(c.createdAt)}</dd>
        </dl>
        <div className="table-scroll">
          <table>
            <caption>{t("award.contracts.demandsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("award.contracts.enterprise")}</th>
                <th scope="col" className="num">
                  {t("award.table.headcount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {c.demands.map((d, i) => (
                <tr key={i}>
                  <th scope="row">{d.enterpriseName}</th>
                  <td className="num">{d.headcount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="signing-heading">
        <h2 id="signing-heading">{t("award.contracts.signing")}</h2>
        <dl className="facts">
          <dt>{t("award.contracts.signDue")}</dt>
          <dd>
            {formatInstant(c.signDueAt)}
            {c.status === "pending_signature" && c.overdue ? <strong> · {t("award.contracts.overdue")}</strong> : null}
          </dd>
          <dt>{t("award.contracts.bureauSignature")}</dt>
          <dd>{signature(c.bureauSignedAt)}</dd>
          <dt>{t("award.contracts.institutionSignature")}</dt>
          <dd>{signature(c.institutionSignedAt)}</dd>
        </dl>
        {c.hasPendingObjection && c.status === "pending_signature" ? <p className="warning">{t("award.contracts.blockedByObjection")}</p> : null}
        <FormErrors errors={reply?.formErrors} />
        {c.canSign ? (
          <Form method="post" {...getFormProps(form)} className="no-print">
            <p>{t(c.canSign === "bureau" ? "award.contracts.signAsBureau" : "award.contracts.signAsInstitution")}</p>
            <button type="submit" name="intent" value="sign">
              {t("award.contracts.sign")}
            </button>
          </Form>
        ) : null}
      </section>
    </article>
  );
}
