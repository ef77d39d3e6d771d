import { describe, expect, it } from "vitest";
import { delayAfter, isThrottled, MAX_FAILURES_PER_ACCOUNT } from "./throttle";

const now = new Date("2026-06-01T02:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("sign-in throttle", () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1000],
    [6, 2000],
    [9, 16000],
    [10, 30000],
    [11, 30000],
    [99, 30000],
  ])("after %i failures waits %i ms", (n, ms) => {
    expect(delayAfter(n)).toBe(ms);
  });

  it("lets the first five failures through at once", () => {
    expect(isThrottled({ accountFailures: 4, lastAccountFailureAt: ago(1), addressFailures: 4, now })).toBe(false);
  });

  it("makes the sixth attempt wait, then lets it through", () => {
    expect(isThrottled({ accountFailures: 5, lastAccountFailureAt: ago(500), addressFailures: 5, now })).toBe(true);
    expect(isThrottled({ accountFailures: 5, lastAccountFailureAt: ago(1000), addressFailures: 5, now })).toBe(false);
  });

  it("refuses the 101st attempt in an hour however long it waited", () => {
    expect(
      isThrottled({ accountFailures: MAX_FAILURES_PER_ACCOUNT, lastAccountFailureAt: ago(59 * 60 * 1000), addressFailures: 0, now }),
    ).toBe(true);
    expect(
      isThrottled({ accountFailures: MAX_FAILURES_PER_ACCOUNT - 1, lastAccountFailureAt: ago(31 * 1000), addressFailures: 0, now }),
    ).toBe(false);
  });

  it("refuses an address that failed on many accounts", () => {
    expect(isThrottled({ accountFailures: 0, lastAccountFailureAt: null, addressFailures: 1000, now })).toBe(true);
  });
});
