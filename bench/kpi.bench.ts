/**
 * KPI benchmark: `complianceRate` and `rollup` over kept `evaluateTicket` results against the loop a
 * user would write by hand (goal: within 1.5x its time), and `weightedFailures` (total only)
 * against `weightedFailuresBreakdown(...).total` (the rows it skips), on deterministic synthetic
 * data, reported as ratios (machines differ; never asserted in tests). Run with `npm run bench`.
 *
 *   BENCH_KPI_EVALUATIONS  evaluations kept (default 50000; the figure is for 1000000)
 * It first checks that each library call gives the hand loop's numbers.
 */
import { complianceRate, rollup, weightedFailures, weightedFailuresBreakdown, type Failure } from "../src/kpi/index.js";
import { evaluateTicket, type TicketEvaluation } from "../src/sla/index.js";
import { prng } from "./_prng.js";
import { sampleTicket } from "./_tickets.js";
import { handCompliance, handRollup } from "./_handLoops.js";
import { best } from "./_timing.js";

const N = Number(process.env.BENCH_KPI_EVALUATIONS ?? 50_000);
const kept: TicketEvaluation[] = new Array<TicketEvaluation>(N);
for (let i = 0; i < N; i++) {
  const s = sampleTicket(1, i);
  kept[i] = evaluateTicket(s.policy, s.ticket, { asOf: s.asOf });
}

let sink = 0;

const libRollup = () => rollup(kept, { by: ["assignee", "month"], timeZone: "Asia/Shanghai" });

// synthetic failures: 200 devices, 2024-2026, some in force-majeure groups with accepted appeals
const r = prng(11);
const failures: Failure[] = Array.from({ length: Math.max(1000, N) }, (_, i) => {
  const at = Date.UTC(2024, 0, 1) + Math.floor(r() * 3 * 365 * 86_400_000);
  const group = i % 50 === 0 ? { group: `cut-${Math.floor(r() * 20)}`, appealAccepted: true } : {};
  return { deviceId: `dev-${Math.floor(r() * 200)}`, at, ...group };
});
const fOpts = { timeZone: "Asia/Shanghai", cap: 64 } as const;

// --- agreement first ----------------------------------------------------------------------------
{
  const c = complianceRate(kept).value;
  const rows = libRollup();
  const hand = handRollup(kept);
  const same = rows.length === hand.size && rows.every((row) => {
    const g = hand.get(`${row.assignee}|${row.period}`);
    return g !== undefined && g.met === row.met && g.decided === row.counted;
  });
  const wf = weightedFailures(failures, fOpts);
  const wfb = weightedFailuresBreakdown(failures, fOpts).total;
  if (c !== handCompliance(kept) || !same || wf !== wfb) {
    console.error("the library and the hand loops disagree:", { compliance: [c, handCompliance(kept)], rollupRows: [rows.length, hand.size, same], weightedFailures: [wf, wfb] });
    process.exit(1);
  }
  console.log(`complianceRate, rollup and weightedFailures agree with the hand loops on ${N} evaluations (${rows.length} rollup rows) and ${failures.length} failures`);
}

const libCompliance = () => void (sink += complianceRate(kept).value ?? 0);
const handC = () => void (sink += handCompliance(kept));
const handR = () => void (sink += handRollup(kept).size);
const libR = () => void (sink += libRollup().length);
const wfTotal = () => void (sink += weightedFailures(failures, fOpts));
const wfRows = () => void (sink += weightedFailuresBreakdown(failures, fOpts).total);
for (const f of [handC, libCompliance, handR, libR, wfTotal, wfRows]) f();

const tHandC = best(5, handC);
const tLibC = best(5, libCompliance);
const tHandR = best(5, handR);
const tLibR = best(5, libR);
const tWf = best(3, wfTotal);
const tWfb = best(3, wfRows);
const per = (ms: number, n: number) => +((ms * 1e6) / n).toFixed(1);
console.log(`\n${N} evaluations kept (both built-in policies, seed 1), best of 5 (TZ=UTC, node ${process.version})`);
console.table([
  { task: "complianceRate", "ns per item": per(tLibC, N), "vs hand loop": `${(tLibC / tHandC).toFixed(2)}x its time (goal <= 1.5x)` },
  { task: "  hand-written compliance loop", "ns per item": per(tHandC, N), "vs hand loop": "" },
  { task: "rollup by assignee, month (Asia/Shanghai)", "ns per item": per(tLibR, N), "vs hand loop": `${(tLibR / tHandR).toFixed(2)}x its time (goal <= 1.5x)` },
  { task: "  hand-written rollup loop (fixed +08:00)", "ns per item": per(tHandR, N), "vs hand loop": "" },
  { task: `weightedFailures (total only), ${failures.length} failures`, "ns per item": per(tWf, failures.length), "vs hand loop": `${(tWfb / tWf).toFixed(2)}x faster than the breakdown` },
  { task: "  weightedFailuresBreakdown(...).total", "ns per item": per(tWfb, failures.length), "vs hand loop": "" },
]);
if (sink === 42) console.log("");
