import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { LotOpening } from "~/modules/bidding/open-lot.server";
import { formatFen } from "~/modules/reference/money";
import { formatInstant } from "~/ui/format";

/**
 * The opening records of a tender's lots: public and immutable once written. An officer sees a
 * button to open a lot whose deadline has passed.
 */
export function OpeningRecords({ lots, openAction }: { lots: LotOpening[]; openAction?: { back: string } }) {
  const { t, i18n } = useTranslation();
  const shown = lots.filter((l) => l.record || (openAction && l.deadlinePassed && l.status === "open"));
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="opening-heading">
      <h2 id="opening-heading">{t("bidding.opening.title")}</h2>
      {shown.map((l) => (
        <div key={l.lotId} className="card">
          <h3>
            {t("bidding.lot")} {l.lotNumber}
          </h3>
          {l.record ? (
            <>
              <p>
                {t("bidding.opening.openedAt")}: {formatInstant(l.record.openedAt)}
              </p>
              <div className="table-scroll">
                <table>
                  <caption className="visually-hidden">
                    {t("bidding.opening.title")} {l.lotNumber}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("bidding.opening.bidder")}</th>
                      <th scope="col" className="num">
                        {t("bidding.opening.price")}
                      </th>
                      <th scope="col" className="num">
                        {t("bidding.opening.capacity")}
                      </th>
                      <th scope="col">{t("bidding.opening.submittedAt")}</th>
                      <th scope="col">{t("bidding.opening.receipt")}</th>
                      <th scope="col">{t("bidding.opening.counted")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.record.lines.map((line) => (
                      <tr key={line.bidId}>
                        <td>{line.institutionName}</td>
                        <td className="num">{line.priceFen !== null ? formatFen(line.priceFen, i18n.language) : "—"}</td>
                        <td className="num">{line.capacity ?? "—"}</td>
                        <td>{formatInstant(line.submittedAt)}</td>
                        <td>{line.receiptOk ? t("bidding.opening.receiptOk") : t("bidding.opening.receiptBad")}</td>
                        <td>{line.counted ? t("common.yes") : `${t("common.no")}（${t(`bidding.opening.reasons.${line.reason ?? "sealBroken"}`)}）`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {l.record.discardedDrafts > 0 ? <p className="muted">{t("bidding.opening.discardedDrafts", { count: l.record.discardedDrafts })}</p> : null}
              <p className={l.record.outcome === "proceed" ? "notice" : "warning"}>
                {t(`bidding.opening.outcome.${l.record.outcome}`, { min: l.record.minValidBids })}
              </p>
            </>
          ) : openAction ? (
            <Form method="post" action={`/bureau/lots/${l.lotId}/open`}>
              <input type="hidden" name="back" value={openAction.back} />
              <button type="submit">{t("bidding.opening.open")}</button>
            </Form>
          ) : null}
        </div>
      ))}
    </section>
  );
}
