import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { builderSchema, createTenderSchema } from "./schemas";

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("the builder's forms as the server reads them", () => {
  it("reads a deadline typed in Beijing time as a UTC instant", () => {
    const s = parseWithZod(
      form([
        ["intent", "details"],
        ["version", "v1"],
        ["title", " 焊工培训 "],
        ["regime", "GP"],
        ["bidDeadline", "2026-12-22T10:00"],
        ["minValidBids", "3"],
        ["pricePoints", "30"],
      ]),
      { schema: builderSchema },
    );
    expect(s.status).toBe("success");
    expect(s.status === "success" && s.value).toMatchObject({ intent: "details", title: "焊工培训", bidDeadline: new Date("2026-12-22T02:00:00Z"), minValidBids: 3 });
  });

  it("refuses an impossible deadline and points outside 0–100, next to their fields", () => {
    const s = parseWithZod(
      form([
        ["intent", "details"],
        ["version", "v1"],
        ["title", "标题"],
        ["regime", "GP"],
        ["bidDeadline", "2026-02-30T10:00"],
        ["minValidBids", "2.5"],
        ["pricePoints", "101"],
      ]),
      { schema: builderSchema },
    );
    expect(s.status).toBe("error");
    expect(s.reply().error).toEqual({
      bidDeadline: ["tender.form.dateTime"],
      minValidBids: ["tender.form.wholeNumber"],
      pricePoints: ['tender.form.between|{"min":0,"max":100}'],
    });
  });

  it("keeps criteria rows that are filled in, drops blank and removed rows, and flags half-filled ones", () => {
    const ok = parseWithZod(
      form([
        ["intent", "criteria"],
        ["version", "v1"],
        ["criteria[0].name", "培训方案"],
        ["criteria[0].points", "40"],
        ["criteria[1].name", "旧标准"],
        ["criteria[1].points", "10"],
        ["criteria[1].remove", "on"],
        ["criteria[2].name", ""],
        ["criteria[2].points", ""],
        ["criteria[3].name", "师资"],
        ["criteria[3].points", "30"],
        ["criteria[3].description", "高级技师占比"],
      ]),
      { schema: builderSchema },
    );
    expect(ok.status === "success" && ok.value).toEqual({
      intent: "criteria",
      version: "v1",
      criteria: [
        { name: "培训方案", description: null, points: 40 },
        { name: "师资", description: "高级技师占比", points: 30 },
      ],
    });
    const half = parseWithZod(
      form([
        ["intent", "criteria"],
        ["version", "v1"],
        ["criteria[0].name", "培训方案"],
        ["criteria[1].points", "0"],
      ]),
      { schema: builderSchema },
    );
    expect(half.reply().error).toEqual({
      "criteria[0].points": ["common.form.required"],
      "criteria[1].name": ["common.form.required"],
      "criteria[1].points": ['tender.form.between|{"min":1,"max":100}'],
    });
  });

  it("reads a lot's price in yuan as fen, with the money rule's message", () => {
    const lot = (price: string) =>
      parseWithZod(
        form([
          ["intent", "editLot"],
          ["version", "v1"],
          ["lotId", "l1"],
          ["maxPrice", price],
          ["windowStart", "2027-03-01"],
          ["windowEnd", "2027-06-30"],
        ]),
        { schema: builderSchema },
      );
    const good = lot("1,800.50");
    expect(good.status === "success" && good.value).toMatchObject({ maxPrice: 180_050 });
    expect(lot("18.005").reply().error).toEqual({ maxPrice: ['tender.money.tooManyDecimals|{"expected":"2","actual":"3"}'] });
  });

  it("needs chosen demand to create a tender, one or many", () => {
    expect(parseWithZod(form([["title", "标题"]]), { schema: createTenderSchema }).reply().error).toEqual({ demandIds: ["tender.new.chooseDemand"] });
    const one = parseWithZod(form([["title", "标题"], ["demandIds", "d1"]]), { schema: createTenderSchema });
    expect(one.status === "success" && one.value.demandIds).toEqual(["d1"]);
  });

  it("reads the panel as the evaluators' choices", () => {
    const s = parseWithZod(
      form([
        ["intent", "panel"],
        ["version", "v1"],
        ["members[0].userId", "u1"],
        ["members[0].kind", "expert"],
        ["members[1].userId", "u2"],
        ["members[1].kind", "none"],
      ]),
      { schema: builderSchema },
    );
    expect(s.status === "success" && s.value).toEqual({
      intent: "panel",
      version: "v1",
      members: [
        { userId: "u1", kind: "expert" },
        { userId: "u2", kind: "none" },
      ],
    });
  });
});
