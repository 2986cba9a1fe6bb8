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
/** "YYYY-MM" of an instant in Beijing time (fixed +08:00: China has had no DST since 1991). */
const beijingMonth = (ms: number): string => {
  const d = new Date(ms + SH);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

/** Met and decided stages per assignee and Beijing month ("assignee|YYYY-MM"): the least a user counts. */
export function handRollup(kept: readonly TicketEvaluation[]): Map<string, { met: number; decided: number }> {
  const groups = new Map<string, { met: number; decided: number }>();
  for (const e of kept) {
    const key = `${e.assignee}|${beijingMonth(e.createdAt.getTime())}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { met: 0, decided: 0 }));
    for (const s of e.stages) {
      if (s.status === "met") g.met++;
      if (s.status === "met" || s.status === "breached" || s.status === "overdue") g.decided++;
    }
  }
  return groups;
}

interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
  reason?: string;
}
const EMPTY = "no met, breached or overdue stages (pending, warning, not-applicable and unknown stages are not counted)";
const ratio = (n: number, d: number): Ratio => (d === 0 ? { numerator: n, denominator: d, value: null, reason: EMPTY } : { numerator: n, denominator: d, value: n / d });

/**
 * What `rollup(kept, { by: ["assignee", "month"], timeZone: "Asia/Shanghai" })` returns, written by
 * hand: every counter of its rows per assignee and Beijing month (a string key per evaluation, one
 * fixed-shape counter object per group), then the rows sorted by assignee (missing last) and month.
 */
export function handRollupRows(kept: readonly TicketEvaluation[]): object[] {
  interface G {
    readonly assignee: string | null;
    readonly period: string;
    tickets: number;
    met: number;
    breached: number;
    overdue: number;
    notCounted: number;
    unknown: number;
    renegotiated: number;
  }
  const groups = new Map<string, G>();
  for (const e of kept) {
    const period = beijingMonth(e.createdAt.getTime());
    const key = `${e.assignee}|${period}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { assignee: e.assignee ?? null, period, tickets: 0, met: 0, breached: 0, overdue: 0, notCounted: 0, unknown: 0, renegotiated: 0 }));
    g.tickets++;
    for (const s of e.stages) {
      switch (s.status) {
        case "met":
          g.met++;
          break;
        case "breached":
          g.breached++;
          break;
        case "overdue":
          g.overdue++;
          break;
        case "unknown":
          g.unknown++;
          break;
        default:
          g.notCounted++;
      }
      if (s.renegotiated || s.originalDueAt !== null) g.renegotiated++;
    }
  }
  const list = [...groups.values()].sort((a, b) =>
    a.assignee !== b.assignee ? (a.assignee === null ? 1 : b.assignee === null ? -1 : a.assignee < b.assignee ? -1 : 1) : a.period < b.period ? -1 : a.period > b.period ? 1 : 0,
  );
  return list.map((g) => {
    const counted = g.met + g.breached + g.overdue;
    const cr = ratio(g.met, counted);
    const or = ratio(g.breached + g.overdue, counted);
    return {
      assignee: g.assignee,
      period: g.period,
      unit: "stage",
      tickets: g.tickets,
      met: g.met,
      breached: g.breached,
      overdue: g.overdue,
      counted,
      notCounted: g.notCounted,
      unknown: g.unknown,
      renegotiated: g.renegotiated,
      complianceRate: cr,
      overdueRate: or,
      complianceValue: cr.value,
      overdueValue: or.value,
    };
  });
}
