/**
 * Invariants of package.json that publishing depends on (issue 3: package foundation).
 * The packed package itself is checked by .ci/run (publint, attw, smoke in Node/Deno/tsx).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, root), "utf8");
const pkg = JSON.parse(read("package.json")) as {
  name: string;
  type: string;
  sideEffects: unknown;
  engines?: { node?: string };
  files?: string[];
  main?: string;
  module?: string;
  types?: string;
  bin?: Record<string, string>;
  exports: Record<string, unknown>;
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
};

/** Sub-path -> tsup entry name (dist/<entry>.js). */
const ENTRIES: Record<string, string> = {
  ".": "index",
  "./calendar": "calendar/index",
  "./sla": "sla/index",
  "./kpi": "kpi/index",
  "./scoring": "scoring/index",
  "./golden": "golden/index",
  "./table": "table/index",
  // Node only (worker threads), not re-exported by the root entry
  "./node": "node/index",
  // DuckDB SQL functions (optional peer @duckdb/node-api), not re-exported by the root entry
  "./duckdb": "duckdb/index",
};

describe("package.json", () => {
  it("is the ESM package sla-kit for Node >= 20 without side effects", () => {
    expect(pkg.name).toBe("sla-kit");
    expect(pkg.type).toBe("module");
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines?.node).toBe(">=20");
  });

  it("exports exactly the entries above and ./package.json", () => {
    expect(Object.keys(pkg.exports).sort()).toEqual([...Object.keys(ENTRIES), "./package.json"].sort());
    expect(pkg.exports["./package.json"]).toBe("./package.json");
  });

  for (const [sub, entry] of Object.entries(ENTRIES)) {
    it(`exports ${sub} with types-first import (.d.ts/.js) and require (.d.cts/.cjs) conditions`, () => {
      const cond = pkg.exports[sub] as Record<string, Record<string, string>>;
      expect(Object.keys(cond)).toEqual(["import", "require"]);
      expect(Object.keys(cond.import ?? {})).toEqual(["types", "default"]);
      expect(Object.keys(cond.require ?? {})).toEqual(["types", "default"]);
      expect(cond.import).toEqual({ types: `./dist/${entry}.d.ts`, default: `./dist/${entry}.js` });
      expect(cond.require).toEqual({ types: `./dist/${entry}.d.cts`, default: `./dist/${entry}.cjs` });
    });

    it(`builds ${sub} from src/${entry}.ts (tsup entry exists)`, () => {
      expect(existsSync(new URL(`src/${entry}.ts`, root))).toBe(true);
      expect(read("tsup.config.ts")).toContain(entry === "index" ? `index: "src/index.ts"` : `"${entry}": "src/${entry}.ts"`);
    });
  }

  it("points the legacy main/module/types fields at the root entry", () => {
    expect(pkg.main).toBe("./dist/index.cjs");
    expect(pkg.module).toBe("./dist/index.js");
    expect(pkg.types).toBe("./dist/index.d.cts");
  });

  it("ships dist, README, CHANGELOG and LICENSE, and no sources or tests", () => {
    const files = pkg.files ?? [];
    for (const f of ["dist", "README.md", "CHANGELOG.md", "LICENSE"]) expect(files).toContain(f);
    for (const f of files) expect(f).not.toMatch(/^(src|test|examples|bench|\.ci)(\/|$)/);
    for (const f of ["README.md", "CHANGELOG.md", "LICENSE"]) expect(existsSync(new URL(f, root))).toBe(true);
  });

  it("has only zod, date-fns and date-fns-tz as runtime dependencies", () => {
    const allowed = ["date-fns", "date-fns-tz", "zod"];
    for (const d of Object.keys(pkg.dependencies ?? {})) expect(allowed).toContain(d);
    // ... and only those actually used by the library's sources
    const srcDir = new URL("src/", root);
    const used = (readdirSync(srcDir, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".ts"))
      .map((f) => readFileSync(new URL(f, srcDir), "utf8"))
      .join("\n");
    for (const d of Object.keys(pkg.dependencies ?? {})) expect(used, `${d} is a dependency but src never imports it`).toMatch(new RegExp(`from "${d}["/]`));
    // peers are only for optional entries (sla-kit/duckdb), each marked optional and never imported by the core
    const peers = Object.keys(pkg.peerDependencies ?? {});
    expect(peers).toEqual(["@duckdb/node-api"]);
    for (const p of peers) expect(pkg.peerDependenciesMeta?.[p]?.optional, `${p} must be an optional peer`).toBe(true);
    expect(pkg.optionalDependencies ?? {}).toEqual({});
  });

  it("imports the optional peer @duckdb/node-api only in sla-kit/duckdb, which leaves it external", () => {
    const srcDir = new URL("src/", root);
    const importers = (readdirSync(srcDir, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".ts") && /from "@duckdb\//.test(readFileSync(new URL(f, srcDir), "utf8")))
      .filter((f) => !f.startsWith("duckdb/"));
    expect(importers, "only src/duckdb may import @duckdb/node-api").toEqual([]);
    expect(read("tsup.config.ts")).toContain(`external: ["@duckdb/node-api"]`);
  });

  it("has the sla-kit binary, built by tsup with a shebang", () => {
    expect(pkg.bin).toEqual({ "sla-kit": "./dist/cli/main.js" });
    const tsup = read("tsup.config.ts");
    expect(tsup).toContain(`"cli/main": "src/cli/main.ts"`);
    expect(tsup).toContain("#!/usr/bin/env node");
  });

  it("runs the tests in three time zones and has the README's scripts", () => {
    expect(pkg.scripts.test).toBe("npm run test:utc && npm run test:ny && npm run test:sh");
    expect(pkg.scripts["test:utc"]).toMatch(/^TZ=UTC vitest run/);
    expect(pkg.scripts["test:ny"]).toMatch(/^TZ=America\/New_York vitest run/);
    expect(pkg.scripts["test:sh"]).toMatch(/^TZ=Asia\/Shanghai vitest run/);
    for (const s of ["build", "typecheck", "lint", "demo", "docs", "examples"]) expect(pkg.scripts[s]).toBeTruthy();
  });

  it("README gives exactly the two set-up commands", () => {
    const readme = read("README.md");
    expect(readme).toContain("npm ci && npm run demo");
    expect(readme).toContain("npm ci && npm test");
  });

  it("LICENSE is MIT", () => {
    expect(read("LICENSE")).toMatch(/^MIT License/);
    expect((pkg as { license?: string }).license).toBe("MIT");
  });
});
