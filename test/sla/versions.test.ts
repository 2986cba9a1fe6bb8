/**
 * S18 policy versions over a ticket's life (docs/rules.md S18; docs/sla.md "Policy versions over a
 * ticket's life"): `evaluateTicketVersions` judges each stage by the version in force when it started.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { diffVersions } from "../../src/golden/index.js";
import { evaluateTicket, evaluateTicketVersions, parsePolicy, robotIntegration2026, type Policy, type PolicyJson, type StageEvaluation, type TicketEvent, type TicketInput } from "../../src/sla/index.js";

const base: PolicyJson = {
  id: "desk",
  version: "1",
  effectiveFrom: "2026-01-01",
  timeZone: "Asia/Shanghai",
  calendars: { "24x7": { builtin: "alwaysOpen", timeZone: "Asia/Shanghai" } },
  dimensions: {},
  services: { fault: { stages: ["response", "resolution"], dimensions: [] } },
  targets: [
    { id: "v1:response", service: "fault", stage: "response", within: "PT1H", clock: "24x7", sourceRef: "desk v1 §1" },
    { id: "v1:resolution", service: "fault", stage: "resolution", anchor: "response", within: "PT8H", clock: "24x7", sourceRef: "desk v1 §2" },
  ],
  pauseReasons: { hold: { stops: ["resolution"] } },
};
const v1 = parsePolicy(base);
const v2 = parsePolicy({
  ...base,
  version: "2",
  effectiveFrom: "2026-07-01",
  targets: [
    { id: "v2:response", service: "fault", stage: "response", within: "PT30M", clock: "24x7", sourceRef: "desk v2 §1" },
    { id: "v2:resolution", service: "fault", stage: "resolution", anchor: "response", within: "PT4H", clock: "24x7", sourceRef: "desk v2 §2" },
  ],
});
/** 2026-07-01 00:00 Beijing time: version 2 takes effect. */
const E = Date.parse("2026-07-01T00:00:00+08:00");
const at = (s: string) => `2026-${s}+08:00`;

function codeOf(f: () => unknown): { code: string; path: readonly (string | number)[]; message: string } {
  try {
    f();
  } catch (e) {
    if (isSlaKitError(e)) return { code: e.code, path: e.path, message: e.message };
    throw e;
  }
  throw new Error("expected a SlaKitError");
}

const outcome = (s: StageEvaluation) => ({ status: s.status, dueAtMs: s.dueAtMs, warnAtMs: s.warnAtMs, elapsedMs: s.elapsedMs, allowedMs: s.allowedMs, rowId: s.trace.rowId });
const versionStep = (s: StageEvaluation) => s.trace.steps.find((x) => x.step === "policy-version");

