import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "docs/api/**", "node_modules/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "error",
    },
  },
  {
    files: ["src/cli/**", "examples/**", "bench/**", "test/**", "scripts/**", "*.config.*", ".ci/**"],
    rules: { "no-console": "off" },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**", "src/node/**"],
    rules: {
      "no-restricted-globals": ["error", "process", "console"],
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "process"] }],
    },
  },
  {
    // the optional peer @duckdb/node-api: only sla-kit/duckdb may import it, so the core never needs it
    files: ["src/**/*.ts"],
    ignores: ["src/duckdb/**", "src/cli/**", "src/node/**"],
    rules: { "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "process", "@duckdb/*"] }] },
  },
  {
    files: ["src/cli/**", "src/node/**"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@duckdb/*"] }] },
  },
  {
    // sla-kit/duckdb: pure apart from the peer (no file system, no process)
    files: ["src/duckdb/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "process"] }] },
  },
);
