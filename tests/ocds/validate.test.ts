import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recordPackageProblems, releasePackageProblems, releaseProblems, SHARED_DATA_DIR } from "./validate";

const release = (o: Record<string, unknown> = {}) => ({
  ocid: "ocds-skilltender-ZJ-2026-0001",
  id: "ocds-skilltender-ZJ-2026-0001-tender-1",
  date: "2026-12-01T02:00:00.000Z",
  tag: ["tender"],
  initiationType: "tender",
  parties: [{ id: "p1", name: "局", roles: ["buyer", "procuringEntity"] }],
  tender: {
    id: "ZJ-2026-0001",
    status: "active",
    items: [{ id: "lot-1", classification: { scheme: "CN-OCC", id: "6-18-02-04" }, additionalClassifications: [{ scheme: "CPV", id: "80530000" }], quantity: 1, unit: { scheme: "UNCEFACT", id: "IE" } }],
    documents: [{ id: "d", documentType: "bidders", url: "https://x.test/d" }],
    submissionMethod: ["electronicSubmission"],
  },
  ...o,
});

const pkg = (releases: unknown[]) => ({ uri: "https://x.test/ocds/releases.json", version: "1.1", publishedDate: "2026-12-01T02:00:00Z", publisher: { name: "局" }, releases });

describe("the OCDS validator", () => {
  it("reads the official schemas from the shared reference data", () => {
    expect(existsSync(join(SHARED_DATA_DIR, "ocds", "release-schema.json"))).toBe(true);
  });

  it("accepts a valid release and package, codes with commas in other columns of their CSV included", () => {
    expect(releaseProblems(release())).toEqual([]);
    expect(releasePackageProblems(pkg([release()]))).toEqual([]);
  });

  it("refuses what the schema refuses: a missing field, a date without a zone, an unknown tag, an empty package", () => {
    const { initiationType: _i, ...noInitiation } = release();
    expect(releaseProblems(noInitiation).join("\n")).toContain("must have required property 'initiationType'");
    expect(releaseProblems(release({ date: "2026-12-01 10:00" })).join("\n")).toContain('/date must match format "date-time"');
    expect(releaseProblems(release({ tag: ["bogus"] })).join("\n")).toContain("/tag/0 must be equal to one of the allowed values");
    expect(releasePackageProblems(pkg([])).join("\n")).toContain("must NOT have fewer than 1 items");
    expect(releasePackageProblems({ ...pkg([release()]), uri: "/relative" }).join("\n")).toContain('/uri must match format "uri"');
  });

  it("checks closed and open codelists against their CSV files, allowing only our documented item scheme", () => {
    const bad = release({
      parties: [{ id: "p1", name: "局", roles: ["boss"] }],
      tender: { id: "T", status: "open", items: [{ id: "1", classification: { scheme: "MADE-UP" } }], documents: [{ id: "d", documentType: "CN-OCC" }] },
    });
    expect(releaseProblems(bad)).toEqual(
      expect.arrayContaining([
        'release/parties/0/roles: "boss" is not in open codelist partyRole.csv',
        'release/tender/items/0/classification/scheme: "MADE-UP" is not in open codelist itemClassificationScheme.csv',
        'release/tender/documents/0/documentType: "CN-OCC" is not in open codelist documentType.csv',
        'release/tender/status: "open" is not in closed codelist tenderStatus.csv',
      ]),
    );
  });

  it("checks a record package's fields and every release in it, the compiled one included", () => {
    const good = { uri: "https://x.test/ocds/records/x.json", version: "1.1", publishedDate: "2026-12-01T02:00:00Z", publisher: { name: "局" }, packages: [], records: [{ ocid: release().ocid, releases: [release()], compiledRelease: { ...release(), tag: ["compiled"] } }] };
    expect(recordPackageProblems(good)).toEqual([]);
    const broken = { ...good, version: "1", records: [{ ocid: "other", releases: [release()], compiledRelease: { ...release(), tag: ["nope"] } }] };
    expect(recordPackageProblems(broken)).toEqual(
      expect.arrayContaining([
        "record package: version must be major.minor",
        "record package/records/0/releases/0: ocid differs from the record's",
        'record package/records/0/compiledRelease/tag: "nope" is not in closed codelist releaseTag.csv',
      ]),
    );
  });
});
