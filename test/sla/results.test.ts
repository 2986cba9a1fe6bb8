/**
 * Issue 15 (fixed-shape results, traces on demand) and issue 16 (wall-clock fields): every
 * evaluation has every field; `trace: false` changes nothing but the steps; traces render the same
 * through every reader; `msUntilWarn`/`msUntilDue` are wall-clock time from `asOf`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HOLD, desk as P } from "./_desk.js";
import { evaluateTicket, evaluateTickets, robotIntegration2026, tallyTickets, type StageEvaluation, type Ticket, type TicketEvaluation, type TicketEvent } from "../../src/sla/index.js";
import { sampleTickets } from "../../bench/_tickets.js";

const STAGE_KEYS = [
  "stage", "status", "anchorAt", "dueAt", "originalDueAt", "warnAt", "doneAt", "anchorAtMs", "dueAtMs", "warnAtMs", "doneAtMs", "msUntilWarn", "msUntilDue",
  "allowedMs", "elapsedMs", "remainingMs", "fractionUsed", "pausedMs", "renegotiated", "rejectedAgreements", "needsCause", "cause", "reclassified", "provisional", "levelsReached", "nextLevel", "reopenings", "cycles", "error", "trace",
];
const TICKET_KEYS = ["ticketId", "service", "tier", "urgency", "location", "channel", "assignee", "department", "factsAtCreation", "createdAt", "asOf", "createdAtMs", "asOfMs", "policy", "stages", "unknownStages"];
const TRACE_KEYS = ["row", "rowId", "sourceRef", "within", "clock", "anchor", "steps"];

/** An evaluation without its trace steps (what `trace: false` must leave identical). */
const withoutSteps = (ev: TicketEvaluation) => ({ ...ev, stages: ev.stages.map((s) => ({ ...s, trace: { ...s.trace, steps: null } })) });

const FROM = Date.parse("2024-01-02T00:00:00+08:00");
const TO = Date.parse("2026-11-30T00:00:00+08:00");
/** Tickets of every service with done, pause, agreement, cause and close events in random order of time. */
const ticketArb = fc
  .record({
    service: fc.constantFrom("fault", "complaint", "onsite", "consultation"),
    tier: fc.constantFrom("core", "important", "ordinary"),
    location: fc.constantFrom("same-city", "other-city", "remote-area"),
    channel: fc.constantFrom("phone", "online"),
    createdAt: fc.integer({ min: FROM, max: TO }),
    steps: fc.array(fc.tuple(fc.constantFrom("done", "pause", "agree", "cause", "close"), fc.integer({ min: 1, max: 30 * 3_600_000 })), { maxLength: 7 }),
    asOf: fc.integer({ min: 0, max: 20 * 86_400_000 }),
  })
  .map(({ service, tier, location, channel, createdAt, steps, asOf }) => {
    const stages: Record<string, string[]> = { fault: ["response", "handling", "resolution"], complaint: ["response", "investigation", "solution", "closure"], onsite: ["departure", "arrival"], consultation: ["online-response", "reply"] };
    const events: TicketEvent[] = [];
    let t = createdAt;
    let paused = false;
    let done = 0;
    let closed = false;
    for (const [kind, gap] of steps) {
      t += gap;
      if (closed) break;
      const next = stages[service]![done];
      if (kind === "done" && next !== undefined) {
        events.push({ type: "done", stage: next, at: t });
        done++;
      } else if (kind === "pause") {
        events.push(paused ? { type: "resume", at: t } : { type: "pause", reason: HOLD, at: t });
        paused = !paused;
      } else if (kind === "agree" && next !== undefined) events.push({ type: "agreed-deadline", stage: next, at: t, dueAt: t + gap, consent: "phone call" });
      else if (kind === "cause") events.push({ type: "cause", at: t, cause: "storm", remedy: "second crew" });
      else if (kind === "close" && !paused) {
        events.push({ type: "closed", at: t });
        closed = true;
      }
    }
    const ticket: Ticket = { id: "F", service, tier, urgency: "urgent", location, channel, createdAt, events };
    return { ticket, asOf: createdAt + asOf };
  });

