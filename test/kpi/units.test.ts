import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { causeRecordedRate, checkTarget, complianceRate, downtime, kpiDefinitions, overdueRate, rollup, signalQuality, weightedFailures, weightedFailuresBreakdown } from "../../src/kpi/index.js";
import { evaluateTicket, robotIntegration2026 } from "../../src/sla/index.js";
import type { Ticket, TicketEvaluation } from "../../src/sla/index.js";
import { expectError } from "./helpers.js";

type S = "met" | "breached" | "overdue" | "pending" | "warning" | "not-applicable" | "unknown";
/** A minimal evaluation: only what the roll-ups read. */
const ev = (statuses: readonly S[], extra: Record<string, unknown> = {}): TicketEvaluation =>
  ({
    ticketId: "t",
    service: "fault",
    createdAt: new Date("2026-03-10T10:00:00+08:00"),
    stages: statuses.map((status, i) => ({ stage: `s${i}`, status })),
    ...extra,
  }) as unknown as TicketEvaluation;

describe("K9c 002 art. 20 工单及时处理率: complianceRate per work order", () => {
  it("K9c: 100 orders with 2 completed late give 98/100 (target missed), not 198/200 of their stages", () => {
    const evals = Array.from({ length: 100 }, (_, k) => ev(k < 2 ? ["met", "breached"] : ["met", "met"]));
    const perStage = complianceRate(evals);
    expect(perStage).toEqual({ numerator: 198, denominator: 200, value: 0.99 });
    const perOrder = complianceRate(evals, { unit: "ticket" });
    expect(perOrder).toEqual({ numerator: 98, denominator: 100, value: 0.98 });
    expect(checkTarget("K9c", perOrder).met).toBe(false);
    expect(checkTarget("K9c", perStage).met).toBe(true); // what counting stages would wrongly say
    expect(overdueRate(evals, { unit: "ticket" })).toEqual({ numerator: 2, denominator: 100, value: 0.02 });
  });
  it("K9c: a ticket is timely when it has a decided stage and none breached or overdue; undecided tickets are left out", () => {
    const evals = [
      ev(["met", "pending"]), // timely
      ev(["overdue", "met"]), // late
      ev(["pending", "not-applicable", "unknown"]), // left out
      ev(["warning"]), // left out
      ev([]), // left out
    ];
    expect(complianceRate(evals, { unit: "ticket" })).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    const none = complianceRate([ev(["pending"])], { unit: "ticket" });
    expect(none.value).toBeNull();
    expect(none.reason).toMatch(/work order/);
  });
  it("K9c: kpiDefinitions say the unit; K17 counts stages", () => {
    const unit = (id: string) => kpiDefinitions.find((d) => d.id === id)?.unit;
    expect(unit("K9c")).toBe("ticket");
    expect(unit("K17a")).toBe("stage");
    expect(unit("K17b")).toBe("stage");
  });
  it("K9c: rollup with unit ticket counts work orders per group; unit ticket with by stage is INVALID_INPUT", () => {
    const evals = [ev(["met", "breached"], { assignee: "li" }), ev(["met", "met"], { assignee: "li" }), ev(["pending"], { assignee: "li" })];
    const [row] = rollup(evals, { by: ["assignee"], unit: "ticket" });
    expect(row).toMatchObject({ assignee: "li", unit: "ticket", tickets: 3, met: 1, breached: 1, overdue: 0, counted: 2, notCounted: 1, complianceValue: 0.5 });
    expect(rollup(evals, { by: ["assignee"] })[0]).toMatchObject({ unit: "stage", met: 3, breached: 1, notCounted: 1, complianceValue: 0.75 });
    expectError(() => rollup(evals, { by: ["stage"], unit: "ticket" }), "INVALID_INPUT", ["options", "unit"]);
    expectError(() => complianceRate(evals, { unit: "order" as never }), "INVALID_INPUT", ["options", "unit"]);
  });
  it("law: per-ticket compliance equals a hand count over the tickets, and never exceeds the share of all-met tickets among decided ones", () => {
    const statusArb = fc.constantFrom<S>("met", "breached", "overdue", "pending", "warning", "not-applicable", "unknown");
    fc.assert(
      fc.property(fc.array(fc.array(statusArb, { maxLength: 5 }), { maxLength: 30 }), (tickets) => {
        const r = complianceRate(tickets.map((t) => ev(t)), { unit: "ticket" });
        const decided = tickets.filter((t) => t.some((s) => s === "met" || s === "breached" || s === "overdue"));
        const timely = decided.filter((t) => !t.includes("breached") && !t.includes("overdue"));
        return r.numerator === timely.length && r.denominator === decided.length;
      }),
    );
  });
});

