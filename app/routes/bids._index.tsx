import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCan } from "~/auth/guards.server";
import { listOpenLotsForInstitution, listPastBidsForInstitution } from "~/modules/bidding/bids.server";
import { formatFen } from "~/modules/reference/money";
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import { formatInstant } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "投标 Bidding · SkillTender" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "bid.prepare", {});
  return { lots: await listOpenLotsForInstitution(context.db, actor), past: await listPastBidsForInstitution(context.db, actor) };
}

export default function Bids() {
  const { t, i18n } = useTranslation();
  const { lots, past } = useLoaderData<typeof loader>();
  const en = i18n.language === "en";
  return (
    <>
      <h1>{t("bidding.title")}</h1>
      <p className="lead">{t("bidding.intro")}</p>
      {lots.length === 0 ? (
        <p>{t("bidding.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("bidding.lot")}</th>
                <th scope="col">{t("bidding.deadline")}</th>
                <th scope="col" className="num">
                  {t("bidding.maxPrice")}
                </th>
                <th scope="col">{t("bidding.myBid")}</th>
              </tr>
            </thead>
            <tbody>
              {lots.map((l) => {
                const level = SKILL_LEVELS.find((x) => x.level === l.level);
                return (
                  <tr key={l.lotId}>
                    <td>
                      <Link to={`/tenders/${l.reference}`}>{l.reference}</Link> · {t("bidding.lot")} {l.lotNumber}
                      <div>
                        {en ? l.occupationEn : l.occupationZh} · {en ? level?.nameEn : level?.nameZh} · {l.headcount}
                      </div>
                      <div className="muted">
                        {l.windowStart} – {l.windowEnd}
                      </div>
                    </td>
                    <td>{formatInstant(l.bidDeadline)}</td>
                    <td className="num">{formatFen(l.maxPriceFen, i18n.language)}</td>
                    <td>
                      {l.eligible.ok ? (
                        <>
                          {l.bid ? (
                            <span className={`badge ${l.bid.status === "submitted" ? "badge-ok" : "badge-warn"}`}>{t(`bidding.statuses.${l.bid.status}`)}</span>
                          ) : null}
                          {l.bid?.needsReconfirmation ? <p className="warning">{t("bidding.needsReconfirmation")}</p> : null}{" "}
                          <Link to={`/bids/lots/${l.lotId}`}>{l.bid ? t("bidding.view") : t("bidding.prepare")}</Link>
                        </>
                      ) : (
                        <span className="muted">{t(`bidding.eligibility.${l.eligible.reason}`)}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="past-heading">{t("bidding.past.title")}</h2>
      {past.length === 0 ? (
        <p>{t("bidding.past.none")}</p>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby="past-heading">
            <thead>
              <tr>
                <th scope="col">{t("bidding.lot")}</th>
                <th scope="col">{t("bidding.deadline")}</th>
                <th scope="col">{t("bidding.past.lotStatus")}</th>
                <th scope="col">{t("bidding.myBid")}</th>
              </tr>
            </thead>
            <tbody>
              {past.map((b) => {
                const level = SKILL_LEVELS.find((x) => x.level === b.level);
                return (
                  <tr key={b.bidId}>
                    <td>
                      <Link to={`/bids/lots/${b.lotId}`}>
                        {b.reference} · {t("bidding.lot")} {b.lotNumber}
                      </Link>
                      <div>
                        {en ? b.occupationEn : b.occupationZh} · {en ? level?.nameEn : level?.nameZh}
                      </div>
                    </td>
                    <td>{formatInstant(b.deadline)}</td>
                    <td>{t(`tender.lotStatus.${b.lotStatus}`)}</td>
                    <td>{t(`bidding.statuses.${b.bidStatus}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
