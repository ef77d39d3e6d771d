import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { i18nFor } from "~/ui/i18n/instances.server";
import { PastPerformanceText } from "./evaluation-views";

function text(lng: "zh-CN" | "en", record: Parameters<typeof PastPerformanceText>[0]["record"]): string {
  const html = renderToString(
    <I18nextProvider i18n={i18nFor(lng)}>
      <PastPerformanceText record={record} />
    </I18nextProvider>,
  );
  return html.replace(/<br\/>/g, "\n").replace(/<!-- -->/g, "");
}

describe("an institution's past performance as the panel reads it", () => {
  it("shows the accepted contracts' completion and certification rates and the mean rating", () => {
    // 2 accepted contracts, 20 trainees with a result: 18 completed (90 %), 15 certified (75 %).
    const record = { completedContracts: 2, traineesWithResult: 20, completionRate: 0.9, certificationRate: 0.75, meanRating: 4.5, ratingCount: 2 };
    expect(text("zh-CN", record)).toBe("已完成合同 2 份\n结业率 90%，取证率 75%（20 名学员）\n企业评价 4.5 / 5（2 条）");
    expect(text("en", record)).toBe("2 completed contract(s)\ncompletion 90%, certification 75% (20 trainees)\nenterprise rating 4.5 / 5 (2 ratings)");
  });

  it("says so when no enterprise has rated yet, and when there is no history at all", () => {
    const unrated = { completedContracts: 1, traineesWithResult: 3, completionRate: 2 / 3, certificationRate: 0.333, meanRating: null, ratingCount: 0 };
    expect(text("zh-CN", unrated)).toBe("已完成合同 1 份\n结业率 66.7%，取证率 33.3%（3 名学员）\n尚无企业评价");
    const none = { completedContracts: 0, traineesWithResult: 0, completionRate: null, certificationRate: null, meanRating: null, ratingCount: 0 };
    expect(text("en", none)).toBe("No history");
  });
});
