/**
 * A world with sealed bids whose every field is distinctive, and the texts that must not be
 * readable anywhere before the deadline (issue 8, test 2). Shared by the sealed-* security tests.
 */
import type { Actor } from "~/modules/access/actor";
import { saveBid, withdrawBid } from "~/modules/bidding/bids.server";
import type { BidContent } from "~/modules/bidding/content";
import { bidContent, institutions, publishedLot } from "~/modules/bidding/test-fixtures.server";
import { formatFen } from "~/modules/reference/money";
import { makeWorld, type World } from "~/modules/tender/test-fixtures.server";

export interface SealedWorld extends World {
  tenderId: string;
  lotId: string;
  bidders: Actor[];
  /** Every bid's content: submitted, draft and withdrawn alike. */
  contents: BidContent[];
  /** The submitted bids' content (what an opening reveals). */
  submitted: BidContent[];
}

/** Content no other row holds; prices under the lot's cap of ¥1,800.00, each with distinct odd fen. */
export function secretBid(tag: string, priceFen: number): BidContent {
  return bidContent(priceFen, {
    capacity: 23,
    trainers: [
      { name: `密封讲师${tag} 欧阳静`, certificate: `CERT-SEAL-${tag}-7Q3Z` },
      { name: `Trainer ${tag} Quillfeather`, certificate: `高级技师-SEAL-${tag}` },
    ],
    venue: `密封测试楼 ${tag} 号焊接实训车间`,
    plan: `密封测试方案${tag}：夜间双班制，焊接机器人协同实训 PLAN-${tag}-XQZV`,
  });
}

/** A published welder lot before its deadline: three submitted bids, a draft, and a withdrawn bid. */
export async function sealedWorld(): Promise<SealedWorld> {
  const w = await makeWorld();
  const { tenderId, lotId } = await publishedLot(w);
  const bidders = await institutions(w, 5);
  const submitted = [secretBid("S1", 163_217), secretBid("S2", 171_983), secretBid("S3", 158_429)];
  const draft = secretBid("D1", 154_871);
  const withdrawn = secretBid("W1", 166_391);
  for (const [i, c] of submitted.entries()) expectOk(await saveBid(w.db, bidders[i]!, { lotId, intent: "submit", content: c }));
  expectOk(await saveBid(w.db, bidders[3]!, { lotId, intent: "draft", content: draft }));
  const gone = await saveBid(w.db, bidders[4]!, { lotId, intent: "submit", content: withdrawn });
  if (!gone.ok) throw new Error(JSON.stringify(gone));
  expectOk(await withdrawBid(w.db, bidders[4]!, { bidId: gone.value.bidId }));
  return { ...w, tenderId, lotId, bidders, contents: [...submitted, draft, withdrawn], submitted };
}

function expectOk(r: { ok: boolean }): void {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
}

export interface Needle {
  what: string;
  text: string;
}

/**
 * The forms in which a bid's content could be read: the price as integer fen, as yuan with two
 * decimals, as shown on a page (¥1,632.17 in both languages), the plan, the trainers, the venue.
 */
export function needlesOf(contents: readonly BidContent[]): Needle[] {
  return contents.flatMap((c) => [
    { what: "price in fen", text: String(c.priceFen) },
    { what: "price in yuan", text: (c.priceFen / 100).toFixed(2) },
    { what: "price as shown", text: formatFen(c.priceFen, "zh-CN") },
    { what: "price as shown in English", text: formatFen(c.priceFen, "en") },
    { what: "plan", text: c.plan },
    { what: "plan's marker", text: /PLAN-\w+-XQZV/.exec(c.plan)?.[0] ?? c.plan },
    { what: "venue", text: c.venue },
    ...c.trainers.flatMap((t) => [
      { what: "trainer", text: t.name },
      { what: "certificate", text: t.certificate },
    ]),
  ]);
}

/** Which needles occur in a text, named with where they were found. */
export function foundIn(where: string, text: string, needles: readonly Needle[]): string[] {
  return needles.filter((n) => text.includes(n.text)).map((n) => `${where}: ${n.what} "${n.text}"`);
}
