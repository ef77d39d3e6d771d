import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { bidFormSchema } from "./content";

const terms = { maxPriceFen: 180_000, windowStart: "2027-03-01", windowEnd: "2027-07-31" };

/** The bid form as a browser posts it: five trainer rows, the unused ones left blank. */
function form(o: Record<string, string> = {}, trainers: [string, string][] = [["王建国", "GJ-2019-0312"], ["", ""], ["", ""], ["", ""], ["", ""]]): FormData {
  const f = new FormData();
  const fields = { price: "1680", capacity: "12", plannedStart: "2027-03-15", plannedEnd: "2027-07-15", theoryHours: "40", practiceHours: "80", venue: "实训楼", plan: "培训方案", ...o };
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  trainers.forEach(([n, c], i) => {
    f.append(`trainerName[${i}]`, n);
    f.append(`trainerCertificate[${i}]`, c);
  });
  return f;
}

describe("the bid form", () => {
  it("takes one trainer and four blank rows (a blank row is unused, not an error)", () => {
    const r = parseWithZod(form(), { schema: bidFormSchema(terms) });
    expect(r.status).toBe("success");
    if (r.status === "success") expect(r.value).toMatchObject({ priceFen: 168_000, capacity: 12, trainers: [{ name: "王建国", certificate: "GJ-2019-0312" }] });
  });

  it("refuses a price above the lot's maximum, a half-filled trainer row, and no trainer at all, beside the field", () => {
    const over = parseWithZod(form({ price: "1800.01" }), { schema: bidFormSchema(terms) });
    expect(over.status).toBe("error");
    expect(over.reply().error?.price?.[0]).toMatch(/^bidding\.errors\.priceAboveCap/);
    const half = parseWithZod(form({}, [["王建国", ""], ["", ""]]), { schema: bidFormSchema(terms) });
    expect(half.reply().error?.trainerName).toContain("bidding.errors.trainerIncomplete");
    const none = parseWithZod(form({}, [["", ""], ["", ""]]), { schema: bidFormSchema(terms) });
    expect(none.reply().error?.trainerName).toContain("bidding.errors.trainers");
  });
});
