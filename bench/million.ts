/**
 * The one-million-ticket goal (issue 15): 1,000,000 synthetic tickets (bench/_tickets.ts, the
 * robot-integration policy, generated one by one and never kept) evaluated and tallied by
 * assignee and month, in under 5 s wall on 2 cores with peak RSS under 500 MB.
 *
 * Runs the built package as a user gets it (`sla-kit/node`, `sla-kit/sla` from dist/: run
 * `npm run build` first), each run in a fresh process so its peak RSS is its own:
 *   - generating the tickets alone (what the input costs before sla-kit sees it: `ticketsOf`, the
 *     same tickets as filtering `sampleTicket`'s, about 1.5 µs each);
 *   - starting and stopping the workers on no tickets (the fixed cost of a `tallyTicketsInWorkers` call);
 *   - `tallyTicketsInWorkers` with its default workers (one less than the cores: the calling thread
 *     tallies too) or BENCH_WORKERS of them (the goal);
 *   - `tallyTickets` on the calling thread (the reference; skipped when BENCH_SINGLE=0).
 * Prints wall s and CPU s (all threads of the process), the same less the generating run's (the
 * input counts apart: the tickets are generated on the calling thread while sla-kit runs, so on 2
 * cores they take CPU from it; "less generating" is what sla-kit costs), tickets/s, peak RSS, and
 * the load average before and after (wall is only meaningful on an idle machine: on a busy one
 * read CPU s, and 2 idle cores give at best CPU s / 2 of wall). `npm run bench:million`;
 * BENCH_MILLION=200000 for a shorter run. Never asserted in tests.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { benchPolicies, ticketsOf } from "./_tickets.js";
import type * as NodeEntry from "../src/node/index.js";
import type * as SlaEntry from "../src/sla/index.js";
import type { Ticket } from "../src/sla/index.js";

const N = Number(process.env.BENCH_MILLION ?? 1_000_000);
const ASOF = Date.UTC(2026, 10, 30, 16); // after every synthetic ticket's creation
const BY = { by: ["assignee", "month"], timeZone: "Asia/Shanghai" } as const;
type Mode = "generate" | "start" | "workers" | "single";
/** The workers' count: BENCH_WORKERS, else tallyTicketsInWorkers' default. */
const WORKERS = process.env.BENCH_WORKERS ? { workers: Number(process.env.BENCH_WORKERS) } : {};
const nWorkers = WORKERS.workers ?? Math.max(1, Math.min(8, availableParallelism() - 1));

/** The first `n` robot-integration tickets of seed 15, made one at a time. */
const tickets = (n: number): Generator<Ticket> => ticketsOf(benchPolicies.robot, 15, n);

interface Result {
  readonly mode: Mode;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly tallied: number;
}

async function run(mode: Mode): Promise<Result> {
  const { tallyTickets } = (await import("sla-kit/sla")) as unknown as typeof SlaEntry;
  const { tallyTicketsInWorkers } = (await import("sla-kit/node")) as unknown as typeof NodeEntry;
  const policy = benchPolicies.robot;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let tallied = 0;
  if (mode === "generate") for (const _ of tickets(N)) tallied++;
  else if (mode === "start") {
    await tallyTicketsInWorkers(policy, [], { asOf: ASOF, ...BY, ...WORKERS });
    tallied = N; // nothing to tally: the fixed cost
  } else {
    const rows = mode === "workers" ? await tallyTicketsInWorkers(policy, tickets(N), { asOf: ASOF, ...BY, ...WORKERS }) : tallyTickets(policy, tickets(N), { asOf: ASOF, ...BY });
    for (const r of rows) tallied += r.tickets;
  }
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(cpu0); // the process: the workers' threads included
  return { mode, wallMs, cpuMs: (c.user + c.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, tallied };
}

const child = process.argv[2] as Mode | undefined;
if (child) {
  console.log(JSON.stringify(await run(child)));
} else {
  const root = fileURLToPath(new URL("..", import.meta.url));
  if (!existsSync(`${root}dist/node/index.js`)) {
    console.error("bench/million.ts runs the built package: run `npm run build` first");
    process.exit(1);
  }
  const modes: Mode[] = ["generate", "start", "workers", ...(process.env.BENCH_SINGLE === "0" ? [] : (["single"] as const))];
  const load = (): string => loadavg()[0]!.toFixed(1);
  console.log(`${N} tickets (robotIntegration2026, 0-6 events, 2024-2026), tallied by assignee and month; load average ${load()} on this machine`);
  const results: Result[] = [];
  for (const mode of modes) {
    const r = spawnSync(process.execPath, ["--import", new URL("./_loader.mjs", import.meta.url).href, fileURLToPath(import.meta.url), mode], { cwd: root, env: { ...process.env, TZ: "UTC" }, encoding: "utf8", maxBuffer: 1 << 20 });
    if (r.status !== 0) {
      console.error(`run ${mode} failed (exit ${r.status ?? r.signal}):\n${r.stderr}`);
      process.exit(1);
    }
    const res = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Result;
    if (res.tallied !== N) {
      console.error(`run ${mode} tallied ${res.tallied} tickets, not ${N}`);
      process.exit(1);
    }
    results.push(res);
  }
  const label: Record<Mode, string> = {
    generate: "generating the tickets alone",
    start: `${nWorkers} worker(s) started, no tickets`,
    workers: `tallyTicketsInWorkers, ${nWorkers} worker(s) + calling thread`,
    single: "tallyTickets, calling thread",
  };
  const gen = results.find((r) => r.mode === "generate")!;
  const less = (r: Result, k: "wallMs" | "cpuMs"): number | string => (r.mode === "workers" || r.mode === "single" ? +((r[k] - gen[k]) / 1000).toFixed(2) : "");
  console.table(
    results.map((r) => ({
      run: label[r.mode],
      "wall s": +(r.wallMs / 1000).toFixed(2),
      "CPU s": +(r.cpuMs / 1000).toFixed(2),
      "wall s less generating": less(r, "wallMs"),
      "CPU s less generating": less(r, "cpuMs"),
      "tickets/s": r.mode === "start" ? "" : Math.round(N / (r.wallMs / 1000)),
      "peak RSS MB": Math.round(r.rssMb),
    })),
  );
  const w = results.find((r) => r.mode === "workers")!;
  const per1M = (ms: number): string => ((ms * 1_000_000) / N / 1000).toFixed(2);
  console.log(`load average ${load()} at the end`);
  console.log(
    `goal for 1M: < 5 s wall on 2 cores, < 500 MB peak RSS; this run, per 1M: ${per1M(w.wallMs)} s wall with the generating (${per1M(w.wallMs - gen.wallMs)} s less it), ` +
      `${per1M(w.cpuMs)} s CPU (${per1M(w.cpuMs - gen.cpuMs)} s less it), ${Math.round(w.rssMb)} MB`,
  );
}
