import { describe, expect, it } from "vitest";
import {
  buildReleases,
  cny,
  compileRelease,
  CONTRACT_STATUS,
  contentHistory,
  EMPTY_COHORT,
  ocidOf,
  pageOfReleases,
  parseReleaseQuery,
  parseSince,
  referenceOfOcid,
  releasesPageLink,
  type ContractData,
  type ProcessData,
  type PublicationContext,
  type Release,
  type TenderContent,
} from "./ocds";

const ctx: PublicationContext = {
  origin: "https://open.example.test",
  bureau: { id: "bureau", name: "示范区人力资源和社会保障局", creditCode: null },
  organisations: new Map([
    ["i1", { id: "i1", name: "甲培训学校", creditCode: "52330100MJ0000011X" }],
    ["i2", { id: "i2", name: "乙技工学校", creditCode: null }],
  ]),
  occupations: new Map([["6-18-02-04", "焊工"]]),
};

const lot = { number: 1, occupationCode: "6-18-02-04", level: 4, headcount: 20, windowStart: "2027-03-01", windowEnd: "2027-06-30", maxPriceFen: 180_000 };

/** A tender published on 1 December, opened on 22 December, awarded, its contract signed on 5 January. */
function process(o: Partial<ProcessData> = {}, contract: Partial<ContractData> = {}): ProcessData {
  return {
    reference: "ZJ-2026-0001",
    title: "焊工培训",
    description: null,
    regime: "GP",
    status: "awarded",
    publishedAt: "2026-12-01T02:00:00.000Z",
    bidDeadline: "2026-12-22T02:00:00.000Z",
    pricePoints: 30,
    cancelReason: null,
    cancelledAt: null,
    criteria: [{ name: "培训方案", description: null, points: 70 }],
    lots: [{ ...lot, status: "awarded", updatedAt: "2027-01-04T02:00:00.000Z" }],
    amendments: [],
    openings: [
      {
        lotNumber: 1,
        openedAt: "2026-12-22T02:30:00.000Z",
        outcome: "proceed",
        minValidBids: 3,
        lines: ["i1", "i2", "i2"].map((id, i) => ({ institutionId: id, priceFen: 150_000 + i, capacity: 20, submittedAt: "2026-12-20T02:00:00.000Z", counted: true, reason: null })),
      },
    ],
    awards: [
      { id: "a1", lotNumber: 1, institutionId: "i1", rank: 1, round: 1, headcount: 20, priceFen: 150_000, valueFen: 3_000_000, status: "confirmed", publishedAt: "2026-12-24T02:00:00.000Z", updatedAt: "2027-01-04T02:00:00.000Z" },
    ],
    contracts: [
      {
        reference: "HT-2027-0001",
        awardId: "a1",
        lotNumber: 1,
        institutionId: "i1",
        status: "active",
        headcount: 20,
        priceFen: 150_000,
        valueFen: 3_000_000,
        createdAt: "2027-01-04T02:00:00.000Z",
        bureauSignedAt: "2027-01-05T02:00:00.000Z",
        institutionSignedAt: "2027-01-05T03:00:00.000Z",
        completedAt: null,
        updatedAt: "2027-01-05T03:00:00.000Z",
        cohort: EMPTY_COHORT,
        milestones: [],
        ...contract,
      },
    ],
    ...o,
  };
}

const byTag = (rs: Release[], tag: string) => rs.filter((r) => r.tag.includes(tag as never));

describe("identifiers and money", () => {
  it("names a process by the prefix and the tender reference, and reads it back", () => {
    expect(ocidOf("ZJ-2026-0001")).toBe("ocds-skilltender-ZJ-2026-0001");
    expect(referenceOfOcid("ocds-skilltender-ZJ-2026-0001")).toBe("ZJ-2026-0001");
    expect(referenceOfOcid("ocds-other-ZJ-2026-0001")).toBeNull();
    expect(referenceOfOcid("ocds-skilltender-")).toBeNull();
  });

  it.each([
    [123_456, 1234.56],
    [1_500_000, 15000],
    [1, 0.01],
    [10, 0.1],
    [-250, -2.5],
  ])("%i fen is %d yuan, in CNY", (fen, amount) => {
    expect(cny(fen)).toEqual({ amount, currency: "CNY" });
  });
});

