import { describe, expect, it } from "vitest";
import { recordPackageProblems, releasePackageProblems } from "#tests/ocds/validate";
import { answerObjection } from "~/modules/award/answer-objection.server";
import { closeObjections } from "~/modules/award/close-objections.server";
import { lodgeObjection } from "~/modules/award/lodge-objection.server";
import { publishResult } from "~/modules/award/publish-result.server";
import { after, publishedResult } from "~/modules/award/test-fixtures.server";
import { saveBid } from "~/modules/bidding/bids.server";
import { openLot } from "~/modules/bidding/open-lot.server";
import { bidContent, institutions, msAfter, openedLot, publishedLot } from "~/modules/bidding/test-fixtures.server";
import { signContract } from "~/modules/contract/sign-contract.server";
import { cancelTender } from "~/modules/tender/cancel-tender.server";
import { editTender } from "~/modules/tender/edit-tender.server";
import { publishTender } from "~/modules/tender/publish-tender.server";
import { findTenderState } from "~/modules/tender/tender-state.server";
import { DEADLINE, makeWorld, pooledDemand, readyDraft, setNow, versionOf, type World } from "~/modules/tender/test-fixtures.server";
import { newId } from "~/utils/id.server";
import type { Award, Release, ReleasePackage } from "./ocds";
import { getRecordPackage, getReleasePage } from "./releases.server";

const ORIGIN = "https://open.example.test";

/** The whole feed in one page, checked against the OCDS schemas and codelists. */
async function feed(w: World): Promise<ReleasePackage> {
  const r = await getReleasePage(w.db, { query: { page: 1, since: null }, origin: ORIGIN, pageSize: 10_000 });
  if (!r.ok) throw new Error(r.message);
  expect(releasePackageProblems(r.value)).toEqual([]);
  return r.value;
}

/** One process's record, checked the same way. */
async function record(w: World, reference: string) {
  const r = await getRecordPackage(w.db, { ocid: `ocds-skilltender-${reference}`, origin: ORIGIN });
  if (!r.ok) throw new Error(r.message);
  expect(recordPackageProblems(r.value)).toEqual([]);
  return r.value.records[0]!;
}

async function referenceOf(w: World, tenderId: string): Promise<string> {
  return (await w.db.selectFrom("tenders").select("reference").where("id", "=", tenderId).executeTakeFirstOrThrow()).reference!;
}

const tagged = (pkg: { releases: Release[] }, kind: string) => pkg.releases.filter((r) => r.id.includes(`-${kind}-`));
const statuses = (awards: Award[] | undefined) => (awards ?? []).map((a) => [a.title.split("：")[1] ?? a.id, a.status]);

/** Signs contracts: one contract closes the window into pending contracts; `sign` lists which become active. */
async function contracted(w: World) {
  const lot = await publishedResult(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000]);
  after(lot.objectionDeadline, 1);
  const closed = await closeObjections(w.db, w.officer, lot.lotId);
  if (!closed.ok) throw new Error(JSON.stringify(closed));
  const contracts = await w.db.selectFrom("contracts").selectAll().orderBy("reference").execute();
  return { ...lot, contracts, reference: await referenceOf(w, lot.tenderId) };
}

