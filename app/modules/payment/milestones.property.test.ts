/**
 * Issue 8, test 7: milestone arithmetic in integer fen for any price, advance share and cohort.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advancePerTraineeFen, balancePerTraineeFen, nextAdvance, nextBalance, parseBasis, traineeCountOf } from "./milestones";

/** Prices up to ¥100 billion a trainee: price × 100 % stays an exact integer. */
const price = fc.integer({ min: 0, max: 10_000_000_000_000 });
const pct = fc.integer({ min: 0, max: 100 });

describe("milestone amounts", () => {
  it("the advance is price × share rounded half up to the fen, exactly; advance + balance = price; both whole and ≥ 0", () => {
    fc.assert(
      fc.property(price, pct, (p, s) => {
        const a = advancePerTraineeFen(p, s);
        const exact = (BigInt(p) * BigInt(s) * 2n + 100n) / 200n; // round half up of p·s/100 in integers
        expect(BigInt(a)).toBe(exact);
        const b = balancePerTraineeFen(p, s);
        expect(a + b).toBe(p);
        for (const v of [a, b]) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
      }),
    );
  });

  it("refuses only a price or share outside the rule, with a RangeError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer()), fc.oneof(fc.double(), fc.integer()), (p, s) => {
        const allowed = Number.isSafeInteger(p) && p >= 0 && Number.isInteger(s) && s >= 0 && s <= 100;
        if (allowed) expect(() => advancePerTraineeFen(p, s)).not.toThrow();
        else expect(() => advancePerTraineeFen(p, s)).toThrow(RangeError);
      }),
    );
  });

  it("over any course of confirmations, advances, certifications and balances, a contract never pays more than price × headcount, and pays exactly that when every seat is confirmed and certifies", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        pct,
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 6 }),
        (priceFen, advancePct, headcount, confirmations, certifyBatches) => {
          const terms = { priceFen, advancePct, headcount };
          let paid = 0;
          let covered = 0;
          let confirmed = 0;
          // Advances as trainees are confirmed (the count may grow past the headcount).
          for (const more of [...confirmations, headcount]) {
            confirmed = Math.max(confirmed, more);
            const ids = Array.from({ length: confirmed }, (_, i) => `e${i}`);
            const adv = nextAdvance(terms, ids, covered);
            if (adv) {
              expect(adv.amountFen).toBe(adv.seats * adv.perTraineeFen);
              expect(traineeCountOf(adv)).toBe(adv.seats);
              covered += adv.seats;
              paid += adv.amountFen;
            }
            expect(covered).toBeLessThanOrEqual(headcount);
          }
          // Balances as the headcount's trainees certify, in batches, the last batch taking the rest.
          const certified: { enrolmentId: string; certificateNumber: string }[] = [];
          const inBalance = new Set<string>();
          for (const batch of [...certifyBatches, headcount]) {
            while (certified.length < Math.min(headcount, certified.length + batch)) certified.push({ enrolmentId: `e${certified.length}`, certificateNumber: `C${certified.length}` });
            const bal = nextBalance(terms, certified, inBalance);
            if (bal) {
              expect(bal.trainees.every((t) => !inBalance.has(t.enrolmentId))).toBe(true);
              for (const t of bal.trainees) inBalance.add(t.enrolmentId);
              paid += bal.amountFen;
            }
            expect(paid).toBeLessThanOrEqual(priceFen * headcount);
          }
          expect(paid).toBe(priceFen * headcount);
          // What was frozen reads back the same.
          const frozen = nextBalance(terms, [{ enrolmentId: "x", certificateNumber: null }], new Set());
          if (frozen) expect(parseBasis(JSON.stringify(frozen))).toEqual(frozen);
        },
      ),
    );
  });

  it("reading a stored basis never throws", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => void parseBasis(text)));
  });
});