describe("reading ?since= and ?page=", () => {
  it.each([
    ["2026-12-01T08:00:00+08:00", "2026-12-01T00:00:00.000Z"],
    ["2026-12-01T08:00:00 08:00", "2026-12-01T00:00:00.000Z"], // '+' decoded to a space by the query string
    ["2026-12-01T00:00:00Z", "2026-12-01T00:00:00.000Z"],
    ["2026-12-01t00:00z", "2026-12-01T00:00:00.000Z"],
    ["2026-12-01T00:00:00.123456Z", "2026-12-01T00:00:00.123Z"],
    ["2026-12-01T00:00:00-0530", "2026-12-01T05:30:00.000Z"],
    ["2026-12-01", "2026-11-30T16:00:00.000Z"], // a date: midnight in Shanghai
    ["2028-02-29", "2028-02-28T16:00:00.000Z"],
  ])("%s is %s", (text, iso) => {
    expect(parseSince(text)?.toISOString()).toBe(iso);
  });

  it.each(["", "yesterday", "2026-12-01T00:00:00", "2026-13-01", "2026-02-30", "2027-02-29", "2026-12-01T24:00:00Z", "2026-12-01T10:60Z", "2026-12-01T10:00+24:00", "1733011200", "2026/12/01"])(
    "%j is not a time",
    (text) => {
      expect(parseSince(text)).toBeNull();
    },
  );

  it("defaults to the first page and no lower bound; names the bad parameter with a clear message", () => {
    expect(parseReleaseQuery(new URLSearchParams(""))).toEqual({ ok: true, value: { page: 1, since: null } });
    expect(parseReleaseQuery(new URLSearchParams("page=3&since=2026-12-01T00:00:00Z"))).toEqual({ ok: true, value: { page: 3, since: new Date("2026-12-01T00:00:00Z") } });
    for (const page of ["0", "-1", "1.5", "abc", "", "1e3"]) {
      const r = parseReleaseQuery(new URLSearchParams({ page }));
      expect(r).toMatchObject({ ok: false, problem: { parameter: "page" } });
      if (!r.ok) expect(r.problem.message).toContain("page must be a whole number from 1");
    }
    const r = parseReleaseQuery(new URLSearchParams({ since: "last week" }));
    expect(r).toMatchObject({ ok: false, problem: { parameter: "since" } });
    if (!r.ok) expect(r.problem.message).toContain('got "last week"');
  });

  it("links pages by absolute path, carrying since in UTC", () => {
    expect(releasesPageLink(2, null)).toBe("/ocds/releases.json?page=2");
    expect(releasesPageLink(3, new Date("2026-12-01T00:00:00+08:00"))).toBe("/ocds/releases.json?page=3&since=2026-11-30T16%3A00%3A00.000Z");
  });
});

describe("paging", () => {
  const rel = (id: string, date: string): Release => ({ ...buildReleases(process(), ctx)[0]!, id, date });
  const all = [rel("c", "2026-12-03T00:00:00.000Z"), rel("a", "2026-12-01T00:00:00.000Z"), rel("b", "2026-12-02T00:00:00.000Z")];

  it("orders by date, cuts fixed pages, and has nothing past the last page", () => {
    expect(pageOfReleases(all, { page: 1, since: null }, 2)).toEqual({ releases: [all[1], all[2]], pages: 2 });
    expect(pageOfReleases(all, { page: 2, since: null }, 2)).toEqual({ releases: [all[0]], pages: 2 });
    expect(pageOfReleases(all, { page: 3, since: null }, 2)).toBeNull();
  });

  it("keeps releases dated at or after since; an empty result is still page 1", () => {
    expect(pageOfReleases(all, { page: 1, since: new Date("2026-12-02T00:00:00.000Z") }, 2)?.releases.map((r) => r.id)).toEqual(["b", "c"]);
    expect(pageOfReleases(all, { page: 1, since: new Date("2027-01-01T00:00:00.000Z") }, 2)).toEqual({ releases: [], pages: 1 });
  });
});

