import { describe, expect, it } from "vitest";
import type { DB } from "#db/client";
import { makeActor, makeDemand } from "#tests/factories";
import { createTestDb } from "#tests/db";
import type { Actor } from "~/modules/access/actor";
import { appendAudit } from "~/modules/audit/append-audit.server";
import { loader as accreditationsPage } from "~/routes/bureau.accreditations";
import { loader as auditPage } from "~/routes/bureau.audit";
import { loader as demandsPage } from "~/routes/bureau.demands._index";
import { loader as organisationsPage } from "~/routes/bureau.organisations._index";
import { loader as calendarPage } from "~/routes/bureau.reference.calendar";
import { loader as rulesPage } from "~/routes/bureau.reference.rules";
import { loader as subsidiesPage } from "~/routes/bureau.reference.subsidies";
import { loader as tendersPage } from "~/routes/bureau.tenders._index";
import { loader as usersPage } from "~/routes/bureau.users._index";
import { loader as contractsPage } from "~/routes/contracts._index";
import { newId } from "~/utils/id.server";
import { setClock } from "~/utils/clock.server";
import { contextFor, download, recordsOf, rowsOf } from "./export-testing.server";

const WELDER = "6-18-02-04";

async function bureau(): Promise<{ db: DB; officer: Actor; admin: Actor }> {
  const { db } = await createTestDb();
  return { db, officer: await makeActor(db, { kind: "bureau", roles: ["officer"] }), admin: await makeActor(db, { kind: "bureau", roles: ["admin"] }) };
}

