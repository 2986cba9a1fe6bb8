/**
 * The long fuzz campaign (issue 14), not part of `npm test`: every public function export, each
 * call watched by a watchdog that kills the worker after FUZZ_TIMEOUT_MS (so hangs are found), the
 * same checks as the fast suite (test/fuzz/exports.test.ts).
 *
 *   npm run fuzz                                  # FUZZ_RUNS=2000 calls per export, seed 1
 *   FUZZ_RUNS=20000 FUZZ_SEED=7 npm run fuzz      # longer, another seed
 *   FUZZ_ONLY=dueAt,isOpenAt npm run fuzz         # some exports only
 *   FUZZ_TIMEOUT_MS=2000 FUZZ_JSON=fuzz.json npm run fuzz
 *   FUZZ_DICTIONARY=500 npm run fuzz             # cap the dictionary pass (default: all of it)
 *
 * Exit 0 when nothing was found, 1 otherwise. A finding names the export, the call number and the
 * input; the input of call i depends only on (seed, export, i).
 */
import { writeFileSync } from "node:fs";
import { listExports, type Finding } from "../test/fuzz/_engine.js";
import { fuzzInWorkers } from "../test/fuzz/_pool.js";

const env = (k: string, d: number) => (process.env[k] === undefined ? d : Number(process.env[k]));
const seed = env("FUZZ_SEED", 1);
const runs = env("FUZZ_RUNS", 2000);
const timeoutMs = env("FUZZ_TIMEOUT_MS", 2000);
const dictionary = env("FUZZ_DICTIONARY", 100_000);
const only = process.env["FUZZ_ONLY"]?.split(",").map((s) => s.trim()).filter(Boolean);

const all = (await listExports()).filter((e) => only === undefined || only.includes(e.name));
console.log(`fuzzing ${all.length} export(s), ${runs} call(s) each, seed ${seed}, timeout ${timeoutMs} ms per call`);
const t0 = performance.now();
const { findings } = await fuzzInWorkers(
  all.map((e) => ({ name: e.name, arity: e.fn.length })),
  { seed, runs, dictionary, timeoutMs, onExport: (name, f, ms) => console.log(`${f.length === 0 ? "ok  " : "FAIL"} ${name} (${Math.round(ms)} ms)${f.length ? `: ${f.length} finding(s)` : ""}`) },
);
const list: Finding[] = [...findings.values()].flat();
for (const f of list) console.log(`\n[${f.kind}] ${f.export} call #${f.call}: ${f.message}\n  input: ${f.input}`);
if (process.env["FUZZ_JSON"]) writeFileSync(process.env["FUZZ_JSON"], JSON.stringify(list, null, 2));
console.log(`\n${all.length} export(s), ${list.length} finding(s), ${Math.round((performance.now() - t0) / 1000)} s`);
process.exitCode = list.length === 0 ? 0 : 1;
