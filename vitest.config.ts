import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = {
  "~": fileURLToPath(new URL("./app", import.meta.url)),
  "#db": fileURLToPath(new URL("./db", import.meta.url)),
  "#tests": fileURLToPath(new URL("./tests", import.meta.url)),
};

const shared = {
  resolve: { alias },
};

// Integration tests (*.server.test.ts) run once on SQLite and, when TEST_POSTGRES_URL is
// set, once more on PostgreSQL (ADR 004).
const withPostgres = Boolean(process.env.TEST_POSTGRES_URL);

export default defineConfig({
  ...shared,
  test: {
    globalSetup: ["./tests/setup/global.ts"],
    setupFiles: ["./tests/setup/each-file.ts"],
    server: { deps: { inline: ["kysely"] } },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        ...shared,
        extends: true as const,
        test: {
          name: "sqlite",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "tests/**/*.test.ts", "bench/**/*.test.ts", "server/**/*.test.ts"],
          env: { TEST_DB_KIND: "sqlite" },
        },
      },
      ...(withPostgres
        ? [
            {
              ...shared,
              extends: true as const,
              test: {
                name: "postgres",
                include: ["app/**/*.server.test.{ts,tsx}", "db/**/*.server.test.ts", "tests/**/*.server.test.ts"],
                env: { TEST_DB_KIND: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
