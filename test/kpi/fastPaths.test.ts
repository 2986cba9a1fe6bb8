/**
 * The KPI fast paths give what the straightforward reading gives: rollup's numeric period keys
 * (K17) against Intl's local date, complianceRate's status-only loop (K17a) against rollup's
 * tally, a JSON round trip changing nothing, and failureWeight (K15) refusing huge n quickly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { complianceRate, failureWeight, rollup } from "../../src/kpi/index.js";
import type { TicketEvaluation } from "../../src/sla/types.js";
import { expectError } from "./helpers.js";

const STATUSES = ["met", "breached", "overdue", "pending", "warning", "not-applicable", "unknown"] as const;
const evaluation = fc.record({
  assignee: fc.constantFrom("li", "wang", undefined),
  createdAt: fc.integer({ min: -70_000_000_000_000, max: 300_000_000_000_000 }).map((ms) => new Date(ms)),
  stages: fc.array(fc.record({ stage: fc.constantFrom("response", "repair"), status: fc.constantFrom(...STATUSES) }), { maxLength: 3 }),
});

/** "YYYY-MM" of an instant in a zone, from Intl (years written as rollup writes them). */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlMonth(ms: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (f === undefined) formats.set(timeZone, (f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", era: "short" })));
  const parts = f.formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const y = get("era") === "BC" ? 1 - Number(get("year")) : Number(get("year"));
  return `${y >= 0 && y < 10000 ? String(y).padStart(4, "0") : String(y)}-${get("month")}`;
}

describe("K17 rollup numeric period keys", () => {
  it("month, quarter and year are Intl's local date in a DST zone, for any order of evaluations", () => {
    fc.assert(
      fc.property(fc.array(evaluation, { maxLength: 30 }), fc.constantFrom("America/New_York", "Asia/Shanghai", "Australia/Lord_Howe"), (evs, timeZone) => {
        const list = evs as unknown as TicketEvaluation[];
        const byMonth = rollup(list, { by: ["month"], timeZone });
        const want = new Map<string, number>();
        for (const e of evs) want.set(intlMonth(e.createdAt.getTime(), timeZone), (want.get(intlMonth(e.createdAt.getTime(), timeZone)) ?? 0) + 1);
        expect(byMonth.map((r) => [r.period, r.tickets])).toEqual([...want].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
        const q = new Map<string, number>();
        const y = new Map<string, number>();
        for (const [m, n] of want) {
          const year = m.slice(0, -3);
          const quarter = `${year}-Q${Math.ceil(Number(m.slice(-2)) / 3)}`;
          q.set(quarter, (q.get(quarter) ?? 0) + n);
          y.set(year, (y.get(year) ?? 0) + n);
        }
        expect(rollup(list, { by: ["quarter"], timeZone }).map((r) => [r.period, r.tickets])).toEqual([...q].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
        expect(rollup(list, { by: ["year"], timeZone }).map((r) => [r.period, r.tickets])).toEqual([...y].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
      }),
      { numRuns: 200 },
    );
  });
  it("rows and rates are the same after a JSON round trip of the evaluations (years 1970-9999)", () => {
    const modern = evaluation.filter((e) => e.createdAt.getTime() >= 0 && e.createdAt.getTime() < 253_402_300_800_000);
    fc.assert(
      fc.property(fc.array(modern, { maxLength: 30 }), (evs) => {
        const list = evs as unknown as TicketEvaluation[];
        const back = JSON.parse(JSON.stringify(evs)) as TicketEvaluation[];
        for (const by of [["assignee", "month"], ["stage", "year"]] as const) {
          expect(rollup(back, { by, timeZone: "Asia/Shanghai" })).toEqual(rollup(list, { by, timeZone: "Asia/Shanghai" }));
        }
        expect(complianceRate(back)).toEqual(complianceRate(list));
      }),
      { numRuns: 100 },
    );
  });
});

describe("K17a complianceRate's status-only loop", () => {
  it("equals the met / counted of rollup with no keys, and still names a bad stage's path", () => {
    fc.assert(
      fc.property(fc.array(evaluation, { maxLength: 30 }), (evs) => {
        const list = evs as unknown as TicketEvaluation[];
        const [row] = rollup(list, { by: [] });
        const c = complianceRate(list);
        expect([c.numerator, c.denominator]).toEqual(row ? [row.met, row.counted] : [0, 0]);
      }),
    );
    const bad = [{ stages: [{ status: "met" }] }, { stages: [{ status: "met" }, { status: "late" }] }] as unknown as TicketEvaluation[];
    expectError(() => complianceRate(bad), "INVALID_INPUT", [1, "stages", 1, "status"]);
    expectError(() => complianceRate([{ stages: [null] }] as unknown as TicketEvaluation[]), "INVALID_INPUT", [0, "stages", 0]);
    expectError(() => complianceRate([{}] as unknown as TicketEvaluation[]), "INVALID_INPUT", [0, "stages"]);
  });
});

describe("K15 failureWeight", () => {
  it("a huge n without a cap is OUT_OF_SAFE_RANGE at once; with a cap it is the cap", () => {
    expectError(() => failureWeight(2 ** 40), "OUT_OF_SAFE_RANGE", ["n"]);
    expectError(() => failureWeight(54), "OUT_OF_SAFE_RANGE", ["n"]);
    expect(failureWeight(53)).toBe(2 ** 52);
    expect(failureWeight(2 ** 40, { cap: 8 })).toBe(8);
  });
});
