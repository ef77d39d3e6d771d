/** Operation lookup and parameter checks against Stripe's OpenAPI description, as stripe-mock does them. */
import { afterEach, describe, expect, it } from "vitest";
import { checkParams, findOperation, responseFixture, stripeSpec, stripeSpecVersion, type OperationMatch } from "./openapi";

function operation(method: string, path: string): OperationMatch {
  const match = findOperation(method, path);
  if (!match) throw new Error(`no operation for ${method} ${path}`);
  return match;
}

describe("finding the operation", () => {
  it("prefers a static path to a parameter, and decodes the path's ids", () => {
    expect(operation("GET", "/v1/invoices/upcoming").template).toBe("/v1/invoices/upcoming");
    expect(operation("GET", "/v1/invoices/in_1").template).toBe("/v1/invoices/{invoice}");
    expect(operation("POST", "/v1/transfers/tr_1/reversals")).toMatchObject({ template: "/v1/transfers/{id}/reversals", pathParams: { id: "tr_1" } });
    expect(operation("GET", "/v1/accounts/acct%5F1").pathParams).toEqual({ account: "acct_1" });
  });

  it("knows no unknown URL, and no method a path does not have", () => {
    expect(findOperation("POST", "/v1/transferz")).toBeNull();
    expect(findOperation("DELETE", "/v1/transfers")).toBeNull();
    expect(findOperation("GET", "/v1/transfers/tr_1/extra")).toBeNull();
  });

  it("is the description of API version 2023-08-16", () => {
    expect(stripeSpecVersion()).toBe("2023-08-16");
  });
});

describe("checking parameters", () => {
  it("coerces form strings to the described types", () => {
    const checked = checkParams(operation("POST", "/v1/accounts"), {
      type: "express",
      capabilities: { transfers: { requested: "true" } },
      metadata: { organisation_id: "org_1" },
    });
    expect(checked).toEqual({
      ok: true,
      params: { type: "express", capabilities: { transfers: { requested: true } }, metadata: { organisation_id: "org_1" } },
    });
    expect(checkParams(operation("POST", "/v1/transfers"), { amount: "1000", currency: "cny", destination: "acct_1" })).toMatchObject({
      ok: true,
      params: { amount: 1000 },
    });
  });

  it("takes an empty string where the description allows one to unset a value", () => {
    expect(checkParams(operation("POST", "/v1/transfers/tr_1/reversals"), { metadata: "" }).ok).toBe(true);
    expect(checkParams(operation("POST", "/v1/transfers/tr_1/reversals"), { metadata: "x" })).toEqual({
      ok: false,
      problems: [{ param: "metadata", message: "Invalid hash" }],
    });
  });

  it("names each unknown, missing or ill-typed parameter as Stripe does", () => {
    const checked = checkParams(operation("POST", "/v1/transfers"), { amount: "lots", currency: "cny", colour: "red" });
    expect(checked).toEqual({
      ok: false,
      problems: [
        { param: "amount", code: "parameter_invalid_integer", message: "Invalid integer: lots" },
        { param: "colour", code: "parameter_unknown", message: "Received unknown parameter: colour" },
        { param: "destination", code: "parameter_missing", message: "Missing required param: destination." },
      ],
    });
  });

  it("checks nested parameters and enums, with Stripe's bracket names", () => {
    expect(checkParams(operation("POST", "/v1/account_links"), { account: "acct_1", type: "onboarding" })).toEqual({
      ok: false,
      problems: [{ param: "type", message: "Invalid type: must be one of account_onboarding or account_update" }],
    });
    expect(checkParams(operation("POST", "/v1/accounts"), { business_profile: { monthly_estimated_revenue: { amount: "1" } } })).toMatchObject({
      ok: false,
      problems: [{ param: "business_profile[monthly_estimated_revenue][currency]", code: "parameter_missing" }],
    });
  });

  it("checks a GET's query against the operation's query parameters", () => {
    expect(checkParams(operation("GET", "/v1/accounts/acct_1"), { expand: ["capabilities"] }).ok).toBe(true);
    expect(checkParams(operation("GET", "/v1/accounts/acct_1"), { colour: "red" })).toMatchObject({ ok: false, problems: [{ code: "parameter_unknown" }] });
  });
});

describe("example answers", () => {
  it("gives Stripe's example object, or an empty list for a list", () => {
    expect(responseFixture(operation("GET", "/v1/balance"))).toMatchObject({ object: "balance" });
    expect(responseFixture(operation("GET", "/v1/transfers"))).toMatchObject({ object: "list", data: [] });
  });
});

describe("where the description is read from", () => {
  const saved = process.env.SHARED_DATA_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.SHARED_DATA_DIR;
    else process.env.SHARED_DATA_DIR = saved;
  });

  it("follows SHARED_DATA_DIR, and says so when nothing is there", () => {
    process.env.SHARED_DATA_DIR = "/nonexistent-shared-data";
    expect(() => stripeSpec()).toThrow(/SHARED_DATA_DIR[\s\S]*stripe\/spec3\.json/);
  });
});
