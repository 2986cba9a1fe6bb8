/**
 * Fast fuzz suite (issue 14), part of `npm test`: every function export of every package entry
 * (found from package.json, so a new export is fuzzed without editing this file) gets seeded
 * hostile and random inputs and mutated valid samples (test/fuzz/_samples.ts), in a worker whose
 * calls are killed after a timeout. See _engine.ts for the checks. `npm run fuzz` runs the same
 * engine longer (FUZZ_RUNS, FUZZ_SEED).
 *
 * Bugs still open in another domain are listed in `openBugs` with a regression case that pins
 * them as `it.fails` (so fixing the bug turns that test red: then move the case to `it`), and
 * their findings are set aside in the per-export tests, which stay strict for anything else.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { listExports, packageEntries, type Finding } from "./_engine.js";
import { fuzzInWorkers, type PoolResult } from "./_pool.js";
import { samples } from "./_samples.js";
import { openBugs } from "./_open.js";

const RUNS = Number(process.env["FUZZ_FAST_RUNS"] ?? 15);
const SEED = Number(process.env["FUZZ_SEED"] ?? 14);
const DICTIONARY = Number(process.env["FUZZ_FAST_DICTIONARY"] ?? 15);
const exportsList = await listExports();

let result: PoolResult | undefined;
beforeAll(async () => {
  result = await fuzzInWorkers(exportsList.map((e) => ({ name: e.name, arity: e.fn.length })), { seed: SEED, runs: RUNS, dictionary: DICTIONARY, timeoutMs: 2_000 });
}, 300_000);

const known = (f: Finding) => openBugs.find((b) => b.exports.test(f.export) && b.kinds.includes(f.kind) && b.message.test(f.message));
const text = (f: Finding) => `[${f.kind}] ${f.export} call #${f.call} (FUZZ_SEED=${SEED}): ${f.message}\n    input: ${f.input}`;

describe("fuzz: the export list comes from the package entries", () => {
  it("finds the function exports of every entry of package.json", () => {
    const entries = packageEntries().map((e) => e.entry);
    expect(entries).toEqual(expect.arrayContaining([".", "./calendar", "./sla", "./kpi", "./scoring", "./golden"]));
    const names = exportsList.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["addBusinessTime", "dueAt", "evaluateTicket", "ratio", "evaluateRule", "runCaseFile", "isSlaKitError"]));
    expect(names).toContain("registerSlaFunctions"); // ./duckdb: fuzzed too (its peer is a dev dependency)
    // its domain and the root; ./duckdb is not re-exported by the root (it imports the optional peer @duckdb/node-api)
    for (const e of exportsList) if (e.name !== "isSlaKitError" && !e.entries.includes("./duckdb")) expect(e.entries.length, e.name).toBeGreaterThanOrEqual(2);
  });

  it("has a valid sample for every export it fuzzes (add one in test/fuzz/_samples.ts for a new export)", () => {
    const missing = exportsList.filter((e) => samples[e.name] === undefined).map((e) => e.name);
    expect(missing, "exports without a valid sample in test/fuzz/_samples.ts").toEqual([]);
    const stale = Object.keys(samples).filter((n) => !exportsList.some((e) => e.name === n));
    expect(stale, "samples for names that are not exported").toEqual([]);
  });
});

describe("fuzz: only SlaKitError escapes, no pollution, no NaN/Infinity/Invalid Date, deterministic", () => {
  for (const e of exportsList) {
    it(`${e.name}: ${RUNS} seeded calls`, () => {
      const findings = result?.findings.get(e.name);
      expect(findings, "the fuzz run did not reach this export").toBeDefined();
      expect(findings!.filter((f) => known(f) === undefined).map(text)).toEqual([]);
    });
  }
});

describe.runIf(openBugs.length > 0)("fuzz: bugs found and still open in their domain (it.fails until fixed)", () => {
  for (const b of openBugs) {
    if (b.repro === undefined) continue;
    const repro = b.repro;
    it.fails(`${b.owner}: ${b.bug}`, () => {
      let outcome: unknown;
      try {
        outcome = repro();
      } catch (err) {
        if (!isSlaKitError(err)) throw err;
        outcome = err;
      }
      b.check?.(outcome);
    });
  }
});