describe("issue 11: unknown stages and renegotiated deadlines in the roll-ups", () => {
  it("K17: unknown stages are in neither numerator nor denominator, and rollup counts them in a column", () => {
    const evals = [ev(["met", "unknown"]), ev(["breached", "unknown", "pending"])];
    expect(complianceRate(evals)).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(overdueRate(evals)).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    const [row] = rollup(evals, { by: [] });
    expect(row).toMatchObject({ met: 1, breached: 1, counted: 2, notCounted: 1, unknown: 2 });
    expect(complianceRate([ev(["unknown"])]).value).toBeNull();
  });
  it("W2: rollup rows count renegotiated stages (the renegotiated flag, or an originalDueAt beside the new deadline)", () => {
    const e = {
      ticketId: "t",
      service: "fault",
      createdAt: "2026-03-10T10:00:00+08:00",
      stages: [
        { stage: "a", status: "met", renegotiated: true },
        { stage: "b", status: "met", originalDueAt: "2026-03-10T12:00:00+08:00" },
        { stage: "c", status: "met", originalDueAt: null, renegotiated: false },
      ],
    } as unknown as TicketEvaluation;
    expect(rollup([e], { by: ["stage"] }).map((r) => [r.stage, r.renegotiated])).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 0],
    ]);
    expect(rollup([e], { by: [], unit: "ticket" })[0]!.renegotiated).toBe(2);
  });
});

