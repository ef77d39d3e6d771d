/**
 * Pieces the payment pages share (no Remix, no data access: they render what their loaders give
 * them). Status is always written out, never shown by colour alone.
 */
import { useTranslation } from "react-i18next";
import { formatFen } from "~/modules/reference/money";
import { formatInstant } from "~/ui/format";
import { parseMsg } from "~/utils/result";
import type { MilestoneStatus, PaymentStatus } from "./lifecycle";
import type { MilestoneView, PaymentView, PayoutReadiness } from "./views";
import type { PaymentMode } from "./payout";

const MILESTONE_BADGE: Record<MilestoneStatus, string> = {
  requested: "badge badge-warn",
  approved: "badge",
  paid: "badge badge-ok",
  refused: "badge badge-bad",
};

const PAYMENT_BADGE: Record<PaymentStatus, string> = {
  pending: "badge badge-warn",
  sent: "badge",
  paid: "badge badge-ok",
  failed: "badge badge-bad",
  reversed: "badge badge-bad",
};

export function MilestoneStatusBadge({ status }: { status: MilestoneStatus }) {
  const { t } = useTranslation();
  return <span className={MILESTONE_BADGE[status]}>{t(`payment.milestoneStatuses.${status}`)}</span>;
}

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation();
  return <span className={PAYMENT_BADGE[status]}>{t(`payment.paymentStatuses.${status}`)}</span>;
}

/** The offline mode says so on every payment page (issue 5: "records payments locally and says so on screen"). */
export function OfflineNotice({ mode }: { mode: PaymentMode }) {
  const { t } = useTranslation();
  if (mode !== "offline") return null;
  return (
    <p className="warning" role="note">
      <strong>{t("payment.offlineNotice")}</strong>
    </p>
  );
}

/** Why the institution's account cannot receive, in words; nothing when it can. */
export function PayoutBlockText({ payout }: { payout: PayoutReadiness }) {
  const { t } = useTranslation();
  if (!payout.block) return null;
  if (payout.block === "requirements" && payout.requirements) return <>{t("payment.payout.blocks.requirementsWith", { requirements: payout.requirements })}</>;
  return <>{t(`payment.payout.blocks.${payout.block}`)}</>;
}

/** A refusal message carried as `key` or `key|{params}` (from a use case's conflict). */
export function useMessage() {
  const { t } = useTranslation();
  return (text: string) => {
    const { key, params } = parseMsg(text);
    return String(t(key as never, params as never));
  };
}

/** One line per attempt: status, amount, transfer id, when, why it failed. */
export function PaymentAttempts({ payments }: { payments: readonly PaymentView[] }) {
  const { t } = useTranslation();
  if (payments.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain">
      {payments.map((p) => (
        <li key={p.id}>
          {t("payment.table.attempt", { attempt: p.attempt })} <PaymentStatusBadge status={p.status} />
          {p.transferId ? <span className="mono"> {p.transferId}</span> : null}
          {p.failureReason ? <span className="muted"> · {p.failureReason}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** A contract's milestones as a table; `link` makes the number a link (finance's evidence page). */
export function MilestonesTable({ milestones, caption, link }: { milestones: readonly MilestoneView[]; caption: string; link?: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("payment.table.number")}
            </th>
            <th scope="col">{t("payment.table.kind")}</th>
            <th scope="col" className="num">
              {t("payment.table.trainees")}
            </th>
            <th scope="col" className="num">
              {t("payment.table.amount")}
            </th>
            <th scope="col">{t("payment.table.status")}</th>
            <th scope="col">{t("payment.table.requestedAt")}</th>
            <th scope="col">{t("payment.table.decidedAt")}</th>
            <th scope="col">{t("payment.table.payment")}</th>
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => (
            <tr key={m.id}>
              <th scope="row" className="num">
                {link ? <a href={link(m.id)}>{m.number}</a> : m.number}
              </th>
              <td>{t(`payment.kinds.${m.kind}`)}</td>
              <td className="num">{m.traineeCount}</td>
              <td className="num">{formatFen(m.amountFen, i18n.language)}</td>
              <td>
                <MilestoneStatusBadge status={m.status} />
                {m.refusalReason ? <div className="muted">{t("payment.table.refusalReason")}: {m.refusalReason}</div> : null}
              </td>
              <td className="nowrap">{formatInstant(m.requestedAt)}</td>
              <td className="nowrap">{m.decidedAt ? formatInstant(m.decidedAt) : "—"}</td>
              <td>
                <PaymentAttempts payments={m.payments} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
