/**
 * Stripe's published OpenAPI description (`spec3.json`) and example objects (`fixtures3.json`),
 * read from the shared reference data (`../shared/data/stripe/`, or `$SHARED_DATA_DIR/stripe/`),
 * never copied into the project. They answer the questions stripe-mock asks of every request:
 * which operation does this method and path name, and are its parameters ones Stripe accepts?
 *
 * The description is large (2.6 MB): it is parsed on first use, and a validator is compiled for
 * each top-level parameter of an operation the first time a request sends it, once per process
 * (the cache lives on `globalThis`, so test files sharing a process share it).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema?: JsonObject;
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: JsonObject }>; required?: boolean };
  responses: Record<string, { content?: Record<string, { schema?: JsonObject }> }>;
}

interface OpenApiSpec {
  info: { version: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonObject> };
}

/** One operation of the description, found from a request's method and path. */
export interface OperationMatch {
  /** Lower-case HTTP method, as the description spells it. */
  method: string;
  /** The path template, e.g. `/v1/transfers/{transfer}`. */
  template: string;
  operation: OpenApiOperation;
  /** Values of the template's `{…}` segments, decoded. */
  pathParams: Record<string, string>;
}

/** A parameter Stripe would refuse, in Stripe's words (`param` in its bracket notation). */
export interface ParamProblem {
  param: string | null;
  code?: string;
  message: string;
}

export type ParamCheck = { ok: true; params: Record<string, unknown> } | { ok: false; problems: ParamProblem[] };

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  operation: OpenApiOperation;
}

interface Cache {
  dir: string;
  spec?: OpenApiSpec;
  fixtures?: Record<string, JsonObject>;
  routes?: Route[];
  validators: Map<string, ValidateFunction>;
  ajv?: Ajv;
}

const CACHE = Symbol.for("skilltender.tests.stripeOpenApi");

/** The folder holding `stripe/spec3.json`: `$SHARED_DATA_DIR`, else `../shared/data` beside the repository. */
export function sharedDataDir(): string {
  const fromEnv = process.env.SHARED_DATA_DIR?.trim();
  if (fromEnv) return fromEnv;
  const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
  return join(repositoryRoot, "..", "shared", "data");
}

function cache(): Cache {
  const store = globalThis as unknown as Record<symbol, Cache | undefined>;
  const dir = sharedDataDir();
  let current = store[CACHE];
  if (!current || current.dir !== dir) {
    current = { dir, validators: new Map() };
    store[CACHE] = current;
  }
  return current;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(
      `Cannot read Stripe's OpenAPI reference data at ${file} (set SHARED_DATA_DIR to the folder holding stripe/spec3.json): ${(error as Error).message}`,
    );
  }
}

export function stripeSpec(): OpenApiSpec {
  const c = cache();
  c.spec ??= readJson(join(c.dir, "stripe", "spec3.json")) as OpenApiSpec;
  return c.spec;
}

/** The API version the description is of (2023-08-16). */
export function stripeSpecVersion(): string {
  return stripeSpec().info.version;
}

/** A deep copy of Stripe's example object for a resource (`account`, `transfer`, …), or null. */
export function stripeFixture(resourceId: string): Record<string, unknown> | null {
  const c = cache();
  c.fixtures ??= (readJson(join(c.dir, "stripe", "fixtures3.json")) as { resources: Record<string, JsonObject> }).resources;
  const found = c.fixtures[resourceId];
  return found ? (structuredClone(found) as Record<string, unknown>) : null;
}

function routes(): Route[] {
  const c = cache();
  if (!c.routes) {
    const list: Route[] = [];
    for (const [template, methods] of Object.entries(stripeSpec().paths)) {
      const names: string[] = [];
      const source = template
        .split("/")
        .map((part) => {
          const param = /^\{(\w+)\}$/.exec(part);
          if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(param[1]!);
          return "([^/]+)";
        })
        .join("/");
      for (const [method, operation] of Object.entries(methods)) {
        list.push({ method, template, pattern: new RegExp(`^${source}$`), names, operation });
      }
    }
    // Static segments win over parameters (`/v1/invoices/upcoming` before `/v1/invoices/{invoice}`),
    // as stripe-mock routes.
    list.sort((a, b) => a.names.length - b.names.length);
    c.routes = list;
  }
  return c.routes;
}

/** The operation for this method and path, or null when Stripe has no such URL ("Unrecognized request URL"). */
export function findOperation(method: string, path: string): OperationMatch | null {
  const wanted = method.toLowerCase();
  for (const route of routes()) {
    if (route.method !== wanted) continue;
    const m = route.pattern.exec(path);
    if (!m) continue;
    const pathParams: Record<string, string> = {};
    route.names.forEach((name, i) => {
      pathParams[name] = decodeURIComponent(m[i + 1]!);
    });
    return { method: wanted, template: route.template, operation: route.operation, pathParams };
  }
  return null;
}

