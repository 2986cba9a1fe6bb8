/**
 * nextChangeAt (issue 16): the next instant a stage's status changes without a new event, so a
 * service schedules one timer. Example tests pin W1's two transitions; fast-check states the law
 * over synthetic tickets of both built-in policies (bench/_tickets: every service, done events,
 * pauses open and resumed, agreed deadlines, remote resolution).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleTicket } from "../../bench/_tickets.js";
import { cableOperatorNorms, evaluateTicket, nextChangeAt, parsePolicy, robotIntegration2026, type Policy, type PolicyJson, type Ticket, type TicketEvaluation } from "../../src/sla/index.js";
import { caught } from "../calendar/_fixture.js";

const MIN = 60_000;
const DAY = 86_400_000;
/** 2026-12-31 23:00 Shanghai: the holiday data ends the next day; later instants make business-day stages unknown. */
const DATA_END = Date.UTC(2026, 11, 31, 15);

const statuses = (p: Policy, t: Ticket, at: number): string => evaluateTicket(p, t, { asOf: at }).stages.map((s) => `${s.stage}:${s.status}`).join(" ");
const fault = (events: Ticket["events"]): Ticket => ({ id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events });
const ms = (iso: string): number => Date.parse(iso);

describe("nextChangeAt: W1 transitions (issue 16)", () => {
  it("W1: pending turns warning exactly at warnAt (warnAt - 1 ms is still pending)", () => {
    const t = fault([{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }]);
    const e = evaluateTicket(robotIntegration2026, t, { asOf: "2024-05-06T10:30:00+08:00" });
    const handling = e.stages.find((s) => s.stage === "handling")!;
    expect(handling.status).toBe("pending");
    const next = nextChangeAt(e)!;
    expect(next.getTime()).toBe(ms("2024-05-06T10:48:00+08:00")); // 12 min after response + 0.8 x 45 min
    expect(next).toEqual(handling.warnAt);
    expect(statuses(robotIntegration2026, t, next.getTime() - 1)).toBe("response:met handling:pending resolution:pending");
    expect(statuses(robotIntegration2026, t, next.getTime())).toBe("response:met handling:warning resolution:pending");
  });

  it("W1: warning turns overdue 1 ms after dueAt (the deadline is inclusive)", () => {
    const t = fault([{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }]);
    const e = evaluateTicket(robotIntegration2026, t, { asOf: "2024-05-06T10:50:00+08:00" });
    const handling = e.stages.find((s) => s.stage === "handling")!;
    expect(handling.status).toBe("warning");
    const next = nextChangeAt(e)!;
    expect(next.getTime()).toBe(handling.dueAt!.getTime() + 1);
    expect(statuses(robotIntegration2026, t, next.getTime() - 1)).toBe("response:met handling:warning resolution:pending");
    expect(statuses(robotIntegration2026, t, next.getTime())).toBe("response:met handling:overdue resolution:pending");
  });

  it("the earliest of all stages wins; null when nothing changes by time alone", () => {
    const e = evaluateTicket(robotIntegration2026, fault([]), { asOf: "2024-05-06T10:05:00+08:00" });
    expect(nextChangeAt(e)).toEqual(e.stages[0]!.warnAt); // response's warning, before handling's anchor
    const done = evaluateTicket(robotIntegration2026, fault([{ type: "closed", at: "2024-05-06T10:10:00+08:00" }]), { asOf: "2024-05-06T10:20:00+08:00" });
    expect(done.stages.map((s) => s.status)).toEqual(["met", "met", "met"]); // the close completes open stages
    expect(nextChangeAt(done)).toBeNull();
    const late = evaluateTicket(robotIntegration2026, fault([]), { asOf: "2024-05-08T10:00:00+08:00" });
    expect(late.stages[0]!.status).toBe("overdue"); // handling and resolution wait for their anchors
    expect(nextChangeAt(late)).toBeNull();
  });

  it("a JSON round-tripped evaluation gives the same instant", () => {
    const e = evaluateTicket(robotIntegration2026, fault([]), { asOf: "2024-05-06T10:05:00+08:00" });
    expect(nextChangeAt(JSON.parse(JSON.stringify(e)) as TicketEvaluation)).toEqual(nextChangeAt(e));
  });

  it("bad input is INVALID_ARGUMENT with a path, never NaN or a TypeError", () => {
    const e = evaluateTicket(robotIntegration2026, fault([]), { asOf: "2024-05-06T10:05:00+08:00" });
    const bad = (v: unknown) => caught(() => nextChangeAt(v as TicketEvaluation));
    expect(bad(null)).toMatchObject({ code: "INVALID_ARGUMENT", path: [] });
    expect(bad({ ...e, asOf: "soon" })).toMatchObject({ code: "INVALID_ARGUMENT", path: ["asOf"] });
    expect(bad({ ...e, stages: "x" })).toMatchObject({ code: "INVALID_ARGUMENT", path: ["stages"] });
    expect(bad({ ...e, stages: [7] })).toMatchObject({ code: "INVALID_ARGUMENT", path: ["stages", 0] });
    expect(bad({ ...e, stages: [{ ...e.stages[0], warnAt: "2024-05-06 10:12" }] })).toMatchObject({ code: "INVALID_ARGUMENT", path: ["stages", 0, "warnAt"] });
  });
});