describe("S18 each stage is judged by the version in force when it started", () => {
  it("S18 the change falls between a stage's start and its deadline: the stage keeps the old version's row", () => {
    // created 30 June 22:00, response done 23:00 (v1): resolution started under v1, due 07:00 on 1 July
    const t = { id: "A", service: "fault", createdAt: at("06-30T22:00:00"), events: [{ type: "done", stage: "response", at: at("06-30T23:00:00") }] };
    const r = evaluateTicketVersions([v1, v2], t, { asOf: at("07-01T06:00:00") });
    const res = r.stages[1]!;
    expect(res.trace.rowId).toBe("v1:resolution");
    expect(res.dueAt?.toISOString()).toBe(new Date(at("07-01T07:00:00")).toISOString());
    expect(res.status).toBe("warning");
    expect(versionStep(res)?.value).toBe("1");
    expect(r.policy.version).toBe("1");
  });

  it("S18 the change falls between two stages: the later stage uses the new version, the earlier keeps the old", () => {
    const t = { id: "B", service: "fault", createdAt: at("06-30T23:30:00"), events: [{ type: "done", stage: "response", at: at("07-01T00:10:00") }] };
    const r = evaluateTicketVersions([v1, v2], t, { asOf: at("07-01T05:00:00") });
    expect(r.stages.map((s) => s.trace.rowId)).toEqual(["v1:response", "v2:resolution"]);
    // response: created under v1 (1 h), done in time under v1 although v2 would give 30 min
    expect(r.stages[0]!.status).toBe("met");
    expect(r.stages[1]!.dueAt?.toISOString()).toBe(new Date(at("07-01T04:10:00")).toISOString());
    expect(r.stages[1]!.status).toBe("overdue");
    expect(r.stages.map((s) => versionStep(s)?.value)).toEqual(["1", "2"]);
    expect(versionStep(r.stages[1]!)?.detail).toMatch(/"desk" 2 .*the version in force when the stage started \(2026-06-30T16:10:00.000Z\)/);
  });

  it("S18 a stage decided under the old version keeps its outcome when the new version would re-judge it", () => {
    // response done after 50 min: met under v1 (1 h), breached under v2 (30 min)
    const t = { id: "C", service: "fault", createdAt: at("06-30T23:30:00"), events: [{ type: "done", stage: "response", at: at("07-01T00:20:00") }] };
    expect(evaluateTicket(v2, t, { asOf: at("07-02T00:00:00"), allowOutsideEffectiveDates: true }).stages[0]!.status).toBe("breached");
    expect(evaluateTicketVersions([v1, v2], t, { asOf: at("07-02T00:00:00") }).stages[0]!.status).toBe("met");
  });

  it("S18 a stage not started by asOf is shown under the version in force at asOf", () => {
    const t = { id: "D", service: "fault", createdAt: at("06-30T20:00:00"), events: [] };
    const before = evaluateTicketVersions([v1, v2], t, { asOf: at("06-30T23:00:00") });
    const after = evaluateTicketVersions([v1, v2], t, { asOf: at("07-01T01:00:00") });
    expect(before.stages.map((s) => versionStep(s)?.value)).toEqual(["1", "1"]);
    expect(after.stages.map((s) => versionStep(s)?.value)).toEqual(["1", "2"]);
    expect(after.stages[1]).toMatchObject({ status: "pending", dueAt: null });
    expect(versionStep(after.stages[1]!)?.detail).toMatch(/has not started by/);
  });

  it("S18 a ticket created under the new version uses it throughout; the order of the versions does not matter", () => {
    const t = { id: "E", service: "fault", createdAt: at("07-02T09:00:00"), events: [{ type: "done", stage: "response", at: at("07-02T09:20:00") }] };
    const r = evaluateTicketVersions([v2, v1], t, { asOf: at("07-02T10:00:00") });
    expect(r.policy).toEqual({ id: "desk", version: "2", hash: v2.hash });
    expect(r.stages.map((s) => s.trace.rowId)).toEqual(["v2:response", "v2:resolution"]);
    const direct = evaluateTicket(v2, t, { asOf: at("07-02T10:00:00") });
    expect(r.stages.map(outcome)).toEqual(direct.stages.map(outcome));
  });

  it('S18 choose: "creation" judges every stage by the version in force at creation', () => {
    const t = { id: "B", service: "fault", createdAt: at("06-30T23:30:00"), events: [{ type: "done", stage: "response", at: at("07-01T00:10:00") }] };
    const r = evaluateTicketVersions([v1, v2], t, { asOf: at("07-01T05:00:00"), choose: "creation" });
    expect(r.stages.map((s) => s.trace.rowId)).toEqual(["v1:response", "v1:resolution"]);
    expect(versionStep(r.stages[1]!)?.detail).toMatch(/choose: "creation"/);
    expect(codeOf(() => evaluateTicketVersions([v1, v2], t, { asOf: at("07-01T05:00:00"), choose: "latest" as never }))).toMatchObject({ code: "INVALID_ARGUMENT", path: ["choose"] });
  });

  it("S18 trace: false records no step; the numbers are the same", () => {
    const t = { id: "B", service: "fault", createdAt: at("06-30T23:30:00"), events: [{ type: "done", stage: "response", at: at("07-01T00:10:00") }] };
    const on = evaluateTicketVersions([v1, v2], t, { asOf: at("07-01T05:00:00") });
    const off = evaluateTicketVersions([v1, v2], t, { asOf: at("07-01T05:00:00"), trace: false });
    expect(off.stages.every((s) => s.trace.steps.length === 0)).toBe(true);
    expect(off.stages.map(outcome)).toEqual(on.stages.map(outcome));
    expect(Object.keys(off)).toEqual(Object.keys(evaluateTicket(v1, t, { asOf: at("07-01T05:00:00"), allowOutsideEffectiveDates: true })));
  });

  it("S18 options.stages evaluates only the named stages, each under its own version", () => {
    const t = { id: "B", service: "fault", createdAt: at("06-30T23:30:00"), events: [{ type: "done", stage: "response", at: at("07-01T00:10:00") }] };
    const r = evaluateTicketVersions([v1, v2], t, { asOf: at("07-01T05:00:00"), stages: ["resolution"] });
    expect(r.stages.map((s) => s.trace.rowId)).toEqual(["v2:resolution"]);
  });

  it("S18 a new version that re-anchors a stage takes it when the stage had not started under the old one", () => {
    // v2 measures resolution from creation; under v1 it had not started (response not done) when v2 took effect
    const v2b = parsePolicy({ ...base, version: "2", effectiveFrom: "2026-07-01", targets: [base.targets[0]!, { ...base.targets[1]!, id: "v2b:resolution", anchor: undefined, within: "PT12H" }] });
    const t = { id: "F", service: "fault", createdAt: at("06-30T22:00:00"), events: [{ type: "done", stage: "response", at: at("07-01T01:00:00") }] };
    const r = evaluateTicketVersions([v1, v2b], t, { asOf: at("07-01T02:00:00") });
    expect(r.stages[1]!.trace.rowId).toBe("v2b:resolution");
    expect(r.stages[1]!.anchorAt?.toISOString()).toBe(new Date(at("06-30T22:00:00")).toISOString());
    expect(versionStep(r.stages[1]!)?.detail).toMatch(/had not started when the version before it ended/);
  });

  it("S18 an error under a later version names that version", () => {
    const v2NoHold = parsePolicy({ ...base, version: "2", effectiveFrom: "2026-07-01", pauseReasons: {} });
    const t = { id: "G", service: "fault", createdAt: at("06-30T23:30:00"), events: [{ type: "pause", reason: "hold", at: at("06-30T23:40:00") }] };
    expect(evaluateTicketVersions([v1, v2NoHold], t, { asOf: at("06-30T23:50:00") }).stages[0]!.status).toBe("pending");
    const e = codeOf(() => evaluateTicketVersions([v1, v2NoHold], t, { asOf: at("07-01T01:00:00") }));
    expect(e.code).toBe("INVALID_EVENT");
    expect(e.path).toEqual(["events", 0, "reason"]);
    expect(e.message).toMatch(/^Under version 2 of policy "desk"/);
  });
});

