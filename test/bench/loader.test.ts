/**
 * bench/_loader.mjs, how the benchmarks run TypeScript: it must compile `.ts` files without
 * esbuild's `keepNames`, which tsx turns on. With it, every closure a function makes costs an
 * `Object.defineProperty` per call, which slowed the hand-written baselines by about 25% and made
 * the benchmark's ratios kinder to sla-kit than the code deserves (docs/sla.md "Performance").
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/closures.ts", import.meta.url));

function run(loader: string): { keepNames: boolean; sibling: string } {
  const r = spawnSync(process.execPath, ["--import", loader, fixture], { cwd: root, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout.trim()) as { keepNames: boolean; sibling: string };
}

describe("bench/_loader.mjs", () => {
  it("compiles TypeScript without keepNames and resolves ./x.js to ./x.ts", () => {
    expect(run("./bench/_loader.mjs")).toEqual({ keepNames: false, sibling: "sibling 2" });
  });

  it("the fixture does see keepNames where it is on (tsx), so the check above can fail", () => {
    expect(run("tsx").keepNames).toBe(true);
  });
});
