// One way through the code, held by the linter (README "Architecture"):
//   app/ → lib/<use cases> → lib/bank-gateway → lib/xs2a, no import cycle anywhere,
//   nothing in lib/ imports app/ or components/, client components import no server module.
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";
import saldo from "./scripts/lint/saldo-rules.js";

/**
 * lib/'s feature folders, top to bottom. A folder may import folders below it, never one above
 * or beside it. Files directly in lib/ (db, env, log, errors, crypto, clock, …) and the shared
 * folders not listed (i18n, email, actions, http, categories) are the floor everyone stands on.
 */
const LAYERS = [
  ["worker"], // every job, for the worker process
  ["admin", "data", "ops"], // the internal page; server-only reads for pages; health, metrics, key rotation
  ["users", "transactions", "export"], // export: "download all my data"
  ["connections"], // Sync now / Sync all, remove a bank, the state a user sees
  ["wizard"], // link, re-link, renew, sync with login: start, finish, abort
  ["sync"], // the policy, the run, its queue, the schedule
  ["bank-gateway"], // this user's XS2A: token, connection row, credential half, import source
  ["import"], // XS2A data → rows (knows nothing of XS2A's client)
  ["transfers", "budgets"], // own transfers paired after each import; monthly budgets and their alerts
  ["contracts"], // recurring payments: detection (pure), storage, its job
  ["consent"], // consent status (pure), reminders
  ["jobs", "auth"], // the queue's plumbing; the viewer and ownership
  ["xs2a"], // the XS2A API client
];

const above = (i) => LAYERS.slice(0, i + 1).flat();

const layerRules = LAYERS.flatMap((group, i) =>
  group.map((folder) => ({
    files: [`lib/${folder}/**/*.{ts,tsx}`],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...(i === 0
              ? []
              : [
                  {
                    group: above(i)
                      .filter((f) => f !== folder)
                      .flatMap((f) => [`@/lib/${f}`, `@/lib/${f}/*`]),
                    message: `That folder is not below lib/${folder}: imports run one way (eslint.config.js LAYERS).`,
                  },
                ]),
            { group: ["@/app/*", "@/components/*"], message: "lib/ never imports app/ or components/." },
            { group: ["@/scripts/*", "**/scripts/*"], message: "Product code does not import tooling." },
            ...(folder === "bank-gateway" || folder === "xs2a"
              ? []
              : [{ group: ["@/lib/xs2a", "@/lib/xs2a/*"], message: "Only lib/bank-gateway talks to lib/xs2a." }]),
          ],
        },
      ],
    },
  })),
);

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "lib/generated/**",
      "test-results*/**",
      "playwright-report/**",
      "bench-results/**",
      "dist/**",
      "next-env.d.ts",
      "prisma/migrations/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ["**/*.{js,mjs}"], languageOptions: { globals: globals.node } },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "import-x": importX, saldo },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "saldo/client-imports-no-server": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
    },
  },
  // Everything in lib/ (but the sandbox, which is its own world) is product code.
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/xs2a-sandbox/**", "**/*.test.ts"],
    rules: {
      "saldo/server-only-with-db": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "@/components/*"], message: "lib/ never imports app/ or components/." },
            { group: ["@/lib/xs2a", "@/lib/xs2a/*"], message: "Only lib/bank-gateway talks to lib/xs2a." },
            { group: ["@/scripts/*", "**/scripts/*"], message: "Product code does not import tooling." },
          ],
        },
      ],
    },
  },
  ...layerRules,
  // The sandbox is reached by the product only through HTTP (its knowledge stays in the sandbox).
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/xs2a", "@/lib/xs2a/*"], message: "Only lib/bank-gateway talks to lib/xs2a." },
            { group: ["@/lib/xs2a-sandbox", "@/lib/xs2a-sandbox/*"], message: "The product never reads the sandbox." },
            { group: ["@/scripts/*"], message: "Product code does not import tooling." },
          ],
        },
      ],
    },
  },
  // components/ render the props they are given: no database, no use cases.
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db", "@/lib/generated/*"], message: "components/ never touch the database." },
            {
              group: ["@/lib/xs2a", "@/lib/xs2a/*", "@/lib/xs2a-sandbox/*"],
              message: "components/ never talk to XS2A.",
            },
          ],
        },
      ],
    },
  },
);