describe("a tender from publication to opening", () => {
  const SECRET_PLAN = "本机构独有的保密培训方案";

  it("publishes the notice and its amendment, keeps sealed bids out entirely, and shows the bidders only once the lot is opened", async () => {
    const w = await makeWorld();
    const { tenderId, lotId } = await publishedLot(w);
    const reference = await referenceOf(w, tenderId);
    // A draft is nobody's business: it never appears.
    await readyDraft(w, await pooledDemand(w, [{ headcount: 4 }]), "尚未发布的草稿项目");

    setNow("2026-12-07T02:00:00.000Z"); // 15 days before the deadline: a material change keeps it
    const lot = (await findTenderState(w.db, tenderId))!.lots[0]!;
    const amended = await editTender(w.db, w.officer, {
      tenderId,
      version: await versionOf(w.db, tenderId),
      summary: "第1标段最高限价调整为1,600元/人",
      change: { kind: "editLot", lotId, maxPriceFen: 160_000, windowStart: lot.windowStart, windowEnd: lot.windowEnd },
    });
    expect(amended).toMatchObject({ ok: true, value: { recordedAs: "amendment", deadlineMoved: false } });

    setNow("2026-12-08T02:00:00.000Z");
    const bidders = await institutions(w, 3);
    for (const [i, b] of bidders.entries()) {
      const r = await saveBid(w.db, b, { lotId, intent: "submit", content: bidContent(153_217 + i * 1000, { plan: `${SECRET_PLAN}${i}` }) });
      expect(r.ok).toBe(true);
    }

    const sealed = await feed(w);
    const sealedText = JSON.stringify(sealed) + JSON.stringify(await record(w, reference));
    for (const secret of ["1532.17", "1,532.17", "153217", SECRET_PLAN, ...bidders.map((b) => b.orgName), "尚未发布的草稿项目"]) expect(sealedText).not.toContain(secret);
    expect(sealed.releases.map((r) => r.tag)).toEqual([["tender"], ["tenderAmendment"]]);
    for (const r of sealed.releases) {
      expect(r.tender).not.toHaveProperty("tenderers");
      expect(r.tender).not.toHaveProperty("numberOfTenderers");
      expect(r.parties.flatMap((p) => p.roles)).toEqual(["buyer", "procuringEntity"]);
    }
    const [published, amendment] = sealed.releases;
    expect(published!.tender!.items[0]!.unit.value).toEqual({ amount: 1800, currency: "CNY" });
    expect(published!.tender).toMatchObject({ status: "active", tenderPeriod: { startDate: "2026-12-01T02:00:00.000Z", endDate: DEADLINE.toISOString() }, value: { amount: 45_000, currency: "CNY" } });
    expect(amendment!.tender!.items[0]!.unit.value).toEqual({ amount: 1600, currency: "CNY" });
    expect(amendment!.tender!.amendments).toEqual([
      {
        id: "amendment-1",
        date: "2026-12-07T02:00:00.000Z",
        rationale: "第1标段最高限价调整为1,600元/人",
        description: "变更：第1标段（实质性变更）",
        amendsReleaseID: published!.id,
        releaseID: amendment!.id,
      },
    ]);

    setNow(msAfter(DEADLINE, 1000));
    expect((await openLot(w.db, w.officer, lotId)).ok).toBe(true);
    const opened = await feed(w);
    expect(opened.releases.map((r) => r.tag)).toEqual([["tender"], ["tenderAmendment"], ["tenderUpdate"]]);
    // Earlier releases say what they said: a release is the state at its date.
    expect(opened.releases.slice(0, 2)).toEqual(sealed.releases);
    const update = opened.releases[2]!;
    expect(update.date).toBe(msAfter(DEADLINE, 1000).toISOString());
    expect(update.tender).toMatchObject({ numberOfTenderers: 3, tenderers: expect.arrayContaining([expect.objectContaining({ name: "投标机构1" })]) });
    expect(update.tender!.documents.find((d) => d.documentType === "bidders")!.description).toContain("投标机构1：报价 ¥1,532.17/人，可承接 25 人");
    expect(update.parties.filter((p) => p.roles.includes("tenderer")).map((p) => p.name).sort()).toEqual(["投标机构1", "投标机构2", "投标机构3"]);
    // The training plan is never public, not even after opening.
    expect(JSON.stringify(opened)).not.toContain(SECRET_PLAN);
  });
});

describe("a cancelled tender", () => {
  it("ends with a tender cancellation release giving the public reason", async () => {
    const w = await makeWorld();
    const tenderId = await readyDraft(w);
    expect((await publishTender(w.db, w.officer, { tenderId, version: await versionOf(w.db, tenderId) })).ok).toBe(true);
    setNow("2026-12-05T02:00:00.000Z");
    const reason = "采购需求发生重大变化，本项目终止。";
    expect((await cancelTender(w.db, w.officer, { tenderId, version: await versionOf(w.db, tenderId), reason })).ok).toBe(true);
    const pkg = await feed(w);
    expect(pkg.releases.map((r) => [r.tag, r.date, r.tender!.status])).toEqual([
      [["tender"], "2026-12-01T02:00:00.000Z", "active"],
      [["tenderCancellation"], "2026-12-05T02:00:00.000Z", "cancelled"],
    ]);
    expect(pkg.releases[1]!.tender!.documents.find((d) => d.documentType === "cancellationDetails")).toMatchObject({ description: reason, datePublished: "2026-12-05T02:00:00.000Z" });
    const rec = await record(w, await referenceOf(w, tenderId));
    expect(rec.compiledRelease).toMatchObject({ tag: ["compiled"], date: "2026-12-05T02:00:00.000Z", tender: { status: "cancelled" } });
  });
});

