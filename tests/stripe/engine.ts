/**
 * The Stripe test double's engine: msw handlers for `STRIPE_DOUBLE_BASE` that answer like Stripe.
 * Free of vitest, so that a browser journey's server can mount the same handlers; tests use
 * `useStripeDouble()` from ./double.ts.
 *
 * Every request is checked against Stripe's OpenAPI description (./openapi.ts) the way stripe-mock
 * checks it; a request Stripe would refuse (unknown URL, unknown or missing parameter, wrong type
 * or enum, wrong API version, no test key) gets Stripe's error answer AND is kept as a violation,
 * which `useStripeDouble` turns into a failure of the test that sent it.
 *
 * Unlike stripe-mock it keeps state: accounts, account links, transfers and their reversals, and
 * idempotency keys (same key + same parameters → the first answer again, `Idempotent-Replayed:
 * true`; same key + other parameters → 400 `idempotency_error`). Other operations of the
 * description are answered with Stripe's example object, as stripe-mock does.
 */
import { randomBytes } from "node:crypto";
import { http, HttpResponse, type HttpHandler } from "msw";
import qs from "qs";
import Stripe from "stripe";
import { now } from "~/utils/clock.server";
import { checkParams, findOperation, responseFixture, stripeFixture, stripeSpecVersion, type OperationMatch, type ParamProblem } from "./openapi";

export const STRIPE_DOUBLE_BASE = "http://stripe-double.test"; // use as STRIPE_API_BASE in tests
export const TEST_WEBHOOK_SECRET = "whsec_test_double";

export interface RecordedRequest {
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** The form body (or GET query) as parsed by `qs`, coerced to the description's types when valid (`amount` is a number). */
  params: Record<string, unknown>;
  idempotencyKey: string | null;
  /** The HTTP status answered; 0 when no answer reached the client (a timeout or a dropped connection). */
  status: number;
}

export type Failure = { status: 500 | 409 | 429 | 400 } | { timeout: true } | { drop: true };

export interface StripeDouble {
  requests: RecordedRequest[]; // every request seen, in order
  transfers(): Array<Record<string, unknown>>; // transfers actually created (state)
  accounts(): Array<Record<string, unknown>>;
  /**
   * The next matching request fails. `when: "after"` = Stripe did the work, but the answer is
   * lost (status/timeout/drop after the state change).
   *
   * - `{ status: 500 }` api_error; `409` another request with the same idempotency key is in
   *   progress; `429` rate limited; `400` refused for good (`balance_insufficient`).
   * - `{ timeout: true }` the headers come, the body never does: the SDK gives up after its
   *   `timeout` (give the test's client a short one); without one the double lets go after 10 s.
   * - `{ drop: true }` the connection breaks without an answer.
   *
   * Injected failures are not kept as the idempotency key's answer: the retry with the same key
   * does the work (`before`) or replays the work's answer (`after`). `path` is tested against the
   * URL path; `times` (default 1) failures in a row.
   */
  failNext(failure: Failure, options?: { path?: RegExp; when?: "before" | "after"; times?: number }): void;
  /**
   * Sets the account's `capabilities.transfers` (what onboarding does at Stripe). `active` also
   * marks the details submitted and clears the requirements. An account the double does not hold
   * is created (an institution onboarded before the test began).
   */
  setAccountCapability(accountId: string, transfers: "active" | "inactive" | "pending"): void;
  /**
   * A signed webhook request body + header for an event about an object the double holds (or any
   * object). `created` defaults to the app's clock; the signature's `timestamp` to the real clock,
   * as `stripe.webhooks.constructEvent` checks it against the real clock.
   */
  signedEvent(
    type: string,
    object: Record<string, unknown>,
    options?: { secret?: string; id?: string; created?: number; timestamp?: number },
  ): { payload: string; signature: string };
  reset(): void;
}

type StripeObject = Record<string, unknown>;

interface FailureRule {
  failure: Failure;
  path?: RegExp;
  when: "before" | "after";
  remaining: number;
}

interface Answer {
  status: number;
  body: unknown;
}

interface StoredAnswer extends Answer {
  method: string;
  path: string;
  fingerprint: string;
}

/** How long a simulated timeout holds the body back when the client never gives up. */
const HANG_LIMIT_MS = 10_000;

const ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Stripe-looking id: `tr_1P…` (24 characters after the prefix), `acct_1P…` (16). */
export function newStripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let id = "1";
  for (let i = 1; i < length; i++) id += ID_ALPHABET[bytes[i]! % ID_ALPHABET.length];
  return `${prefix}_${id}`;
}

