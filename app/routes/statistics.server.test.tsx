import type { AppLoadContext } from "@remix-run/node";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { makeActor } from "#tests/factories";
import { contractWith, enrol, progressWorld, workforce } from "~/modules/targets/test-world.server";
import { i18nFor } from "~/ui/i18n/instances.server";
import { loader, StatisticsView, type StatisticsData } from "./statistics";

/** A year with named trainees (names, identity numbers, phones), contact people and users. */
async function yearWithPeople() {
  const w = await progressWorld();
  const enterprise = await makeActor(w.db, { kind: "enterprise", orgName: "公开页测试企业有限公司", email: "hr-person@enterprise.example" });
  const institution = await makeActor(w.db, { kind: "institution", orgName: "公开页测试培训学校", email: "office-person@institution.example" });
  await w.db.updateTable("organisations").set({ contact_name: "联系人王五", contact_phone: "13812345678" }).where("id", "in", [enterprise.orgId, institution.orgId]).execute();
  const c = await contractWith(w, { year: 2026, institution, status: "active", demands: [{ enterprise, headcount: 4, status: "contracted" }] });
  const d = c.demands[0]!;
  await enrol(w, c, d.demandId, d.traineeIds.slice(0, 3), { progress: "certified", resultAt: "2026-09-01T02:00:00.000Z", certifiedOn: "2026-09-01" });
  await enrol(w, c, d.demandId, d.traineeIds.slice(3));
  await workforce(w, enterprise, 2026, 50, 20);
  const trainees = await w.db.selectFrom("trainees").select(["name", "id_number", "phone"]).execute();
  const users = await w.db.selectFrom("users").select(["name", "email"]).execute();
  const personal = [...trainees.flatMap((t) => [t.name, t.id_number, t.phone, t.id_number.slice(0, 6) + "********" + t.id_number.slice(14)]), ...users.flatMap((u) => [u.name, u.email]), "联系人王五", "13812345678"];
  return { w, personal, organisations: [enterprise.orgName, institution.orgName] };
}

async function load(w: Awaited<ReturnType<typeof progressWorld>>, year: number): Promise<StatisticsData> {
  const context = { db: w.db, dbKind: "sqlite", nonce: "", clientAddress: "127.0.0.1", log: { requestId: "test" } } as unknown as AppLoadContext;
  return (await loader({ request: new Request(`http://localhost/statistics?year=${year}`), context, params: {} })) as StatisticsData;
}

describe("the public statistics page", () => {
  it("shows the year's progress and counts, and no personal data — nor any organisation's name", async () => {
    const { w, personal, organisations } = await yearWithPeople();
    const data = await load(w, 2026);
    expect(data.stats.progress.trained.actual).toBe(3);
    expect(data.stats.trainedByOccupation).toEqual([expect.objectContaining({ nameZh: "焊工", trained: 3 })]);
    for (const lng of ["zh-CN", "en"] as const) {
      const html = renderToString(
        <I18nextProvider i18n={i18nFor(lng)}>
          <StatisticsView data={data} />
        </I18nextProvider>,
      );
      const json = JSON.stringify(data);
      for (const text of [...personal, ...organisations]) {
        expect(json, `loader data holds ${text}`).not.toContain(text);
        expect(html, `page holds ${text}`).not.toContain(text);
      }
      // The charts are SVG images with a title and a description, each beside a table.
      expect(html.match(/<svg[^>]*role="img"/g)?.length).toBe(3);
      expect(html).toContain("<title id=\"chart-curve-title\">");
      expect(html).toContain("<desc id=\"chart-curve-desc\">");
      expect(html.match(/<table/g)?.length).toBeGreaterThanOrEqual(4);
      expect(html).toContain(lng === "en" ? "Welder" : "焊工");
    }
  });

  it("answers any year, empty or not, without an error", async () => {
    const { w } = await yearWithPeople();
    const data = await load(w, 2031);
    expect(data.stats.progress.trained).toMatchObject({ actual: 0, target: 500 });
    expect(data.stats.trainedByOccupation).toEqual([]);
    const html = renderToString(
      <I18nextProvider i18n={i18nFor("zh-CN")}>
        <StatisticsView data={data} />
      </I18nextProvider>,
    );
    expect(html).toContain("2031 年培训统计");
  });
});