describe("compiling a record (OCDS merge)", () => {
  const base = { ocid: "ocds-skilltender-X", initiationType: "tender", language: "zh", buyer: { id: "b", name: "局" } } as const;
  const r = (id: string, date: string, body: object): Release => ({ ...base, id, date, tag: ["tender"], ...body }) as Release;

  it("lets the latest value of each field win, merges arrays of objects by id, replaces lists of values, and drops a field set to null", () => {
    const compiled = compileRelease([
      r("2", "2026-12-02T00:00:00.000Z", {
        tender: { id: "T", status: "complete", description: null, items: [{ id: "lot-2", quantity: 5 }, { id: "lot-1", quantity: 12 }] },
        awards: [{ id: "a1", status: "active" }],
        parties: [{ id: "p", name: "甲", roles: ["tenderer", "supplier"] }],
      }),
      r("1", "2026-12-01T00:00:00.000Z", {
        tender: { id: "T", status: "active", title: "焊工", description: "旧", items: [{ id: "lot-1", quantity: 10, additionalClassifications: [{ scheme: "CPV", id: "1" }, { scheme: "X", id: "2" }] }] },
        awards: [{ id: "a1", status: "pending", date: "2026-12-01T00:00:00.000Z" }, { id: "a0", status: "cancelled" }],
        parties: [{ id: "p", name: "甲", roles: ["tenderer"] }],
      }),
      r("3", "2026-12-03T00:00:00.000Z", { tender: { id: "T", items: [{ id: "lot-1", additionalClassifications: [{ scheme: "CPV", id: "1" }] }] } }),
    ]);
    expect(compiled).toEqual({
      ...base,
      id: "ocds-skilltender-X-2026-12-03T00:00:00.000Z",
      date: "2026-12-03T00:00:00.000Z",
      tag: ["compiled"],
      parties: [{ id: "p", name: "甲", roles: ["tenderer", "supplier"] }],
      tender: {
        id: "T",
        status: "complete",
        title: "焊工",
        items: [
          { id: "lot-1", quantity: 12, additionalClassifications: [{ scheme: "CPV", id: "1" }] },
          { id: "lot-2", quantity: 5 },
        ],
      },
      awards: [
        { id: "a1", status: "active", date: "2026-12-01T00:00:00.000Z" },
        { id: "a0", status: "cancelled" },
      ],
    });
  });
});

