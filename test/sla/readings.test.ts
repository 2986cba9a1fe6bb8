/** Issue 12: ticket evaluation as a service desk and its regulator read document 003. */
import { describe, expect, it } from "vitest";
import { evaluateTicket, parsePolicy, robotIntegration2026 as P, validatePolicy, type PolicyJson, type Ticket, type TicketEvent } from "../../src/sla/index.js";
import { causeRecordedRate, complianceRate } from "../../src/kpi/index.js";

const sh = (local: string): Date => new Date(`${local}+08:00`);
const T0 = "2024-05-06T10:00:00"; // Monday
const H = 3_600_000;
const MIN = 60_000;
const stage = (r: ReturnType<typeof evaluateTicket>, name: string) => {
  const s = r.stages.find((x) => x.stage === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s;
};
const statuses = (r: ReturnType<typeof evaluateTicket>) => r.stages.map((s) => s.status);
const fault = (events: TicketEvent[], extra: Partial<Ticket> = {}): Ticket => ({ id: "F", service: "fault", tier: "ordinary", urgency: "general", createdAt: sh(T0), events, ...extra });
const json = (): PolicyJson => JSON.parse(JSON.stringify(P)) as PolicyJson;

describe("issue 12: agreed deadlines cannot rewrite the past (W2, 003 §8(2), §6(3))", () => {
  // ordinary general fault: response due 12:00 (2 h)
  it("W2 003 §8(2): an agreement recorded after the stage was done changes nothing and is listed with its reason", () => {
    const r = evaluateTicket(P, fault([
      { type: "done", stage: "response", at: sh("2024-05-06T13:00:00") },
      { type: "agreed-deadline", stage: "response", at: sh("2024-05-06T13:30:00"), dueAt: sh("2024-05-06T14:00:00"), consent: "customer by phone" },
    ]), { asOf: sh("2024-05-06T14:00:00") });
    const s = stage(r, "response");
    expect(s.status).toBe("breached");
    expect(s.dueAt).toEqual(sh("2024-05-06T12:00:00"));
    expect(s.renegotiated).toBe(false);
    expect(s.rejectedAgreements).toEqual([expect.objectContaining({ event: 1, reason: expect.stringMatching(/after the stage was done/) })]);
  });
  it("W2 003 §8(2): an agreement recorded after the deadline passed (stage still open) changes nothing", () => {
    const r = evaluateTicket(P, fault([
      { type: "agreed-deadline", stage: "response", at: sh("2024-05-06T12:30:00"), dueAt: sh("2024-05-06T15:00:00"), consent: "customer by phone" },
    ]), { asOf: sh("2024-05-06T13:00:00") });
    const s = stage(r, "response");
    expect(s.status).toBe("overdue");
    expect(s.rejectedAgreements?.[0]?.reason).toMatch(/after the deadline in force/);
  });
  it("W2: an agreement whose dueAt is not after its own time (backdated) is rejected", () => {
    const r = evaluateTicket(P, fault([
      { type: "agreed-deadline", stage: "response", at: sh("2024-05-06T11:00:00"), dueAt: sh("2024-05-06T10:30:00"), consent: "customer" },
    ]), { asOf: sh("2024-05-06T11:30:00") });
    expect(stage(r, "response").rejectedAgreements?.[0]?.reason).toMatch(/backdated/);
    expect(stage(r, "response").dueAt).toEqual(sh("2024-05-06T12:00:00"));
  });
  it("W2 003 §8(2): an agreement in time moves the deadline, keeps originalDueAt and flags renegotiated; met counts against the agreed deadline", () => {
    const r = evaluateTicket(P, fault([
      { type: "agreed-deadline", stage: "response", at: sh("2024-05-06T11:59:00"), dueAt: sh("2024-05-06T15:00:00"), consent: "customer by phone" },
      { type: "done", stage: "response", at: sh("2024-05-06T14:00:00") },
    ]), { asOf: sh("2024-05-06T14:00:00") });
    const s = stage(r, "response");
    expect(s).toMatchObject({ status: "met", renegotiated: true, originalDueAt: sh("2024-05-06T12:00:00"), dueAt: sh("2024-05-06T15:00:00") });
    expect(s.rejectedAgreements).toBeNull();
    expect(complianceRate([r]).numerator).toBe(1);
  });
  it("W2: a second agreement counts only before the first agreed deadline", () => {
    const r = evaluateTicket(P, fault([
      { type: "agreed-deadline", stage: "response", at: sh("2024-05-06T11:00:00"), dueAt: sh("2024-05-06T13:00:00"), consent: "a" },
      { type: "agreed-deadline", stage: "response", at: sh("2024-05-06T13:30:00"), dueAt: sh("2024-05-06T16:00:00"), consent: "b" },
    ]), { asOf: sh("2024-05-06T14:00:00") });
    const s = stage(r, "response");
    expect(s.dueAt).toEqual(sh("2024-05-06T13:00:00"));
    expect(s.status).toBe("overdue");
    expect(s.rejectedAgreements?.map((x) => x.event)).toEqual([1]);
  });
  const remote = (events: TicketEvent[]): Ticket => ({ id: "R", service: "onsite", tier: "core", urgency: "urgent", location: "remote-area", createdAt: sh(T0), events });
  it("S9 003 §6(3): a remote-area stage done with no agreement recorded before completion is breached", () => {
    const r = evaluateTicket(P, remote([{ type: "done", stage: "departure", at: sh("2024-05-06T20:00:00") }]), { asOf: sh("2024-05-07T10:00:00") });
    const s = stage(r, "departure");
    expect(s.status).toBe("breached");
    expect(s.needsCause).toBe(true);
    expect(s.trace.steps.some((x) => x.step === "agreed" && /003 §6\(3\)/.test(x.detail ?? ""))).toBe(true);
  });
  it("S9 003 §6(3): an agreement recorded after departure does not rescue it", () => {
    const r = evaluateTicket(P, remote([
      { type: "done", stage: "departure", at: sh("2024-05-06T20:00:00") },
      { type: "agreed-deadline", stage: "departure", at: sh("2024-05-06T21:00:00"), dueAt: sh("2024-05-07T08:00:00"), consent: "customer" },
    ]), { asOf: sh("2024-05-07T10:00:00") });
    expect(stage(r, "departure").status).toBe("breached");
    expect(stage(r, "departure").rejectedAgreements).toHaveLength(1);
  });
  it("S9 003 §6(3): agreed in advance, the stage is judged against the agreed deadline", () => {
    const r = evaluateTicket(P, remote([
      { type: "agreed-deadline", stage: "departure", at: sh("2024-05-06T10:30:00"), dueAt: sh("2024-05-07T08:00:00"), consent: "customer" },
      { type: "done", stage: "departure", at: sh("2024-05-06T20:00:00") },
    ]), { asOf: sh("2024-05-07T10:00:00") });
    expect(stage(r, "departure").status).toBe("met");
    expect(stage(r, "departure").renegotiated).toBe(false);
  });
});

describe("issue 12: stages that do not apply are not overdue (003 §6(1), §6(5))", () => {
  const consult = (channel: string, events: TicketEvent[]): Ticket => ({ id: "C", service: "consultation", tier: "core", channel, createdAt: sh(T0), events });
  it("S1 S3 003 §6(1): a phone consultation answered at ring 2 and solved at once is met, not-applicable, not-applicable; compliance 1", () => {
    const r = evaluateTicket(P, consult("phone", [
      { type: "done", stage: "phone-answer", at: sh("2024-05-06T10:00:08"), rings: 2 },
      { type: "not-applicable", stage: "reply", at: sh("2024-05-06T10:04:00"), reason: "answered during the call" },
    ]), { asOf: sh("2024-05-06T18:00:00") });
    expect(statuses(r)).toEqual(["met", "not-applicable", "not-applicable"]);
    expect(stage(r, "online-response").trace.steps[0]?.detail).toMatch(/channel phone/);
    expect(stage(r, "reply").trace.steps.some((s) => s.step === "not-applicable" && /answered during the call.*003 §6\(1\)/.test(s.detail ?? ""))).toBe(true);
    expect(complianceRate([r]).value).toBe(1);
  });
  it("S2 003 §6(1): an online consultation has no phone-answer stage", () => {
    const r = evaluateTicket(P, consult("online", [{ type: "done", stage: "online-response", at: sh("2024-05-06T10:04:00") }]), { asOf: sh("2024-05-06T10:30:00") });
    expect(statuses(r)).toEqual(["not-applicable", "met", "pending"]);
  });
  it("S3: a not-applicable event recorded after the reply deadline changes nothing", () => {
    const r = evaluateTicket(P, consult("online", [
      { type: "done", stage: "online-response", at: sh("2024-05-06T10:04:00") },
      { type: "not-applicable", stage: "reply", at: sh("2024-05-06T13:00:00"), reason: "late" },
    ]), { asOf: sh("2024-05-06T13:00:00") });
    expect(stage(r, "reply").status).toBe("overdue");
    expect(stage(r, "reply").trace.steps.some((s) => s.step === "not-applicable-rejected")).toBe(true);
  });
  it("S11: a stage the policy does not let the desk waive is INVALID_EVENT", () => {
    expect(() => evaluateTicket(P, fault([{ type: "not-applicable", stage: "response", at: sh(T0), reason: "x" }]), { asOf: sh(T0) })).toThrow(expect.objectContaining({ code: "INVALID_EVENT", path: ["events", 0, "stage"] }));
  });
  const complaint = (events: TicketEvent[]): Ticket => ({ id: "K", service: "complaint", tier: "core", createdAt: sh(T0), events });
  it("S11 S12 003 §6(5): closing a complaint completes its open stages at the close; the follow-up visit runs from the close", () => {
    // core: investigation 1 bd (Tue 18:00), solution 3 bd (Thu 18:00), closure 5 bd (Mon 13th 18:00)
    const r = evaluateTicket(P, complaint([
      { type: "done", stage: "response", at: sh("2024-05-06T10:10:00") },
      { type: "closed", at: sh("2024-05-08T11:00:00") },
    ]), { asOf: sh("2024-05-20T12:00:00") });
    expect(statuses(r)).toEqual(["met", "breached", "met", "met", "overdue"]);
    expect(stage(r, "investigation").doneAt).toEqual(sh("2024-05-08T11:00:00"));
    expect(stage(r, "follow-up").anchorAt).toEqual(sh("2024-05-08T11:00:00"));
    expect(stage(r, "follow-up").dueAt).toEqual(sh("2024-05-10T18:00:00"));
    expect(stage(r, "investigation").trace.steps.some((s) => s.step === "closed")).toBe(true);
  });
  it("S11: a ticket closed twice is INVALID_EVENT", () => {
    expect(() => evaluateTicket(P, complaint([{ type: "closed", at: sh(T0) }, { type: "closed", at: sh(T0) }]), { asOf: sh(T0) })).toThrow(expect.objectContaining({ code: "INVALID_EVENT" }));
  });
});

describe("issue 12: the 1 h dispatch is same-city only (003 §6(2) 同城)", () => {
  // core urgent fault created Monday 10:00 Beijing; handling (dispatch or remote start) due 11:00
  const core = (events: TicketEvent[], location?: string): Ticket =>
    fault(events, { tier: "core", urgency: "urgent", ...(location === undefined ? {} : { location }) });
  const waive: TicketEvent = { type: "not-applicable", stage: "handling", at: sh("2024-05-06T10:20:00"), reason: "technician sent to the Chengdu site" };
  const onsite = (departAt: string): Ticket => ({
    id: "O", service: "onsite", tier: "core", urgency: "urgent", location: "other-city", createdAt: sh(T0),
    events: [{ type: "done", stage: "departure", at: sh(departAt) }],
  });

  it("S4 003 §6(2): an other-city core customer's technician sent at 3 h is not held to the same-city 1 h; S8's 4 h departure judges the dispatch", () => {
    const r = evaluateTicket(P, core([waive], "other-city"), { asOf: sh("2024-05-06T14:00:00") });
    const h = stage(r, "handling");
    expect(h.status).toBe("not-applicable");
    expect(h.doneAt).toBeNull();
    expect(JSON.stringify(h.trace)).toMatch(/technician sent to the Chengdu site/);
    expect(JSON.stringify(h.trace)).toMatch(/003 §6\(2\)/);
    // the response and resolution limits still apply to the fault
    expect(stage(r, "response").status).toBe("overdue");
    // the dispatch itself: departure at 13:00 is met under S8 (4 h), at 14:30 breached
    expect(stage(evaluateTicket(P, onsite("2024-05-06T13:00:00"), { asOf: sh("2024-05-06T15:00:00") }), "departure").status).toBe("met");
    expect(stage(evaluateTicket(P, onsite("2024-05-06T14:30:00"), { asOf: sh("2024-05-06T15:00:00") }), "departure").status).toBe("breached");
  });
  it("S4 003 §6(2): remote support for an other-city core customer still has 1 h (met at 50 min, breached at 70 min)", () => {
    const at = (t: string) => core([{ type: "done", stage: "handling", at: sh(t) }], "other-city");
    expect(stage(evaluateTicket(P, at("2024-05-06T10:50:00"), { asOf: sh("2024-05-06T12:00:00") }), "handling").status).toBe("met");
    expect(stage(evaluateTicket(P, at("2024-05-06T11:10:00"), { asOf: sh("2024-05-06T12:00:00") }), "handling").status).toBe("breached");
  });
  it("S4 003 §6(2): a remote-area core customer may waive handling too (S9 agreed departure applies)", () => {
    expect(stage(evaluateTicket(P, core([waive], "remote-area"), { asOf: sh("2024-05-06T14:00:00") }), "handling").status).toBe("not-applicable");
  });
  it("S4 003 §6(2): same-city, a ticket without a location, and the lower tiers keep their dispatch limit: the waiver is INVALID_EVENT naming the condition", () => {
    const bad = (t: Ticket, why: RegExp) => {
      expect(() => evaluateTicket(P, t, { asOf: sh("2024-05-06T14:00:00") })).toThrow(expect.objectContaining({ code: "INVALID_EVENT", path: ["events", 0, "stage"], message: expect.stringMatching(why) }));
    };
    bad(core([waive], "same-city"), /location is other-city or remote-area; this ticket's location is "same-city"/);
    bad(core([waive]), /this ticket has no location/);
    bad(fault([waive], { tier: "important", urgency: "urgent", location: "other-city" }), /tier is core; this ticket's tier is "important"/);
    bad(fault([waive], { tier: "core", urgency: "general", location: "other-city" }), /urgency is urgent/);
  });
  it("S4: without a waiver the same-city ticket's dispatch at 3 h is breached; the rows and numbers for every tier are unchanged", () => {
    const r = evaluateTicket(P, core([{ type: "done", stage: "handling", at: sh("2024-05-06T13:00:00") }], "same-city"), { asOf: sh("2024-05-06T14:00:00") });
    expect(stage(r, "handling").status).toBe("breached");
    expect(stage(r, "handling").dueAt).toEqual(sh("2024-05-06T11:00:00"));
    expect(stage(r, "handling").trace.rowId).toBe("S4:fault:handling:core-urgent");
  });
  it("validatePolicy checks notApplicable.when values like stage when values", () => {
    const j = json();
    const fault = j.services.fault!;
    const stages = fault.stages.map((s) => (typeof s === "string" || s.name !== "handling" ? s : { ...s, notApplicable: { sourceRef: "x", when: { location: ["moon"] } } }));
    const issues = validatePolicy({ ...j, services: { ...j.services, fault: { ...fault, stages } } });
    expect(issues).toContainEqual(expect.objectContaining({ code: "UNKNOWN_VALUE", path: ["services", "fault", "stages", 1, "notApplicable", "when", "location", 0] }));
  });
});

describe("issue 12: W3 causes and remedies (003 §9)", () => {
  it("W3 003 §9: an overdue stage without a cause says needsCause; with a cause event it carries it", () => {
    const r1 = evaluateTicket(P, fault([]), { asOf: sh("2024-05-06T13:00:00") });
    expect(stage(r1, "response")).toMatchObject({ status: "overdue", needsCause: true });
    expect(stage(r1, "handling").needsCause).toBe(false); // pending
    const r2 = evaluateTicket(P, fault([{ type: "cause", stage: "response", at: sh("2024-05-06T12:30:00"), cause: "storm cut the lines", remedy: "second engineer sent", objective: true }]), { asOf: sh("2024-05-06T13:00:00") });
    expect(stage(r2, "response").needsCause).toBe(false);
    expect(stage(r2, "response").cause).toEqual({ at: sh("2024-05-06T12:30:00"), cause: "storm cut the lines", remedy: "second engineer sent", objective: true, event: 0 });
  });
  it("W3 003 §9: causeRecordedRate is the share of breached and overdue stages with a recorded cause", () => {
    const r = evaluateTicket(P, fault([{ type: "cause", stage: "response", at: sh("2024-05-06T12:30:00"), cause: "c", remedy: "r" }]), { asOf: sh("2024-05-07T13:00:00") });
    expect(statuses(r)).toEqual(["overdue", "overdue", "pending"]);
    expect(causeRecordedRate([r])).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(causeRecordedRate([])).toMatchObject({ denominator: 0, value: null });
    expect(() => causeRecordedRate({} as never)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
  it("W3: a cause without stage covers every missed stage; cause and remedy are required", () => {
    const r = evaluateTicket(P, fault([{ type: "cause", at: sh("2024-05-06T12:30:00"), cause: "c", remedy: "r" }]), { asOf: sh("2024-05-07T13:00:00") });
    expect(r.stages.every((s) => s.status !== "overdue" || s.cause?.cause === "c")).toBe(true);
    expect(() => evaluateTicket(P, fault([{ type: "cause", at: sh(T0), cause: "c" } as unknown as TicketEvent]), { asOf: sh(T0) })).toThrow(expect.objectContaining({ code: "INVALID_EVENT", path: ["events", 0, "remedy"] }));
  });
});

describe("issue 12: pauses are governed by the policy", () => {
  it("W2 003: the built-in policy declares no pause reasons, so a pause is INVALID_EVENT naming the way out", () => {
    expect(() => evaluateTicket(P, fault([{ type: "pause", at: sh(T0), reason: "customer-unreachable" }]), { asOf: sh(T0) })).toThrow(
      expect.objectContaining({ code: "INVALID_EVENT", path: ["events", 0, "reason"], message: expect.stringMatching(/declares no pause reasons.*agreed-deadline/) }),
    );
  });
  const desk = (extra: object) => parsePolicy({ ...json(), pauseReasons: { "customer-unreachable": { stops: ["resolution"], ...extra } } });
  const ev: TicketEvent[] = [
    { type: "done", stage: "response", at: sh("2024-05-06T10:30:00") },
    { type: "pause", at: sh("2024-05-06T11:00:00"), reason: "customer-unreachable" },
    { type: "resume", at: sh("2024-05-06T14:00:00") },
  ];
  it("a pause stops only the stages its reason names", () => {
    const r = evaluateTicket(desk({}), fault(ev), { asOf: sh("2024-05-06T15:00:00") });
    expect(stage(r, "handling").pausedMs).toBe(0);
    expect(stage(r, "resolution").pausedMs).toBe(3 * H);
    expect(stage(r, "resolution").dueAt).toEqual(sh("2024-05-09T13:00:00")); // 72 h + 3 h
  });
  it("maxMs caps what one pause may stop", () => {
    const r = evaluateTicket(desk({ maxMs: H }), fault(ev), { asOf: sh("2024-05-06T15:00:00") });
    expect(stage(r, "resolution").pausedMs).toBe(H);
    expect(stage(r, "resolution").elapsedMs).toBe(4 * H); // 5 h on the clock, 1 h paused
  });
  it("needsConsent: a pause without consent is CONSENT_REQUIRED; an undeclared reason is INVALID_EVENT", () => {
    expect(() => evaluateTicket(desk({ needsConsent: true }), fault(ev), { asOf: sh("2024-05-06T15:00:00") })).toThrow(expect.objectContaining({ code: "CONSENT_REQUIRED", path: ["events", 1, "consent"] }));
    const other: TicketEvent[] = [{ type: "pause", at: sh(T0), reason: "lunch" }];
    expect(() => evaluateTicket(desk({}), fault(other), { asOf: sh(T0) })).toThrow(expect.objectContaining({ code: "INVALID_EVENT", message: expect.stringMatching(/customer-unreachable/) }));
  });
  it("a pause reason that stops an unknown stage is UNKNOWN_STAGE in validatePolicy", () => {
    expect(validatePolicy({ ...json(), pauseReasons: { x: { stops: ["nope"] } } })).toContainEqual(expect.objectContaining({ code: "UNKNOWN_STAGE", path: ["pauseReasons", "x", "stops", 0] }));
  });
});

describe("issue 12: policy header and 003 §11", () => {
  it("S14 003 §11: a system failure's backup plan is due within 30 minutes", () => {
    const r = evaluateTicket(P, { id: "S", service: "system-failure", createdAt: sh(T0), events: [{ type: "done", stage: "backup-plan", at: sh("2024-05-06T10:31:00") }] }, { asOf: sh("2024-05-06T11:00:00") });
    expect(stage(r, "backup-plan")).toMatchObject({ status: "breached", dueAt: sh("2024-05-06T10:30:00"), trace: { sourceRef: "003 §11" } });
  });
  it("T6: the built-in policies read date-only effective dates in Asia/Shanghai; validatePolicy warns when a zone is missing", () => {
    expect(P.timeZone).toBe("Asia/Shanghai");
    const copy = parsePolicy({ ...json(), effectiveFrom: "2026-01-01" });
    const t: Ticket = { id: "Z", service: "system-failure", createdAt: "2026-01-01T07:59:00+08:00", events: [] };
    expect(evaluateTicket(copy, t, { asOf: Date.parse("2026-01-01T08:00:00+08:00") }).stages[0]?.status).toBe("pending");
    const { timeZone: _z, ...noZone } = { ...json(), effectiveFrom: "2026-01-01" };
    expect(validatePolicy(noZone)).toEqual([expect.objectContaining({ severity: "warning", code: "EFFECTIVE_DATES_ZONE", path: ["effectiveFrom"] })]);
    expect(validatePolicy({ ...noZone, timeZone: "Asia/Shanghai" })).toEqual([]);
  });
  it("W2: a renegotiated deadline shortens nothing for elapsed time: elapsed + remaining = allowed still holds", () => {
    const r = evaluateTicket(P, fault([{ type: "agreed-deadline", stage: "response", at: sh("2024-05-06T11:00:00"), dueAt: sh("2024-05-06T16:00:00"), consent: "c" }]), { asOf: sh("2024-05-06T12:30:00") });
    const s = stage(r, "response");
    expect((s.elapsedMs ?? 0) + (s.remainingMs ?? 0)).toBe(s.allowedMs);
    expect(s.allowedMs).toBe(6 * H);
    expect(s.elapsedMs).toBe(150 * MIN);
  });
});

describe("issue 16: traces of a user's own policy carry no labels of the built-in regulation", () => {
  it("W1 T2: a policy whose rows cite its own clauses gets no (W1), docs/rules.md T2 or 003 labels; the built-in gets them", () => {
    const own = parsePolicy({
      id: "own", version: "1",
      calendars: { days: { builtin: "china" } },
      dimensions: {},
      services: { ticket: { stages: ["answer", "fix"], dimensions: [] } },
      targets: [
        { service: "ticket", stage: "answer", within: { businessDays: 1 }, clock: "days", sourceRef: "our SLA §2" },
        { service: "ticket", stage: "fix", within: { businessDays: 2 }, clock: "days", sourceRef: "our SLA §3" },
      ],
    });
    const text = (p: Parameters<typeof evaluateTicket>[0], t: Ticket) => JSON.stringify(evaluateTicket(p, t, { asOf: sh("2024-05-09T10:00:00") }).stages.map((s) => s.trace.steps));
    const mine = text(own, { id: "O", service: "ticket", createdAt: sh(T0), events: [] });
    expect(mine).toMatch(/business day 1/);
    expect(mine).not.toMatch(/\(W\d|T2|003|SPEC/);
    expect(() => evaluateTicket(own, { id: "O", service: "ticket", createdAt: sh(T0), events: [{ type: "pause", at: sh(T0), reason: "x" }] }, { asOf: sh(T0) })).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/003/) }));
    const builtIn = text(P, { id: "B", service: "complaint", tier: "core", createdAt: sh(T0), events: [] });
    expect(builtIn).toMatch(/\(W1\)/);
    expect(builtIn).toMatch(/docs\/rules.md T2/);
    expect(builtIn).toMatch(/W3, 003 §9/);
  });
});

