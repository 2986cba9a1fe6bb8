/**
 * Warning and escalation levels (`warnAt` as a list, docs/sla.md "Warning and escalation levels";
 * docs/rules.md W1 for the single-number form): placed on the stage's own clock.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessTime, chinaWorkCalendar } from "../../src/calendar/index.js";
import { evaluateTicket, nextChangeAt, parsePolicy, reviveEvaluation, robotIntegration2026, validatePolicy, type PolicyJson, type StageEvaluation, type WarnAt } from "../../src/sla/index.js";
import { isSlaKitError } from "../../src/errors.js";

const LEVELS: WarnAt = [{ fraction: 0.5 }, { before: "PT1H", level: "warn" }, { after: "PT2H", level: "escalate-2" }];

function deskJson(warnAt: WarnAt | undefined, rowWarnAt?: WarnAt): PolicyJson {
  return {
    id: "levels-desk",
    version: "1.0.0",
    ...(warnAt === undefined ? {} : { warnAt }),
    calendars: { office: { builtin: "chinaWorkCalendar" }, "24x7": { builtin: "alwaysOpen", timeZone: "Asia/Shanghai" } },
    dimensions: { urgency: ["urgent", "general"] },
    services: { fault: { stages: ["response", "resolution"], dimensions: ["urgency"] } },
    targets: [
      { service: "fault", stage: "response", within: "PT1H", clock: "24x7", sourceRef: "desk §1", ...(rowWarnAt === undefined ? {} : { warnAt: rowWarnAt }) },
      { service: "fault", stage: "resolution", urgency: "urgent", within: "PT4H", clock: "office", sourceRef: "desk §2" },
      { service: "fault", stage: "resolution", urgency: "general", within: { businessDays: 2 }, clock: "office", sourceRef: "desk §3" },
    ],
    pauseReasons: { hold: { stops: ["resolution"] } },
  };
}
const desk = parsePolicy(deskJson(LEVELS));

// Friday 2024-05-17 14:30 Shanghai: 4 business hours (09:00-18:00) end on Monday 20 May at 09:30.
const created = "2024-05-17T14:30:00+08:00";
const ms = (s: string): number => Date.parse(s);
function resolution(asOf: string, events: PolicyJsonEvents = [], policy = desk): StageEvaluation {
  const r = evaluateTicket(policy, { id: "L-1", service: "fault", urgency: "urgent", createdAt: created, events }, { asOf });
  return r.stages.find((s) => s.stage === "resolution") as StageEvaluation;
}
type PolicyJsonEvents = Parameters<typeof evaluateTicket>[1]["events"];
const names = (s: StageEvaluation): string[] => s.levelsReached.map((l) => `${l.level}@${l.at.toISOString()}`);

describe("warning and escalation levels (warnAt as a list)", () => {
  it("W1 levels on a business-hours clock: 1 h before a Monday 09:30 deadline is Friday 17:30, never Monday 08:30", () => {
    const s = resolution("2024-05-17T17:00:00+08:00");
    expect(s.dueAt?.getTime()).toBe(ms("2024-05-20T09:30:00+08:00"));
    // fraction 0.5 of 4 business hours: Friday 16:30; the earliest level at or before the deadline starts `warning`
    expect(s.warnAt?.getTime()).toBe(ms("2024-05-17T16:30:00+08:00"));
    expect(s.status).toBe("warning");
    expect(names(s)).toEqual(["fraction:0.5@2024-05-17T08:30:00.000Z"]);
    expect(s.nextLevel).toEqual({ level: "warn", at: new Date("2024-05-17T17:30:00+08:00") });
  });
  it("W1 an escalation after the deadline counts open time too: 2 business hours after Monday 09:30 is 11:30", () => {
    const s = resolution("2024-05-20T11:00:00+08:00");
    expect(s.status).toBe("overdue");
    expect(s.levelsReached.map((l) => l.level)).toEqual(["fraction:0.5", "warn"]);
    expect(s.nextLevel).toEqual({ level: "escalate-2", at: new Date("2024-05-20T11:30:00+08:00") });
    const later = resolution("2024-05-20T12:00:00+08:00");
    expect(later.levelsReached.map((l) => l.level)).toEqual(["fraction:0.5", "warn", "escalate-2"]);
    expect(later.nextLevel).toBeNull();
  });
  it("W1 a done stage reports the levels reached before it was done and no next level", () => {
    const s = resolution("2024-05-21T12:00:00+08:00", [{ type: "done", stage: "resolution", at: "2024-05-20T09:00:00+08:00" }]);
    expect(s.status).toBe("met");
    expect(s.levelsReached.map((l) => l.level)).toEqual(["fraction:0.5", "warn"]);
    expect(s.nextLevel).toBeNull();
  });
  it("W1 a pause moves every level with the deadline", () => {
    const paused = resolution("2024-05-17T17:00:00+08:00", [
      { type: "pause", reason: "hold", at: "2024-05-17T15:00:00+08:00" },
      { type: "resume", at: "2024-05-17T16:00:00+08:00" },
    ]);
    expect(paused.dueAt?.getTime()).toBe(ms("2024-05-20T10:30:00+08:00"));
    expect(paused.warnAt?.getTime()).toBe(ms("2024-05-17T17:30:00+08:00"));
    expect(paused.status).toBe("pending");
    expect(paused.levelsReached).toEqual([]);
    expect(paused.nextLevel?.level).toBe("fraction:0.5");
  });
  it("W1 the single-number warnAt is the level \"warn\" (status warning unchanged)", () => {
    const r = evaluateTicket(robotIntegration2026, {
      id: "T", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [],
    }, { asOf: "2024-05-06T10:13:00+08:00" });
    const response = r.stages[0] as StageEvaluation;
    expect(response.status).toBe("warning");
    expect(response.levelsReached).toEqual([{ level: "warn", at: new Date("2024-05-06T10:12:00+08:00") }]);
    expect(response.nextLevel).toBeNull();
    const handling = r.stages[1] as StageEvaluation;
    expect(handling.levelsReached).toEqual([]);
    expect(handling.nextLevel).toEqual({ level: "warn", at: handling.warnAt });
  });
  it("W1 a row's own warnAt replaces the policy's; only levels after the deadline never give status warning", () => {
    const p = parsePolicy(deskJson(0.8, [{ after: "PT30M", level: "escalate" }]));
    const r = evaluateTicket(p, { id: "T", service: "fault", urgency: "urgent", createdAt: created, events: [] }, { asOf: "2024-05-17T15:25:00+08:00" });
    const response = r.stages[0] as StageEvaluation;
    expect(response.warnAt).toBeNull();
    expect(response.status).toBe("pending");
    expect(response.nextLevel).toEqual({ level: "escalate", at: new Date("2024-05-17T16:00:00+08:00") });
    expect((r.stages[1] as StageEvaluation).nextLevel?.level).toBe("warn");
  });
  it("W1 the trace shows how each level was placed", () => {
    const s = resolution("2024-05-17T17:00:00+08:00");
    const lines = s.trace.steps.filter((x) => x.step === "level").map((x) => x.detail);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("warn: PT1H (3600000 ms of open time) before due 2024-05-20T01:30:00.000Z = 2024-05-17T09:30:00.000Z");
  });
  it("W1 nextChangeAt wakes a service at the next level, also after the deadline, and at overdue when no level precedes it", () => {
    const ticket = { id: "N", service: "fault", urgency: "urgent", createdAt: created, events: [{ type: "done" as const, stage: "response", at: "2024-05-17T14:50:00+08:00" }] };
    expect(nextChangeAt(evaluateTicket(desk, ticket, { asOf: "2024-05-17T17:00:00+08:00" }))).toEqual(new Date("2024-05-17T17:30:00+08:00"));
    expect(nextChangeAt(evaluateTicket(desk, ticket, { asOf: "2024-05-20T11:00:00+08:00" }))).toEqual(new Date("2024-05-20T11:30:00+08:00"));
    const p = parsePolicy(deskJson(0.8, [{ after: "PT30M", level: "escalate" }]));
    const open = evaluateTicket(p, { ...ticket, events: [] }, { asOf: "2024-05-17T15:25:00+08:00" });
    expect(nextChangeAt(open)).toEqual(new Date(ms("2024-05-17T15:30:00+08:00") + 1));
    const overdue = evaluateTicket(p, { ...ticket, events: [] }, { asOf: "2024-05-17T15:45:00+08:00" });
    expect(nextChangeAt(overdue)).toEqual(new Date("2024-05-17T16:00:00+08:00"));
    expect(nextChangeAt(JSON.parse(JSON.stringify(overdue)) as typeof overdue)).toEqual(new Date("2024-05-17T16:00:00+08:00"));
  });
  it("W1 reviveEvaluation brings the levels' instants back as Dates", () => {
    const e = evaluateTicket(desk, { id: "R", service: "fault", urgency: "urgent", createdAt: created, events: [] }, { asOf: "2024-05-20T11:00:00+08:00" });
    const back = reviveEvaluation(JSON.parse(JSON.stringify(e)));
    expect(back).toEqual(e);
    expect(back.stages[1]?.nextLevel?.at).toBeInstanceOf(Date);
    expect(back.stages[1]?.levelsReached[0]?.at).toBeInstanceOf(Date);
  });
  it("level names are unique within a list: INVALID_POLICY at the second one", () => {
    try {
      parsePolicy(deskJson([{ fraction: 0.5 }, { fraction: 0.5 }]));
      expect.unreachable();
    } catch (e) {
      expect(isSlaKitError(e) && e.code).toBe("INVALID_POLICY");
      expect(isSlaKitError(e) && e.path).toEqual(["warnAt", 1, "level"]);
    }
    expect(validatePolicy(deskJson([{ before: "PT1H" }, { after: "PT1H", level: "before:PT1H" }]))[0]?.path).toEqual(["warnAt", 1, "level"]);
  });
  it("validatePolicy warns about a level before the start (LEVEL_AT_START) and levels on a rings row (LEVELS_IGNORED)", () => {
    const json = deskJson([{ before: "PT5H" }]);
    const issues = validatePolicy(json);
    expect(issues.map((i) => [i.code, i.severity, i.path])).toEqual([["LEVEL_AT_START", "warning", ["warnAt", 0]]]);
    const rings = JSON.parse(JSON.stringify(robotIntegration2026)) as { targets: Record<string, unknown>[] };
    const i = rings.targets.findIndex((r) => typeof r["within"] === "object" && r["within"] !== null && "rings" in r["within"]);
    (rings.targets[i] as Record<string, unknown>)["warnAt"] = 0.5;
    expect(validatePolicy(rings).map((x) => [x.code, x.path])).toEqual([["LEVELS_IGNORED", ["targets", i, "warnAt"]]]);
  });
});

describe("laws of warning levels", () => {
  const cal = chinaWorkCalendar();
  const FROM = ms("2024-01-02T00:00:00+08:00");
  const TO = ms("2026-11-30T00:00:00+08:00");
  const instant = fc.integer({ min: FROM, max: TO });
  const hours = (h: number): string => `PT${h}H`;

  it("W1 business-clock offsets equal addBusinessTime: before d lands d of open time before the deadline, after d d after it", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 }), (created, before, after) => {
        const p = parsePolicy(deskJson([{ before: hours(before) }, { after: hours(after) }]));
        const r = evaluateTicket(p, { id: "P", service: "fault", urgency: "urgent", createdAt: created, events: [] }, { asOf: created });
        const s = r.stages[1] as StageEvaluation;
        const due = s.dueAt?.getTime() as number;
        const at = (name: string): number => (s.nextLevel?.level === name ? s.nextLevel.at.getTime() : (s.levelsReached.find((l) => l.level === name)?.at.getTime() as number));
        const placed = s.trace.steps.filter((x) => x.step === "level").map((x) => Date.parse(String(x.value)));
        const b = placed.find((m) => m <= due) as number;
        const a = placed.find((m) => m > due) as number;
        expect(addBusinessTime(cal, b, before * 3_600_000).getTime()).toBe(due);
        expect(addBusinessTime(cal, due, after * 3_600_000).getTime()).toBe(a);
        expect(at(`before:${hours(before)}`)).toBe(b);
      }),
      { numRuns: 150 },
    );
  });
  it("W1 levels are monotone in time: what is reached at one asOf stays reached later, in the same order", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 4 * 86_400_000 }), fc.integer({ min: 0, max: 4 * 86_400_000 }), fc.constantFrom("urgent", "general"), (created, d1, d2, urgency) => {
        const ticket = { id: "M", service: "fault", urgency, createdAt: created, events: [] };
        const a = evaluateTicket(desk, ticket, { asOf: created + d1 }).stages[1] as StageEvaluation;
        const b = evaluateTicket(desk, ticket, { asOf: created + d1 + d2 }).stages[1] as StageEvaluation;
        const times = b.levelsReached.map((l) => l.at.getTime());
        expect([...times].sort((x, y) => x - y)).toEqual(times);
        expect(b.levelsReached.slice(0, a.levelsReached.length)).toEqual(a.levelsReached);
        if (a.nextLevel !== null) expect(a.nextLevel.at.getTime()).toBeGreaterThan(created + d1);
        for (const l of b.levelsReached) expect(l.at.getTime()).toBeLessThanOrEqual(created + d1 + d2);
      }),
      { numRuns: 150 },
    );
  });
});
