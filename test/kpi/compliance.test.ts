import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { complianceRate, overdueRate, rollup } from "../../src/kpi/index.js";
import type { StageStatus, TicketEvaluation } from "../../src/sla/types.js";
import { expectError } from "./helpers.js";

/** A minimal TicketEvaluation: only what the roll-ups read matters. */
function ev(
  statuses: readonly StageStatus[],
  extra: { assignee?: string; department?: string; tier?: string; service?: string; createdAt?: string; stages?: readonly string[] } = {},
): TicketEvaluation {
  const createdAt = new Date(extra.createdAt ?? "2026-03-10T10:00:00+08:00");
  return {
    ticketId: "t",
    service: extra.service ?? "fault",
    tier: extra.tier ?? null,
    urgency: null,
    location: null,
    channel: null,
    assignee: extra.assignee ?? null,
    department: extra.department ?? null,
    factsAtCreation: null,
    createdAt,
    asOf: createdAt,
    createdAtMs: createdAt.getTime(),
    asOfMs: createdAt.getTime(),
    policy: { id: "p", version: "1", hash: "h" },
    stages: statuses.map((status, i) => ({
      stage: extra.stages?.[i] ?? `s${i}`,
      status,
      anchorAt: null, dueAt: null, originalDueAt: null, warnAt: null, doneAt: null,
      anchorAtMs: null, dueAtMs: null, warnAtMs: null, doneAtMs: null, msUntilWarn: null, msUntilDue: null,
      allowedMs: null, elapsedMs: null, remainingMs: null, fractionUsed: null, pausedMs: 0, levelsReached: [], nextLevel: null, reopenings: null, cycles: null,
      renegotiated: false, rejectedAgreements: null, needsCause: false, cause: null, reclassified: null, provisional: false, error: null,
      trace: { row: null, rowId: null, sourceRef: null, within: null, clock: null, anchor: "created", steps: [] },
    })),
    unknownStages: null,
  };
}

describe("K17 complianceRate / overdueRate (003 §15)", () => {
  it("K17 003 §15: 时效达标率 = met / (met + breached + overdue); pending, warning, not-applicable not counted", () => {
    const evals = [ev(["met", "breached", "pending"]), ev(["met", "overdue", "warning", "not-applicable"]), ev(["met"])];
    expect(complianceRate(evals)).toEqual({ numerator: 3, denominator: 5, value: 0.6 });
  });
  it("K17 003 §15: 超时率 = (breached + overdue) / (met + breached + overdue)", () => {
    const evals = [ev(["met", "breached", "pending"]), ev(["met", "overdue", "warning"]), ev(["met"])];
    expect(overdueRate(evals)).toEqual({ numerator: 2, denominator: 5, value: 0.4 });
  });
  it("K17: nothing decided yet gives value null with a reason", () => {
    const r = complianceRate([ev(["pending", "warning"])]);
    expect(r.value).toBeNull();
    expect(r.reason).toMatch(/not counted/);
    expect(complianceRate([]).value).toBeNull();
    expect(overdueRate([]).value).toBeNull();
  });
  it("K17: an unknown stage status is an error with its path", () => {
    const bad = ev(["met"]);
    const broken = { ...bad, stages: [{ ...bad.stages[0]!, status: "late" as StageStatus }] };
    expectError(() => complianceRate([bad, broken]), "INVALID_INPUT", [1, "stages", 0, "status"]);
    expectError(() => complianceRate([{} as TicketEvaluation]), "INVALID_INPUT", [0, "stages"]);
    expectError(() => rollup([broken], { by: ["assignee"] }), "INVALID_INPUT", ["evaluations", 0, "stages", 0, "status"]);
  });
  const statusArb = fc.constantFrom<StageStatus>("met", "breached", "overdue", "pending", "warning", "not-applicable");
  const evalsArb = fc.array(fc.array(statusArb, { maxLength: 6 }), { maxLength: 15 });
  it("law: compliance + overdue = 1 over the same denominator", () => {
    fc.assert(
      fc.property(evalsArb, (ss) => {
        const evals = ss.map((s) => ev(s));
        const c = complianceRate(evals);
        const o = overdueRate(evals);
        return c.denominator === o.denominator && c.numerator + o.numerator === c.denominator && (c.denominator === 0) === (c.value === null);
      }),
    );
  });
  it("law: turning a breached stage into met never lowers compliance; adding pending stages changes nothing", () => {
    fc.assert(
      fc.property(evalsArb, (ss) => {
        const before = complianceRate(ss.map((s) => ev(s)));
        const fixed = complianceRate(ss.map((s) => ev(s.map((x) => (x === "breached" ? "met" : x)))));
        const padded = complianceRate(ss.map((s) => ev([...s, "pending", "warning"])));
        return (before.value === null || fixed.value! >= before.value) && padded.numerator === before.numerator && padded.denominator === before.denominator;
      }),
    );
  });
});

