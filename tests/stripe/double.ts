/**
 * The Stripe test double for vitest: `const stripe = useStripeDouble()` at the top of a test file,
 * and the app's Stripe client pointed at `STRIPE_DOUBLE_BASE` (STRIPE_API_BASE).
 *
 * What it does and how it answers: ./engine.ts. A request Stripe would refuse makes the test that
 * sent it fail (after the test, listing each refused request); state, failures and recorded
 * requests are reset after each test.
 */
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { assertNoViolations, StripeDoubleEngine, type StripeDouble } from "./engine";

export { STRIPE_DOUBLE_BASE, TEST_WEBHOOK_SECRET } from "./engine";
export type { Failure, RecordedRequest, StripeDouble } from "./engine";

/** Sets up msw (onUnhandledRequest: "error") for the current test file: beforeAll listen, afterEach reset, afterAll close. */
export function useStripeDouble(): StripeDouble {
  const double = new StripeDoubleEngine();
  const server = setupServer(...double.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    try {
      assertNoViolations(double);
    } finally {
      double.reset();
    }
  });
  afterAll(() => {
    double.reset();
    server.close();
  });
  return double;
}
