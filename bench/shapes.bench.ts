/**
 * Hidden classes of evaluation results (issue 15): how many distinct V8 maps the stage, trace and
 * ticket objects of many evaluations have. One each means every consumer that reads them (KPIs,
 * roll-ups, a service's own loop) stays monomorphic; 0.1.0 gave 23,692 maps for 23,700 stages.
 * Uses V8's `%HaveSameMap`, so it re-runs itself under `--allow-natives-syntax`.
 *
 * `npm run bench` runs it; alone: `TZ=UTC node --import ./bench/_loader.mjs bench/shapes.bench.ts`.
 * BENCH_SHAPES tickets (default 10000).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { evaluateTicket, type TicketEvaluation } from "../src/sla/index.js";
import { sampleTickets } from "./_tickets.js";

/** How the benchmarks compile TypeScript (bench/_loader.mjs). */
const LOADER = new URL("./_loader.mjs", import.meta.url).href;

if (!process.execArgv.includes("--allow-natives-syntax")) {
  const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--import", LOADER, fileURLToPath(import.meta.url)], { stdio: "inherit", env: { ...process.env, TZ: "UTC" } });
  process.exit(r.status ?? 1);
}

// natives syntax is not TypeScript: compiled by V8 at run time
const haveSameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;

/**
 * Distinct maps among `objects` (compared with one representative of each map found so far), with
 * how many objects have each: "1" or e.g. "2 (21510 + 22)". The first objects built in a process
 * may keep a map V8 deprecated when it generalised a field (null, then a number): they are counted
 * apart, as a consumer would meet them.
 */
function distinctMaps(objects: readonly object[]): string {
  const reps: object[] = [];
  const counts: number[] = [];
  for (const o of objects) {
    const i = reps.findIndex((r) => haveSameMap(r, o));
    if (i >= 0) counts[i]!++;
    else {
      reps.push(o);
      counts.push(1);
    }
  }
  return reps.length === 1 ? "1" : `${reps.length} (${counts.join(" + ")})`;
}

const N = Number(process.env.BENCH_SHAPES ?? 10_000);
const samples = sampleTickets(1, N);
const run = (trace: boolean): TicketEvaluation[] => samples.map((s) => evaluateTicket(s.policy, s.ticket, { asOf: s.asOf, trace }));
const rows = [true, false].map((trace) => {
  const evs = run(trace);
  const stages = evs.flatMap((e) => e.stages);
  return {
    trace,
    tickets: evs.length,
    "ticket maps": distinctMaps(evs),
    stages: stages.length,
    "stage maps": distinctMaps(stages),
    "trace maps": distinctMaps(stages.map((s) => s.trace)),
    statuses: new Set(stages.map((s) => s.status)).size,
  };
});
console.log(`hidden classes of ${N} evaluations (seed 1, node ${process.version}); 0.1.0: 23,692 stage maps for 23,700 stages`);
console.table(rows);