describe("K17 rollup: per person, department, month, year (003 §15)", () => {
  const evals = [
    ev(["met", "met"], { assignee: "li", department: "ops", createdAt: "2026-01-31T23:30:00+08:00" }),
    ev(["breached", "met"], { assignee: "li", department: "ops", createdAt: "2026-02-02T09:00:00+08:00" }),
    ev(["overdue", "pending"], { assignee: "wang", department: "ops", createdAt: "2026-02-03T09:00:00+08:00" }),
    ev(["met"], { department: "field", createdAt: "2026-04-01T00:30:00+08:00" }),
  ];
  it("K17: per person", () => {
    const rows = rollup(evals, { by: ["assignee"] });
    expect(rows.map((r) => [r.assignee, r.met, r.breached, r.overdue, r.counted, r.notCounted, r.tickets])).toEqual([
      ["li", 3, 1, 0, 4, 0, 2],
      ["wang", 0, 0, 1, 1, 1, 1],
      [null, 1, 0, 0, 1, 0, 1],
    ]);
    expect(rows[0]!.complianceRate).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(rows[1]!.overdueRate.value).toBe(1);
    expect(rows[0]!.complianceValue).toBe(0.75);
  });
  it("K17: per department and month, by the creation date in the given zone", () => {
    const rows = rollup(evals, { by: ["department", "month"], timeZone: "Asia/Shanghai" });
    expect(rows.map((r) => [r.department, r.period, r.met, r.counted])).toEqual([
      ["field", "2026-04", 1, 1],
      ["ops", "2026-01", 2, 2],
      ["ops", "2026-02", 1, 3],
    ]);
    // in UTC the first ticket (15:30Z on Jan 31) is still January, the last (16:30Z on Mar 31) is March
    const utc = rollup(evals, { by: ["month"], timeZone: "UTC" });
    expect(utc.map((r) => r.period)).toEqual(["2026-01", "2026-02", "2026-03"]);
  });
  it("K17: per quarter and year", () => {
    expect(rollup(evals, { by: ["quarter"], timeZone: "Asia/Shanghai" }).map((r) => [r.period, r.counted])).toEqual([
      ["2026-Q1", 5], // 2 + 2 + 1 (the pending stage is not counted)
      ["2026-Q2", 1],
    ]);
    expect(rollup(evals, { by: ["year"], timeZone: "Asia/Shanghai" }).map((r) => [r.period, r.counted])).toEqual([["2026", 6]]);
  });
  it("K17: per stage splits a ticket's stages", () => {
    const e = [ev(["met", "breached"], { stages: ["response", "resolution"] }), ev(["met", "met"], { stages: ["response", "resolution"] })];
    const rows = rollup(e, { by: ["stage"] });
    expect(rows.map((r) => [r.stage, r.met, r.breached, r.tickets])).toEqual([
      ["resolution", 1, 1, 2],
      ["response", 2, 0, 2],
    ]);
  });
  it("K17: no keys gives one total row", () => {
    const rows = rollup(evals, { by: [] });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.complianceRate).toEqual({ numerator: 4, denominator: 6, value: 4 / 6 });
  });
  it("rejects unknown, repeated and double time keys, and time keys without a zone", () => {
    expectError(() => rollup(evals, { by: ["team" as never] }), "INVALID_INPUT", ["options", "by", 0]);
    expectError(() => rollup(evals, { by: ["tier", "tier"] }), "INVALID_INPUT", ["options", "by", 1]);
    expectError(() => rollup(evals, { by: ["month", "year"], timeZone: "UTC" }), "INVALID_INPUT", ["options", "by", 1]);
    expectError(() => rollup(evals, { by: ["month"] }), "INVALID_INPUT", ["options", "timeZone"]);
    // the message says what to add, not "Unknown time zone undefined"
    expect(() => rollup(evals, { by: ["quarter"] })).toThrow(/by lists quarter: name the time zone .* in options\.timeZone/);
    expectError(() => rollup(evals, { by: ["month"], timeZone: "Nowhere/City" }), "INVALID_INPUT", ["options", "timeZone"]);
    const bad = { ...evals[0]!, createdAt: new Date("bad") };
    expectError(() => rollup([bad], { by: ["month"], timeZone: "UTC" }), "INVALID_INPUT", ["evaluations", 0, "createdAt"]);
  });
  const statusArb = fc.constantFrom<StageStatus>("met", "breached", "overdue", "pending", "warning", "not-applicable");
  const evArb = fc
    .record({
      s: fc.array(statusArb, { maxLength: 4 }),
      assignee: fc.option(fc.constantFrom("li", "wang", "zhao"), { nil: undefined }),
      department: fc.constantFrom("ops", "field"),
      day: fc.integer({ min: 0, max: 400 }),
    })
    .map(({ s, assignee, department, day }) =>
      ev(s, { department, createdAt: new Date(Date.UTC(2025, 11, 1) + day * 86_400_000 + 15 * 3_600_000).toISOString(), ...(assignee === undefined ? {} : { assignee }) }),
    );
  it("law: rows partition the stages (sums equal the overall rates) and are invariant under shuffling", () => {
    fc.assert(
      fc.property(fc.array(evArb, { maxLength: 25 }), fc.constantFrom<("assignee" | "department" | "month" | "stage")[]>(["assignee"], ["department", "month"], ["month", "assignee"], ["stage", "department"]), (es, by) => {
        const rows = rollup(es, { by, timeZone: "Asia/Shanghai" });
        const c = complianceRate(es);
        const sumMet = rows.reduce((s, r) => s + r.met, 0);
        const sumCounted = rows.reduce((s, r) => s + r.counted, 0);
        expect([sumMet, sumCounted]).toEqual([c.numerator, c.denominator]);
        expect(rollup([...es].reverse(), { by, timeZone: "Asia/Shanghai" })).toEqual(rows);
      }),
      { numRuns: 150 },
    );
  });
});