describe("an unsuccessful lot", () => {
  it("is an unsuccessful award for the lot's item, and the tender ends unsuccessful", async () => {
    const w = await makeWorld();
    // Two bids where three valid ones are needed.
    const lot = await openedLot(w, [150_000, 160_000]);
    expect((await w.db.selectFrom("lots").select("status").where("id", "=", lot.lotId).executeTakeFirstOrThrow()).status).toBe("unsuccessful");
    const pkg = await feed(w);
    const openedAt = msAfter(DEADLINE, 1000).toISOString();
    const update = tagged(pkg, "tender").at(-1)!;
    expect(update).toMatchObject({ date: openedAt, tag: ["tenderUpdate"], tender: { status: "unsuccessful", numberOfTenderers: 2, awardPeriod: { endDate: openedAt } } });
    expect(update.tender!.documents.find((d) => d.documentType === "bidders")!.description).toContain("有效投标不足 3 家，本标段流标。");
    const [award] = tagged(pkg, "award");
    expect(award).toMatchObject({ tag: ["award"], date: openedAt });
    expect(award!.awards).toEqual([expect.objectContaining({ id: "lot-1-unsuccessful", status: "unsuccessful", date: openedAt, items: [expect.objectContaining({ id: "lot-1", quantity: 25 })] })]);
    expect(award!.awards![0]).not.toHaveProperty("suppliers");
    expect(pkg.releases.at(-1)!.parties.flatMap((p) => p.roles)).not.toContain("supplier");
  });
});

describe("a split award through to a signed contract", () => {
  it("moves each award from pending to active and each contract from pending to active, and the compiled release holds the latest of each", async () => {
    const w = await makeWorld();
    const lot = await contracted(w);
    const [first, second] = lot.contracts;
    expect((await signContract(w.db, w.officer, { contractId: first!.id })).ok).toBe(true);
    after(lot.objectionDeadline, 3600_000);
    expect((await signContract(w.db, lot.bidders[0]!, { contractId: first!.id })).ok).toBe(true);
    const signedAt = new Date(lot.objectionDeadline.getTime() + 3600_000).toISOString();
    const closedAt = new Date(lot.objectionDeadline.getTime() + 1).toISOString();

    const pkg = await feed(w);
    const awards = tagged(pkg, "award");
    expect(awards.map((r) => [r.tag[0], statuses(r.awards)])).toEqual([
      ["award", [["投标机构1", "pending"], ["投标机构2", "pending"]]],
      ["awardUpdate", [["投标机构1", "active"], ["投标机构2", "active"]]],
    ]);
    expect(awards[0]!.awards!.map((a) => [a.value, a.items[0]!.quantity, a.items[0]!.unit.value.amount, a.suppliers![0]!.name])).toEqual([
      [{ amount: 15_000, currency: "CNY" }, 10, 1500, "投标机构1"],
      [{ amount: 24_000, currency: "CNY" }, 15, 1600, "投标机构2"],
    ]);
    expect(tagged(pkg, "contract").map((r) => [r.id.replace(/^.*-contract-/, ""), r.tag[0], r.date, r.contracts![0]!.status, r.contracts![0]!.dateSigned ?? null])).toEqual([
      [`${first!.reference}-pending`, "contract", closedAt, "pending", null],
      [`${second!.reference}-pending`, "contract", closedAt, "pending", null],
      [`${first!.reference}-active`, "contractUpdate", signedAt, "active", signedAt],
    ]);
    expect(tagged(pkg, "tender").map((r) => r.tender!.status)).toEqual(["active", "active", "complete"]);

    const rec = await record(w, lot.reference);
    const compiled = rec.compiledRelease;
    expect(rec.releases.map((r) => r.id)).toEqual(pkg.releases.map((r) => r.id));
    expect(compiled.tender).toMatchObject({ status: "complete", awardPeriod: { endDate: closedAt } });
    expect(statuses(compiled.awards)).toEqual([["投标机构1", "active"], ["投标机构2", "active"]]);
    expect(compiled.contracts!.map((c) => [c.id, c.status, c.dateSigned ?? null, c.awardID])).toEqual([
      [first!.reference, "active", signedAt, first!.award_id],
      [second!.reference, "pending", null, second!.award_id],
    ]);
    expect(compiled).toMatchObject({ date: signedAt, tag: ["compiled"] });
  });
});