/** A file answer: a download with a Chinese file name, never cached. */
function expectFile(res: Response, format: "csv" | "xlsx") {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; .*filename\\*=UTF-8''%[0-9A-F]{2}.*\\.${format}$`));
  expect(res.headers.get("Cache-Control")).toBe("private, no-store");
}

describe("list exports of the bureau's tables: the page's filters, Chinese headers, yuan, Beijing time", () => {
  it("organisations: kind and status filters; registration time in Beijing time", async () => {
    const { db, officer } = await bureau();
    const pending = await makeActor(db, { kind: "institution", status: "pending", orgName: "示范职业培训学校" });
    await makeActor(db, { kind: "institution", status: "verified", orgName: "已认证培训学校" });
    await makeActor(db, { kind: "enterprise", status: "pending", orgName: "待审核企业" });
    // 16:30 UTC on 1 March is half past midnight on 2 March in Shanghai.
    await db.updateTable("organisations").set({ created_at: "2026-03-01T16:30:00.000Z" }).where("id", "=", pending.orgId).execute();

    for (const format of ["csv", "xlsx"] as const) {
      const res = await download(db, officer, `/bureau/organisations?kind=institution&status=pending&page=3&format=${format}`);
      expectFile(res, format);
      const rows = await rowsOf(res);
      expect(rows[0]).toEqual(["单位名称", "类型", "统一社会信用代码", "状态", "注册时间（北京时间）"]);
      expect(rows.slice(1)).toEqual([["示范职业培训学校", "培训机构", expect.stringMatching(/^[0-9A-Z]{18}$/), "待审核", "2026-03-02 00:30"]]);
    }
  });

  it("demands: status and occupation filters, the window as two dates, submission in Beijing time", async () => {
    const { db, officer } = await bureau();
    const enterprise = await makeActor(db, { kind: "enterprise", orgName: "示范精密机械有限公司" });
    const wanted = await makeDemand(db, enterprise, { status: "submitted", occupationCode: WELDER, level: 3, headcount: 12, earliestStart: "2027-03-01", latestEnd: "2027-06-30" });
    await makeDemand(db, enterprise, { status: "pooled", occupationCode: WELDER });
    await makeDemand(db, enterprise, { status: "submitted", occupationCode: "6-31-01-03" });
    await db.updateTable("demands").set({ submitted_at: "2026-11-30T23:15:00.000Z" }).where("id", "=", wanted).execute();

    const res = await download(db, officer, `/bureau/demands?status=submitted&occupation=${WELDER}&format=xlsx`);
    expectFile(res, "xlsx");
    const records = await recordsOf(res);
    expect(records).toEqual([
      {
        编号: expect.stringMatching(/^#[A-Z0-9]+$/),
        企业: "示范精密机械有限公司",
        "职业（工种）": "焊工",
        培训等级: "三级/高级工",
        培训人数: 12,
        最早开班日期: "2027-03-01",
        最晚结业日期: "2027-06-30",
        名单人数: 0,
        状态: "待审核",
        "提交时间（北京时间）": "2026-12-01 07:15",
      },
    ]);
  });

  it("tenders: status filter; deadline and last change in Beijing time", async () => {
    const { db, officer } = await bureau();
    const tender = (id: string, status: "draft" | "published", title: string, deadline: string | null) =>
      db
        .insertInto("tenders")
        .values({
          id,
          reference: status === "draft" ? null : "ZJ-2026-0009",
          year: 2026,
          title,
          description: null,
          regime: "GP",
          status,
          bid_deadline: deadline,
          published_at: status === "draft" ? null : "2026-12-01T02:00:00.000Z",
          min_valid_bids: 3,
          price_points: 30,
          advance_pct: 30,
          cancel_reason: null,
          last_material_amendment_at: null,
          created_by: officer.userId,
          created_at: "2026-12-01T01:00:00.000Z",
          updated_at: "2026-12-01T17:05:00.000Z",
        })
        .execute();
    await tender(newId(), "published", "2027 年焊工（四级）订单式培训", "2026-12-22T02:00:00.000Z");
    await tender(newId(), "draft", "草稿项目", null);

    const records = await recordsOf(await download(db, officer, "/bureau/tenders?status=published&format=csv"));
    expect(records).toEqual([
      {
        项目名称: "2027 年焊工（四级）订单式培训",
        招标编号: "ZJ-2026-0009",
        状态: "招标中",
        标段: "0",
        人数: "0",
        "投标截止（北京时间）": "2026-12-22 10:00",
        "最近修改（北京时间）": "2026-12-02 01:05",
      },
    ]);
  });

  it("accreditations: awaiting a decision by default, like the page; validity as dates", async () => {
    const { db, officer } = await bureau();
    const institution = await makeActor(db, { kind: "institution", orgName: "示范高级技工学校" });
    const accreditation = (status: "applied" | "approved", licence: string) =>
      db
        .insertInto("accreditations")
        .values({
          id: newId(),
          institution_id: institution.orgId,
          occupation_code: WELDER,
          highest_level: 3,
          licence_number: licence,
          valid_from: "2026-01-01",
          valid_to: "2028-12-31",
          status,
          status_reason: null,
          decided_by: null,
          decided_at: null,
          created_by: institution.userId,
          created_at: "2026-06-01T02:00:00.000Z",
          updated_at: "2026-06-01T02:00:00.000Z",
        })
        .execute();
    await accreditation("applied", "-L-2026-001");
    await accreditation("approved", "L-2026-002");

    const rows = await rowsOf(await download(db, officer, "/bureau/accreditations?format=xlsx"));
    expect(rows).toEqual([
      ["培训机构", "职业", "最高等级", "许可证号", "有效期自", "有效期至", "状态", "理由"],
      // A value a spreadsheet would read as a formula stays text.
      ["示范高级技工学校", `${WELDER} 焊工`, "三级/高级工", "'-L-2026-001", "2026-01-01", "2028-12-31", "待审核", ""],
    ]);
    const all = await rowsOf(await download(db, officer, "/bureau/accreditations?status=all&format=csv"));
    expect(all).toHaveLength(3);
  });

  it("audit log: action and Beijing-date filters, before/after as JSON text", async () => {
    const { db, admin } = await bureau();
    const entry = (at: string, action: string, before: unknown, after: unknown) => {
      setClock(() => new Date(at));
      return db.transaction().execute((trx) =>
        appendAudit(trx, { actorUserId: admin.userId, actorOrgId: admin.orgId, action, recordType: "organisation", recordId: "org-1", before, after }),
      );
    };
    // 23:00 on 1 May in Shanghai: outside a filter that starts on 2 May.
    await entry("2026-05-01T15:00:00.000Z", "organisation.verify", { status: "pending" }, { status: "verified" });
    // 00:30 on 2 May in Shanghai.
    await entry("2026-05-01T16:30:00.000Z", "organisation.verify", { status: "pending" }, { status: "verified", note: "材料齐全" });
    await entry("2026-05-01T17:00:00.000Z", "organisation.suspend", { status: "verified" }, { status: "suspended" });
    setClock(() => new Date("2026-05-03T02:00:00.000Z"));

    const res = await download(db, admin, "/bureau/audit?action=organisation.verify&from=2026-05-02&to=2026-05-02&format=csv");
    expectFile(res, "csv");
    const records = await recordsOf(res);
    expect(records).toEqual([
      {
        序号: expect.stringMatching(/^\d+$/),
        "时间（北京时间）": "2026-05-02 00:30",
        操作人: expect.stringMatching(/^测试用户 /),
        操作单位: admin.orgName,
        操作: "单位审核通过",
        对象: "单位",
        对象编号: "org-1",
        "变更前（JSON）": '{"status":"pending"}',
        "变更后（JSON）": '{"status":"verified","note":"材料齐全"}',
      },
    ]);
    expect(res.headers.get("Content-Disposition")).toContain(encodeURIComponent("审计日志-2026-05-03.csv"));
  });

  it("bureau users: the bureau's own staff with e-mail and roles (an administrator's view), nobody else", async () => {
    const { db, officer, admin } = await bureau();
    const outsider = await makeActor(db, { kind: "enterprise" });
    await db.updateTable("users").set({ created_at: "2026-02-28T16:00:00.000Z" }).where("id", "=", officer.userId).execute();

    const records = await recordsOf(await download(db, admin, "/bureau/users?format=xlsx"));
    const emails = records.map((r) => r["电子邮箱"]);
    expect(emails).toEqual(expect.arrayContaining([officer.email, admin.email]));
    expect(emails).not.toContain(outsider.email);
    expect(records.find((r) => r["电子邮箱"] === officer.email)).toMatchObject({ 角色: "业务经办", 状态: "正常", "创建时间（北京时间）": "2026-03-01 00:00" });
    expect(Object.keys(records[0]!)).toEqual(["姓名", "电子邮箱", "角色", "状态", "创建时间（北京时间）"]);
  });

  it("subsidy standards: the chosen year only, caps in yuan", async () => {
    const { db, admin } = await bureau();
    const cap = (year: number, occupation: string | null, level: number, fen: number, note: string | null) =>
      db.insertInto("subsidy_standards").values({ id: newId(), year, occupation_code: occupation, level, cap_fen: fen, illustrative: 1, note }).execute();
    await cap(2031, null, 3, 300_000, null);
    await cap(2031, WELDER, 3, 345_050, "紧缺工种上浮");
    await cap(2032, null, 3, 999_900, null);

    for (const format of ["csv", "xlsx"] as const) {
      const rows = await rowsOf(await download(db, admin, `/bureau/reference/subsidies?year=2031&format=${format}`));
      const yuan = format === "csv" ? (v: string) => v : (v: string) => Number(v);
      const year = format === "csv" ? "2031" : 2031;
      expect(rows).toEqual([
        ["年度", "职业", "等级", "补贴上限（元/人）", "示例数值", "备注"],
        [year, "全部职业", "三级/高级工", yuan("3000.00"), "是", ""],
        [year, `${WELDER} 焊工`, "三级/高级工", yuan("3450.50"), "是", "紧缺工种上浮"],
      ]);
    }
  });

  it("working-day calendar: the chosen year only", async () => {
    const { db, admin } = await bureau();
    await db
      .insertInto("calendar_days")
      .values([
        { date: "2031-10-01", kind: "holiday", name_zh: "国庆节", name_en: "National Day" },
        { date: "2031-10-11", kind: "workday", name_zh: "国庆节调休", name_en: "National Day make-up day" },
        { date: "2032-01-01", kind: "holiday", name_zh: "元旦", name_en: "New Year" },
      ])
      .execute();
    const rows = await rowsOf(await download(db, admin, "/bureau/reference/calendar?year=2031&format=csv"));
    expect(rows).toEqual([
      ["日期", "类型", "名称（中文）", "名称（英文）"],
      ["2031-10-01", "节假日", "国庆节", "National Day"],
      ["2031-10-11", "调休上班", "国庆节调休", "National Day make-up day"],
    ]);
  });

  it("procurement rules: both regimes, each rule with its value, unit and source", async () => {
    const { db, admin } = await bureau();
    const records = await recordsOf(await download(db, admin, "/bureau/reference/rules?format=xlsx"));
    expect(Object.keys(records[0]!)).toEqual(["适用法律", "规则", "数值", "单位", "依据"]);
    expect(new Set(records.map((r) => r["适用法律"]))).toEqual(new Set(["GP 政府采购法", "TB 招标投标法"]));
    expect(records).toContainEqual({ 适用法律: "GP 政府采购法", 规则: "发布至投标截止的最短期限", 数值: 20, 单位: "日", 依据: "政府采购法 第三十五条" });
  });
});

describe("who may export", () => {
  const PAGES = [
    ["/bureau/organisations", organisationsPage],
    ["/bureau/demands", demandsPage],
    ["/bureau/tenders", tendersPage],
    ["/bureau/accreditations", accreditationsPage],
    ["/bureau/audit", auditPage],
    ["/bureau/users", usersPage],
    ["/bureau/reference/subsidies", subsidiesPage],
    ["/bureau/reference/calendar", calendarPage],
    ["/bureau/reference/rules", rulesPage],
    ["/contracts", contractsPage],
  ] as const;

  /** What the page's loader throws at this actor (its refusal). */
  async function refusalOf(db: DB, actor: Actor | null, path: string, loader: (typeof PAGES)[number][1]): Promise<unknown> {
    try {
      await loader({ request: new Request(`http://localhost${path}`), params: {}, context: contextFor(db, actor) });
    } catch (thrown) {
      return thrown;
    }
    return undefined;
  }

  it("a user without the page's permission gets the page's refusal, and no file", async () => {
    const { db, officer } = await bureau();
    const enterprise = await makeActor(db, { kind: "enterprise" });
    const cases: [Actor, string, (typeof PAGES)[number][1]][] = [
      ...PAGES.map(([path, loader]) => [enterprise, path, loader] as [Actor, string, (typeof PAGES)[number][1]]),
      // The audit log, bureau users and reference data are an administrator's, not an officer's.
      ...PAGES.filter(([path]) => /audit|users|reference/.test(path)).map(([path, loader]) => [officer, path, loader] as [Actor, string, (typeof PAGES)[number][1]]),
    ];
    for (const [actor, path, loader] of cases) {
      const page = (await refusalOf(db, actor, path, loader)) as { init: { status: number } };
      expect(page.init.status, path).toBe(403);
      for (const format of ["csv", "xlsx"]) {
        const res = await download(db, actor, `${path}?format=${format}`);
        expect(res.status, path).toBe(403);
        expect(res.headers.get("Content-Disposition")).toBeNull();
        expect(await res.text()).toBe("您的账户没有执行此操作的权限。");
      }
    }
  });

  it("a signed-out visitor is sent to sign in and back to the download, as on the page", async () => {
    const { db } = await bureau();
    const page = (await refusalOf(db, null, "/bureau/tenders?status=published", tendersPage)) as Response;
    const file = await download(db, null, "/bureau/tenders?status=published&format=csv");
    expect(page.status).toBe(302);
    expect(file.status).toBe(302);
    expect(file.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/export/bureau/tenders?status=published&format=csv")}`);
  });

  it("a page URL asking for a format is sent to the export route; an unknown table is not found", async () => {
    const { db, officer } = await bureau();
    const thrown = (await refusalOf(db, officer, "/bureau/tenders?status=draft&format=xlsx", tendersPage)) as Response;
    expect(thrown.status).toBe(302);
    expect(thrown.headers.get("Location")).toBe("/export/bureau/tenders?status=draft&format=xlsx");
    expect((await download(db, officer, "/bureau/lots?format=csv")).status).toBe(404);
    expect((await download(db, officer, "/bureau/tenders?format=pdf")).status).toBe(404);
  });
});
