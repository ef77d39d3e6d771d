// ESLint flat config (eslint 9, typescript-eslint 8). Non-type-checked rules only, so that
// `npm run lint` stays fast; `npm run typecheck` does the type work.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const TS = ["**/*.ts", "**/*.tsx"];
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "**/*.spec.ts", "**/*.spec.tsx"];

/**
 * STYLE.md "Layout": a file of app/modules without `.server` in its name is pure — types,
 * lifecycles and rules of plain data and `now`, tested without a database or mocks. It may not
 * reach the database, the framework, the file system, the environment or the clock.
 */
const PURE_MODULE_IMPORTS = [
  {
    regex: "^(kysely|pg|better-sqlite3)(/.*)?$",
    message: "A pure module does not touch the database: move this to a *.server.ts file.",
  },
  {
    regex: "^(#db/|(\\.{1,2}/)+db/)",
    message:
      "A pure module does not import the db layer, types included: declare the type here and let db/schema.ts import it.",
  },
  {
    regex: "^@remix-run/",
    message: "A pure module knows nothing of HTTP or Remix: keep that in routes and *.server.ts files.",
  },
  {
    regex: "^(node:|(fs|child_process)(/.*)?$)",
    message: "A pure module does no I/O: move this to a *.server.ts file.",
  },
  {
    regex: "(\\.server(\\.tsx?)?$|(^|/)\\.server/)",
    message: "A pure module may not depend on server-only code (*.server).",
  },
];

export default defineConfig([
  globalIgnores([
    "build/",
    "node_modules/",
    "test-results/",
    "playwright-report/",
    "blob-report/",
    "data/",
    ".cache/",
    "bench/out/",
  ]),

  {
    files: TS,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // A leading underscore marks a parameter kept for its position (Express's error handler
      // needs four) or a value deliberately dropped.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      // Components render on the server too, where the browser's `location` does not exist: use
      // Remix's useLocation().
      "no-restricted-globals": [
        "error",
        { name: "location", message: "Use useLocation() from @remix-run/react: this code also runs on the server." },
      ],
    },
  },

  // Migrations take Kysely<any> on purpose: they are frozen in time and must not follow later
  // changes of the Database interface (STYLE.md, after Kysely's own guidance).
  {
    files: ["db/migrations/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },

  // The purity rule (STYLE.md "Layout").
  {
    files: ["app/modules/**/*.ts", "app/modules/**/*.tsx"],
    ignores: ["app/modules/**/*.server.*", ...TESTS],
    rules: {
      "no-restricted-imports": ["error", { patterns: PURE_MODULE_IMPORTS }],
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "A pure module reads no configuration: pass the value in as an argument.",
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "A pure module does no I/O: call outbound services from a *.server.ts file." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "A pure rule takes `now` as an argument; use cases get it from ~/utils/clock.server.",
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "A pure rule takes `now` as an argument; use cases get it from ~/utils/clock.server.",
        },
      ],
    },
  },

  // STYLE.md "Rules, use cases, routes": routes are HTTP adapters and never query the database
  // themselves; they call one use case with `context.db`.
  {
    files: ["app/routes/**/*.ts", "app/routes/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^kysely(/.*)?$",
              message: "Routes never build queries: call a use case or query function of app/modules.",
            },
            {
              regex: "^(#db/client|(\\.{1,2}/)+db/client)(\\.ts)?$",
              message: "Routes never open the database: use `context.db` and pass it to a use case.",
            },
          ],
        },
      ],
    },
  },
]);
