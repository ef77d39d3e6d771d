import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, vi } from "vitest";
import { setClock } from "~/utils/clock.server";

process.env.LOG_LEVEL = "silent";
// A sealing key of this test run only, as the operator's secret would be (never in the database).
process.env.BID_SEAL_KEY ??= randomBytes(32).toString("base64");

// Any console.error is a defect the test should have seen (Epic Stack habit).
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error called: ${args.map(String).join(" ")}`);
  });
});

afterEach(() => {
  setClock(undefined);
  vi.restoreAllMocks();
});
