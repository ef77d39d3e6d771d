/**
 * Issue 8, test 7: the tender builder's forms accept exactly what a tender may carry — titles and
 * texts within their lengths, a listed regime, a real Beijing time as the bid deadline, whole
 * numbers in their ranges, criteria of 1–100 points, real dates for a lot's window, ids — as those
 * values, and refuse the rest on the field; a deadline shown in a form, posted back, is the same
 * instant.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REGIMES } from "~/modules/reference/procurement-rules";
import { installFormMessages } from "~/modules/reference/form-messages";
import { toShanghaiLocal } from "./deadline";
import { answerSchema, builderSchema, cancelSchema, createTenderSchema, criteriaSchema, detailsSchema, editLotSchema, questionSchema, shanghaiDateTime } from "./schemas";

installFormMessages();

const words = (max: number) => fc.stringMatching(new RegExp(`^[\u4e00-\u9fa5A-Za-z0-9]([\u4e00-\u9fa5A-Za-z0-9 ,.()-]{0,${Math.min(max, 300) - 2}}[\u4e00-\u9fa5A-Za-z0-9])?$`));
const id = fc.stringMatching(/^[a-z0-9-]{1,64}$/);
/** A minute from 2000 to 2099, as a UTC instant. */
const minute = fc.integer({ min: Date.UTC(2000, 0, 1, 0, 0) / 60_000, max: Date.UTC(2099, 11, 31, 0, 0) / 60_000 }).map((m) => new Date(m * 60_000));
const isoDate = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const BAD_DATES = ["2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "26-01-01", "2026/01/01", "tomorrow", ""];
const issuesOf = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => [i.path.join("."), i.message]);

const details = fc.record({
  title: words(200),
  description: words(5000),
  regime: fc.constantFrom(...REGIMES),
  deadline: minute,
  minValidBids: fc.integer({ min: 1, max: 99 }),
  pricePoints: fc.integer({ min: 0, max: 100 }),
});
type Details = typeof details extends fc.Arbitrary<infer T> ? T : never;
const postDetails = (d: Details) => ({
  intent: "details",
  version: "v1",
  title: ` ${d.title} `,
  description: d.description,
  regime: d.regime,
  bidDeadline: toShanghaiLocal(d.deadline),
  minValidBids: d.minValidBids,
  pricePoints: d.pricePoints,
});