function unixNow(): number {
  return Math.floor(now().getTime() / 1000);
}

function stripeError(status: number, error: { type: string; message: string; code?: string; param?: string | null }): Answer {
  const { param, ...rest } = error;
  return { status, body: { error: { ...rest, ...(param ? { param } : {}) } } };
}

function resourceMissing(kind: string, id: string, param: string): Answer {
  return stripeError(404, { type: "invalid_request_error", code: "resource_missing", param, message: `No such ${kind}: '${id}'` });
}

/** Canonical JSON (sorted keys) of the parameters: what "the same parameters" means for an idempotency key. */
function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${fingerprint((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== "")
      .map(([k, v]) => [k, String(v)]),
  );
}

function describeProblems(method: string, path: string, problems: ParamProblem[]): string {
  return `${method} ${path}: ${problems.map((p) => p.message).join("; ")}`;
}

export class StripeDoubleEngine implements StripeDouble {
  readonly requests: RecordedRequest[] = [];
  /** Requests Stripe would refuse, in Stripe's words; `useStripeDouble` fails the test when any is left. */
  readonly violations: string[] = [];
  readonly handlers: HttpHandler[];

  private readonly accountsById = new Map<string, StripeObject>();
  private readonly transfersById = new Map<string, StripeObject>();
  private readonly answersByKey = new Map<string, StoredAnswer>();
  private readonly failures: FailureRule[] = [];
  private readonly hanging = new Set<() => void>();

  constructor(readonly base: string = STRIPE_DOUBLE_BASE) {
    this.handlers = [http.all(`${base}/*`, ({ request }) => this.handle(request))];
  }

  transfers(): StripeObject[] {
    return [...this.transfersById.values()].map((t) => structuredClone(t));
  }

  accounts(): StripeObject[] {
    return [...this.accountsById.values()].map((a) => structuredClone(a));
  }

  failNext(failure: Failure, options: { path?: RegExp; when?: "before" | "after"; times?: number } = {}): void {
    this.failures.push({ failure, path: options.path, when: options.when ?? "before", remaining: options.times ?? 1 });
  }

  setAccountCapability(accountId: string, transfers: "active" | "inactive" | "pending"): void {
    const account = this.accountsById.get(accountId) ?? this.newAccount(accountId, { type: "express", capabilities: { transfers: { requested: true } } });
    this.accountsById.set(accountId, account);
    const capabilities = { ...(account.capabilities as Record<string, string>), transfers };
    const requirements = account.requirements as Record<string, unknown>;
    account.capabilities = capabilities;
    if (transfers === "active") {
      account.details_submitted = true;
      account.payouts_enabled = true;
      account.requirements = { ...requirements, currently_due: [], eventually_due: [], past_due: [], pending_verification: [], disabled_reason: null, current_deadline: null };
    } else if (transfers === "pending") {
      account.details_submitted = true;
      account.payouts_enabled = false;
      account.requirements = { ...requirements, currently_due: [], past_due: [], pending_verification: ["individual.id_number"], disabled_reason: "requirements.pending_verification" };
    } else {
      account.payouts_enabled = false;
      const example = stripeFixture("account")?.requirements as Record<string, unknown> | undefined;
      account.requirements = { ...requirements, ...example };
    }
  }

