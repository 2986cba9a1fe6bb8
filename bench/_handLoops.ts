/**
 * The loops a user writes by hand for the built-in policies (Shanghai, no DST): the reference the
 * KPI benches compare `complianceRate` and `rollup` with (bench/kpi.bench.ts, bench/tickets.bench.ts).
 */
import type { TicketEvaluation } from "../src/sla/index.js";

/** Met over met + breached + overdue stages. */
export function handCompliance(kept: readonly TicketEvaluation[]): number {
  let met = 0;
  let decided = 0;
  for (const e of kept) {
    for (const s of e.stages) {
      if (s.status === "met") met++;
      if (s.status === "met" || s.status === "breached" || s.status === "overdue") decided++;
    }
  }
  return met / decided;
}

const SH = 8 * 3_600_000;
/** Met and decided stages per assignee and Beijing month ("assignee|YYYY-MM"). */
export function handRollup(kept: readonly TicketEvaluation[]): Map<string, { met: number; decided: number }> {
  const groups = new Map<string, { met: number; decided: number }>();
  for (const e of kept) {
    const d = new Date(e.createdAt.getTime() + SH);
    const key = `${e.assignee}|${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { met: 0, decided: 0 }));
    for (const s of e.stages) {
      if (s.status === "met") g.met++;
      if (s.status === "met" || s.status === "breached" || s.status === "overdue") g.decided++;
    }
  }
  return groups;
}