describe("an upheld objection", () => {
  it("cancels the published awards, and the awards published again join them", async () => {
    const w = await makeWorld();
    const lot = await publishedResult(w, [{ priceFen: 150_000, capacity: 12 }, 160_000, 170_000]);
    const awards = await w.db.selectFrom("awards").select(["id"]).where("lot_id", "=", lot.lotId).orderBy("rank").execute();
    const grounds = "中标机构的师资证书与投标文件不符，请予核查。";
    const lodged = await lodgeObjection(w.db, lot.bidders[2]!, { lotId: lot.lotId, awardId: awards[0]!.id, grounds });
    if (!lodged.ok) throw new Error(JSON.stringify(lodged));
    setNow("2026-12-23T02:00:00.000Z");
    const answered = await answerObjection(w.db, w.officer, { objectionId: lodged.value.objectionId, decision: "upheld", outcome: "next_ranked", answer: "证书不符，中标无效。" });
    expect(answered).toMatchObject({ ok: true, value: { effect: "reassigned" } });
    const between = await feed(w);
    expect(statuses(tagged(between, "award").at(-1)!.awards)).toEqual([["投标机构1", "cancelled"], ["投标机构2", "cancelled"]]);
    setNow("2026-12-24T02:00:00.000Z");
    expect((await publishResult(w.db, w.officer, lot.lotId)).ok).toBe(true);

    const pkg = await feed(w);
    expect(tagged(pkg, "award").map((r) => [r.date, r.tag[0], statuses(r.awards)])).toEqual([
      [msAfter(DEADLINE, 1000).toISOString(), "award", [["投标机构1", "pending"], ["投标机构2", "pending"]]],
      ["2026-12-23T02:00:00.000Z", "awardUpdate", [["投标机构1", "cancelled"], ["投标机构2", "cancelled"]]],
      ["2026-12-24T02:00:00.000Z", "awardUpdate", [["投标机构1", "cancelled"], ["投标机构2", "cancelled"], ["投标机构2", "pending"]]],
    ]);
    const cancelled = tagged(pkg, "award")[1]!.awards![0]!;
    expect(cancelled.description).toContain("质疑成立，中标结果撤销。");
    const rec = await record(w, await referenceOf(w, lot.tenderId));
    const compiled = rec.compiledRelease;
    expect(compiled.awards!.map((a) => [a.status, a.items[0]!.quantity])).toEqual([["cancelled", 10], ["cancelled", 15], ["pending", 25]]);
    expect(compiled.tender!.status).toBe("active");
    // Who objected and why is not part of the open data.
    expect(JSON.stringify(pkg)).not.toContain(grounds);
  });
});

