import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { makeActor } from "#tests/factories";
import { listOrganisations } from "./queries.server";

describe("listing organisations", () => {
  it("finds by name or credit code, case-insensitively, taking % and _ literally", async () => {
    const { db } = await createTestDb();
    const a = await makeActor(db, { kind: "enterprise", orgName: "Acme 100% Tools" });
    await makeActor(db, { kind: "enterprise", orgName: "Acme 1000 Tools" });
    await makeActor(db, { kind: "institution", orgName: "Other_School", status: "pending" });
    const code = (await db.selectFrom("organisations").select("credit_code").where("id", "=", a.orgId).executeTakeFirstOrThrow()).credit_code!;

    expect((await listOrganisations(db, { q: "acme" })).total).toBe(2);
    expect((await listOrganisations(db, { q: "100%" })).items.map((o) => o.name)).toEqual(["Acme 100% Tools"]);
    expect((await listOrganisations(db, { q: "r_s" })).items.map((o) => o.name)).toEqual(["Other_School"]);
    expect((await listOrganisations(db, { q: code.toLowerCase() })).items.map((o) => o.id)).toEqual([a.orgId]);
    expect((await listOrganisations(db, { kind: "institution", status: "pending" })).total).toBe(1);
    expect((await listOrganisations(db, { status: "verified" })).items.every((o) => o.status === "verified")).toBe(true);
  });
});
