/** Issue 11: one stage's failure is that stage's; errors in the caller's terms; calendars in policy JSON; provisional stages. */
import { describe, expect, it } from "vitest";
import { addBusinessDays, chinaWorkCalendar, type ChinaHolidayYear } from "../../src/calendar/index.js";
import { SlaKitError } from "../../src/errors.js";
import { quietErrors } from "../../src/_lib/quiet.js";
import { fastPath } from "../../src/sla/_fast.js";
import { complianceRate } from "../../src/kpi/index.js";
import { dueAt, evaluateTicket, parsePolicy, robotIntegration2026 as P, tallyTickets, validatePolicy, type PolicyJson, type Ticket } from "../../src/sla/index.js";

const sh = (local: string): Date => new Date(`${local}+08:00`);
const json = (): PolicyJson => JSON.parse(JSON.stringify(P)) as PolicyJson;
// test data in the shape of a State Council notice (not the real 2027 notice)
const Y2027: ChinaHolidayYear = {
  year: 2027,
  source: { title: "test year for sla-kit (not an official notice)", published: "2026-11-20" },
  holidays: [{ date: "2027-01-01", name: "元旦" }],
  workdays: [],
};
const complaint: Ticket = { id: "K-1", service: "complaint", tier: "ordinary", createdAt: "2026-12-18T10:00:00+08:00", events: [{ type: "done", stage: "response", at: "2026-12-18T10:20:00+08:00" }] };
const asOf = { asOf: sh("2026-12-21T10:00:00") };

describe("issue 11: one stage's failure is that stage's", () => {
  it("T6 S11: a complaint whose closure falls after the calendar data has that stage unknown; the others are evaluated", () => {
    const r = evaluateTicket(P, complaint, asOf);
    expect(r.stages.map((s) => `${s.stage}:${s.status}`)).toEqual(["response:met", "investigation:pending", "solution:pending", "closure:unknown", "follow-up:pending"]);
    expect(r.unknownStages).toEqual(["closure"]);
    const closure = r.stages[3];
    expect(closure?.error?.code).toBe("CALENDAR_OUT_OF_RANGE");
    expect(closure?.error?.message).toMatch(/complaint\/closure/);
    expect(closure?.error?.message).toMatch(/2026-12-31/); // validTo
    expect(closure?.error?.message).toMatch(/2027-01-0\d/); // the date needed
    expect(closure?.error?.message).toMatch(/years.*beyondData/s); // both ways out
    expect(closure?.trace.rowId).toBe("S11:complaint:closure:ordinary");
    expect(closure?.dueAt).toBeNull();
    expect(complianceRate([r])).toMatchObject({ numerator: 1, denominator: 1 });
  });
  it("T6: the calendar errors kept as data are made without a stack; every error that reaches a caller keeps its stack", () => {
    const limit = Error.stackTraceLimit;
    const tickets = [complaint, { ...complaint, id: "K-2", createdAt: "2026-12-30T10:00:00+08:00", events: [] }];
    for (const t of tickets) expect(evaluateTicket(P, t, { asOf: sh("2026-12-31T10:00:00") }).unknownStages).not.toBeNull();
    expect(tallyTickets(P, tickets, { asOf: sh("2026-12-31T10:00:00"), by: ["assignee"] })[0]!.unknown).toBeGreaterThan(0);
    expect(Error.stackTraceLimit).toBe(limit); // restored after every error made meanwhile
    expect(quietErrors.codes).toBeNull();
    // the mechanism: while codes are set, errors of those codes have no stack frames, others do
    quietErrors.codes = new Set(["CALENDAR_OUT_OF_RANGE"]);
    try {
      expect(new SlaKitError("CALENDAR_OUT_OF_RANGE", "kept as data").stack).not.toMatch(/\n\s+at /);
      expect(new SlaKitError("INVALID_EVENT", "thrown").stack).toMatch(/\n\s+at /);
      // a runtime whose limit cannot be set (frozen intrinsics): errors are made as usual
      const own = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit")!;
      Object.defineProperty(Error, "stackTraceLimit", { ...own, writable: false });
      try {
        expect(new SlaKitError("CALENDAR_OUT_OF_RANGE", "frozen").stack).toMatch(/\n\s+at /);
      } finally {
        Object.defineProperty(Error, "stackTraceLimit", own);
      }
    } finally {
      quietErrors.codes = null;
    }
    expect(Error.stackTraceLimit).toBe(limit);
    // the same calendar error thrown to a caller of the calendar has its stack, naming this file
    const thrown = (() => {
      try {
        addBusinessDays(chinaWorkCalendar(), sh("2026-12-30T10:00:00"), 5);
      } catch (e) {
        return e as SlaKitError;
      }
      return null;
    })();
    expect(thrown?.code).toBe("CALENDAR_OUT_OF_RANGE");
    expect(thrown?.stack).toMatch(/unknown\.test\.ts/);
    // a getter of the caller's never runs while such errors are made quietly: its own errors keep their stack
    const stacks: (string | undefined)[] = [];
    // (a consultation's stages apply by channel, S1-S3: `when` reads it while stages are judged)
    const probe = {
      id: "C-1",
      service: "consultation",
      tier: "ordinary",
      createdAt: "2026-12-31T16:00:00+08:00",
      events: [],
      get channel() {
        try {
          addBusinessDays(chinaWorkCalendar(), sh("2026-12-30T10:00:00"), 5);
        } catch (e) {
          stacks.push((e as Error).stack);
        }
        return "online";
      },
    } as unknown as Ticket;
    for (const enabled of [true, false]) {
      fastPath.enabled = enabled;
      try {
        expect(evaluateTicket(P, probe, { asOf: sh("2027-01-04T10:00:00") }).stages.map((x) => x.status)).toContain("not-applicable"); // the phone stage
      } finally {
        fastPath.enabled = true;
      }
    }
    expect(stacks.length).toBeGreaterThan(1);
    for (const st of stacks) expect(st).toMatch(/unknown\.test\.ts/);
    // and so does an error evaluateTicket throws while it judges stages (a tier the matrix does not have)
    let invalid: SlaKitError | null = null;
    try {
      evaluateTicket(P, { ...complaint, tier: "gold" }, asOf);
    } catch (e) {
      invalid = e as SlaKitError;
    }
    expect(invalid?.code).toBe("UNKNOWN_VALUE");
    expect(invalid?.stack).toMatch(/unknown\.test\.ts/);
  });
  it("T6: a ticket with every stage computable has no unknownStages", () => {
    expect(evaluateTicket(P, { ...complaint, createdAt: "2026-06-01T10:00:00+08:00", events: [] }, { asOf: sh("2026-06-01T11:00:00") }).unknownStages).toBeNull();
  });
  it("T6: other bad input still throws (a bad event, an unknown tier)", () => {
    expect(() => evaluateTicket(P, { ...complaint, tier: "gold" }, asOf)).toThrow(expect.objectContaining({ code: "UNKNOWN_VALUE" }));
    expect(() => evaluateTicket(P, { ...complaint, events: [{ type: "done", stage: "nope", at: "2026-12-18T10:20:00+08:00" }] }, asOf)).toThrow(expect.objectContaining({ code: "INVALID_EVENT" }));
  });
  it("T6: dueAt out of range names the stage (path query.stage), the calendar, validTo, the needed date and both ways out", () => {
    try {
      dueAt(P, { service: "complaint", tier: "ordinary", stage: "closure" }, sh("2026-12-18T10:00:00"));
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: "CALENDAR_OUT_OF_RANGE", path: ["query", "stage"], details: { validTo: "2026-12-31", service: "complaint", stage: "closure", clock: "china-workdays" } });
      expect((e as Error).message).toMatch(/complaint\/closure.*2026-12-31.*years.*beyondData/s);
      expect((e as { details: { needed: string } }).details.needed).toMatch(/^2027-/);
    }
  });
});