/** The sample's ticket as known at its `asOf`: events after it are new events, left out. */
function knownAt(seed: number, i: number): { policy: Policy; ticket: Ticket; asOf: number; pauseOpen: boolean } {
  const s = sampleTicket(seed, i);
  const atMs = (at: Date | number | string): number => (at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(at));
  const events = s.ticket.events.filter((e) => atMs(e.at) <= s.asOf);
  const last = events.filter((e) => e.type === "pause" || e.type === "resume").sort((a, b) => atMs(a.at) - atMs(b.at)).at(-1);
  return { policy: s.policy, ticket: { ...s.ticket, events }, asOf: s.asOf, pauseOpen: last?.type === "pause" };
}

/** Instants strictly between `from` and `to` (exclusive), `to` capped at the holiday data's end. */
function between(from: number, to: number, fractions: readonly number[]): number[] {
  const end = Math.min(to, DATA_END);
  return end - from < 2 ? [] : fractions.map((f) => from + 1 + Math.floor(f * (end - from - 2)));
}

describe("nextChangeAt: law over synthetic tickets of both built-in policies (issue 16)", () => {
  const runs = { numRuns: 250 };
  const samples = fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000 }));
  const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 });

  it("no status changes strictly between asOf and nextChangeAt (nor within 30 days when it is null)", () => {
    fc.assert(
      fc.property(samples, fractions, ([seed, i], fs) => {
        const { policy, ticket, asOf } = knownAt(seed, i);
        const e = evaluateTicket(policy, ticket, { asOf });
        const next = nextChangeAt(e);
        const now = statuses(policy, ticket, asOf);
        for (const at of between(asOf, next === null ? asOf + 30 * DAY : next.getTime(), fs)) expect(statuses(policy, ticket, at)).toBe(now);
      }),
      runs,
    );
  });

  it("without an open pause: the statuses at nextChangeAt - 1 ms are those at asOf, at nextChangeAt one differs", () => {
    let exercised = 0;
    fc.assert(
      fc.property(samples, ([seed, i]) => {
        const { policy, ticket, asOf, pauseOpen } = knownAt(seed, i);
        const next = nextChangeAt(evaluateTicket(policy, ticket, { asOf }));
        if (pauseOpen || next === null || next.getTime() > DATA_END) return;
        exercised++;
        const now = statuses(policy, ticket, asOf);
        expect(statuses(policy, ticket, next.getTime() - 1)).toBe(now);
        expect(statuses(policy, ticket, next.getTime())).not.toBe(now);
      }),
      { numRuns: 400 },
    );
    expect(exercised).toBeGreaterThan(40); // the law was checked on many tickets, not vacuously
  });

  it("both policies are sampled", () => {
    const seen = new Set<Policy["id"]>();
    for (let i = 0; i < 200; i++) seen.add(knownAt(7, i).policy.id);
    expect([...seen].sort()).toEqual([cableOperatorNorms.id, robotIntegration2026.id].sort());
  });
});

describe("nextChangeAt with a capped pause (maxMs)", () => {
  const json = JSON.parse(JSON.stringify(robotIntegration2026)) as PolicyJson;
  const capped = parsePolicy({ ...json, id: "capped", pauseReasons: { hold: { stops: ["response", "handling", "resolution"], maxMs: 10 * MIN } } });
  const t = fault([{ type: "pause", at: "2024-05-06T10:05:00+08:00", reason: "hold" }]);

  it("while the pause runs the instant is a lower bound; once the cap is used up it is exact", () => {
    // at 10:08 the pause has stopped 3 of its 10 min: response is due 10:18 if it ended now
    const e = evaluateTicket(capped, t, { asOf: "2024-05-06T10:08:00+08:00" });
    const early = nextChangeAt(e)!;
    expect(statuses(capped, t, early.getTime())).toBe(statuses(capped, t, Date.parse("2024-05-06T10:08:00+08:00")));
    // at 10:16 the cap (10 min) has run out at 10:15: the clock runs again, due 10:25, warn 10:22
    const after = evaluateTicket(capped, t, { asOf: "2024-05-06T10:16:00+08:00" });
    const next = nextChangeAt(after)!;
    expect(next.getTime()).toBe(ms("2024-05-06T10:22:00+08:00"));
    expect(statuses(capped, t, next.getTime() - 1)).toBe("response:pending handling:pending resolution:pending");
    expect(statuses(capped, t, next.getTime())).toBe("response:warning handling:pending resolution:pending");
  });
});
