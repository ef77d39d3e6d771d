import { describe, expect, it } from "vitest";
import { createI18n } from "~/ui/i18n/i18n";
import { resources } from "~/ui/i18n/resources";
import { LOT_SUMMARY_SLOTS, lotSummaryFormat } from "./lot-summary";

describe("a lot's summary on the public tender list", () => {
  for (const lng of ["zh-CN", "en"] as const) {
    it(`reads exactly as the dictionary's interpolation in ${lng}`, () => {
      const { t } = createI18n(lng, resources[lng].translation);
      const format = lotSummaryFormat(t("tender.public.lotSummary", LOT_SUMMARY_SLOTS));
      const values = { occupation: "电工 Electrician", level: "四级 Level 4", headcount: "12" };
      expect(format(values)).toBe(t("tender.public.lotSummary", { ...values, headcount: 12 }));
      expect(format(values)).toContain("12");
      expect(format(values)).not.toContain("\uE000");
    });
  }

  it("keeps text that looks like a marker or a placeholder in a value as it is", () => {
    const format = lotSummaryFormat(`${LOT_SUMMARY_SLOTS.occupation} / ${LOT_SUMMARY_SLOTS.headcount}`);
    expect(format({ occupation: "{{level}} $& x", level: "L", headcount: "3" })).toBe("{{level}} $& x / 3");
  });
});