describe("issue 15: trace: false builds no steps and changes nothing else", () => {
  it("fast-check: statuses, deadlines and every number are identical with trace: false; its steps are empty", () => {
    fc.assert(
      fc.property(ticketArb, ({ ticket, asOf }) => {
        let on: TicketEvaluation;
        try {
          on = evaluateTicket(P, ticket, { asOf });
        } catch (e) {
          // a history the generator made invalid must be invalid either way
          expect(() => evaluateTicket(P, ticket, { asOf, trace: false })).toThrow((e as Error).message);
          return;
        }
        const off = evaluateTicket(P, ticket, { asOf, trace: false });
        expect(withoutSteps(off)).toEqual(withoutSteps(on));
        for (const s of off.stages) expect(s.trace.steps).toEqual([]);
        expect(on.stages.every((s) => s.trace.steps.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it("on the benchmark's synthetic tickets too, and through evaluateTickets and tallyTickets", () => {
    const samples = sampleTickets(3, 400);
    for (const s of samples) expect(withoutSteps(evaluateTicket(s.policy, s.ticket, { asOf: s.asOf, trace: false }))).toEqual(withoutSteps(evaluateTicket(s.policy, s.ticket, { asOf: s.asOf })));
    const policy = samples[0]!.policy;
    const mine = samples.filter((s) => s.policy === policy).map((s) => s.ticket);
    const asOf = Date.UTC(2026, 10, 30, 16);
    const off = [...evaluateTickets(policy, mine, { asOf, trace: false })];
    expect(off.every((e) => e.stages.every((s) => s.trace.steps.length === 0))).toBe(true);
    expect(off.map(withoutSteps)).toEqual([...evaluateTickets(policy, mine, { asOf })].map(withoutSteps));
    expect(tallyTickets(policy, mine, { asOf, by: ["assignee"], trace: false })).toEqual(tallyTickets(policy, mine, { asOf, by: ["assignee"] }));
  });
  it("a trace option that is not a boolean is INVALID_ARGUMENT at path trace", () => {
    const t: Ticket = { id: "T", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [] };
    expect(() => evaluateTicket(robotIntegration2026, t, { asOf: "2024-05-06T11:00:00+08:00", trace: "no" as unknown as boolean })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", path: ["trace"] }));
  });
});

describe("issue 15: one shape per evaluation, every field present", () => {
  const samples = sampleTickets(5, 300);
  const evs = samples.map((s) => evaluateTicket(s.policy, s.ticket, { asOf: s.asOf }));
  it("every stage evaluation has the same keys in the same order, null or false where a field does not apply", () => {
    const stages = evs.flatMap((e) => e.stages);
    expect(new Set(stages.map((s) => s.status)).size).toBeGreaterThanOrEqual(5);
    for (const s of stages) {
      expect(Object.keys(s)).toEqual(STAGE_KEYS);
      expect(Object.keys(s.trace)).toEqual(TRACE_KEYS);
      for (const k of STAGE_KEYS) expect((s as unknown as Record<string, unknown>)[k]).not.toBeUndefined();
    }
    for (const e of evs) expect(Object.keys(e)).toEqual(TICKET_KEYS);
  });
  it("the epoch-ms fields are the Dates' instants", () => {
    for (const e of evs) {
      expect(e.createdAtMs).toBe(e.createdAt.getTime());
      expect(e.asOfMs).toBe(e.asOf.getTime());
      for (const s of e.stages) {
        expect(s.anchorAtMs).toBe(s.anchorAt?.getTime() ?? null);
        expect(s.dueAtMs).toBe(s.dueAt?.getTime() ?? null);
        expect(s.warnAtMs).toBe(s.warnAt?.getTime() ?? null);
        expect(s.doneAtMs).toBe(s.doneAt?.getTime() ?? null);
      }
    }
  });
  it("facts the ticket does not carry are null; unknownStages is null when every stage was computed", () => {
    const r = evaluateTicket(robotIntegration2026, { id: "T", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [] }, { asOf: "2024-05-06T11:00:00+08:00" });
    expect(r).toMatchObject({ tier: "core", urgency: "urgent", location: null, channel: null, assignee: null, department: null, unknownStages: null });
  });
});

describe("issue 15: traces render on demand, the same through every reader", () => {
  const s = sampleTickets(9, 60);
  it("JSON is plain data with the rendered steps; JSON.parse gives what reading the steps gives", () => {
    for (const x of s) {
      const ev = evaluateTicket(x.policy, x.ticket, { asOf: x.asOf });
      const json = JSON.parse(JSON.stringify(ev)) as { stages: { trace: { steps: unknown[] } }[] };
      const fresh = evaluateTicket(x.policy, x.ticket, { asOf: x.asOf });
      ev.stages.forEach((st, i) => {
        expect(json.stages[i]!.trace).toEqual(JSON.parse(JSON.stringify({ ...fresh.stages[i]!.trace })));
        expect(json.stages[i]!.trace.steps).toEqual(st.trace.steps);
      });
    }
  });
  it("structuredClone gives plain objects: Dates stay Dates, the steps come rendered, nothing of the recording", () => {
    const x = s[0]!;
    const ev = evaluateTicket(x.policy, x.ticket, { asOf: x.asOf });
    const clone = structuredClone(ev);
    expect(clone.createdAt).toBeInstanceOf(Date);
    const t = clone.stages[0]!.trace;
    expect(Object.getPrototypeOf(t)).toBe(Object.prototype);
    expect(Object.keys(t)).toEqual(TRACE_KEYS);
    expect(t.steps).toEqual(ev.stages[0]!.trace.steps);
    expect(t.steps.length).toBeGreaterThan(0);
    expect(clone).toEqual(ev);
  });
  it("reading the steps twice gives the same array (rendered once)", () => {
    const x = s[1]!;
    const st = evaluateTicket(x.policy, x.ticket, { asOf: x.asOf }).stages[0]!;
    expect(st.trace.steps).toBe(st.trace.steps);
  });
});

describe("issue 16: msUntilWarn and msUntilDue are wall-clock ms from asOf", () => {
  const complaint: Ticket = {
    id: "C-1", service: "complaint", tier: "core",
    createdAt: "2024-09-30T17:00:00+08:00",
    events: [{ type: "done", stage: "response", at: "2024-09-30T17:10:00+08:00" }],
  };
  const r = evaluateTicket(robotIntegration2026, complaint, { asOf: "2024-09-30T17:30:00+08:00" });
  const stage = (name: string): StageEvaluation => r.stages.find((s) => s.stage === name)!;
  it("S11 T2: 9.5 business hours left before the National Day holidays are 192.5 wall-clock hours", () => {
    // investigation: 1 business day after Mon 2024-09-30 (start day not counted), holidays 10-01..07:
    // due Tue 10-08 18:00; open time left at 17:30: 30 min on 09-30 + 9 h on 10-08 = 9.5 h
    const inv = stage("investigation");
    expect(inv.dueAt).toEqual(new Date("2024-10-08T18:00:00+08:00"));
    expect(inv.remainingMs).toBe(9.5 * 3_600_000);
    expect(inv.msUntilDue).toBe(192.5 * 3_600_000);
    // warning at 80% of 10 h = 8 h of open time: 1 h on 09-30 + 7 h on 10-08 = 16:00
    expect(inv.warnAt).toEqual(new Date("2024-10-08T16:00:00+08:00"));
    expect(inv.msUntilWarn).toBe(190.5 * 3_600_000);
  });
  it("null for a done stage and for a stage whose clock has not started", () => {
    expect(stage("response")).toMatchObject({ status: "met", msUntilWarn: null, msUntilDue: null });
    expect(stage("follow-up")).toMatchObject({ status: "pending", dueAt: null, msUntilWarn: null, msUntilDue: null });
  });
  it("negative once past: an overdue stage says how late it is", () => {
    const late = evaluateTicket(robotIntegration2026, { id: "F", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [] }, { asOf: "2024-05-06T10:25:00+08:00" });
    const response = late.stages[0]!;
    expect(response.status).toBe("overdue");
    expect(response.msUntilDue).toBe(response.dueAtMs! - late.asOfMs);
    expect(response.msUntilDue).toBeLessThan(0);
    expect(response.msUntilWarn).toBeLessThan(response.msUntilDue!);
  });
  it("fast-check: for open stages msUntilDue = dueAt - asOf and msUntilWarn = warnAt - asOf; null for every other status", () => {
    fc.assert(
      fc.property(ticketArb, ({ ticket, asOf }) => {
        let ev: TicketEvaluation;
        try {
          ev = evaluateTicket(P, ticket, { asOf, trace: false });
        } catch {
          return;
        }
        for (const s of ev.stages) {
          const open = s.status === "pending" || s.status === "warning" || s.status === "overdue";
          expect(s.msUntilDue).toBe(open && s.dueAt ? s.dueAt.getTime() - asOf : null);
          expect(s.msUntilWarn).toBe(open && s.warnAt ? s.warnAt.getTime() - asOf : null);
          if (s.status === "overdue") expect(s.msUntilDue).toBeLessThan(0);
          if (s.status === "warning") expect(s.msUntilWarn! <= 0 && s.msUntilDue! >= 0).toBe(true);
          if (s.status === "pending" && s.msUntilWarn !== null) expect(s.msUntilWarn).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
