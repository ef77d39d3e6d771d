import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/**
 * The payment integration suite against a real stripe-mock (`npm run test:stripe-mock`, which
 * checks first that one listens at STRIPE_MOCK_URL). Its files are named `*.mock-suite.ts` so
 * that the main config (`tests/**\/*.test.ts`) never picks them up: `npm test` needs no stripe-mock.
 */
export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
      "#tests": fileURLToPath(new URL("./tests", import.meta.url)),
    },
  },
  test: {
    name: "stripe-mock",
    include: ["tests/stripe-mock/**/*.mock-suite.ts"],
    setupFiles: ["./tests/setup/each-file.ts"],
    testTimeout: 20_000,
    env: { LOG_LEVEL: "silent" },
  },
});