describe("issue 11: calendars in policy JSON, provisional stages", () => {
  const withCalendar = (cal: object): PolicyJson => ({ ...json(), calendars: { ...json().calendars, "china-workdays": cal } as PolicyJson["calendars"] });
  it("T6: { builtin: \"china\", years: [...] } extends the data: the closure is computed", () => {
    const p = parsePolicy(withCalendar({ builtin: "china", years: [Y2027] }));
    expect(validatePolicy(p)).toEqual([]);
    const closure = evaluateTicket(p, complaint, asOf).stages[3];
    expect(closure?.status).toBe("pending");
    expect(closure?.provisional).toBe(false);
    // 10 business days after Fri 2026-12-18: Dec 21-25 (5), 28-31 (9), Jan 1 is a holiday, Jan 4 (10)
    expect(closure?.dueAt).toEqual(sh("2027-01-04T18:00:00"));
  });
  it("T6: validatePolicy checks the years (a year given twice is INVALID_CALENDAR with its path)", () => {
    const issues = validatePolicy(withCalendar({ builtin: "china", years: [Y2027, Y2027] }));
    expect(issues).toContainEqual(expect.objectContaining({ code: "INVALID_CALENDAR", path: expect.arrayContaining(["calendars", "china-workdays"]) }));
    expect(validatePolicy(withCalendar({ builtin: "china", years: ["./china-2027.json"] }))).toContainEqual(expect.objectContaining({ code: "INVALID_POLICY" }));
  });
  it("T6: beyondData \"weekdays\" makes the stage provisional, with a trace step naming the first assumed date", () => {
    const p = parsePolicy(withCalendar({ builtin: "china", beyondData: "weekdays" }));
    const r = evaluateTicket(p, complaint, asOf);
    const closure = r.stages[3];
    expect(closure).toMatchObject({ status: "pending", provisional: true, dueAt: sh("2027-01-01T18:00:00") });
    expect(closure?.trace.steps.find((s) => s.step === "provisional")?.value).toBe("2027-01-01");
    expect(r.stages[1]?.provisional).toBe(false); // investigation lies inside the data
    expect(r.unknownStages).toBeNull();
  });
});
