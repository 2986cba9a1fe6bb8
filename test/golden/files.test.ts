/**
 * Runs every shipped golden case file (golden/*.yaml|json) with `runCaseFile`, the runner the
 * `sla-kit check` command uses: one test per case. golden/known-bugs.yaml holds cases that pin
 * docs/rules.md behaviour the library does not have yet: they are listed and skipped.
 * Also checks that the cases cover every rule ID of docs/rules.md and that golden/boundaries.yaml is up to date.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCaseFile } from "../../src/golden/index.js";
import type { CaseFile, CaseResult } from "../../src/golden/index.js";
import { parsePolicy, type Policy } from "../../src/sla/index.js";
import { boundariesPath, generateBoundaries } from "../../scripts/generate-boundaries.js";

const dir = fileURLToPath(new URL("../../golden/", import.meta.url));
const KNOWN_BUGS = "known-bugs.yaml";
const files = readdirSync(dir)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

function load(file: string): CaseFile {
  const text = readFileSync(join(dir, file), "utf8");
  return (file.endsWith(".json") ? JSON.parse(text) : parse(text)) as CaseFile;
}

const isPath = (p: unknown): p is string => typeof p === "string" && /^\.{1,2}\//.test(p);
const loadPolicyFile = (p: string): Policy => parsePolicy(JSON.parse(readFileSync(join(dir, p), "utf8")));

/** A case file may name a policy file (and a set of versions) relative to itself, as `sla-kit check` resolves it. */
function policyOf(data: CaseFile): { policy?: Policy; policies?: Policy[] } {
  return {
    ...(isPath(data.policy) ? { policy: loadPolicyFile(data.policy) } : {}),
    ...(data.policies?.every(isPath) ? { policies: data.policies.map(loadPolicyFile) } : {}),
  };
}

function explain(r: CaseResult): string {
  const lines = r.mismatches.map((m) => `  - ${m.message}`);
  return `${r.id} (${r.kind}) failed:\n${lines.join("\n")}\nactual: ${JSON.stringify(r.actual, null, 1).slice(0, 4000)}`;
}

const allIds: string[] = [];

for (const file of files) {
  const data = load(file);
  for (const c of data.cases) allIds.push(c.id);
  if (file === KNOWN_BUGS) {
    describe(`golden/${file} (known library bugs, skipped)`, () => {
      for (const c of data.cases) it.skip(`${file} ${c.id}: ${c.description ?? ""}`, () => {});
    });
    continue;
  }
  describe(`golden/${file}`, () => {
    const result = runCaseFile(data, policyOf(data));
    const byId = new Map(result.results.map((r) => [r.id, r]));
    it(`${file} runs every case`, () => {
      expect(result.results.length).toBe(data.cases.length);
    });
    for (const c of data.cases) {
      it(`${file} ${c.id}`, () => {
        const r = byId.get(c.id);
        expect(r, `no result for ${c.id}`).toBeDefined();
        if (r!.status !== "pass") expect.fail(explain(r!));
        expect(r!.mismatches).toEqual([]);
      });
    }
  });
}

describe("golden coverage", () => {
  const range = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
  const required = [
    ...range("S", 1, 13),
    ...range("S", 20, 25),
    ...range("K", 1, 18),
    ...range("P", 1, 14),
    ...range("M", 1, 7),
    ...range("G", 1, 5),
    "W1",
    "W2",
  ];
  for (const id of required) {
    it(`${id} has at least one golden case`, () => {
      // the ID as a word: "K6" matches "K6 ..." and "K6a", not "K60"; "S1" not "S10"
      const re = new RegExp(`(?<![A-Za-z0-9])${id}(?![0-9])`);
      expect(allIds.some((x) => re.test(x)), `no case id mentions ${id}`).toBe(true);
    });
  }
  it("every case id starts with a rule ID of docs/rules.md", () => {
    const bad = allIds.filter((x) => !/^[SKPMGWT]\d+/.test(x));
    expect(bad).toEqual([]);
  });
});

describe("golden/boundaries.yaml", () => {
  it("is up to date with scripts/generate-boundaries.ts (regenerate: npx tsx scripts/generate-boundaries.ts)", () => {
    expect(readFileSync(boundariesPath, "utf8")).toBe(generateBoundaries());
  });
});
