/**
 * KPI benchmark: `complianceRate` and `rollup` over one million kept evaluations against the loops a
 * user would write by hand (goal: within 1.5x their time, issue 15), and `weightedFailures` (total
 * only) against `weightedFailuresBreakdown(...).total` (the rows it skips), on deterministic
 * synthetic data, reported as ratios (machines differ; never asserted in tests). `npm run bench`.
 *
 *   BENCH_KPI_EVALUATIONS  evaluations kept (default 1000000, as the issue states the goal)
 *   BENCH_KPI_POOL         distinct tickets evaluated (default 50000)
 *   BENCH_KPI_REPS         timed runs of each side (default 7)
 *
 * The evaluations: BENCH_KPI_POOL synthetic tickets of both built-in policies (bench/_tickets.ts)
 * evaluated with `trace: false`, then copied to the full count (each a fresh object with its own
 * createdAt Date and stages, all copies made by one function so they share one hidden class each,
 * as evaluateTicket's results do: about 1 kB each, so a million fit in the default heap).
 *
 * Before any timing it checks that each library call gives exactly what its hand loop gives (the
 * hand-written rollup builds the same rows, counters, ratios and order) and exits 1 if not. The
 * lib and hand runs alternate (lib first, then hand first, ...) with a GC before each run; the
 * table gives the best and median ratio and each side's spread (worst / best).
 */
import { complianceRate, rollup, weightedFailures, weightedFailuresBreakdown, type Failure } from "../src/kpi/index.js";
import { evaluateTicket, type TicketEvaluation } from "../src/sla/index.js";
import { prng } from "./_prng.js";
import { sampleTicket } from "./_tickets.js";
import { handCompliance, handRollup, handRollupRows } from "./_handLoops.js";
import { alternate, best, spread } from "./_timing.js";

const N = Number(process.env.BENCH_KPI_EVALUATIONS ?? 1_000_000);
const POOL = Math.min(N, Number(process.env.BENCH_KPI_POOL ?? 50_000));
const REPS = Number(process.env.BENCH_KPI_REPS ?? 7);

const pool: TicketEvaluation[] = [];
for (let i = 0; i < POOL; i++) {
  const s = sampleTicket(1, i);
  pool.push(evaluateTicket(s.policy, s.ticket, { asOf: s.asOf, trace: false }));
}
/** A fresh copy of an evaluation (own Date, own stage objects). */
const copy = (e: TicketEvaluation): TicketEvaluation => ({ ...e, createdAt: new Date(e.createdAtMs), stages: e.stages.map((s) => ({ ...s })) });
const kept: TicketEvaluation[] = new Array<TicketEvaluation>(N);
for (let i = 0; i < N; i++) kept[i] = copy(pool[i % POOL]!);
pool.length = 0;
const small = kept.slice(0, 1000);

let sink = 0;
const BY = { by: ["assignee", "month"], timeZone: "Asia/Shanghai" } as const;

// synthetic failures: 200 devices, 2024-2026, some in force-majeure groups with accepted appeals
const r = prng(11);
const failures: Failure[] = Array.from({ length: Math.min(200_000, Math.max(1000, N)) }, (_, i) => {
  const at = Date.UTC(2024, 0, 1) + Math.floor(r() * 3 * 365 * 86_400_000);
  const group = i % 50 === 0 ? { group: `cut-${Math.floor(r() * 20)}`, appealAccepted: true } : {};
  return { deviceId: `dev-${Math.floor(r() * 200)}`, at, ...group };
});
const fOpts = { timeZone: "Asia/Shanghai", cap: 64 } as const;