describe("the tender's details", () => {
  it("accept every title, description, regime, Beijing deadline and number in range, as those values — the deadline the same instant", () => {
    fc.assert(
      fc.property(details, (d) => {
        const expected = { intent: "details", version: "v1", title: d.title, description: d.description, regime: d.regime, bidDeadline: d.deadline, minValidBids: d.minValidBids, pricePoints: d.pricePoints };
        expect(detailsSchema.safeParse(postDetails(d))).toEqual({ success: true, data: expected });
        expect(builderSchema.safeParse(postDetails(d))).toEqual({ success: true, data: expected });
      }),
      { numRuns: 60 },
    );
  });

  it("refuse a number out of range or not whole with its range, on that field", () => {
    fc.assert(
      fc.property(
        details,
        fc.constantFrom(["minValidBids", 1, 99], ["pricePoints", 0, 100]),
        fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -10, max: 200, noInteger: true, noNaN: true })),
        (d, [field, min, max], n) => {
          fc.pre(!(Number.isInteger(n) && n >= min && n <= max));
          const message = Number.isInteger(n) ? `tender.form.between|${JSON.stringify({ min, max })}` : "tender.form.wholeNumber";
          expect(issuesOf(detailsSchema.safeParse({ ...postDetails(d), [field]: n }))).toEqual([[field, message]]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuse a title blank or over 200 characters, a description over 5000, an unknown regime and a time that is not a real Beijing minute, on that field", () => {
    fc.assert(
      fc.property(details, fc.integer({ min: 1, max: 50 }), fc.constantFrom("", " ", "\u3000"), (d, over, blank) => {
        expect(issuesOf(detailsSchema.safeParse({ ...postDetails(d), title: "标".repeat(200 + over) }))).toEqual([["title", 'common.form.tooLong|{"max":200}']]);
        expect(issuesOf(detailsSchema.safeParse({ ...postDetails(d), title: blank }))).toEqual([["title", "common.form.required"]]);
        expect(issuesOf(detailsSchema.safeParse({ ...postDetails(d), description: "x".repeat(5000 + over) }))).toEqual([["description", 'common.form.tooLong|{"max":5000}']]);
      }),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(details, fc.string().filter((s) => !(REGIMES as readonly string[]).includes(s)), (d, regime) => {
        expect(issuesOf(detailsSchema.safeParse({ ...postDetails(d), regime }))).toEqual([["regime", "common.form.invalid"]]);
      }),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(details, fc.constantFrom("2026-02-30T10:00", "2026-13-01T10:00", "2026-06-01T24:00", "2026-06-01T10:60", "1999-12-31T23:59", "2026-06-01", "2026-06-01 10:00", "now"), (d, bad) => {
        expect(issuesOf(detailsSchema.safeParse({ ...postDetails(d), bidDeadline: bad }))).toEqual([["bidDeadline", "tender.form.dateTime"]]);
      }),
      { numRuns: 20 },
    );
  });

  it("reads every Beijing minute a page writes back as the same instant", () => {
    fc.assert(
      fc.property(minute, (instant) => {
        expect(shanghaiDateTime.safeParse(toShanghaiLocal(instant))).toEqual({ success: true, data: instant });
      }),
    );
  });
});

const criterion = fc.record({ name: words(100), description: fc.option(words(1000), { nil: undefined }), points: fc.integer({ min: 1, max: 100 }) });

describe("the tender's criteria", () => {
  it("keep every named row of 1–100 points, drop blank and removed rows, and refuse more than 30 rows", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: criterion }, { weight: 1, arbitrary: fc.constant(null) }), { maxLength: 30 }), fc.boolean(), (rows, removeFirst) => {
        const posted = rows.map((r, i) => (r === null ? {} : { ...r, remove: removeFirst && i === 0 ? true : undefined }));
        const kept = rows.flatMap((r, i) => (r === null || (removeFirst && i === 0) ? [] : [{ name: r.name, description: r.description ?? null, points: r.points }]));
        expect(criteriaSchema.safeParse({ intent: "criteria", version: "v1", criteria: posted }).data?.criteria).toEqual(kept);
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.array(criterion, { minLength: 31, maxLength: 40 }), (rows) => {
        expect(issuesOf(criteriaSchema.safeParse({ intent: "criteria", version: "v1", criteria: rows }))).toEqual([["criteria", 'tender.criteria.tooMany|{"max":30}']]);
      }),
      { numRuns: 10 },
    );
  });

  it("refuse points outside 1–100 or not whole, a row's missing name or points, and a name over 100 characters, on that row's field", () => {
    fc.assert(
      fc.property(criterion, fc.oneof(fc.integer({ min: -500, max: 0 }), fc.integer({ min: 101, max: 10_000 }), fc.double({ min: 1, max: 100, noInteger: true, noNaN: true })), (c, points) => {
        expect(issuesOf(criteriaSchema.safeParse({ intent: "criteria", version: "v1", criteria: [c, { ...c, points }] }))).toEqual([["criteria.1.points", 'tender.form.between|{"min":1,"max":100}']]);
        expect(issuesOf(criteriaSchema.safeParse({ intent: "criteria", version: "v1", criteria: [{ ...c, points: undefined }] }))).toEqual([["criteria.0.points", "common.form.required"]]);
        expect(issuesOf(criteriaSchema.safeParse({ intent: "criteria", version: "v1", criteria: [{ ...c, name: undefined }] }))).toEqual([["criteria.0.name", "common.form.required"]]);
        expect(issuesOf(criteriaSchema.safeParse({ intent: "criteria", version: "v1", criteria: [{ ...c, name: "名".repeat(101) }] }))).toEqual([["criteria.0.name", 'common.form.tooLong|{"max":100}']]);
      }),
      { numRuns: 30 },
    );
  });
});