describe("S18 checking the versions of a set", () => {
  const t = { id: "T", service: "fault", createdAt: at("03-01T10:00:00"), events: [] };
  const run = (versions: unknown[]) => codeOf(() => evaluateTicketVersions(versions as Policy[], t, { asOf: at("03-01T11:00:00") }));

  it("S18 overlapping ranges are INVALID_POLICY at [i, effectiveFrom]; a date effectiveTo is inclusive", () => {
    const e = run([{ ...base, effectiveTo: "2026-07-01" }, v2]);
    expect(e).toMatchObject({ code: "INVALID_POLICY", path: [1, "effectiveFrom"] });
    expect(e.message).toMatch(/must not overlap.*inclusive/);
    // ending the day before is contiguous
    expect(evaluateTicketVersions([{ ...base, effectiveTo: "2026-06-30" } as unknown as Policy, v2], t, { asOf: at("03-01T11:00:00") }).policy.version).toBe("1");
    expect(run([v1, { ...base, version: "2" }])).toMatchObject({ code: "INVALID_POLICY", path: [1, "effectiveFrom"] });
  });

  it("S18 a gap between versions is INVALID_POLICY at [i, effectiveFrom]", () => {
    const e = run([{ ...base, effectiveTo: "2026-06-29" }, v2]);
    expect(e).toMatchObject({ code: "INVALID_POLICY", path: [1, "effectiveFrom"] });
    expect(e.message).toMatch(/No version is in force from 2026-06-29T16:00:00.000Z/);
  });

  it("S18 versions of one policy only: same id, distinct versions, the same services and stages", () => {
    expect(run([v1, { ...base, id: "other", version: "2", effectiveFrom: "2026-07-01" }])).toMatchObject({ code: "INVALID_POLICY", path: [1, "id"] });
    expect(run([v1, { ...base, effectiveFrom: "2026-07-01" }])).toMatchObject({ code: "INVALID_POLICY", path: [1, "version"] });
    const otherStages = { ...base, version: "2", effectiveFrom: "2026-07-01", services: { fault: { stages: ["resolution", "response"], dimensions: [] } } };
    expect(run([v1, otherStages])).toMatchObject({ code: "INVALID_POLICY", path: [1, "services", "fault", "stages"] });
    expect(run([v1, { ...base, version: "2", effectiveFrom: "2026-07-01", effectiveTo: "2026-06-01" }])).toMatchObject({ code: "INVALID_POLICY", path: [1, "effectiveTo"] });
  });

  it("S18 a bad version's error carries its index; an empty set is INVALID_ARGUMENT", () => {
    const e = run([v1, { ...base, version: "2", effectiveFrom: "2026-07-01", warnAt: 2 }]);
    expect(e.code).toBe("INVALID_POLICY");
    expect(e.path).toEqual([1, "warnAt"]);
    expect(run([])).toMatchObject({ code: "INVALID_ARGUMENT", path: ["versions"] });
    expect(codeOf(() => evaluateTicketVersions(null as never, t, { asOf: at("03-01T11:00:00") }))).toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("S18 a ticket created when no version is in force is OUTSIDE_EFFECTIVE_DATES", () => {
    const early = { ...t, createdAt: "2025-12-31T23:59:00+08:00" };
    expect(codeOf(() => evaluateTicketVersions([v1, v2], early, { asOf: at("03-01T11:00:00") }))).toMatchObject({ code: "OUTSIDE_EFFECTIVE_DATES", path: ["createdAt"] });
    const ended = parsePolicy({ ...base, version: "2", effectiveFrom: "2026-07-01", effectiveTo: "2026-07-31" });
    const late = { ...t, createdAt: at("08-01T00:00:00") };
    expect(codeOf(() => evaluateTicketVersions([v1, ended], late, { asOf: at("08-02T00:00:00") })).code).toBe("OUTSIDE_EFFECTIVE_DATES");
    expect(evaluateTicketVersions([v1, ended], { ...late, createdAt: at("07-31T23:59:00") }, { asOf: at("08-02T00:00:00") }).policy.version).toBe("2");
  });
});

// ---------------------------------------------------------------------------------------------
// laws, on the 003 matrix (chained anchors: requirement/report runs from assessment done)
// ---------------------------------------------------------------------------------------------

const json003 = JSON.parse(JSON.stringify(robotIntegration2026)) as PolicyJson;
const doubled = (w: unknown): unknown => {
  if (typeof w === "string") return w.replace(/^PT(\d+)([HM])$/, (_, n: string, u: string) => `PT${Number(n) * 2}${u}`);
  if (w !== null && typeof w === "object" && "businessDays" in w) return { businessDays: (w as { businessDays: number }).businessDays + 1 };
  return w;
};
const old003 = parsePolicy({ ...json003, version: "1" });
const newJson = (fromMs: number): PolicyJson => ({ ...json003, version: "2", effectiveFrom: new Date(fromMs).toISOString(), warnAt: 0.5, targets: json003.targets.map((r) => ({ ...r, within: doubled(r.within) as never })) });

const H = 3_600_000;
const T0 = Date.parse("2024-05-06T08:00:00+08:00");
const ticketArb = fc.record({
  service: fc.constantFrom("fault", "requirement"),
  tier: fc.constantFrom("core", "important", "ordinary"),
  urgency: fc.constantFrom("urgent", "general"),
  created: fc.integer({ min: 0, max: 72 * H }),
  gaps: fc.array(fc.option(fc.integer({ min: 1, max: 30 * H }), { nil: null }), { minLength: 3, maxLength: 3 }),
  asOfAfter: fc.integer({ min: 0, max: 120 * H }),
  changeAt: fc.integer({ min: 0, max: 120 * H }),
});
type Gen = typeof ticketArb extends fc.Arbitrary<infer X> ? X : never;

function ticketOf(g: Gen): { ticket: TicketInput; asOf: number } {
  const stages = g.service === "fault" ? ["response", "handling", "resolution"] : ["assessment", "report"];
  const createdAt = T0 + g.created;
  const events: TicketEvent[] = [];
  let t = createdAt;
  for (const [i, s] of stages.entries()) {
    const gap = g.gaps[i];
    if (gap === null || gap === undefined) break;
    t += gap;
    events.push({ type: "done", stage: s, at: t });
  }
  return { ticket: { id: "P", service: g.service, tier: g.tier, urgency: g.urgency, createdAt, events }, asOf: createdAt + g.asOfAfter };
}

describe("S18 laws", () => {
  it("S18 with a single version the result equals evaluateTicket's (statuses, deadlines, numbers)", () => {
    fc.assert(
      fc.property(ticketArb, (g) => {
        const { ticket, asOf } = ticketOf(g);
        const one = evaluateTicketVersions([old003], ticket, { asOf });
        const direct = evaluateTicket(old003, ticket, { asOf });
        expect(one.stages.map(outcome)).toEqual(direct.stages.map(outcome));
        expect(one.policy).toEqual(direct.policy);
      }),
      { numRuns: 150 },
    );
  });

  it("S18 a stage that started before the new version's effective date has exactly the old version's outcome; one that started on or after it, the new one's", () => {
    fc.assert(
      fc.property(ticketArb, (g) => {
        const { ticket, asOf } = ticketOf(g);
        const created = Number(ticket.createdAt);
        const E2 = created + g.changeAt;
        const v2003 = parsePolicy(newJson(E2));
        const r = evaluateTicketVersions([old003, v2003], ticket, { asOf });
        const under1 = evaluateTicket(old003, ticket, { asOf });
        const under2 = evaluateTicket(v2003, ticket, { asOf, allowOutsideEffectiveDates: true });
        const firstMs = new Date(v2003.effectiveFrom!).getTime();
        r.stages.forEach((s, j) => {
          const a = under1.stages[j]!;
          if (a.anchorAtMs !== null && a.anchorAtMs < firstMs) expect(outcome(s)).toEqual(outcome(a));
          else if (a.anchorAtMs !== null) expect(outcome(s)).toEqual(outcome(under2.stages[j]!));
          else if (a.status === "pending" && asOf >= firstMs) expect(outcome(s)).toEqual(outcome(under2.stages[j]!));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('S18 choose: "creation" equals evaluateTicket under the version in force at creation', () => {
    fc.assert(
      fc.property(ticketArb, fc.integer({ min: -72 * H, max: 72 * H }), (g, shift) => {
        const { ticket, asOf } = ticketOf(g);
        const created = Number(ticket.createdAt);
        const v2003 = parsePolicy(newJson(created + shift));
        const r = evaluateTicketVersions([old003, v2003], ticket, { asOf, choose: "creation" });
        const inForce = shift <= 0 ? v2003 : old003;
        const direct = evaluateTicket(inForce, ticket, { asOf, allowOutsideEffectiveDates: true });
        expect(r.policy.version).toBe(inForce.version);
        expect(r.stages.map(outcome)).toEqual(direct.stages.map(outcome));
      }),
      { numRuns: 100 },
    );
  });
});

describe("S18 diffVersions: the open stages a new version changes from its effective date on", () => {
  const tickets = [
    // A: resolution started under v1: kept
    { id: "A", service: "fault", createdAt: at("06-30T20:00:00"), events: [{ type: "done", stage: "response", at: at("06-30T20:30:00") }] },
    // B: resolution starts under v2
    { id: "B", service: "fault", createdAt: at("06-30T23:30:00"), events: [{ type: "done", stage: "response", at: at("07-01T00:10:00") }] },
    // C: resolution not started: its target changes once it starts
    { id: "C", service: "fault", createdAt: at("06-30T23:30:00"), events: [] },
  ];

  it("S18 lists the changed stages, keeps the ones started before the effective date", () => {
    const d = diffVersions(v1, v2, tickets, { asOf: at("07-01T06:00:00") });
    expect(d.effectiveFrom.getTime()).toBe(E);
    expect(d.kept).toBe(4);
    expect(d.unchanged).toBe(0);
    expect(d.changes).toEqual([
      { ticketId: "B", stage: "resolution", open: true, field: "status", old: "pending", new: "overdue" },
      { ticketId: "B", stage: "resolution", open: true, field: "dueAt", old: new Date(at("07-01T08:10:00")).toISOString(), new: new Date(at("07-01T04:10:00")).toISOString() },
      { ticketId: "C", stage: "resolution", open: true, field: "target", old: { within: "PT8H", clock: "24x7", anchor: "response" }, new: { within: "PT4H", clock: "24x7", anchor: "response" } },
    ]);
    expect(d.errored).toEqual([]);
    expect(d.ticketsReplayed).toBe(3);
  });

  it("S18 a new version without effectiveFrom, or one that overlaps, is refused; a ticket that throws is listed", () => {
    expect(codeOf(() => diffVersions(v1, parsePolicy({ ...base, version: "2", effectiveFrom: undefined }), tickets, { asOf: at("07-01T06:00:00") }))).toMatchObject({ code: "INVALID_ARGUMENT", path: ["newPolicy", "effectiveFrom"] });
    expect(codeOf(() => diffVersions(parsePolicy({ ...base, effectiveTo: "2026-07-05" }), v2, tickets, { asOf: at("07-01T06:00:00") }))).toMatchObject({ code: "INVALID_POLICY", path: [1, "effectiveFrom"] });
    const d = diffVersions(v1, v2, [{ id: "X", service: "nope", createdAt: at("07-01T00:00:00"), events: [] }], { asOf: at("07-01T06:00:00") });
    expect(d.errored).toMatchObject([{ ticketId: "X", code: "UNKNOWN_VALUE" }]);
    expect(codeOf(() => diffVersions(v1, v2, tickets, { asOf: "yesterday" }))).toMatchObject({ code: "INVALID_ARGUMENT", path: ["options", "asOf"] });
    expect(codeOf(() => diffVersions(v2, v1, tickets, { asOf: at("07-01T06:00:00") }))).toMatchObject({ code: "INVALID_ARGUMENT", path: ["newPolicy", "effectiveFrom"] });
  });
});

describe("S18 a set is checked once, and again when a version changes", () => {
  it("S18 policy JSON whose targets are replaced between calls is read afresh", () => {
    const j1 = JSON.parse(JSON.stringify(base)) as { targets: PolicyJson["targets"] };
    const j2 = { ...base, version: "2", effectiveFrom: "2026-07-01" };
    const set = [j1, j2] as unknown as Policy[];
    const t = { id: "H", service: "fault", createdAt: at("03-01T10:00:00"), events: [] };
    expect(evaluateTicketVersions(set, t, { asOf: at("03-01T10:30:00") }).stages[0]!.dueAt?.toISOString()).toBe(new Date(at("03-01T11:00:00")).toISOString());
    j1.targets = [{ ...base.targets[0]!, within: "PT2H" }, base.targets[1]!];
    expect(evaluateTicketVersions(set, t, { asOf: at("03-01T10:30:00") }).stages[0]!.dueAt?.toISOString()).toBe(new Date(at("03-01T12:00:00")).toISOString());
    // an inline array with the same versions reuses the checked set and gives the same answer
    expect(evaluateTicketVersions([set[0]!, set[1]!], t, { asOf: at("03-01T10:30:00") }).stages[0]!.dueAt?.toISOString()).toBe(new Date(at("03-01T12:00:00")).toISOString());
  });
});
