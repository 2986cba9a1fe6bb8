/** Pinned details of `sla` found loose in review: each test names the docs/rules.md clause it pins. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HOLD, desk as P } from "./_desk.js";
import { dueAt, evaluateTicket, findTarget, type Ticket, type TicketEvent } from "../../src/sla/index.js";

const sh = (local: string): Date => new Date(`${local}+08:00`);
const ms = (local: string): number => sh(local).getTime();
const T0 = "2024-05-06T10:00:00"; // Monday
const MIN = 60_000;
const fault = (events: TicketEvent[]): Ticket => ({ id: "F-R", service: "fault", tier: "core", urgency: "urgent", createdAt: sh(T0), events });
const stage = (r: ReturnType<typeof evaluateTicket>, name: string) => {
  const s = r.stages.find((x) => x.stage === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s;
};
const code = (c: string) => expect.objectContaining({ code: c });

describe("docs/rules.md SLA readings: pauses stop the clock of every open stage", () => {
  it("docs/rules.md SLA pauses: an overdue (still open) stage's deadline moves later by the paused open time too", () => {
    // response due 10:15 (S4 core urgent 15 min); not done, paused 10:16-11:00 (44 min) -> due 10:59
    const r = evaluateTicket(P, fault([{ type: "pause", reason: HOLD, at: sh("2024-05-06T10:16:00") }, { type: "resume", at: sh("2024-05-06T11:00:00") }]), { asOf: sh("2024-05-06T11:00:30") });
    const s = stage(r, "response");
    expect(s.pausedMs).toBe(44 * MIN);
    expect(s.dueAt?.getTime()).toBe(ms("2024-05-06T10:59:00"));
    expect(s.warnAt?.getTime()).toBe(ms("2024-05-06T10:56:00")); // 10:12 + 44 min
    expect(s.elapsedMs).toBe(16 * MIN + 30_000); // 60.5 min on the clock - 44 min paused
    expect(s.remainingMs).toBe(-(MIN + 30_000));
    expect(s.status).toBe("overdue");
  });
  it("docs/rules.md SLA pauses: done during a pause that began after the deadline is still breached", () => {
    const r = evaluateTicket(
      P,
      fault([{ type: "pause", reason: HOLD, at: sh("2024-05-06T10:16:00") }, { type: "done", stage: "response", at: sh("2024-05-06T10:40:00") }, { type: "resume", at: sh("2024-05-06T11:00:00") }]),
      { asOf: sh("2024-05-06T11:00:00") },
    );
    const s = stage(r, "response");
    expect(s.pausedMs).toBe(24 * MIN); // 10:16-10:40, clipped at done
    expect(s.dueAt?.getTime()).toBe(ms("2024-05-06T10:39:00"));
    expect(s.status).toBe("breached");
  });
  it("docs/rules.md SLA pauses: on a 24x7 clock, counting a pause that starts after the deadline never changes a status", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 400 }), fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }), (start, len, asOfMin, doneMin) => {
        const base = ms(T0);
        const events: TicketEvent[] = [{ type: "pause", reason: HOLD, at: base + start * MIN }, { type: "resume", at: base + (start + len) * MIN }];
        if (doneMin !== undefined && doneMin <= asOfMin) events.push({ type: "done", stage: "response", at: base + doneMin * MIN });
        const s = stage(evaluateTicket(P, fault(events), { asOf: base + asOfMin * MIN }), "response");
        // status from the stage's own clock: elapsed (paused time excluded) against 15 min allowed
        const end = doneMin !== undefined && doneMin <= asOfMin ? doneMin : asOfMin;
        const paused = Math.max(0, Math.min(start + len, end) - start);
        const elapsed = end - paused;
        const expected = end === doneMin && doneMin <= asOfMin ? (elapsed <= 15 ? "met" : "breached") : elapsed > 15 ? "overdue" : elapsed >= 12 ? "warning" : "pending";
        expect(s.status).toBe(expected);
        expect(s.elapsedMs).toBe(elapsed * MIN);
      }),
    );
  });
});

describe("docs/rules.md SLA INVALID_EVENT: impossible sequences", () => {
  it("S10 003 §6(4): a report done while its anchor (assessment) is never done is INVALID_EVENT, whatever asOf", () => {
    const t: Ticket = { id: "R-R", service: "requirement", tier: "core", createdAt: sh(T0), events: [{ type: "done", stage: "report", at: sh("2024-05-07T11:00:00") }] };
    expect(() => evaluateTicket(P, t, { asOf: sh("2024-05-08T10:00:00") })).toThrow(code("INVALID_EVENT"));
    const later: Ticket = { ...t, events: [...t.events, { type: "done", stage: "assessment", at: sh("2024-05-07T12:00:00") }] };
    expect(() => evaluateTicket(P, later, { asOf: sh("2024-05-07T11:30:00") })).toThrow(code("INVALID_EVENT"));
  });
  it("W2 003 §8(2): an agreed deadline before the stage's anchor is INVALID_EVENT (no negative allowedMs)", () => {
    const events: TicketEvent[] = [{ type: "agreed-deadline", stage: "response", at: sh(T0), dueAt: sh("2024-05-06T09:00:00"), consent: "phone" }];
    expect(() => evaluateTicket(P, fault(events), { asOf: sh("2024-05-06T10:01:00") })).toThrow(code("INVALID_EVENT"));
  });
});

describe("docs/rules.md: time inputs never become a silent guess", () => {
  it("docs/rules.md SLA errors: an ISO string naming a date that does not exist (Feb 30) is INVALID_ARGUMENT, not March 1", () => {
    const q = { service: "fault", tier: "core", urgency: "urgent", stage: "response" };
    expect(() => dueAt(P, q, "2024-02-30T10:00:00Z" as unknown as Date)).toThrow(code("INVALID_ARGUMENT"));
    expect(() => dueAt(P, q, "2023-02-29T10:00:00Z" as unknown as Date)).toThrow(code("INVALID_ARGUMENT"));
    expect(dueAt(P, q, "2024-02-29T10:00:00Z" as unknown as Date).toISOString()).toBe("2024-02-29T10:15:00.000Z");
    expect(() => evaluateTicket(P, fault([{ type: "done", stage: "response", at: "2024-04-31T10:00:00+08:00" }]), { asOf: sh("2024-05-06T11:00:00") })).toThrow(code("INVALID_EVENT"));
  });
});

describe("S6 003 §6(2) remote resolution (docs/rules.md: makes the stages of an onsite ticket not-applicable)", () => {
  it("every on-site stage is not-applicable, one already done included, and the trace keeps its done time", () => {
    const ev = evaluateTicket(
      P,
      {
        id: "D-1", service: "onsite", tier: "core", urgency: "urgent", location: "other-city", createdAt: "2024-05-06T10:00:00+08:00",
        events: [
          { type: "done", stage: "departure", at: "2024-05-06T13:00:00+08:00" },
          { type: "remote-resolved", at: "2024-05-06T15:00:00+08:00" },
        ],
      },
      { asOf: new Date("2024-05-07T12:00:00+08:00") },
    );
    expect(ev.stages.map((s) => [s.stage, s.status])).toEqual([["departure", "not-applicable"], ["arrival", "not-applicable"]]);
    expect(ev.stages[0]!.trace.steps.some((s) => s.detail?.includes("the stage was done at 2024-05-06T05:00:00.000Z"))).toBe(true);
    expect(ev.stages[0]!.trace.rowId).toBe(findTarget(P, { service: "onsite", tier: "core", urgency: "urgent", location: "other-city", stage: "departure" }).id);
    expect(ev.stages[0]!.trace.rowId).toMatch(/^S8:/);
  });
});
