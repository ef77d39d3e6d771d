/**
 * The raw baseline's pages: the same data as the app's public tender list and notice, rendered as
 * the same kind of markup with React's renderToString — without Remix, routing, sessions, i18n
 * machinery or security headers. What the app costs beyond this is the framework's and ours.
 */
import type { ReactNode } from "react";
import type { OpeningRecord } from "~/modules/bidding/open-lot.server";
import { formatFen } from "~/modules/reference/money";
import { formatShanghai } from "~/modules/tender/deadline";
import { levelName, occupationName } from "~/modules/tender/labels";
import type { Occupation } from "~/modules/tender/queries.server";
import type { PublicTenderListItem } from "~/modules/tender/queries.server";
import { resources } from "~/ui/i18n/resources";

const zh = resources["zh-CN"].translation;

function Document({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body>
        <header>
          <a href="/">SkillTender</a>
          <nav>
            <a href="/tenders">{zh.tender.public.title}</a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

export function TenderListPage({ items, total, page, pages, occupations }: { items: PublicTenderListItem[]; total: number; page: number; pages: number; occupations: Occupation[] }) {
  return (
    <Document title="招标公告 Tenders · SkillTender">
      <h1>{zh.tender.public.title}</h1>
      <p className="lead">{zh.tender.public.intro}</p>
      <form method="get" className="filters" role="search">
        <label htmlFor="f-occupation">{zh.tender.public.occupation}</label>
        <select id="f-occupation" name="occupation">
          <option value="">{zh.tender.public.allOccupations}</option>
          {occupations.map((o) => (
            <option key={o.code} value={o.code}>
              {o.nameZh}
            </option>
          ))}
        </select>
        <button type="submit">{zh.common.actions.filter}</button>
      </form>
      <table>
        <caption>{zh.tender.public.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{zh.tender.public.titleCol}</th>
            <th scope="col">{zh.tender.public.reference}</th>
            <th scope="col">{zh.tender.list.status}</th>
            <th scope="col">{zh.tender.public.lots}</th>
            <th scope="col">{zh.tender.public.publishedAt}</th>
            <th scope="col">{zh.tender.public.deadline}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((x) => (
            <tr key={x.reference}>
              <th scope="row">
                <a href={`/tenders/${x.reference}`}>{x.title}</a>
              </th>
              <td>{x.reference}</td>
              <td>{zh.tender.status[x.status]}</td>
              <td>
                <ul>
                  {x.lots.map((l, i) => (
                    <li key={i}>
                      {occupationName(occupations, l.occupationCode, "zh-CN")} · {levelName(l.level, "zh-CN")} · {l.headcount}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{formatShanghai(x.publishedAt).slice(0, 10)}</td>
              <td>{x.bidDeadline ? formatShanghai(x.bidDeadline) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {page} / {pages} · {total}
      </p>
    </Document>
  );
}

export interface DetailData {
  reference: string;
  title: string;
  description: string | null;
  bidDeadline: string | null;
  lots: { number: number; occupationCode: string; level: number; headcount: number; maxPriceFen: number; windowStart: string; windowEnd: string }[];
  openings: { lotNumber: number; record: OpeningRecord | null }[];
  occupations: Occupation[];
}

export function TenderDetailPage(d: DetailData) {
  return (
    <Document title={`${d.reference} ${d.title} · SkillTender`}>
      <h1>{d.title}</h1>
      <p>{d.reference}</p>
      {d.description ? <p>{d.description}</p> : null}
      <p>{d.bidDeadline ? formatShanghai(d.bidDeadline) : "—"}</p>
      <table>
        <tbody>
          {d.lots.map((l) => (
            <tr key={l.number}>
              <td>{l.number}</td>
              <td>{occupationName(d.occupations, l.occupationCode, "zh-CN")}</td>
              <td>{levelName(l.level, "zh-CN")}</td>
              <td>{l.headcount}</td>
              <td>{formatFen(l.maxPriceFen, "zh-CN")}</td>
              <td>
                {l.windowStart} – {l.windowEnd}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.openings.map((o) =>
        o.record ? (
          <table key={o.lotNumber}>
            <tbody>
              {o.record.lines.map((l) => (
                <tr key={l.bidId}>
                  <td>{l.institutionName}</td>
                  <td>{l.priceFen === null ? "—" : formatFen(l.priceFen, "zh-CN")}</td>
                  <td>{l.capacity ?? "—"}</td>
                  <td>{formatShanghai(l.submittedAt)}</td>
                  <td>{l.receiptOk ? "✓" : "✗"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null,
      )}
    </Document>
  );
}