describe("the tender's content over time", () => {
  const now: TenderContent = { title: "新名称", description: null, bidDeadline: "2026-12-28T02:00:00.000Z", pricePoints: 30, criteria: [{ name: "方案", description: null, points: 70 }], lots: [{ ...lot, maxPriceFen: 160_000 }] };

  it("is rebuilt backwards from the amendments' recorded changes", () => {
    const history = contentHistory(now, [
      {
        at: "2026-12-11T06:00:00.000Z",
        summary: "限价调整",
        material: true,
        changes: [
          { field: "bidDeadline", material: true, before: "2026-12-22T02:00:00.000Z", after: "2026-12-28T02:00:00.000Z" },
          { field: "lot1", material: true, before: { ...lot, status: "open", demandIds: [] }, after: { ...lot, maxPriceFen: 160_000 } },
          { field: "lot2", material: true, before: { ...lot, number: 2, headcount: 5, status: "open", demandIds: [] }, after: null },
        ],
      },
      { at: "2026-12-05T06:00:00.000Z", summary: "更名", material: false, changes: [{ field: "title", material: false, before: "旧名称", after: "新名称" }, { field: "unknown", before: 1 }] },
    ]);
    expect(history.map((h) => [h.title, h.bidDeadline, h.lots.map((l) => [l.number, l.maxPriceFen, l.headcount])])).toEqual([
      ["旧名称", "2026-12-22T02:00:00.000Z", [[1, 180_000, 20], [2, 180_000, 5]]],
      ["新名称", "2026-12-22T02:00:00.000Z", [[1, 180_000, 20], [2, 180_000, 5]]],
      ["新名称", "2026-12-28T02:00:00.000Z", [[1, 160_000, 20]]],
    ]);
  });

  it("shows each state in its own release, and a lot removed later as removed", () => {
    const p = process({
      title: "新名称",
      bidDeadline: "2026-12-28T02:00:00.000Z",
      amendments: [
        {
          at: "2026-12-11T06:00:00.000Z",
          summary: "合并标段",
          material: true,
          changes: [{ field: "lot2", material: true, before: { ...lot, number: 2, headcount: 5, status: "open", demandIds: [] }, after: null }],
        },
      ],
    });
    const rs = buildReleases(p, ctx);
    const [published] = byTag(rs, "tender");
    const [amended] = byTag(rs, "tenderAmendment");
    expect(published!.tender!.items.map((i) => [i.id, i.quantity])).toEqual([["lot-1", 20], ["lot-2", 5]]);
    expect(amended!.tender!.items.map((i) => [i.id, i.quantity])).toEqual([["lot-1", 20], ["lot-2", 0]]);
    expect(amended!.tender!.amendments).toEqual([
      { id: "amendment-1", date: "2026-12-11T06:00:00.000Z", rationale: "合并标段", description: "变更：第2标段（实质性变更）", amendsReleaseID: published!.id, releaseID: amended!.id },
    ]);
  });
});