describe("one time input: Date | epoch ms | ISO string with offset, and evaluations after a JSON round trip", () => {
  const tickets: Ticket[] = [
    {
      id: "A", service: "fault", tier: "core", urgency: "urgent", assignee: "li", createdAt: "2024-05-06T10:00:00+08:00",
      events: [{ type: "done", stage: "response", at: "2024-05-06T10:10:00+08:00" }, { type: "done", stage: "handling", at: "2024-05-06T11:30:00+08:00" }],
    } as unknown as Ticket,
    {
      id: "B", service: "fault", tier: "core", urgency: "urgent", assignee: "wang", createdAt: "2024-05-31T23:30:00+08:00",
      events: [{ type: "done", stage: "response", at: "2024-06-01T00:30:00+08:00" }],
    } as unknown as Ticket,
  ];
  const evaluations = tickets.map((t) => evaluateTicket(robotIntegration2026, t, { asOf: new Date("2024-06-03T15:00:00+08:00") }));
  const viaJson = JSON.parse(JSON.stringify(evaluations)) as TicketEvaluation[];
  it("complianceRate gives the same after JSON.stringify/JSON.parse, in both units", () => {
    expect(complianceRate(viaJson)).toEqual(complianceRate(evaluations));
    expect(complianceRate(viaJson, { unit: "ticket" })).toEqual(complianceRate(evaluations, { unit: "ticket" }));
  });
  it("causeRecordedRate (W3) gives the same after a JSON round trip", () => {
    expect(causeRecordedRate(viaJson)).toEqual(causeRecordedRate(evaluations));
    expect(causeRecordedRate(evaluations).denominator).toBeGreaterThan(0);
  });
  it("overdueRate gives the same after a JSON round trip", () => {
    expect(overdueRate(viaJson)).toEqual(overdueRate(evaluations));
    expect(overdueRate(viaJson, { unit: "ticket" })).toEqual(overdueRate(evaluations, { unit: "ticket" }));
  });
  it("rollup gives the same after a JSON round trip (createdAt as an ISO string), by month in Shanghai", () => {
    const opts = { by: ["assignee", "month"], timeZone: "Asia/Shanghai" } as const;
    const rows = rollup(evaluations, opts);
    expect(rollup(viaJson, opts)).toEqual(rows);
    expect(rows.map((r) => [r.assignee, r.period])).toEqual([
      ["li", "2024-05"],
      ["wang", "2024-05"],
    ]);
  });
  it("rollup rejects an instant without an offset and an Invalid Date with INVALID_INPUT and the path", () => {
    expectError(() => rollup([ev(["met"], { createdAt: "2024-05-06T10:00:00" })], { by: ["month"], timeZone: "UTC" }), "INVALID_INPUT", ["evaluations", 0, "createdAt"]);
    expectError(() => rollup([ev(["met"], { createdAt: new Date("x") })], { by: ["year"], timeZone: "UTC" }), "INVALID_INPUT", ["evaluations", 0, "createdAt"]);
  });
  it("weightedFailuresBreakdown and weightedFailures take ISO strings, epoch ms and Dates alike", () => {
    const iso = [
      { deviceId: "a", at: "2026-03-31T23:30:00+08:00" },
      { deviceId: "a", at: "2026-03-02T10:00:00+08:00" },
    ];
    const dates = iso.map((f) => ({ ...f, at: new Date(f.at) }));
    const ms = iso.map((f) => ({ ...f, at: Date.parse(f.at) }));
    const b = weightedFailuresBreakdown(iso, { timeZone: "Asia/Shanghai" });
    expect(b.total).toBe(3);
    expect(weightedFailuresBreakdown(dates, { timeZone: "Asia/Shanghai" })).toEqual(b);
    expect(weightedFailures(ms, { timeZone: "Asia/Shanghai" })).toBe(3);
    expectError(() => weightedFailures([{ deviceId: "a", at: "2026-03-02 10:00" }], { timeZone: "UTC" }), "INVALID_INPUT", ["failures", 0, "at"]);
  });
  it("instants whose local date is out of range are INVALID_INPUT, never a RangeError (weightedFailures, rollup)", () => {
    // local time past the end of the Date range: no local date
    for (const [at, timeZone] of [[8.64e15, "Asia/Shanghai"], [-8.64e15, "America/New_York"]] as const) {
      expectError(() => weightedFailures([{ deviceId: "a", at }], { timeZone }), "INVALID_INPUT", ["failures", 0, "at"]);
      expectError(() => rollup([ev(["met"], { createdAt: at })], { by: ["month"], timeZone }), "INVALID_INPUT", ["evaluations", 0, "createdAt"]);
    }
    // local time inside it: a correct answer (the zone tables answer up to the ends of the range)
    expect(weightedFailures([{ deviceId: "a", at: 8.64e15 }], { timeZone: "UTC" })).toBe(1);
    expect(weightedFailures([{ deviceId: "a", at: 8.64e15 }], { timeZone: "America/New_York" })).toBe(1);
    expect(weightedFailures([{ deviceId: "a", at: -8.64e15 }], { timeZone: "Asia/Shanghai" })).toBe(1);
  });
});