describe("implementation", () => {
  it("shows delivery and payment milestones and paid transfers, and no one's personal data", async () => {
    const w = await makeWorld();
    const lot = await contracted(w);
    const c = lot.contracts[0]!;
    await signContract(w.db, w.officer, { contractId: c.id });
    await signContract(w.db, lot.bidders[0]!, { contractId: c.id });
    const demand = (await w.db.selectFrom("award_demands").select("demand_id").where("award_id", "=", c.award_id).executeTakeFirstOrThrow()).demand_id;
    const t = (iso: string) => new Date(iso).toISOString();
    // Two trainees: confirmed on 4 January, results recorded on 30 June.
    const people = [
      { name: "王小明", id_number: "330102199001011234", phone: "13800001111" },
      { name: "李小红", id_number: "33010219920202456X", phone: "13900002222" },
    ];
    for (const [i, p] of people.entries()) {
      const traineeId = newId();
      await w.db.insertInto("trainees").values({ id: traineeId, enterprise_id: w.enterprise.orgId, ...p, current_level: null, created_at: t("2026-11-01T00:00:00Z"), updated_at: t("2026-11-01T00:00:00Z") }).execute();
      await w.db
        .insertInto("enrolments")
        .values({
          id: newId(),
          contract_id: c.id,
          demand_id: demand,
          trainee_id: traineeId,
          status: "confirmed",
          status_reason: null,
          replaces_enrolment_id: null,
          confirmed_at: t(`2027-01-04T0${i + 2}:00:00Z`),
          confirmed_by: lot.bidders[0]!.userId,
          progress: "certified",
          progress_reason: null,
          assessment_passed: 1,
          certificate_number: `CERT-${p.id_number}`,
          level_reached: 4,
          certified_on: "2027-06-30",
          result_recorded_at: t(`2027-06-30T0${i + 2}:00:00Z`),
          result_recorded_by: lot.bidders[0]!.userId,
          created_at: t("2027-01-03T00:00:00Z"),
          updated_at: t("2027-06-30T00:00:00Z"),
        })
        .execute();
    }
    const advance = newId();
    const balance = newId();
    await w.db
      .insertInto("milestones")
      .values([
        { id: advance, contract_id: c.id, kind: "advance", number: 1, trainee_count: 2, amount_fen: 90_000, basis_json: "{}", status: "paid", requested_at: t("2027-01-05T02:00:00Z"), requested_by: lot.bidders[0]!.userId, decided_at: t("2027-01-06T02:00:00Z"), decided_by: w.officer.userId, refusal_reason: null, updated_at: t("2027-01-07T02:00:00Z") },
        { id: balance, contract_id: c.id, kind: "balance", number: 2, trainee_count: 2, amount_fen: 210_000, basis_json: "{}", status: "refused", requested_at: t("2027-07-01T02:00:00Z"), requested_by: lot.bidders[0]!.userId, decided_at: t("2027-07-02T02:00:00Z"), decided_by: w.officer.userId, refusal_reason: "王小明的结业证书号码有误", updated_at: t("2027-07-02T02:00:00Z") },
      ])
      .execute();
    await w.db
      .insertInto("payments")
      .values({ id: newId(), milestone_id: advance, attempt: 1, idempotency_key: "idem-secret-key", mode: "stripe", destination: "acct_SECRET123", amount_fen: 90_000, status: "paid", transfer_id: "tr_SECRET456", failure_reason: null, created_by: w.officer.userId, created_at: t("2027-01-06T03:00:00Z"), sent_at: t("2027-01-06T03:00:01Z"), settled_at: t("2027-01-07T02:00:00Z"), updated_at: t("2027-01-07T02:00:00Z") })
      .execute();

    const pkg = await feed(w);
    const impl = tagged(pkg, "implementation");
    expect(impl.map((r) => [r.tag[0], r.date])).toEqual([
      ["implementation", new Date(lot.objectionDeadline.getTime() + 1).toISOString()],
      ["implementationUpdate", "2027-01-04T03:00:00.000Z"],
      ["implementationUpdate", "2027-01-05T02:00:00.000Z"],
      ["implementationUpdate", "2027-01-06T02:00:00.000Z"],
      ["implementationUpdate", "2027-01-07T02:00:00.000Z"],
      ["implementationUpdate", "2027-06-30T03:00:00.000Z"],
      ["implementationUpdate", "2027-07-01T02:00:00.000Z"],
      ["implementationUpdate", "2027-07-02T02:00:00.000Z"],
    ]);
    const last = impl.at(-1)!.contracts![0]!;
    expect(last).toMatchObject({ id: c.reference, awardID: c.award_id });
    expect(last.implementation!.milestones.map((m) => [m.id, m.type, m.status, m.dateMet ?? null])).toEqual([
      ["enrolment", "delivery", "met", "2027-01-04T03:00:00.000Z"],
      ["completion", "delivery", "met", "2027-06-30T03:00:00.000Z"],
      ["payment-1", "payment", "met", "2027-01-07T02:00:00.000Z"],
      ["payment-2", "payment", "notMet", null],
    ]);
    const bureau = pkg.releases[0]!.buyer;
    expect(last.implementation!.transactions).toEqual([
      { id: "payment-1-1", date: "2027-01-07T02:00:00.000Z", value: { amount: 900, currency: "CNY" }, payer: bureau, payee: { id: expect.stringMatching(/^CN-USCC-/), name: "投标机构1" } },
    ]);
    const roles = Object.fromEntries(impl.at(-1)!.parties.map((p) => [p.name, p.roles]));
    expect(roles[bureau.name]).toEqual(["buyer", "procuringEntity", "payer"]);
    expect(roles["投标机构1"]).toEqual(["tenderer", "supplier", "payee"]);
    // Before the transfer settled nobody was paid yet.
    expect(impl[3]!.contracts![0]!.implementation!.transactions).toEqual([]);
    expect(impl[3]!.parties.flatMap((p) => p.roles)).not.toContain("payee");

    const text = JSON.stringify(pkg) + JSON.stringify(await record(w, lot.reference));
    const contacts = await w.db.selectFrom("organisations").select(["contact_name", "contact_phone"]).execute();
    const users = await w.db.selectFrom("users").select(["name", "email"]).execute();
    const secrets = [
      ...people.flatMap((p) => [p.name, p.id_number, p.phone, `CERT-${p.id_number}`]),
      ...contacts.flatMap((o) => [o.contact_name, o.contact_phone]),
      ...users.flatMap((u) => [u.email]),
      "acct_SECRET123",
      "tr_SECRET456",
      "idem-secret-key",
      "结业证书号码有误",
    ].filter((s): s is string => typeof s === "string" && s.length > 0);
    for (const s of secrets) expect(text).not.toContain(s);
  });
});