  signedEvent(
    type: string,
    object: Record<string, unknown>,
    options: { secret?: string; id?: string; created?: number; timestamp?: number } = {},
  ): { payload: string; signature: string } {
    const event: Record<string, unknown> = { id: options.id ?? newStripeId("evt"), object: "event" };
    // Events about a connected account reach a Connect endpoint with that account's id.
    if (object.object === "account" && typeof object.id === "string") event.account = object.id;
    Object.assign(event, {
      api_version: stripeSpecVersion(),
      created: options.created ?? unixNow(),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    });
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? TEST_WEBHOOK_SECRET,
      timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    });
    return { payload, signature };
  }

  reset(): void {
    this.requests.length = 0;
    this.violations.length = 0;
    this.failures.length = 0;
    this.accountsById.clear();
    this.transfersById.clear();
    this.answersByKey.clear();
    for (const release of [...this.hanging]) release();
    this.hanging.clear();
  }

  /** The violations seen since the last call, which are then forgotten. */
  takeViolations(): string[] {
    return this.violations.splice(0, this.violations.length);
  }

  // ---------------------------------------------------------------------------------------------

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    const method = request.method.toUpperCase();
    const idempotencyKey = request.headers.get("idempotency-key");
    const raw = method === "GET" || method === "DELETE" ? url.search.slice(1) : await request.text();
    let params = qs.parse(raw, { depth: 20, arrayLimit: 1000, parameterLimit: 10_000 }) as Record<string, unknown>;
    const requestId = newStripeId("req", 14);
    const headers: Record<string, string> = { "Request-Id": requestId, "Stripe-Version": stripeSpecVersion() };
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;

    const record = (status: number) => this.requests.push({ method, path, params, idempotencyKey, status });
    const answer = (a: Answer, extra: Record<string, string> = {}) => {
      record(a.status);
      return HttpResponse.json(a.body as Record<string, unknown>, { status: a.status, headers: { ...headers, ...extra } });
    };
    /** Stripe refuses the request, and the test that sent it must fail. */
    const refuse = (status: number, message: string) => {
      this.violations.push(`${method} ${path}: ${message}`);
      return answer(stripeError(status, { type: "invalid_request_error", message }));
    };

    const auth = /^Bearer ((?:sk|rk)_test_\S+)$/.exec(request.headers.get("authorization") ?? "");
    if (!auth) {
      return refuse(401, "Invalid API Key provided: a test double of Stripe takes test-mode secret keys only (Authorization: Bearer sk_test_…).");
    }
    const version = request.headers.get("stripe-version");
    if (version && version !== stripeSpecVersion()) {
      return refuse(400, `Stripe-Version ${version} is not the version whose OpenAPI description the requests are checked against (${stripeSpecVersion()}); pin apiVersion "${stripeSpecVersion()}".`);
    }
    if (method === "POST" && raw.length > 0 && !/^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "")) {
      return refuse(400, `Invalid request: Content-Type must be application/x-www-form-urlencoded, was ${request.headers.get("content-type") ?? "none"}.`);
    }

    const match = findOperation(method, path);
    if (!match) {
      return refuse(404, `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
    }
    const checked = checkParams(match, params);
    if (!checked.ok) {
      const first = checked.problems[0]!;
      this.violations.push(describeProblems(method, path, checked.problems));
      return answer(stripeError(400, { type: "invalid_request_error", code: first.code, param: first.param, message: first.message }));
    }
    params = checked.params;

    const rule = this.takeFailure(path);
    if (rule?.when === "before") return this.fail(rule.failure, request, headers, record);

    // Stripe keeps the answer of a POST under its idempotency key (GETs are idempotent anyway).
    const stored = method === "POST" && idempotencyKey ? this.answersByKey.get(idempotencyKey) : undefined;
    const print = fingerprint(params);
    let result: Answer;
    let replayed = false;
    if (stored) {
      if (stored.method !== method || stored.path !== path) {
        result = stripeError(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.method} ${stored.path}' vs '${method} ${path}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        });
      } else if (stored.fingerprint !== print) {
        result = stripeError(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        });
      } else {
        result = { status: stored.status, body: structuredClone(stored.body) };
        replayed = true;
      }
    } else {
      const done = this.work(match, params, path);
      if ("violation" in done) {
        this.violations.push(`${method} ${path}: ${done.violation}`);
        result = done.answer;
      } else {
        result = done;
        // Only work done is kept: a refusal before the work (no such destination) is not an answer to replay.
        if (method === "POST" && idempotencyKey && result.status === 200) {
          this.answersByKey.set(idempotencyKey, { method, path, fingerprint: print, status: result.status, body: structuredClone(result.body) });
        }
      }
    }

    if (rule) return this.fail(rule.failure, request, headers, record);
    return answer(result, replayed ? { "Idempotent-Replayed": "true" } : {});
  }

  private takeFailure(path: string): FailureRule | null {
    const rule = this.failures.find((r) => !r.path || r.path.test(path));
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.failures.splice(this.failures.indexOf(rule), 1);
    return rule;
  }

  private fail(failure: Failure, request: Request, headers: Record<string, string>, record: (status: number) => void): Response {
    if ("drop" in failure) {
      record(0);
      return HttpResponse.error();
    }
    if ("timeout" in failure) {
      record(0);
      return this.stall(request, headers);
    }
    const answers: Record<500 | 409 | 429 | 400, Answer> = {
      500: stripeError(500, { type: "api_error", message: "An unknown error occurred (injected by the Stripe test double)." }),
      409: stripeError(409, {
        type: "invalid_request_error",
        code: "idempotency_key_in_use",
        message: "There is currently another in-progress request using this idempotent key (that probably means you submitted twice, and the other request is still going through). Please try again later.",
      }),
      429: stripeError(429, { type: "invalid_request_error", code: "rate_limit", message: "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits." }),
      400: stripeError(400, {
        type: "invalid_request_error",
        code: "balance_insufficient",
        message: "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card.",
      }),
    };
    const a = answers[failure.status];
    record(a.status);
    const extra: Record<string, string> = failure.status === 409 ? { "Stripe-Should-Retry": "true" } : {};
    return HttpResponse.json(a.body as Record<string, unknown>, { status: a.status, headers: { ...headers, ...extra } });
  }

  /** Headers now, a body never: the client's own timeout ends it (or the request's abort, or reset()). */
  private stall(request: Request, headers: Record<string, string>): Response {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        let open = true;
        const end = (reason?: unknown) => {
          if (!open) return;
          open = false;
          clearTimeout(timer);
          this.hanging.delete(end);
          try {
            controller.error(reason ?? new Error("The Stripe test double ended a request it held back"));
          } catch {
            // already closed by the client
          }
        };
        const timer = setTimeout(end, HANG_LIMIT_MS);
        timer.unref?.();
        this.hanging.add(end);
        request.signal.addEventListener("abort", () => end(request.signal.reason), { once: true });
      },
    });
    return new HttpResponse(body, { status: 200, headers: { ...headers, "Content-Type": "application/json" } });
  }

  // ---------------------------------------------------------------------------------------------
  // Stripe's behaviour for the operations the app uses; anything else gets the example object.

  private work(match: OperationMatch, params: Record<string, unknown>, path: string): Answer | { violation: string; answer: Answer } {
    const key = `${match.method} ${match.template}`;
    const id = (name: string) => match.pathParams[name]!;
    switch (key) {
      case "post /v1/accounts": {
        const account = this.newAccount(newStripeId("acct", 16), params);
        this.accountsById.set(account.id as string, account);
        return { status: 200, body: structuredClone(account) };
      }
      case "get /v1/accounts/{account}": {
        const account = this.accountsById.get(id("account"));
        return account ? { status: 200, body: structuredClone(account) } : resourceMissing("account", id("account"), "account");
      }
      case "post /v1/account_links": {
        const accountId = String(params.account);
        if (!this.accountsById.has(accountId)) {
          return stripeError(400, { type: "invalid_request_error", code: "resource_missing", param: "account", message: `No such account: '${accountId}'` });
        }
        const created = unixNow();
        return {
          status: 200,
          body: {
            object: "account_link",
            created,
            expires_at: created + 300,
            url: `https://connect.stripe.com/setup/e/${accountId}/${newStripeId("link").slice(5)}`,
          },
        };
      }
      case "post /v1/transfers":
        return this.createTransfer(params);
      case "get /v1/transfers/{transfer}": {
        const transfer = this.transfersById.get(id("transfer"));
        return transfer ? { status: 200, body: structuredClone(transfer) } : resourceMissing("transfer", id("transfer"), "id");
      }
      case "post /v1/transfers/{id}/reversals":
        return this.reverseTransfer(id("id"), params);
      case "get /v1/transfers/{id}/reversals": {
        const transfer = this.transfersById.get(id("id"));
        return transfer ? { status: 200, body: structuredClone(transfer.reversals) } : resourceMissing("transfer", id("id"), "id");
      }
      default:
        return { status: 200, body: this.example(match, params, path) };
    }
  }

  private newAccount(accountId: string, params: Record<string, unknown>): StripeObject {
    const example = stripeFixture("account") ?? {};
    const requested = (params.capabilities ?? {}) as Record<string, { requested?: boolean }>;
    const capabilities = Object.fromEntries(
      Object.entries(requested)
        .filter(([, v]) => v && typeof v === "object" && v.requested === true)
        .map(([name]) => [name, "inactive"]),
    );
    return {
      ...example,
      id: accountId,
      object: "account",
      type: params.type ?? "standard",
      email: params.email ?? null,
      country: params.country ?? example.country,
      default_currency: params.default_currency ?? example.default_currency,
      business_type: params.business_type ?? null,
      capabilities,
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      created: unixNow(),
      metadata: stringRecord(params.metadata),
      external_accounts: { object: "list", data: [], has_more: false, url: `/v1/accounts/${accountId}/external_accounts` },
    };
  }

  private createTransfer(params: Record<string, unknown>): Answer | { violation: string; answer: Answer } {
    // Required by Stripe although the 2023-08-16 description leaves it optional.
    if (params.amount === undefined) {
      const answer = stripeError(400, { type: "invalid_request_error", code: "parameter_missing", param: "amount", message: "Missing required param: amount." });
      return { violation: "Missing required param: amount.", answer };
    }
    if (typeof params.amount !== "number" || params.amount < 1) {
      const message = `Invalid positive integer: ${String(params.amount)}`;
      return { violation: message, answer: stripeError(400, { type: "invalid_request_error", code: "parameter_invalid_integer", param: "amount", message }) };
    }
    const destination = String(params.destination);
    const account = this.accountsById.get(destination);
    if (!account) {
      return stripeError(400, { type: "invalid_request_error", code: "resource_missing", param: "destination", message: `No such destination: '${destination}'` });
    }
    if ((account.capabilities as Record<string, string>).transfers !== "active") {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "insufficient_capabilities_for_transfer",
        param: "destination",
        message: "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
      });
    }
    const example = stripeFixture("transfer") ?? {};
    const id = newStripeId("tr");
    const transfer: StripeObject = {
      ...example,
      id,
      object: "transfer",
      amount: params.amount,
      amount_reversed: 0,
      balance_transaction: newStripeId("txn"),
      created: unixNow(),
      currency: String(params.currency).toLowerCase(),
      description: params.description ?? null,
      destination,
      destination_payment: newStripeId("py", 14),
      livemode: false,
      metadata: stringRecord(params.metadata),
      reversals: { object: "list", data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
      reversed: false,
      source_transaction: params.source_transaction ?? null,
      source_type: params.source_type ?? "card",
      transfer_group: params.transfer_group ?? null,
    };
    this.transfersById.set(id, transfer);
    return { status: 200, body: structuredClone(transfer) };
  }

  private reverseTransfer(transferId: string, params: Record<string, unknown>): Answer {
    const transfer = this.transfersById.get(transferId);
    if (!transfer) return resourceMissing("transfer", transferId, "id");
    const remaining = (transfer.amount as number) - (transfer.amount_reversed as number);
    const amount = typeof params.amount === "number" ? params.amount : remaining;
    if (amount < 1 || amount > remaining) {
      return stripeError(400, {
        type: "invalid_request_error",
        code: "amount_too_large",
        param: "amount",
        message: `Transfer reversal amount (${amount}) must be positive and at most the transfer's unreversed amount (${remaining}).`,
      });
    }
    const reversal: StripeObject = {
      ...(stripeFixture("transfer_reversal") ?? {}),
      id: newStripeId("trr"),
      object: "transfer_reversal",
      amount,
      balance_transaction: newStripeId("txn"),
      created: unixNow(),
      currency: transfer.currency,
      destination_payment_refund: newStripeId("pyr"),
      metadata: stringRecord(params.metadata),
      source_refund: null,
      transfer: transferId,
    };
    transfer.amount_reversed = (transfer.amount_reversed as number) + amount;
    transfer.reversed = transfer.amount_reversed === transfer.amount;
    const list = transfer.reversals as { data: StripeObject[] };
    list.data = [reversal, ...list.data];
    return { status: 200, body: structuredClone(reversal) };
  }

  /** stripe-mock's answer: the example object, the path's id in it, a new id on create, scalar parameters echoed. */
  private example(match: OperationMatch, params: Record<string, unknown>, path: string): StripeObject {
    const body = responseFixture(match) ?? {};
    if (body.object === "list") return { ...body, url: path };
    const ids = Object.values(match.pathParams);
    if (typeof body.id === "string") {
      if (match.template.endsWith("}") && ids.length > 0) body.id = ids.at(-1);
      else if (match.method === "post") body.id = newStripeId(body.id.slice(0, body.id.lastIndexOf("_")));
    }
    if (match.method === "post") {
      for (const [k, v] of Object.entries(params)) {
        const current = body[k];
        if (k in body && (current === null || typeof current === typeof v) && typeof v !== "object") body[k] = v;
      }
    }
    return body;
  }
}

/** The violations the double saw since the last look, then forgotten (for tests that provoke one on purpose). */
export function takeViolations(double: StripeDouble): string[] {
  return double instanceof StripeDoubleEngine ? double.takeViolations() : [];
}

/** Throws, listing them, when the double saw requests Stripe would refuse; `useStripeDouble` calls it after each test. */
export function assertNoViolations(double: StripeDouble): void {
  const violations = takeViolations(double);
  if (violations.length > 0) {
    throw new Error(
      `The Stripe double received ${violations.length} request(s) Stripe would refuse (checked against its OpenAPI description):\n` +
        violations.map((v) => `  - ${v}`).join("\n"),
    );
  }
}