describe("K22 002 art. 23: group equipment and egress failures are outside the core network", () => {
  const period = { from: "2026-03-01T00:00:00+08:00", to: "2026-04-01T00:00:00+08:00" };
  const outages = [
    { from: "2026-03-02T10:00:00+08:00", to: "2026-03-02T10:30:00+08:00" },
    { from: "2026-03-05T10:00:00+08:00", to: "2026-03-05T12:00:00+08:00", cause: "egress" },
    { from: "2026-03-06T10:00:00+08:00", to: "2026-03-06T11:00:00+08:00", cause: "group-equipment" },
  ];
  it("K22: scope core-network leaves out egress and group-equipment outages; the default counts every outage", () => {
    const all = downtime(outages, period);
    expect(all.downtimeMs).toBe(3.5 * 3_600_000);
    expect(all.excluded).toEqual([]);
    const core = downtime(outages, period, { scope: "core-network" });
    expect(core.downtimeMs).toBe(30 * 60_000);
    expect(core.excluded).toEqual([1, 2]);
    expect(core.trace).toMatchObject({ rule: "K22", sourceRef: "002 art. 23" });
  });
  it("K22: a bad scope or cause is INVALID_INPUT", () => {
    expectError(() => downtime(outages, period, { scope: "core" as never }), "INVALID_INPUT", ["options", "scope"]);
    expectError(() => downtime([{ from: 0, to: 1, cause: 5 as never }], { from: 0, to: 2 }), "INVALID_INPUT", ["outages", 0, "cause"]);
  });
  it("law: core-network downtime never exceeds the downtime of all outages", () => {
    const causeArb = fc.constantFrom(undefined, "egress", "group-equipment", "power");
    fc.assert(
      fc.property(fc.array(fc.record({ from: fc.integer({ min: 0, max: 1000 }), len: fc.integer({ min: 0, max: 300 }), cause: causeArb }), { maxLength: 12 }), (os) => {
        const list = os.map((o) => ({ from: o.from, to: o.from + o.len, ...(o.cause === undefined ? {} : { cause: o.cause }) }));
        return downtime(list, { from: 0, to: 1200 }, { scope: "core-network" }).downtimeMs <= downtime(list, { from: 0, to: 1200 }).downtimeMs;
      }),
    );
  });
});

describe("K21 002 art. 29 signalQuality: level 70 dB ± 3, MER >= 26 dB, BER <= 1.0E-7", () => {
  it("K21: the limits are inclusive and exact (67, 73, 26, 1e-7 pass; just beyond fails)", () => {
    const r = signalQuality([
      { levelDb: 67, merDb: 26, ber: 1e-7 },
      { levelDb: 73, merDb: 40, ber: 0 },
      { levelDb: 66.99, merDb: 26, ber: 1e-7 },
      { levelDb: 70, merDb: 25.99, ber: 1e-7 },
      { levelDb: 70, merDb: 30, ber: 1.0000001e-7 },
    ]);
    expect(r.checks.map((c) => c.ok)).toEqual([true, true, false, false, false]);
    expect(r.checks[2]!.failures).toEqual(["level 66.99 dB outside 70 ± 3 dB"]);
    expect(r.passRate).toEqual({ numerator: 2, denominator: 5, value: 0.4 });
    expect(r.trace).toMatchObject({ rule: "K21", sourceRef: "002 art. 29" });
  });
  it("K21: other limits can be given; bad values are INVALID_INPUT with a path", () => {
    expect(signalQuality([{ levelDb: 60, merDb: 30, ber: 0 }], { levelDb: 62, levelToleranceDb: 2 }).checks[0]!.ok).toBe(true);
    expectError(() => signalQuality([{ levelDb: 70, merDb: Number.NaN, ber: 0 }]), "INVALID_INPUT", ["measurements", 0, "merDb"]);
    expectError(() => signalQuality([{ levelDb: 70, merDb: 30, ber: -1 }]), "INVALID_INPUT", ["measurements", 0, "ber"]);
    expectError(() => signalQuality([], { maxBer: Infinity }), "INVALID_INPUT", ["limits", "maxBer"]);
    expect(signalQuality([]).passRate.value).toBeNull();
  });
  it("law: a measurement passes exactly when each value is inside its limit", () => {
    fc.assert(
      fc.property(fc.double({ min: 50, max: 90, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 1e-6, noNaN: true }), (levelDb, merDb, ber) => {
        const c = signalQuality([{ levelDb, merDb, ber }]).checks[0]!;
        return c.ok === (c.levelOk && c.merOk && c.berOk) && c.merOk === (merDb >= 26) && c.berOk === (ber <= 1e-7) && c.levelOk === (levelDb >= 67 && levelDb <= 73);
      }),
    );
  });
});
