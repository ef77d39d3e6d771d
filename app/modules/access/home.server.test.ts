import { describe, expect, it } from "vitest";
import { createTestDb } from "#tests/db";
import { makeActor, makeDemand } from "#tests/factories";
import { getHomeSummary } from "./home.server";

describe("home pages list what needs attention", () => {
  it("shows the officer submitted demand and pending organisations, and the enterprise its returned demand", async () => {
    const { db } = await createTestDb();
    const officer = await makeActor(db, { kind: "bureau", roles: ["officer"] });
    const enterprise = await makeActor(db, { kind: "enterprise" });
    const other = await makeActor(db, { kind: "enterprise" });
    await makeActor(db, { kind: "institution", status: "pending" });
    await makeDemand(db, enterprise, { status: "submitted" });
    await makeDemand(db, enterprise, { status: "submitted" });
    await makeDemand(db, enterprise, { status: "returned" });
    await makeDemand(db, other, { status: "returned" });

    const bureau = await getHomeSummary(db, officer);
    expect(bureau.attention).toEqual(
      expect.arrayContaining([
        { key: "home.bureau.pendingOrganisations", count: 1, to: "/bureau/organisations?status=pending" },
        { key: "home.bureau.submittedDemand", count: 2, to: "/bureau/demands?status=submitted" },
      ]),
    );
    const mine = await getHomeSummary(db, enterprise);
    expect(mine.attention).toEqual([{ key: "home.enterprise.returnedDemand", count: 1, to: "/demands" }]);
  });

  it("lists nothing for an enterprise with nothing to do, and nothing that is not its own", async () => {
    const { db } = await createTestDb();
    const enterprise = await makeActor(db, { kind: "enterprise" });
    const other = await makeActor(db, { kind: "enterprise" });
    await makeDemand(db, other, { status: "draft" });
    expect((await getHomeSummary(db, enterprise)).attention).toEqual([]);
  });
});
