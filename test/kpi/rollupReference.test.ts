/**
 * K17 rollup's grouping (integer ids per key, a trie of groups, local months cached per span of
 * instants for the whole process, counters in one typed array, rows sorted by ranks) against a
 * straightforward reading written here: one JSON key per group, the local month read from Intl,
 * plain counter objects, rows sorted by comparing text. Random evaluations, `by` keys in any order,
 * both units, and zones with DST, half-hour and 45-minute offsets, with creation times crowded
 * around local month boundaries.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rollup } from "../../src/kpi/index.js";
import type { RollupKey } from "../../src/kpi/types.js";
import type { TicketEvaluation } from "../../src/sla/types.js";

const STATUSES = ["met", "breached", "overdue", "pending", "warning", "not-applicable", "unknown"] as const;
const ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Europe/London", "Pacific/Apia"];
const EMPTY = "no met, breached or overdue stages (pending, warning, not-applicable and unknown stages are not counted)";
const EMPTY_TICKET = "no work order with a decided stage (tickets whose stages are all pending, warning, not-applicable or unknown are not counted)";

/** Local year and month of an instant in a zone, read from Intl. */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlYearMonth(ms: number, timeZone: string): [number, number] {
  let f = formats.get(timeZone);
  if (f === undefined) formats.set(timeZone, (f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", era: "short" })));
  const parts = f.formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const y = Number(get("year"));
  return [get("era") === "BC" ? 1 - y : y, Number(get("month"))];
}
const year4 = (y: number) => (y >= 0 && y < 10000 ? String(y).padStart(4, "0") : String(y));
function periodText(ms: number, timeZone: string, key: RollupKey): string {
  const [y, m] = intlYearMonth(ms, timeZone);
  if (key === "month") return `${year4(y)}-${String(m).padStart(2, "0")}`;
  return key === "quarter" ? `${year4(y)}-Q${Math.ceil(m / 3)}` : year4(y);
}

interface Ev {
  assignee?: string | null;
  department?: string | null;
  tier?: string | null;
  service: string;
  createdAt: Date;
  stages: { stage: string; status: string; renegotiated: boolean; originalDueAt: Date | null }[];
}

/** rollup read straight from its documentation. */
function reference(evs: readonly Ev[], by: readonly RollupKey[], timeZone: string, unit: "stage" | "ticket"): object[] {
  const groups = new Map<string, { values: (string | null)[]; tickets: number; met: number; breached: number; overdue: number; notCounted: number; unknown: number; renegotiated: number }>();
  const group = (values: (string | null)[]) => {
    const key = JSON.stringify(values);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { values, tickets: 0, met: 0, breached: 0, overdue: 0, notCounted: 0, unknown: 0, renegotiated: 0 }));
    return g;
  };
  for (const e of evs) {
    const valuesFor = (stage: string | null) =>
      by.map((k) => (k === "stage" ? stage : k === "month" || k === "quarter" || k === "year" ? periodText(e.createdAt.getTime(), timeZone, k) : ((e as unknown as Record<string, string | null | undefined>)[k] ?? null)));
    const seen = new Set<object>();
    if (unit === "ticket") {
      const g = group(valuesFor(null));
      g.tickets++;
      const st = e.stages.map((s) => s.status);
      if (st.includes("breached")) g.breached++;
      else if (st.includes("overdue")) g.overdue++;
      else if (st.includes("met")) g.met++;
      else g.notCounted++;
      for (const s of e.stages) {
        if (s.status === "unknown") g.unknown++;
        if (s.renegotiated || s.originalDueAt !== null) g.renegotiated++;
      }
      continue;
    }
    if (!by.includes("stage")) group(valuesFor(null)).tickets++;
    for (const s of e.stages) {
      const g = group(valuesFor(s.stage));
      if (by.includes("stage") && !seen.has(g)) {
        seen.add(g);
        g.tickets++;
      }
      if (s.status === "met" || s.status === "breached" || s.status === "overdue" || s.status === "unknown") g[s.status === "unknown" ? "unknown" : s.status]++;
      else g.notCounted++;
      if (s.renegotiated || s.originalDueAt !== null) g.renegotiated++;
    }
  }
  const rows = [...groups.values()].sort((a, b) => {
    for (let k = 0; k < by.length; k++) {
      const x = a.values[k]!;
      const y = b.values[k]!;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    }
    return 0;
  });
  const ratio = (n: number, d: number) => (d === 0 ? { numerator: n, denominator: 0, value: null, reason: unit === "ticket" ? EMPTY_TICKET : EMPTY } : { numerator: n, denominator: d, value: n / d });
  return rows.map((g) => {
    const row: Record<string, unknown> = {};
    by.forEach((k, i) => (row[k === "month" || k === "quarter" || k === "year" ? "period" : k] = g.values[i]));
    const counted = g.met + g.breached + g.overdue;
    const cr = ratio(g.met, counted);
    const or = ratio(g.breached + g.overdue, counted);
    Object.assign(row, { unit, tickets: g.tickets, met: g.met, breached: g.breached, overdue: g.overdue, counted, notCounted: g.notCounted, unknown: g.unknown, renegotiated: g.renegotiated });
    Object.assign(row, { complianceRate: cr, overdueRate: or, complianceValue: cr.value, overdueValue: or.value });
    return row;
  });
}

