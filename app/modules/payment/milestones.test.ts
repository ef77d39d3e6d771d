import { describe, expect, it } from "vitest";
import { advancePerTraineeFen, balancePerTraineeFen, nextAdvance, nextBalance, parseBasis, traineeCountOf } from "./milestones";
import { accountStatusOf, payoutBlock } from "./payout";

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `e${from + i}`);

describe("the advance per trainee", () => {
  it.each([
    // price (fen), advance %, advance (fen): worked by hand
    [150_000, 30, 45_000], // ¥1,500.00 × 30 % = ¥450.00 exactly
    [150_005, 30, 45_002], // 45,001.5 fen → half up → 45,002
    [150_001, 30, 45_000], // 45,000.3 → 45,000
    [150_002, 30, 45_001], // 45,000.6 → 45,001
    [333_333, 30, 100_000], // 99,999.9 → 100,000
    [1, 50, 1], // 0.5 fen → 1
    [1, 49, 0], // 0.49 fen → 0
    [99_999, 0, 0],
    [99_999, 100, 99_999],
  ])("%i fen at %i %% is %i fen", (price, pct, advance) => {
    expect(advancePerTraineeFen(price, pct)).toBe(advance);
    expect(balancePerTraineeFen(price, pct)).toBe(price - advance);
  });

  it.each([[-1, 30], [1.5, 30], [100, 101], [100, -1], [100, 30.5]])("refuses price %d at %d %%", (price, pct) => {
    expect(() => advancePerTraineeFen(price, pct)).toThrow(RangeError);
  });
});

describe("the next advance", () => {
  const terms = { priceFen: 150_005, advancePct: 30, headcount: 25 };

  it("pays the advance for every confirmed trainee of a partial cohort", () => {
    // 12 confirmed of 25: 12 × 45,002 = 540,024 fen.
    expect(nextAdvance(terms, ids(12), 0)).toMatchObject({ seats: 12, perTraineeFen: 45_002, amountFen: 540_024, confirmed: 12, coveredBefore: 0 });
  });

  it("pays only the seats not yet covered by a live advance", () => {
    // 12 covered by advance 1; 20 confirmed now → 8 new seats: 360,016 fen.
    expect(nextAdvance(terms, ids(20), 12)).toMatchObject({ seats: 8, amountFen: 360_016, coveredBefore: 12 });
  });

  it("never pays more seats than the contract's headcount", () => {
    expect(nextAdvance(terms, ids(30), 0)).toMatchObject({ seats: 25, amountFen: 25 * 45_002 });
    expect(nextAdvance(terms, ids(30), 25)).toBeNull();
  });

  it("owes nothing when dropped trainees leave fewer confirmed than already covered", () => {
    // 12 covered, 3 dropped since: 9 confirmed → nothing new.
    expect(nextAdvance(terms, ids(9), 12)).toBeNull();
    // 2 more confirmed than covered after replacements: 2 seats.
    expect(nextAdvance(terms, ids(14), 12)).toMatchObject({ seats: 2, amountFen: 90_004 });
  });

  it("frees the seats of a refused advance: the same trainees may be requested again", () => {
    // A refused milestone does not count as covering: covered stays 0.
    expect(nextAdvance(terms, ids(12), 0)?.amountFen).toBe(540_024);
  });

  it("is nothing with no confirmed trainee, or with a 0 % advance", () => {
    expect(nextAdvance(terms, [], 0)).toBeNull();
    expect(nextAdvance({ ...terms, advancePct: 0 }, ids(5), 0)).toBeNull();
  });
});

describe("the next balance", () => {
  const terms = { priceFen: 150_005, advancePct: 30, headcount: 25 };
  const cert = (n: number, from = 1) => ids(n, from).map((enrolmentId) => ({ enrolmentId, certificateNumber: `C-${enrolmentId}` }));

  it("pays price − advance for each certified trainee", () => {
    // 105,003 fen each (150,005 − 45,002); 3 trainees: 315,009.
    expect(nextBalance(terms, cert(3), new Set())).toMatchObject({ perTraineeFen: 105_003, amountFen: 315_009, coveredBefore: 0 });
  });

  it("leaves out trainees already in a live balance milestone", () => {
    const b = nextBalance(terms, cert(5), new Set(["e1", "e2"]));
    expect(b?.trainees.map((t) => t.enrolmentId)).toEqual(["e3", "e4", "e5"]);
    expect(b).toMatchObject({ amountFen: 315_009, coveredBefore: 2 });
    expect(traineeCountOf(b!)).toBe(3);
  });

  it("is nothing when every certified trainee is covered, or the advance was the whole price", () => {
    expect(nextBalance(terms, cert(2), new Set(["e1", "e2"]))).toBeNull();
    expect(nextBalance({ ...terms, advancePct: 100 }, cert(2), new Set())).toBeNull();
  });

  it("makes a contract whose every trainee certifies pay exactly price × headcount", () => {
    for (const [price, pct, headcount] of [
      [150_005, 30, 25],
      [150_001, 30, 7],
      [333_333, 33, 13],
      [99_999, 1, 3],
    ] as const) {
      const t = { priceFen: price, advancePct: pct, headcount };
      // Advances in two parts (a partial cohort, then the rest), balances in two parts.
      const a1 = nextAdvance(t, ids(Math.ceil(headcount / 2)), 0)!;
      const a2 = nextAdvance(t, ids(headcount), a1.seats)!;
      const all = cert(headcount);
      const b1 = nextBalance(t, all.slice(0, 2), new Set())!;
      const b2 = nextBalance(t, all, new Set(b1.trainees.map((x) => x.enrolmentId)))!;
      expect(a1.amountFen + a2.amountFen + b1.amountFen + b2.amountFen).toBe(price * headcount);
    }
  });

  it("reads its basis back from the stored JSON", () => {
    const b = nextBalance(terms, cert(1), new Set())!;
    expect(parseBasis(JSON.stringify(b))).toEqual(b);
    expect(parseBasis("not json")).toBeNull();
    expect(parseBasis('{"kind":"other"}')).toBeNull();
  });
});

describe("whether a payout account can receive", () => {
  const account = { accountId: "acct_1", mode: "stripe" as const, canReceive: true, detailsSubmitted: true, requirements: null };
  it.each([
    [null, "stripe", "noAccount"],
    [account, "stripe", null],
    [account, "offline", "otherMode"],
    [{ ...account, canReceive: false, detailsSubmitted: false }, "stripe", "onboardingUnfinished"],
    [{ ...account, canReceive: false, requirements: "external_account" }, "stripe", "requirements"],
  ] as const)("%o under %s → %s", (a, mode, block) => {
    expect(payoutBlock(a, mode)).toBe(block);
  });

  it("reads Stripe's account: transfers active, details, and what is due", () => {
    expect(accountStatusOf({ capabilities: { transfers: "active" }, details_submitted: true, requirements: { currently_due: [], disabled_reason: null } })).toEqual({
      canReceive: true,
      detailsSubmitted: true,
      requirements: null,
    });
    expect(
      accountStatusOf({ capabilities: { transfers: "inactive" }, details_submitted: true, requirements: { disabled_reason: "requirements.past_due", currently_due: ["external_account"], past_due: ["external_account", "tos_acceptance.date"] } }),
    ).toEqual({ canReceive: false, detailsSubmitted: true, requirements: "requirements.past_due · external_account, tos_acceptance.date" });
    expect(accountStatusOf({})).toEqual({ canReceive: false, detailsSubmitted: false, requirements: null });
  });
});