describe("a lot's terms", () => {
  const lot = fc.record({ lotId: id, fen: fc.integer({ min: 0, max: 10_000_000_000_000 }), start: isoDate, end: isoDate });
  type Lot = typeof lot extends fc.Arbitrary<infer T> ? T : never;
  const post = (l: Lot) => ({ intent: "editLot", version: "v1", lotId: l.lotId, maxPrice: (l.fen / 100).toFixed(2), windowStart: l.start, windowEnd: l.end });

  it("accept every id, amount and pair of real dates, as those values (the order of the window is the use case's rule)", () => {
    fc.assert(
      fc.property(lot, (l) => {
        expect(editLotSchema.safeParse(post(l))).toEqual({ success: true, data: { intent: "editLot", version: "v1", lotId: l.lotId, maxPrice: l.fen, windowStart: l.start, windowEnd: l.end } });
      }),
      { numRuns: 60 },
    );
  });

  it("refuse a date that is not a real calendar day, a missing lot and an id over 64 characters, on that field", () => {
    fc.assert(
      fc.property(lot, fc.constantFrom(...BAD_DATES), fc.constantFrom("windowStart", "windowEnd"), (l, bad, field) => {
        expect(issuesOf(editLotSchema.safeParse({ ...post(l), [field]: bad }))).toEqual([[field, "tender.form.date"]]);
      }),
      { numRuns: 30 },
    );
    fc.assert(
      fc.property(lot, fc.stringMatching(/^[a-z0-9]{65,100}$/), (l, long) => {
        expect(issuesOf(editLotSchema.safeParse({ ...post(l), lotId: undefined }))).toEqual([["lotId", "common.form.required"]]);
        expect(issuesOf(editLotSchema.safeParse({ ...post(l), lotId: long }))).toEqual([["lotId", 'common.form.tooLong|{"max":64}']]);
      }),
      { numRuns: 20 },
    );
  });
});

describe("the tender's texts", () => {
  it("accept a reason, an answer, a question and a new tender's title within their lengths, and refuse them blank or longer", () => {
    const forms = [
      ["reason", 1000, (v: unknown) => cancelSchema.safeParse({ intent: "cancel", version: "v1", reason: v })],
      ["answer", 4000, (v: unknown) => answerSchema.safeParse({ intent: "answer", questionId: "q1", answer: v })],
      ["question", 2000, (v: unknown) => questionSchema.safeParse({ question: v })],
      ["title", 200, (v: unknown) => createTenderSchema.safeParse({ title: v, demandIds: ["d1"] })],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...forms), words(4000), fc.integer({ min: 1, max: 30 }), ([field, max, parse], text, over) => {
        const fits = text.slice(0, max).trim();
        fc.pre(fits !== "");
        expect((parse(`\n${fits} `).data as Record<string, unknown>)[field]).toBe(fits);
        expect(issuesOf(parse("问".repeat(max + over)))).toEqual([[field, `common.form.tooLong|{"max":${max}}`]]);
        expect(issuesOf(parse("  "))).toEqual([[field, "common.form.required"]]);
      }),
      { numRuns: 40 },
    );
  });

  it("refuse a new tender over no demand, on the demand list", () => {
    expect(issuesOf(createTenderSchema.safeParse({ title: "二〇二六年电工培训" }))).toEqual([["demandIds", "tender.new.chooseDemand"]]);
    expect(issuesOf(createTenderSchema.safeParse({ title: "二〇二六年电工培训", demandIds: [] }))).toEqual([["demandIds", "tender.new.chooseDemand"]]);
  });
});