describe("paging and since", () => {
  it("cuts the feed into linked pages that add up to the whole, filters by date, and has no page past the last", async () => {
    const w = await makeWorld();
    await contracted(w);
    const whole = await feed(w);
    expect(whole.releases.length).toBeGreaterThan(6);
    const pages: ReleasePackage[] = [];
    for (let page = 1; ; page++) {
      const r = await getReleasePage(w.db, { query: { page, since: null }, origin: ORIGIN, pageSize: 3 });
      if (!r.ok) break;
      expect(releasePackageProblems(r.value)).toEqual([]);
      pages.push(r.value);
    }
    expect(pages).toHaveLength(Math.ceil(whole.releases.length / 3));
    expect(pages.flatMap((p) => p.releases)).toEqual(whole.releases);
    expect(pages[0]).toMatchObject({ uri: `${ORIGIN}/ocds/releases.json?page=1`, links: { next: "/ocds/releases.json?page=2" }, publishedDate: whole.publishedDate });
    expect(pages[0]!.links).not.toHaveProperty("prev");
    expect(pages[1]!.links).toMatchObject({ prev: "/ocds/releases.json?page=1" });
    expect(pages.at(-1)!.links).not.toHaveProperty("next");
    const past = await getReleasePage(w.db, { query: { page: pages.length + 1, since: null }, origin: ORIGIN, pageSize: 3 });
    expect(past).toMatchObject({ ok: false, kind: "notFound", message: expect.stringContaining(`page ${pages.length + 1} does not exist`) });

    // since: releases dated at or after the instant, the boundary included.
    const cut = whole.releases[4]!.date;
    const since = await getReleasePage(w.db, { query: { page: 1, since: new Date(cut) }, origin: ORIGIN, pageSize: 3 });
    if (!since.ok) throw new Error(since.message);
    expect(since.value.releases[0]!.date).toBe(cut);
    expect(since.value.releases.every((r) => Date.parse(r.date) >= Date.parse(cut))).toBe(true);
    expect(since.value.links?.next).toBe(`/ocds/releases.json?page=2&since=${encodeURIComponent(cut)}`);
    expect(since.value.uri).toBe(`${ORIGIN}/ocds/releases.json?page=1&since=${encodeURIComponent(cut)}`);
    const none = await getReleasePage(w.db, { query: { page: 1, since: new Date("2030-01-01T00:00:00Z") }, origin: ORIGIN });
    expect(none).toMatchObject({ ok: true, value: { releases: [] } });
  });
});