describe("releases of a process", () => {
  it("have unique ids, tags from the codelist, and dates in order", () => {
    const rs = buildReleases(process(), ctx);
    expect(new Set(rs.map((r) => r.id)).size).toBe(rs.length);
    // At one instant (4 January: the window closed) the tender comes first, then awards, then contracts.
    expect(rs.map((r) => r.tag)).toEqual([["tender"], ["tenderUpdate"], ["award"], ["tenderUpdate"], ["awardUpdate"], ["contract"], ["contractUpdate"], ["implementation"]]);
    expect(rs.map((r) => r.date)).toEqual([...rs.map((r) => r.date)].sort());
  });

  it("count each institution once among the tenderers and give parties the roles they have at each date", () => {
    const rs = buildReleases(process(), ctx);
    const roles = (r: Release) => Object.fromEntries(r.parties.map((p) => [p.name, p.roles]));
    expect(roles(rs[0]!)).toEqual({ 示范区人力资源和社会保障局: ["buyer", "procuringEntity"] });
    expect(byTag(rs, "tenderUpdate")[0]!.tender).toMatchObject({ numberOfTenderers: 2 });
    expect(roles(rs.at(-1)!)).toEqual({ 示范区人力资源和社会保障局: ["buyer", "procuringEntity"], 甲培训学校: ["tenderer", "supplier"], 乙技工学校: ["tenderer"] });
    expect(rs.at(-1)!.parties.map((p) => p.id)).toEqual(["SKILLTENDER-bureau", "CN-USCC-52330100MJ0000011X", "SKILLTENDER-i2"]);
  });

  it.each([
    ["pending_signature", "pending"],
    ["active", "active"],
    ["completed", "terminated"],
    ["terminated", "terminated"],
    ["lapsed", "cancelled"],
  ] as const)("map contract status %s to %s", (ours, theirs) => {
    expect(CONTRACT_STATUS[ours]).toBe(theirs);
  });

  it("call a contract terminated before it was signed cancelled", () => {
    const rs = buildReleases(process({}, { status: "terminated", bureauSignedAt: null, updatedAt: "2027-01-06T02:00:00.000Z" }), ctx);
    expect(rs.filter((r) => r.id.includes("-contract-")).map((r) => [r.id.split("-").at(-1), r.contracts![0]!.status])).toEqual([
      ["pending", "pending"],
      ["cancelled", "cancelled"],
    ]);
  });

  it("track payment milestones and transfers, and undo a reversed transfer", () => {
    const p = process(
      {},
      {
        cohort: { ...EMPTY_COHORT, confirmed: 20, lastConfirmedAt: "2027-02-01T02:00:00.000Z" },
        milestones: [
          {
            number: 1,
            kind: "advance",
            traineeCount: 20,
            amountFen: 900_000,
            status: "approved",
            requestedAt: "2027-02-02T02:00:00.000Z",
            decidedAt: "2027-02-03T02:00:00.000Z",
            payments: [{ attempt: 1, amountFen: 900_000, status: "reversed", settledAt: "2027-02-04T02:00:00.000Z", updatedAt: "2027-02-06T02:00:00.000Z" }],
          },
          { number: 2, kind: "balance", traineeCount: 3, amountFen: 150_001, status: "refused", requestedAt: "2027-07-01T02:00:00.000Z", decidedAt: "2027-07-02T02:00:00.000Z", payments: [] },
        ],
      },
    );
    const rs = buildReleases(p, ctx).filter((r) => r.id.includes("-implementation-"));
    expect(rs.map((r) => r.date)).toEqual([
      "2027-01-05T03:00:00.000Z",
      "2027-02-01T02:00:00.000Z",
      "2027-02-02T02:00:00.000Z",
      "2027-02-03T02:00:00.000Z",
      "2027-02-04T02:00:00.000Z",
      "2027-02-06T02:00:00.000Z",
      "2027-07-01T02:00:00.000Z",
      "2027-07-02T02:00:00.000Z",
    ]);
    expect(rs.map((r) => r.tag[0])).toEqual(["implementation", ...Array(7).fill("implementationUpdate")]);
    const impl = (i: number) => rs[i]!.contracts![0]!.implementation!;
    const advance = (i: number) => impl(i).milestones.find((m) => m.id === "payment-1");
    expect(impl(1).milestones.find((m) => m.id === "enrolment")).toMatchObject({ status: "met", dateMet: "2027-02-01T02:00:00.000Z" });
    expect(advance(2)).toMatchObject({ status: "scheduled", type: "payment", code: "advance", description: "金额 ¥9,000.00，涉及 20 名学员；已申请。" });
    expect(advance(3)).toMatchObject({ status: "scheduled", description: expect.stringContaining("已批准"), dateModified: "2027-02-03T02:00:00.000Z" });
    expect(advance(4)).toMatchObject({ status: "met", dateMet: "2027-02-04T02:00:00.000Z" });
    const payer = { id: "SKILLTENDER-bureau", name: "示范区人力资源和社会保障局" };
    const payee = { id: "CN-USCC-52330100MJ0000011X", name: "甲培训学校" };
    expect(impl(4).transactions).toEqual([{ id: "payment-1-1", date: "2027-02-04T02:00:00.000Z", value: { amount: 9000, currency: "CNY" }, payer, payee }]);
    expect(advance(5)).toMatchObject({ status: "scheduled", dateMet: null, dateModified: "2027-02-06T02:00:00.000Z" });
    expect(impl(5).transactions.map((t) => [t.id, t.value.amount])).toEqual([["payment-1-1", 9000], ["payment-1-1-reversal", -9000]]);
    expect(impl(7).milestones.find((m) => m.id === "payment-2")).toMatchObject({ status: "notMet", description: "金额 ¥1,500.01，涉及 3 名学员；未予批准。" });
    // The compiled release: the reversal cleared the advance's date met.
    const compiled = compileRelease(buildReleases(p, ctx));
    expect(compiled.contracts![0]!.implementation!.milestones.find((m) => m.id === "payment-1")).not.toHaveProperty("dateMet");
    expect(buildReleases(p, ctx).at(-1)!.parties.find((x) => x.name === "甲培训学校")!.roles).toEqual(["tenderer", "supplier", "payee"]);
  });
});