/** Within `days` of the UTC start of a month, on a 15-minute grid (local midnights of every zone here) or a second off it. */
const nearMonthStart = (y: fc.Arbitrary<number>, m: fc.Arbitrary<number>, days = 6) =>
  fc
    .tuple(y, m, fc.integer({ min: -days * 96, max: days * 96 }), fc.oneof(fc.constant(0), fc.integer({ min: -2000, max: 2000 })))
    .map(([yy, mm, quarterHours, ms]) => Date.UTC(yy, mm, 1) + quarterHours * 15 * 60_000 + ms);
/** Instants anywhere from 1900 to 2100, or near a local month's start in any zone. */
const instant = fc.oneof(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), nearMonthStart(fc.integer({ min: 1960, max: 2040 }), fc.integer({ min: 0, max: 11 })));
const maybe = (xs: string[]) => fc.constantFrom<(string | null | undefined)[]>(...xs, null, undefined);
const evaluation = fc.record({
  assignee: maybe(["li", "wang", "zhang"]),
  department: maybe(["north", "south"]),
  tier: maybe(["core", "ordinary"]),
  service: fc.constantFrom("fault", "consultation"),
  createdAt: instant.map((ms) => new Date(ms)),
  stages: fc.array(
    fc.record({
      stage: fc.constantFrom("response", "repair", "closure"),
      status: fc.constantFrom(...STATUSES),
      renegotiated: fc.boolean(),
      originalDueAt: fc.option(fc.constant(new Date(0)), { freq: 4 }),
    }),
    { maxLength: 4 },
  ),
});
/** Up to four distinct keys in any order, at most one of month, quarter, year. */
const byKeys = fc
  .tuple(fc.shuffledSubarray(["assignee", "department", "tier", "service", "stage"] as RollupKey[], { maxLength: 3 }), fc.constantFrom<RollupKey | null>("month", "quarter", "year", null), fc.nat())
  .map(([keys, time, at]) => (time === null ? keys : [...keys.slice(0, at % (keys.length + 1)), time, ...keys.slice(at % (keys.length + 1))]));

