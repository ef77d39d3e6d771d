import { type LoaderFunctionArgs } from "@remix-run/node";
import { notFoundForStranger, requireCan } from "~/auth/guards.server";
import { findReceipt } from "~/modules/bidding/bids.server";

/** GET /bids/:bidId/receipt — the bidder's receipt as a text file, for the bidder only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireCan(request, context, "bid.prepare", {});
  const r = await findReceipt(context.db, actor, params.bidId ?? "");
  if (!r) return notFoundForStranger(context, actor, "bid.prepare", { type: "bid", id: params.bidId ?? "" });
  const body = [
    "SkillTender 投标回执 / Bid receipt",
    `招标项目 Tender: ${r.reference}`,
    `标段 Lot: ${r.lotNumber}`,
    `投标人 Bidder: ${r.institution}`,
    `投标编号 Bid: ${r.bidId}`,
    `提交时间 Submitted (UTC): ${r.submittedAt}`,
    `SHA-256: ${r.receiptHash}`,
    "",
    "回执为投标内容（规范化 JSON）与提交时间的 SHA-256 摘要，开标时逐一核验。",
    "The receipt is the SHA-256 of the bid's canonical JSON content and its submission time; it is checked at opening.",
    "",
  ].join("\n");
  return new Response(body, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="receipt-${r.reference}-lot${r.lotNumber}.txt"`,
      "Cache-Control": "private, no-store",
    },
  });
}