// --- agreement first ----------------------------------------------------------------------------
{
  const c = complianceRate(kept).value;
  const rows = rollup(kept, BY);
  const same = JSON.stringify(rows) === JSON.stringify(handRollupRows(kept)) && JSON.stringify(rollup(small, BY)) === JSON.stringify(handRollupRows(small));
  const least = handRollup(kept);
  const sameCounts = rows.length === least.size && rows.every((row) => {
    const g = least.get(`${row.assignee}|${row.period}`);
    return g !== undefined && g.met === row.met && g.decided === row.counted;
  });
  const wf = weightedFailures(failures, fOpts);
  const wfb = weightedFailuresBreakdown(failures, fOpts).total;
  if (c !== handCompliance(kept) || !same || !sameCounts || wf !== wfb) {
    console.error("the library and the hand loops disagree:", { compliance: [c, handCompliance(kept)], rollupRows: same, rollupCounts: sameCounts, weightedFailures: [wf, wfb] });
    process.exit(1);
  }
  console.log(`complianceRate, rollup and weightedFailures agree with the hand loops on ${N} evaluations (${rows.length} rollup rows) and ${failures.length} failures`);
}

const libC = () => void (sink += complianceRate(kept).value ?? 0);
const handC = () => void (sink += handCompliance(kept));
const libR = () => void (sink += rollup(kept, BY).length);
const handRows = () => void (sink += handRollupRows(kept).length);
const handLeast = () => void (sink += handRollup(kept).size);
const times = (k: number, f: () => void) => () => {
  for (let j = 0; j < k; j++) f();
};
const libSmall = times(1000, () => void (sink += rollup(small, BY).length));
const handSmall = times(1000, () => void (sink += handRollupRows(small).length));
const wfTotal = () => void (sink += weightedFailures(failures, fOpts));
const wfRows = () => void (sink += weightedFailuresBreakdown(failures, fOpts).total);
for (const f of [libC, handC, libR, handRows, handLeast, wfTotal, wfRows]) f();
libSmall();
handSmall();

const compliance = alternate(REPS, libC, handC);
const roll = alternate(REPS, libR, handRows);
const least = alternate(REPS, libR, handLeast);
const smallRuns = alternate(REPS, libSmall, handSmall);
const tWf = best(3, wfTotal);
const tWfb = best(3, wfRows);

const ns = (ms: number, n: number) => +((ms * 1e6) / n).toFixed(1);
const x = (v: number) => `${v.toFixed(2)}x`;
const rowsOf = (task: string, hand: string, t: { a: number[]; b: number[] }, n: number) => {
  const lib = spread(t.a);
  const h = spread(t.b);
  return [
    { task, "ns per evaluation": ns(lib.best, n), "vs hand (best)": x(lib.best / h.best), "vs hand (median)": x(lib.median / h.median), spread: x(lib.worst / lib.best) },
    { task: `  ${hand}`, "ns per evaluation": ns(h.best, n), "vs hand (best)": "", "vs hand (median)": "", spread: x(h.worst / h.best) },
  ];
};
console.log(`\n${N} evaluations kept (copies of ${POOL} evaluations of both built-in policies, seed 1), ${REPS} alternating runs each (TZ=UTC, node ${process.version}); goal: <= 1.5x the hand loop`);
console.table([
  ...rowsOf("complianceRate", "hand-written compliance loop", compliance, N),
  ...rowsOf("rollup by assignee, month (Asia/Shanghai)", "hand-written rollup, same rows (fixed +08:00)", roll, N),
  ...rowsOf("rollup (again)", "hand-written count of met/decided only, no rows", least, N),
  ...rowsOf("rollup over 1000 evaluations (x1000)", "hand-written rollup, same rows, 1000 evaluations", smallRuns, 1000 * small.length),
]);
console.log("spread: worst / best of each side's runs (a large spread means a busy machine: read the best ratio)");
console.table([
  { task: `weightedFailures (total only), ${failures.length} failures`, "ns per failure": ns(tWf, failures.length), "vs breakdown": `${(tWfb / tWf).toFixed(2)}x faster than the breakdown` },
  { task: "  weightedFailuresBreakdown(...).total", "ns per failure": ns(tWfb, failures.length), "vs breakdown": "" },
]);
if (sink === 42) console.log("");