describe("K17 rollup against a straightforward reading (003 §15)", () => {
  it("law: the same rows as one JSON key per group and Intl's local month, for any keys, order, unit and zone", () => {
    fc.assert(
      fc.property(fc.array(evaluation, { maxLength: 40 }), byKeys, fc.constantFrom(...ZONES), fc.boolean(), (evs, by, timeZone, perTicket) => {
        const unit = perTicket && !by.includes("stage") ? "ticket" : "stage";
        const got = rollup(evs as unknown as TicketEvaluation[], { by, timeZone, unit });
        expect(got).toEqual(reference(evs as Ev[], by, timeZone, unit));
      }),
      { numRuns: 250 },
    );
  });

  it("law: the same rows for many evaluations crowded around one month's start, where DST changes fall near month ends", () => {
    const around = fc.tuple(fc.integer({ min: 2005, max: 2026 }), fc.constantFrom(2, 3, 8, 9, 10)).chain(([y, m]) => fc.array(evaluation.chain((e) => nearMonthStart(fc.constant(y), fc.constant(m), 3).map((ms) => ({ ...e, createdAt: new Date(ms) }))), { minLength: 20, maxLength: 60 }));
    fc.assert(
      fc.property(around, fc.constantFrom<RollupKey[]>(["month"], ["quarter", "assignee"], ["stage", "year"]), fc.constantFrom("Europe/London", "Australia/Lord_Howe", "America/Santiago", "Pacific/Apia", "America/New_York", "Asia/Kathmandu"), (evs, by, timeZone) => {
        expect(rollup(evs as unknown as TicketEvaluation[], { by, timeZone })).toEqual(reference(evs as Ev[], by, timeZone, "stage"));
      }),
      { numRuns: 300 },
    );
  });

  it("law: successive calls in different zones and keys do not leak into each other (the month cache is per zone, the ids per call)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(evaluation, { maxLength: 15 }), byKeys, fc.constantFrom(...ZONES)), { minLength: 2, maxLength: 6 }), (calls) => {
        for (const [evs, by, timeZone] of calls) expect(rollup(evs as unknown as TicketEvaluation[], { by, timeZone })).toEqual(reference(evs as Ev[], by, timeZone, "stage"));
      }),
      { numRuns: 60 },
    );
  });

  it("K17: a month boundary in a half-hour zone with DST (Lord Howe, also on the day DST starts) and a 45-minute zone (Kathmandu) splits at local midnight", () => {
    // 2024-04-01 00:00 in Lord Howe (+11:00 until 2024-04-07) is 2024-03-31T13:00Z; in Kathmandu (+05:45) 2024-03-31T18:15Z
    const at = (iso: string) => ({ service: "fault", createdAt: new Date(iso), stages: [{ stage: "response", status: "met" }] });
    const evs = [at("2024-03-31T12:59:59.999Z"), at("2024-03-31T13:00:00Z"), at("2024-03-31T18:14:59.999Z"), at("2024-03-31T18:15:00Z")] as unknown as TicketEvaluation[];
    expect(rollup(evs, { by: ["month"], timeZone: "Australia/Lord_Howe" }).map((r) => [r.period, r.tickets])).toEqual([["2024-03", 1], ["2024-04", 3]]);
    expect(rollup(evs, { by: ["month"], timeZone: "Asia/Kathmandu" }).map((r) => [r.period, r.tickets])).toEqual([["2024-03", 3], ["2024-04", 1]]);
    expect(rollup([...evs].reverse(), { by: ["quarter"], timeZone: "Asia/Kathmandu" }).map((r) => [r.period, r.tickets])).toEqual([["2024-Q1", 3], ["2024-Q2", 1]]);
    // Lord Howe moved from +10:30 to +11:00 at 02:00 on 2023-10-01 (15:30Z the day before): 13:15Z is
    // still 23:45 on 30 September, whichever of the two evaluations is read first
    const dst = [at("2023-09-30T16:00:00Z"), at("2023-09-30T13:15:00Z"), at("2023-09-30T13:30:00Z")] as unknown as TicketEvaluation[];
    for (const list of [dst, [...dst].reverse()]) {
      expect(rollup(list, { by: ["month"], timeZone: "Australia/Lord_Howe" }).map((r) => [r.period, r.tickets])).toEqual([["2023-09", 1], ["2023-10", 2]]);
    }
  });
});
