/**
 * Validates OCDS output against the official OCDS 1.1 schemas and codelists in the shared
 * reference data (`../shared/data/ocds/`, beside the repository; `SHARED_DATA_DIR` points
 * elsewhere). The schemas are read where they are, never copied into the project.
 *
 * The schemas are JSON Schema draft-04 with `id`-based references: release-schema.json is
 * registered first so that the package schema's `$ref` to it resolves offline. OCDS's own
 * keywords are declared as vocabulary. Codelists are not enforced by the schema for open lists
 * (and only partly for closed ones), so every field with a `codelist` is checked here against
 * `codelists/<name>.csv`; the only value allowed outside its list is ours, documented in
 * docs/open-data.md.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { OCCUPATION_SCHEME } from "~/modules/opendata/ocds";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The shared reference data: `../shared/data` from the repository root, or `SHARED_DATA_DIR`. */
export const SHARED_DATA_DIR = process.env.SHARED_DATA_DIR ? resolve(process.env.SHARED_DATA_DIR) : resolve(REPO_ROOT, "..", "shared", "data");
const OCDS_DIR = join(SHARED_DATA_DIR, "ocds");

/** Values we use outside an open codelist, each documented in docs/open-data.md. */
const OUR_OPEN_CODES: Record<string, readonly string[]> = {
  "itemClassificationScheme.csv": [OCCUPATION_SCHEME],
};

type Schema = Record<string, unknown>;

interface Compiled {
  releaseSchema: Schema;
  release: ValidateFunction;
  releasePackage: ValidateFunction;
  codelists: Map<string, Set<string>>;
}

let compiled: Compiled | undefined;

function readJson(name: string): Schema {
  return JSON.parse(readFileSync(join(OCDS_DIR, name), "utf8")) as Schema;
}

/** The `Code` column of a codelist CSV (quoted fields hold commas: a real CSV parser reads it). */
function readCodelist(name: string): Set<string> {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(join(OCDS_DIR, "codelists", name), "utf8"), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`codelist ${name}: ${parsed.errors[0]!.message}`);
  if (!parsed.meta.fields?.includes("Code")) throw new Error(`codelist ${name} has no Code column`);
  return new Set(parsed.data.map((row) => (row.Code ?? "").trim()).filter((c) => c !== ""));
}

function load(): Compiled {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addVocabulary(["deprecated", "codelist", "openCodelist", "omitWhenMerged", "wholeListMerge", "versionId"]);
  const releaseSchema = readJson("release-schema.json");
  ajv.addSchema(releaseSchema);
  const release = ajv.getSchema(String(releaseSchema.id));
  if (!release) throw new Error("release-schema.json did not register under its id");
  const releasePackage = ajv.compile(readJson("release-package-schema.json"));
  compiled = { releaseSchema, release, releasePackage, codelists: new Map() };
  return compiled;
}

function codelist(name: string): Set<string> {
  const c = load();
  let set = c.codelists.get(name);
  if (!set) {
    set = readCodelist(name);
    c.codelists.set(name, set);
  }
  return set;
}

function describe(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""}`);
}

function resolveRef(node: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/definitions/")) return node;
  const defs = load().releaseSchema.definitions as Record<string, Schema>;
  return defs[ref.slice("#/definitions/".length)] ?? node;
}

/** Walks data beside the release schema and checks every value of a field that names a codelist. */
function checkCodelists(node: Schema, value: unknown, path: string, problems: string[]): void {
  const schema = resolveRef(node);
  if (value === null || value === undefined) return;
  if (typeof schema.codelist === "string") {
    const name = schema.codelist;
    const codes = codelist(name);
    const extra = schema.openCodelist === true ? (OUR_OPEN_CODES[name] ?? []) : [];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "string" && !codes.has(v) && !extra.includes(v)) {
        problems.push(`${path}: "${v}" is not in ${schema.openCodelist === true ? "open" : "closed"} codelist ${name}`);
      }
    }
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items && typeof items === "object" && !Array.isArray(items)) value.forEach((v, i) => checkCodelists(items as Schema, v, `${path}/${i}`, problems));
    return;
  }
  if (typeof value === "object") {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (props[k]) checkCodelists(props[k], v, `${path}/${k}`, problems);
    }
  }
}

/** Problems of one release: the schema's, then codelists'. Empty when it is valid. */
export function releaseProblems(release: unknown, where = "release"): string[] {
  const c = load();
  const problems = c.release(release) ? [] : describe(c.release.errors, where);
  checkCodelists(c.releaseSchema, release, where, problems);
  return problems;
}

/** Problems of a release package: the package schema (which checks each release against release-schema.json), then each release's codelists. */
export function releasePackageProblems(pkg: unknown): string[] {
  const c = load();
  const problems = c.releasePackage(pkg) ? [] : describe(c.releasePackage.errors, "package");
  const releases = (pkg as { releases?: unknown[] } | null)?.releases ?? [];
  releases.forEach((r, i) => {
    problems.push(...releaseProblems(r, `package/releases/${i}`).filter((p) => !problems.includes(p)));
  });
  return problems;
}

/**
 * Problems of a record package. The shared data holds no record-package schema, so the package's
 * own fields are checked by hand against OCDS 1.1's (uri, version, publishedDate, publisher,
 * records; each record's ocid); every embedded release and the compiled release are validated
 * against release-schema.json and the codelists.
 */
export function recordPackageProblems(pkg: unknown): string[] {
  const problems: string[] = [];
  const p = pkg as Record<string, unknown> | null;
  if (!p || typeof p !== "object") return ["record package: not an object"];
  for (const k of ["uri", "version", "publishedDate", "publisher", "records"]) if (!(k in p)) problems.push(`record package: ${k} is required`);
  if (typeof p.uri !== "string" || !/^https?:\/\//.test(p.uri)) problems.push("record package: uri must be an absolute URI");
  if (typeof p.version !== "string" || !/^(\d+\.)(\d+)$/.test(p.version)) problems.push("record package: version must be major.minor");
  if (typeof p.publishedDate !== "string" || Number.isNaN(Date.parse(p.publishedDate))) problems.push("record package: publishedDate must be a date-time");
  if (!p.publisher || typeof (p.publisher as Record<string, unknown>).name !== "string") problems.push("record package: publisher.name is required");
  const records = Array.isArray(p.records) ? (p.records as Record<string, unknown>[]) : [];
  if (records.length === 0) problems.push("record package: records must hold at least one record");
  records.forEach((r, i) => {
    const where = `record package/records/${i}`;
    if (typeof r.ocid !== "string") problems.push(`${where}: ocid is required`);
    const releases = Array.isArray(r.releases) ? r.releases : [];
    if (releases.length === 0) problems.push(`${where}: releases must not be empty`);
    releases.forEach((rel, j) => {
      problems.push(...releaseProblems(rel, `${where}/releases/${j}`));
      if ((rel as { ocid?: unknown }).ocid !== r.ocid) problems.push(`${where}/releases/${j}: ocid differs from the record's`);
    });
    if (!r.compiledRelease) problems.push(`${where}: compiledRelease is missing`);
    else problems.push(...releaseProblems(r.compiledRelease, `${where}/compiledRelease`));
  });
  return problems;
}
