import { describe, expect, it } from "vitest";
import { HOLD, desk } from "./_desk.js";
import { evaluateTicket, parsePolicy, robotIntegration2026 as P, type Ticket, type TicketEvent } from "../../src/sla/index.js";

const sh = (local: string): Date => new Date(`${local}+08:00`);
const ms = (local: string): number => sh(local).getTime();
const T0 = "2024-05-06T10:00:00";
const fault = (events: TicketEvent[], dims: Partial<Ticket> = {}): Ticket => ({
  id: "F-1",
  service: "fault",
  tier: "core",
  urgency: "urgent",
  createdAt: sh(T0),
  events,
  ...dims,
});
const stage = (r: ReturnType<typeof evaluateTicket>, name: string) => {
  const s = r.stages.find((x) => x.stage === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s;
};
const code = (c: string) => expect.objectContaining({ code: c });

describe("evaluateTicket: statuses (docs/rules.md W1 and SLA readings)", () => {
  it("S4 003 §6(2): core urgent fault created 10:00 -> response due 10:15, warning from 10:12 (80%)", () => {
    const r = evaluateTicket(P, fault([]), { asOf: sh("2024-05-06T10:05:00") });
    const s = stage(r, "response");
    expect(s.dueAt?.getTime()).toBe(ms("2024-05-06T10:15:00"));
    expect(s.warnAt?.getTime()).toBe(ms("2024-05-06T10:12:00"));
    expect(s.status).toBe("pending");
    expect(s.allowedMs).toBe(15 * 60_000);
    expect(s.elapsedMs).toBe(5 * 60_000);
    expect(s.remainingMs).toBe(10 * 60_000);
    expect(s.fractionUsed).toBeCloseTo(1 / 3, 12);
    expect(s.trace).toMatchObject({ sourceRef: "003 §6(2)", within: "PT15M", clock: "shanghai-24x7", anchor: "created" });
    expect(P.targets[s.trace.row as number]).toMatchObject({ stage: "response", tier: "core", urgency: "urgent" });
    expect(r.policy).toEqual({ id: P.id, version: P.version, hash: P.hash });
  });
  it("W1 003 §8(1): warning from warnAt up to and including dueAt, overdue after", () => {
    const at = (t: string) => stage(evaluateTicket(P, fault([]), { asOf: sh(t) }), "response").status;
    expect(at("2024-05-06T10:11:59.999")).toBe("pending");
    expect(at("2024-05-06T10:12:00")).toBe("warning");
    expect(at("2024-05-06T10:15:00")).toBe("warning");
    expect(evaluateTicket(P, fault([]), { asOf: ms("2024-05-06T10:15:00") + 1 }).stages[0]?.status).toBe("overdue");
  });
  it("W3 003 §9: deadlines are inclusive: done at dueAt is met, 1 ms later breached", () => {
    const met = evaluateTicket(P, fault([{ type: "done", stage: "response", at: sh("2024-05-06T10:15:00") }]), { asOf: sh("2024-05-06T12:00:00") });
    expect(stage(met, "response").status).toBe("met");
    const late = evaluateTicket(P, fault([{ type: "done", stage: "response", at: ms("2024-05-06T10:15:00") + 1 }]), { asOf: sh("2024-05-06T12:00:00") });
    expect(stage(late, "response").status).toBe("breached");
    expect(stage(late, "response").doneAt?.getTime()).toBe(ms("2024-05-06T10:15:00") + 1);
  });
  it("events after asOf are not known yet", () => {
    const r = evaluateTicket(P, fault([{ type: "done", stage: "response", at: sh("2024-05-06T10:10:00") }]), { asOf: sh("2024-05-06T10:05:00") });
    expect(stage(r, "response").status).toBe("pending");
    expect(stage(r, "response").doneAt).toBeNull();
  });
  it("unsorted events are sorted stably by time", () => {
    const events: TicketEvent[] = [
      { type: "done", stage: "handling", at: sh("2024-05-06T10:40:00") },
      { type: "resume", at: sh("2024-05-06T10:30:00") },
      { type: "pause", reason: HOLD, at: sh("2024-05-06T10:20:00") },
      { type: "done", stage: "response", at: sh("2024-05-06T10:10:00") },
    ];
    const r = evaluateTicket(desk, fault(events), { asOf: sh("2024-05-06T11:00:00") });
    expect(stage(r, "response").status).toBe("met");
    expect(stage(r, "handling").status).toBe("met");
  });
  it("passes assignee, department, tier and urgency through for kpi roll-ups", () => {
    const r = evaluateTicket(P, { ...fault([]), assignee: "wang", department: "support" }, { asOf: sh(T0) });
    expect(r).toMatchObject({ ticketId: "F-1", service: "fault", tier: "core", urgency: "urgent", assignee: "wang", department: "support" });
    expect(r.createdAt.getTime()).toBe(ms(T0));
  });
});

describe("evaluateTicket: pauses", () => {
  it("a pause stops the clock of every open stage and moves the deadline later by the paused time", () => {
    const events: TicketEvent[] = [
      { type: "done", stage: "response", at: sh("2024-05-06T10:05:00") },
      { type: "pause", reason: HOLD, at: sh("2024-05-06T10:10:00") },
      { type: "resume", at: sh("2024-05-06T10:40:00") },
    ];
    const r = evaluateTicket(desk, fault(events), { asOf: sh("2024-05-06T11:00:00") });
    expect(stage(r, "response").pausedMs).toBe(0); // done before the pause
    const h = stage(r, "handling"); // 1 h from 10:00 + 30 min paused
    expect(h.dueAt?.getTime()).toBe(ms("2024-05-06T11:30:00"));
    expect(h.pausedMs).toBe(30 * 60_000);
    expect(h.elapsedMs).toBe(30 * 60_000);
    expect(h.allowedMs).toBe(60 * 60_000);
    expect(h.warnAt?.getTime()).toBe(ms("2024-05-06T11:18:00"));
    expect(stage(r, "resolution").dueAt?.getTime()).toBe(ms("2024-05-06T14:30:00"));
  });
  it("an open pause keeps the stage from going overdue", () => {
    const r = evaluateTicket(desk, fault([{ type: "pause", reason: HOLD, at: sh("2024-05-06T10:10:00") }]), { asOf: sh("2024-05-06T18:00:00") });
    expect(stage(r, "response").status).toBe("pending");
    expect(stage(r, "response").dueAt?.getTime()).toBe(ms("2024-05-06T18:05:00"));
  });
  it("business-day stages pause only for open business time", () => {
    // core complaint investigation: 1 business day -> 2024-05-07 18:00; paused Tue 09:00-11:00 (2 h open)
    const t: Ticket = { id: "C-1", service: "complaint", tier: "core", createdAt: sh(T0), events: [{ type: "pause", reason: HOLD, at: sh("2024-05-07T09:00:00") }, { type: "resume", at: sh("2024-05-07T11:00:00") }] };
    const s = stage(evaluateTicket(desk, t, { asOf: sh("2024-05-07T12:00:00") }), "investigation");
    expect(s.pausedMs).toBe(2 * 3_600_000);
    expect(s.allowedMs).toBe(9 * 3_600_000 + 8 * 3_600_000); // Mon 10:00-18:00 + Tue 09:00-18:00 = 17 h
    expect(s.dueAt?.getTime()).toBe(ms("2024-05-08T11:00:00")); // 2 h into Wednesday
  });
});

describe("evaluateTicket: anchors and business days (S10, S12, S13)", () => {
  it("S10 003 §6(4): the report is pending with dueAt null until the assessment is done", () => {
    const t: Ticket = { id: "R-1", service: "requirement", tier: "important", createdAt: sh("2024-09-27T18:00:00"), events: [] };
    const r = evaluateTicket(P, t, { asOf: sh("2024-09-28T10:00:00") });
    expect(stage(r, "assessment").dueAt?.getTime()).toBe(ms("2024-09-30T18:00:00"));
    expect(stage(r, "report")).toMatchObject({ status: "pending", dueAt: null, warnAt: null });
  });
  it("S10 003 §6(4): the report runs from the assessment's completion (important: 3 business days)", () => {
    const t: Ticket = { id: "R-1", service: "requirement", tier: "important", createdAt: sh("2024-09-27T18:00:00"), events: [{ type: "done", stage: "assessment", at: sh("2024-09-30T15:00:00") }] };
    const r = evaluateTicket(P, t, { asOf: sh("2024-10-02T10:00:00") });
    expect(stage(r, "assessment").status).toBe("met");
    const rep = stage(r, "report"); // business days after 09-30: 10-08, 10-09, 10-10
    expect(rep.dueAt?.getTime()).toBe(ms("2024-10-10T18:00:00"));
    expect(rep.anchorAt?.getTime()).toBe(ms("2024-09-30T15:00:00"));
    expect(rep.trace.anchor).toBe("assessment");
    expect(rep.status).toBe("pending");
  });
  it("S12 003 §6(5): follow-up due 2 business days after closure", () => {
    const t: Ticket = { id: "C-2", service: "complaint", tier: "ordinary", createdAt: sh("2024-05-06T09:00:00"), events: [{ type: "done", stage: "closure", at: sh("2024-05-10T16:00:00") }] };
    const r = evaluateTicket(P, t, { asOf: sh("2024-05-10T17:00:00") });
    expect(stage(r, "follow-up").dueAt?.getTime()).toBe(ms("2024-05-13T18:00:00")); // 05-11 (make-up Sat), 05-13
  });
  it("S13 003 §6(6): documents archived 1 business day after the service-completed milestone", () => {
    const t: Ticket = { id: "D-1", service: "documents", createdAt: sh("2024-09-30T09:00:00"), events: [{ type: "done", stage: "service-completed", at: sh("2024-09-30T17:00:00") }] };
    const r = evaluateTicket(P, t, { asOf: sh("2024-10-08T18:00:00") });
    const a = stage(r, "archive");
    expect(a.dueAt?.getTime()).toBe(ms("2024-10-08T18:00:00"));
    expect(a.status).toBe("warning");
    expect(r.stages).toHaveLength(1);
    const before = evaluateTicket(P, { ...t, events: [] }, { asOf: sh("2024-09-30T10:00:00") });
    expect(stage(before, "archive")).toMatchObject({ status: "pending", dueAt: null });
  });
  it("W1: warnAt on a business-day stage is 80% of its open time (addBusinessTime)", () => {
    // core assessment from Mon 10:00: allowed = 8 h (Mon) + 9 h (Tue) = 17 h; 80% = 13.6 h -> Tue 09:00 + 5.6 h = 14:36
    const t: Ticket = { id: "R-2", service: "requirement", tier: "core", createdAt: sh(T0), events: [] };
    const s = stage(evaluateTicket(P, t, { asOf: sh("2024-05-07T14:36:00") }), "assessment");
    expect(s.allowedMs).toBe(17 * 3_600_000);
    expect(s.warnAt?.getTime()).toBe(ms("2024-05-07T14:36:00"));
    expect(s.status).toBe("warning");
  });
});

describe("evaluateTicket: agreed deadlines (W2, S9)", () => {
  it("W2 003 §8(2): a consented new deadline replaces the old; both are kept", () => {
    const events: TicketEvent[] = [
      { type: "agreed-deadline", stage: "resolution", dueAt: sh("2024-05-06T20:00:00"), at: sh("2024-05-06T13:00:00"), consent: "customer Li, phone 13:00" },
    ];
    const r = evaluateTicket(P, fault(events), { asOf: sh("2024-05-06T15:00:00") });
    const s = stage(r, "resolution");
    expect(s.dueAt?.getTime()).toBe(ms("2024-05-06T20:00:00"));
    expect(s.originalDueAt?.getTime()).toBe(ms("2024-05-06T14:00:00"));
    expect(s.allowedMs).toBe(10 * 3_600_000);
    expect(s.status).toBe("pending");
  });
  it("W2 003 §8(2): without consent the renegotiation throws CONSENT_REQUIRED", () => {
    const ev = { type: "agreed-deadline", stage: "resolution", dueAt: sh("2024-05-06T20:00:00"), at: sh("2024-05-06T13:00:00"), consent: "" } as const;
    expect(() => evaluateTicket(P, fault([ev]), { asOf: sh("2024-05-06T15:00:00") })).toThrow(code("CONSENT_REQUIRED"));
    const { consent: _c, ...noConsent } = ev;
    expect(() => evaluateTicket(P, fault([noConsent as unknown as TicketEvent]), { asOf: sh("2024-05-06T15:00:00") })).toThrow(code("CONSENT_REQUIRED"));
  });
  it("S9 003 §6(3): remote-area stages are pending with dueAt null until a deadline is agreed", () => {
    const t: Ticket = { id: "O-1", service: "onsite", tier: "core", urgency: "urgent", location: "remote-area", createdAt: sh(T0), events: [] };
    const s = stage(evaluateTicket(P, t, { asOf: sh("2024-05-08T10:00:00") }), "arrival");
    expect(s).toMatchObject({ status: "pending", dueAt: null });
    expect(s.trace.steps.some((x) => /agreed/.test(x.detail ?? ""))).toBe(true);
    const agreed = evaluateTicket(
      P,
      { ...t, events: [{ type: "agreed-deadline", stage: "arrival", dueAt: sh("2024-05-09T10:00:00"), at: sh("2024-05-06T10:30:00"), consent: "email 10:30" }] },
      { asOf: sh("2024-05-09T10:00:01") },
    );
    expect(stage(agreed, "arrival")).toMatchObject({ status: "overdue" });
    expect(stage(agreed, "arrival").dueAt?.getTime()).toBe(ms("2024-05-09T10:00:00"));
  });
});

describe("evaluateTicket: remote resolution and rings (S6, S1)", () => {
  it("S6 003 §6(2): remote-resolved makes on-site stages not-applicable", () => {
    const t: Ticket = { id: "O-2", service: "onsite", tier: "core", urgency: "urgent", location: "other-city", createdAt: sh(T0), events: [{ type: "remote-resolved", at: sh("2024-05-06T11:00:00") }] };
    const r = evaluateTicket(P, t, { asOf: sh("2024-05-08T10:00:00") });
    expect(r.stages.map((s) => s.status)).toEqual(["not-applicable", "not-applicable"]);
  });
  it("S6 003 §6(2): a fault ticket keeps its remote limits after remote-resolved", () => {
    const r = evaluateTicket(P, fault([{ type: "remote-resolved", at: sh("2024-05-06T10:30:00") }]), { asOf: sh("2024-05-06T16:00:00") });
    expect(r.stages.map((s) => s.status)).toEqual(["overdue", "overdue", "overdue"]);
  });
  it("S8 003 §6(3): departure does not exist for a same-city visit", () => {
    const t: Ticket = { id: "O-3", service: "onsite", tier: "core", urgency: "urgent", location: "same-city", createdAt: sh(T0), events: [] };
    const r = evaluateTicket(P, t, { asOf: sh("2024-05-06T11:00:00") });
    expect(stage(r, "departure").status).toBe("not-applicable");
    expect(stage(r, "arrival").dueAt?.getTime()).toBe(ms("2024-05-06T12:00:00"));
  });
  it("S1 003 §6(1): rings stage met/breached from the done event's rings, else not-applicable", () => {
    const c = (events: TicketEvent[], tier = "important") =>
      stage(evaluateTicket(P, { id: "Q", service: "consultation", tier, createdAt: sh(T0), events }, { asOf: sh("2024-05-06T10:01:00") }), "phone-answer").status;
    expect(c([{ type: "done", stage: "phone-answer", at: sh("2024-05-06T10:00:10"), rings: 5 }])).toBe("met");
    expect(c([{ type: "done", stage: "phone-answer", at: sh("2024-05-06T10:00:10"), rings: 6 }])).toBe("breached");
    expect(c([{ type: "done", stage: "phone-answer", at: sh("2024-05-06T10:00:10"), rings: 4 }], "core")).toBe("breached");
    expect(c([{ type: "done", stage: "phone-answer", at: sh("2024-05-06T10:00:10") }])).toBe("not-applicable");
    expect(c([])).toBe("not-applicable");
  });
});

describe("evaluateTicket: errors", () => {
  const asOf = { asOf: sh("2024-05-06T12:00:00") };
  it("impossible sequences throw INVALID_EVENT with the event's path", () => {
    const cases: TicketEvent[][] = [
      [{ type: "done", stage: "response", at: sh("2024-05-06T09:59:00") }],
      [{ type: "resume", at: sh("2024-05-06T10:10:00") }],
      [{ type: "pause", reason: HOLD, at: sh("2024-05-06T10:10:00") }, { type: "pause", reason: HOLD, at: sh("2024-05-06T10:20:00") }],
      [{ type: "done", stage: "response", at: sh("2024-05-06T10:10:00") }, { type: "done", stage: "response", at: sh("2024-05-06T10:20:00") }],
      [{ type: "done", stage: "arrival", at: sh("2024-05-06T10:10:00") }],
      [{ type: "done", stage: "response", at: "yesterday" }],
    ];
    for (const events of cases) expect(() => evaluateTicket(P, fault(events), asOf)).toThrow(code("INVALID_EVENT"));
    try {
      evaluateTicket(P, fault([{ type: "done", stage: "response", at: sh("2024-05-06T10:10:00") }, { type: "resume", at: sh("2024-05-06T10:20:00") }]), asOf);
    } catch (e) {
      expect((e as { path: unknown }).path).toEqual(["events", 1]);
    }
  });
  it("dimensions: missing urgency of a fault is MISSING_DIMENSION, unknown tier UNKNOWN_VALUE", () => {
    expect(() => evaluateTicket(P, { ...fault([]), urgency: undefined } as unknown as Ticket, asOf)).toThrow(code("MISSING_DIMENSION"));
    expect(() => evaluateTicket(P, fault([], { tier: "gold" }), asOf)).toThrow(code("UNKNOWN_VALUE"));
    expect(() => evaluateTicket(P, fault([], { service: "repair" }), asOf)).toThrow(code("UNKNOWN_VALUE"));
  });
  it("effective dates: OUTSIDE_EFFECTIVE_DATES unless allowOutsideEffectiveDates", () => {
    const dated = parsePolicy({ ...JSON.parse(JSON.stringify(P)), version: "2026.1", effectiveFrom: "2026-01-01", effectiveTo: "2026-12-31", timeZone: "Asia/Shanghai" });
    const t = fault([], { createdAt: sh("2025-12-31T23:59:00") });
    expect(() => evaluateTicket(dated, t, { asOf: sh("2026-01-01T01:00:00") })).toThrow(code("OUTSIDE_EFFECTIVE_DATES"));
    const r = evaluateTicket(dated, t, { asOf: sh("2026-01-01T01:00:00"), allowOutsideEffectiveDates: true });
    expect(r.policy).toEqual({ id: P.id, version: "2026.1", hash: dated.hash });
    expect(dated.hash).not.toBe(P.hash);
    expect(() => evaluateTicket(dated, fault([], { createdAt: sh("2026-01-01T00:00:00") }), { asOf: sh("2026-01-01T01:00:00") })).not.toThrow();
    expect(() => evaluateTicket(dated, fault([], { createdAt: sh("2027-01-01T00:00:00") }), { asOf: sh("2027-01-01T01:00:00") })).toThrow(code("OUTSIDE_EFFECTIVE_DATES"));
  });
  it("inputs are not mutated", () => {
    const t = fault([{ type: "done", stage: "handling", at: sh("2024-05-06T10:40:00") }, { type: "done", stage: "response", at: sh("2024-05-06T10:10:00") }]);
    const copy = JSON.stringify(t);
    evaluateTicket(P, t, asOf);
    expect(JSON.stringify(t)).toBe(copy);
  });
});
