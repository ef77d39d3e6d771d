import { afterEach, beforeEach, vi } from "vitest";
import { setClock } from "~/utils/clock.server";

process.env.LOG_LEVEL = "silent";

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