/**
 * An OpenAPI 3.0 schema as plain JSON Schema for Ajv: `$ref`s inlined, `nullable` turned into a
 * `null` type, Stripe's `x-*` annotations, descriptions and formats (`unix-time`, `decimal`) dropped.
 * Stripe's "send an empty string to unset" is already in the description as
 * `anyOf: [{…}, { type: "string", enum: [""] }]` and needs nothing more.
 */
function toJsonSchema(schema: Json, depth = 0): Json {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, depth));
  if (schema === null || typeof schema !== "object") return schema;
  if (depth > 40) return {};
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const name = ref.replace(/^#\/components\/schemas\//, "");
    const target = stripeSpec().components.schemas[name];
    return target ? toJsonSchema(target, depth + 1) : {};
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-") || key === "description" || key === "format" || key === "nullable" || key === "title") continue;
    if (key === "properties" && value && typeof value === "object" && !Array.isArray(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v, depth + 1)]));
    } else {
      out[key] = toJsonSchema(value, depth + 1);
    }
  }
  if (schema.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    if (out.type === undefined && out.anyOf) out.anyOf = [...(out.anyOf as Json[]), { type: "null" }];
  }
  return out;
}

/** What the request's parameters must satisfy: the form body's schema, or for GET/DELETE the query parameters. */
function requestSchema(match: OperationMatch): JsonObject {
  const { operation } = match;
  if (match.method === "get" || match.method === "delete") {
    const query = (operation.parameters ?? []).filter((p) => p.in === "query");
    const body = operation.requestBody?.content["application/x-www-form-urlencoded"]?.schema;
    // Stripe's DELETE endpoints take their few parameters in the body; the client may send them either way.
    const bodyProperties = match.method === "delete" && body && typeof body.properties === "object" ? (body.properties as JsonObject) : {};
    return {
      type: "object",
      additionalProperties: false,
      properties: { ...bodyProperties, ...Object.fromEntries(query.map((p) => [p.name, p.schema ?? {}])) },
      required: query.filter((p) => p.required).map((p) => p.name),
    };
  }
  const content = operation.requestBody?.content;
  const form = content?.["application/x-www-form-urlencoded"]?.schema;
  if (form) return form;
  if (content) return {}; // multipart (file uploads): not checked here
  return { type: "object", additionalProperties: false, properties: {} };
}

function ajv(): Ajv {
  const c = cache();
  c.ajv ??= new Ajv({
    strict: false,
    coerceTypes: true,
    allErrors: true,
    verbose: true,
    validateFormats: false,
    logger: false,
  });
  return c.ajv;
}

/**
 * The validator of one top-level parameter of an operation, compiled the first time a request
 * sends that parameter: `POST /v1/accounts` describes hundreds of nested fields, and a request
 * uses a handful. The parameter is validated inside a one-property object, so that error paths
 * keep its name.
 */
function validatorFor(match: OperationMatch, name: string, schema: Json): ValidateFunction {
  const c = cache();
  const key = `${match.method} ${match.template} ${name}`;
  let validate = c.validators.get(key);
  if (!validate) {
    validate = ajv().compile({ type: "object", properties: { [name]: toJsonSchema(schema) } });
    c.validators.set(key, validate);
  }
  return validate;
}

/** `/capabilities/transfers/requested` → `capabilities[transfers][requested]`, Stripe's way of naming a parameter. */
function bracketName(segments: string[]): string | null {
  if (segments.length === 0) return null;
  const [first, ...rest] = segments;
  return `${first}${rest.map((s) => `[${s}]`).join("")}`;
}

