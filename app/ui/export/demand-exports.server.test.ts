import { describe, expect, it } from "vitest";
import { confirmedCohort } from "~/modules/delivery/test-fixtures.server";
import { maskPhone } from "~/modules/demand/roster";
import { maskIdNumber } from "~/modules/reference/id-number";
import { download, recordsOf } from "./export-testing.server";

/** Issue "Reports": the bureau's demand page exports its roster exactly as shown (masked, the read audited) and its history. */
describe("the demand page's exports", () => {
  it("the roster with identity numbers and phones masked as the page shows them, each download audited; the history in Beijing time; refused as the page refuses", async () => {
    const dw = await confirmedCohort();
    const demand = dw.demands[0]!;
    const path = `/bureau/demands/${demand.id}`;
    const audits = () => dw.db.selectFrom("audit_log").select(["actor_user_id"]).where("action", "=", "trainee.read").where("record_type", "=", "demand").where("record_id", "=", demand.id).execute();
    const phones = await dw.db.selectFrom("trainees").select(["id", "phone"]).where("id", "in", demand.trainees.map((t) => t.traineeId)).execute();
    const before = (await audits()).length;

    for (const format of ["xlsx", "csv"] as const) {
      const rows = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}&table=roster`));
      expect(rows).toHaveLength(demand.trainees.length);
      for (const t of demand.trainees) {
        const row = rows.find((r) => r["姓名"] === t.name)!;
        expect(row).toMatchObject({ 身份证号: maskIdNumber(t.idNumber), 手机号: maskPhone(phones.find((p) => p.id === t.traineeId)!.phone) });
        expect(String(row["加入时间（北京时间）"])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
        expect(JSON.stringify(rows)).not.toContain(t.idNumber);
      }
      for (const p of phones) expect(JSON.stringify(rows)).not.toContain(p.phone);

      // The history: what happened to the demand, when (Beijing time) and by whom; no full identity number.
      const history = await recordsOf(await download(dw.db, dw.officer, `${path}?format=${format}&table=history`));
      expect(history.length).toBeGreaterThan(0);
      expect(history.every((h) => /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(String(h["时间（北京时间）"])))).toBe(true);
      expect(history.some((h) => String(h["变更"]).includes("→"))).toBe(true);
      for (const t of demand.trainees) expect(JSON.stringify(history)).not.toContain(t.idNumber);
    }
    // Each roster download read the trainees' data as the page's "show the roster" does: audited, by the officer; the history is not such a read.
    const after = await audits();
    expect(after.length - before).toBe(2);
    expect(after.slice(-2).every((a) => a.actor_user_id === dw.officer.userId)).toBe(true);

    // Not the bureau: refused as the page; signed out: sign in; an unknown demand or table: not found.
    expect((await download(dw.db, demand.enterprise, `${path}?format=csv&table=roster`)).status).toBe(403);
    expect((await download(dw.db, dw.institution, `${path}?format=xlsx`)).status).toBe(403);
    expect((await download(dw.db, null, `${path}?format=csv`)).status).toBe(302);
    expect((await download(dw.db, dw.officer, `/bureau/demands/no-such-demand?format=csv`)).status).toBe(404);
    expect((await download(dw.db, dw.officer, `${path}?format=csv&table=bids`)).status).toBe(404);
  });
});