function segmentsOf(instancePath: string): string[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function isEmptyStringUnset(schema: unknown): boolean {
  const s = schema as { enum?: unknown[] } | null;
  return Array.isArray(s?.enum) && s.enum.length === 1 && s.enum[0] === "";
}

function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function listWords(values: unknown[]): string {
  const words = values.filter((v) => v !== null).map(String);
  if (words.length <= 2) return words.join(" or ");
  return `${words.slice(0, -1).join(", ")}, or ${words.at(-1)}`;
}

/** Ajv's errors in Stripe's words (the messages real Stripe gives for the same mistakes). */
function problemsOf(errors: ErrorObject[]): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const seen = new Set<string>();
  const add = (p: ParamProblem) => {
    const key = `${p.param}|${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  };
  for (const e of errors) {
    // The `""` branch of an "unset" alternative failing says nothing useful about the value sent.
    if (isEmptyStringUnset(e.parentSchema)) continue;
    const at = segmentsOf(e.instancePath);
    const param = bracketName(at);
    switch (e.keyword) {
      case "additionalProperties": {
        const name = bracketName([...at, String((e.params as { additionalProperty: string }).additionalProperty)]);
        add({ param: name, code: "parameter_unknown", message: `Received unknown parameter: ${name}` });
        break;
      }
      case "required": {
        const name = bracketName([...at, String((e.params as { missingProperty: string }).missingProperty)]);
        add({ param: name, code: "parameter_missing", message: `Missing required param: ${name}.` });
        break;
      }
      case "type": {
        const type = String((e.params as { type: string | string[] }).type);
        if (type.startsWith("integer") || type.startsWith("number")) {
          add({ param, code: "parameter_invalid_integer", message: `Invalid integer: ${show(e.data)}` });
        } else if (type.startsWith("boolean")) {
          add({ param, message: `Invalid boolean: ${show(e.data)}` });
        } else if (type.startsWith("object")) {
          add({ param, message: `Invalid hash` });
        } else if (type.startsWith("array")) {
          add({ param, message: `Invalid array` });
        } else {
          add({ param, message: `Invalid ${type}: ${show(e.data)}` });
        }
        break;
      }
      case "enum":
        add({
          param,
          message: `Invalid ${at.at(-1) ?? "value"}: must be one of ${listWords((e.params as { allowedValues: unknown[] }).allowedValues)}`,
        });
        break;
      case "maxLength":
        add({ param, message: `Invalid string: ${show(e.data)}; must be at most ${(e.params as { limit: number }).limit} characters` });
        break;
      case "minimum":
      case "maximum":
        add({ param, code: "parameter_invalid_integer", message: `Invalid integer: ${show(e.data)} (${e.message})` });
        break;
      case "anyOf":
      case "oneOf":
        break;
      default:
        add({ param, message: `Invalid ${param ?? "request"}: ${e.message ?? "not accepted"}` });
    }
  }
  if (problems.length === 0 && errors.length > 0) {
    const first = errors.find((e) => e.keyword === "anyOf") ?? errors[0]!;
    const param = bracketName(segmentsOf(first.instancePath));
    problems.push({ param, message: `Invalid value for ${param ?? "request"}: ${show(first.data)}` });
  }
  return problems;
}

/**
 * Checks a request's parameters (the `qs`-parsed form body, or the query for GET) against the
 * operation, as stripe-mock does: unknown, missing or ill-typed parameters are problems. On
 * success, returns the parameters coerced to their types (`"1000"` → 1000, `"true"` → true).
 */
export function checkParams(match: OperationMatch, params: Record<string, unknown>): ParamCheck {
  const problems: ParamProblem[] = Object.entries(match.pathParams)
    .filter(([, value]) => value.length === 0 || value.length > 5000)
    .map(([name, value]) => ({ param: name, message: `Invalid ${name}: ${show(value)}` }));
  const schema = requestSchema(match);
  const properties = (schema.properties ?? null) as JsonObject | null;
  if (!properties) return problems.length === 0 ? { ok: true, params } : { ok: false, problems }; // not described (file uploads)
  const coerced: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    const property = properties[name];
    if (property === undefined) {
      if (schema.additionalProperties === false) problems.push({ param: name, code: "parameter_unknown", message: `Received unknown parameter: ${name}` });
      else coerced[name] = value;
      continue;
    }
    const data: Record<string, unknown> = { [name]: structuredClone(value) };
    const validate = validatorFor(match, name, property);
    if (validate(data)) coerced[name] = data[name];
    else problems.push(...problemsOf(validate.errors ?? []));
  }
  for (const name of (schema.required ?? []) as string[]) {
    if (!(name in params)) problems.push({ param: name, code: "parameter_missing", message: `Missing required param: ${name}.` });
  }
  return problems.length === 0 ? { ok: true, params: coerced } : { ok: false, problems };
}

/** The example object an operation answers with (for operations the double does not model), or null. */
export function responseFixture(match: OperationMatch): Record<string, unknown> | null {
  const schema = match.operation.responses["200"]?.content?.["application/json"]?.schema;
  if (!schema) return null;
  let resolved: JsonObject | undefined = schema;
  if (typeof schema.$ref === "string") resolved = stripeSpec().components.schemas[schema.$ref.replace(/^#\/components\/schemas\//, "")];
  if (!resolved) return null;
  const props = resolved.properties as JsonObject | undefined;
  const objectEnum = (props?.object as JsonObject | undefined)?.enum;
  if (Array.isArray(objectEnum) && objectEnum[0] === "list") return { object: "list", data: [], has_more: false, url: null };
  const resourceId = resolved["x-resourceId"];
  return typeof resourceId === "string" ? stripeFixture(resourceId) : null;
}
