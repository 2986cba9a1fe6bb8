/**
 * S15 recurring targets (docs/rules.md S15; docs/sla.md "Recurring targets"): next-reply and
 * periodic stages, each cycle judged on its own, the stage summarising them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessTime, chinaWorkCalendar } from "../../src/calendar/index.js";
import { complianceRate, rollup } from "../../src/kpi/index.js";
import {
  evaluateTicket,
  evaluateTickets,
  nextChangeAt,
  parsePolicy,
  reviveEvaluation,
  tallyTickets,
  validatePolicy,
  type StageEvaluation,
  type Ticket,
  type TicketEvaluation,
  type TicketEvent,
} from "../../src/sla/index.js";
import { H, json, P, TO, ticketArb } from "./_recurring.js";

const office = chinaWorkCalendar();
const at = (s: string): number => Date.parse(s);
const stage = (e: TicketEvaluation, name: string): StageEvaluation => e.stages.find((s) => s.stage === name)!;

const FRIDAY = "2024-05-17T16:00:00+08:00";
const responded: TicketEvent = { type: "done", stage: "first-response", at: "2024-05-17T16:20:00+08:00" };
const support = (events: TicketEvent[], createdAt = FRIDAY): Ticket => ({ id: "R-1", service: "support", createdAt, events: [responded, ...events] });

describe("S15 next-reply: a reply to each customer message within 2 business hours", () => {
  it("S15 a message Friday 17:30 is due Monday 10:30 on the office clock; a second message while one waits opens no cycle", () => {
    const t = support([
      { type: "message", at: "2024-05-17T17:30:00+08:00" },
      { type: "message", at: "2024-05-17T17:45:00+08:00" },
      { type: "done", stage: "reply", at: "2024-05-20T10:00:00+08:00" },
    ]);
    const r = stage(evaluateTicket(P, t, { asOf: "2024-05-20T12:00:00+08:00" }), "reply");
    expect(r.status).toBe("met");
    expect(r.cycles).toHaveLength(1);
    expect(r.cycles?.[0]).toMatchObject({ index: 0, status: "met", startAtMs: at("2024-05-17T17:30:00+08:00"), dueAtMs: at("2024-05-20T10:30:00+08:00"), doneAtMs: at("2024-05-20T10:00:00+08:00") });
    expect(r.doneAt?.toISOString()).toBe("2024-05-20T02:00:00.000Z");
  });

  it("S15 one late reply breaches the stage while later cycles are met; the stage keeps the open cycle's deadline and timers", () => {
    const t = support([
      { type: "message", at: "2024-05-20T09:00:00+08:00" },
      { type: "done", stage: "reply", at: "2024-05-20T11:30:00+08:00" }, // due 11:00
      { type: "message", at: "2024-05-20T14:00:00+08:00" },
      { type: "done", stage: "reply", at: "2024-05-20T14:30:00+08:00" },
      { type: "message", at: "2024-05-20T15:00:00+08:00" },
      { type: "done", stage: "resolution", at: "2024-05-20T15:10:00+08:00" }, // ends the updates, not the replies
    ]);
    const e = evaluateTicket(P, t, { asOf: "2024-05-20T15:30:00+08:00" });
    const r = stage(e, "reply");
    expect(r.cycles?.map((c) => c.status)).toEqual(["breached", "met", "pending"]);
    expect(r.status).toBe("breached");
    expect(r.dueAtMs).toBe(at("2024-05-20T17:00:00+08:00"));
    expect(r.msUntilDue).toBe(at("2024-05-20T17:00:00+08:00") - at("2024-05-20T15:30:00+08:00"));
    expect(r.needsCause).toBe(true);
    // the open cycle warns at 15:00 + 0.8 x 2 h = 16:36, and the timer follows it though the stage is breached
    expect(r.warnAtMs).toBe(at("2024-05-20T16:36:00+08:00"));
    expect(nextChangeAt(e)?.getTime()).toBe(at("2024-05-20T16:36:00+08:00"));
  });

  it("S15 a message before the anchor (first response) is answered by it: no cycle; no message yet is pending with no deadline", () => {
    const t: Ticket = {
      id: "R-2", service: "support", createdAt: FRIDAY,
      events: [{ type: "message", at: "2024-05-17T16:10:00+08:00" }, responded],
    };
    const r = stage(evaluateTicket(P, t, { asOf: "2024-05-17T17:00:00+08:00" }), "reply");
    expect(r).toMatchObject({ status: "pending", dueAt: null, cycles: [] });
  });

  it("S15 a reply with no message waiting changes nothing; the close completes the open cycle; a ticket closed with no message is not-applicable", () => {
    const extra = stage(evaluateTicket(P, support([{ type: "done", stage: "reply", at: "2024-05-17T16:30:00+08:00" }]), { asOf: "2024-05-17T17:00:00+08:00" }), "reply");
    expect(extra.cycles).toEqual([]);
    expect(extra.trace.steps.some((s) => s.step === "cycle" && /changes nothing/.test(s.detail ?? ""))).toBe(true);
    const closed = stage(
      evaluateTicket(P, support([{ type: "message", at: "2024-05-17T16:30:00+08:00" }, { type: "closed", at: "2024-05-17T17:00:00+08:00" }]), { asOf: "2024-05-18T12:00:00+08:00" }),
      "reply",
    );
    expect(closed.cycles?.map((c) => [c.status, c.doneAtMs])).toEqual([["met", at("2024-05-17T17:00:00+08:00")]]);
    const none = stage(evaluateTicket(P, support([{ type: "closed", at: "2024-05-17T17:00:00+08:00" }]), { asOf: "2024-05-18T12:00:00+08:00" }), "reply");
    expect(none).toMatchObject({ status: "not-applicable", cycles: [] });
  });

  it("S15 a message may name its next-reply stage; naming another stage is INVALID_EVENT", () => {
    const ok = stage(evaluateTicket(P, support([{ type: "message", stage: "reply", at: "2024-05-20T09:00:00+08:00" }]), { asOf: "2024-05-20T09:30:00+08:00" }), "reply");
    expect(ok.cycles).toHaveLength(1);
    expect(() => evaluateTicket(P, support([{ type: "message", stage: "update", at: "2024-05-20T09:00:00+08:00" }]), { asOf: "2024-05-20T09:30:00+08:00" })).toThrow(
      expect.objectContaining({ code: "INVALID_EVENT", path: ["events", 1, "stage"] }),
    );
  });
});

describe("S15 periodic: a progress update every 4 hours until resolved", () => {
  it("S15 cycles run from creation and from each update; a pause stops the cycle's clock; the resolution ends the duty", () => {
    const t = support([
      { type: "done", stage: "update", at: "2024-05-17T19:00:00+08:00" }, // cycle 0 due 20:00: met
      { type: "pause", reason: "waiting-on-customer", at: "2024-05-17T21:00:00+08:00" },
      { type: "resume", at: "2024-05-18T09:00:00+08:00" }, // 12 h paused: cycle 1 due 23:00 + 12 h = Sat 11:00
      { type: "done", stage: "update", at: "2024-05-18T10:30:00+08:00" }, // met
      { type: "done", stage: "resolution", at: "2024-05-18T16:00:00+08:00" }, // cycle 2 due 14:30: ends 16:00, breached
      { type: "done", stage: "update", at: "2024-05-18T17:00:00+08:00" }, // after the duty: ignored
    ]);
    const u = stage(evaluateTicket(P, t, { asOf: "2024-05-19T12:00:00+08:00" }), "update");
    expect(u.cycles?.map((c) => [c.index, c.status, c.pausedMs])).toEqual([
      [0, "met", 0],
      [1, "met", 12 * H],
      [2, "breached", 0],
    ]);
    expect(u.cycles?.[1]?.dueAtMs).toBe(at("2024-05-18T11:00:00+08:00"));
    expect(u.cycles?.[2]?.doneAtMs).toBe(at("2024-05-18T16:00:00+08:00"));
    expect(u.status).toBe("breached");
  });

  it("S15 an open cycle past its deadline makes the stage overdue, and nextChangeAt follows the open cycle", () => {
    const open = evaluateTicket(P, support([{ type: "done", stage: "update", at: "2024-05-17T19:00:00+08:00" }]), { asOf: "2024-05-17T22:30:00+08:00" }); // warns at 22:12
    const u = stage(open, "update");
    expect(u.status).toBe("warning");
    expect(u.dueAtMs).toBe(at("2024-05-17T23:00:00+08:00"));
    expect(nextChangeAt(open)?.getTime()).toBe(at("2024-05-17T23:00:00+08:00") + 1);
    const late = stage(evaluateTicket(P, support([]), { asOf: "2024-05-17T21:00:00+08:00" }), "update");
    expect(late.status).toBe("overdue");
  });
});

describe("S15 policy checks", () => {
  it("S15 recur on a rings row is RECUR_UNTIMED; until naming an unknown stage or itself is UNKNOWN_STAGE; parsePolicy refuses both", () => {
    const rings = structuredClone(json) as unknown as { targets: { stage: string; within: unknown; clock?: string }[] };
    rings.targets[1] = { ...rings.targets[1]!, within: { rings: 3 } };
    delete rings.targets[1].clock;
    expect(validatePolicy(rings).map((i) => [i.code, i.path])).toContainEqual(["RECUR_UNTIMED", ["targets", 1, "within"]]);
    expect(() => parsePolicy(rings)).toThrow(expect.objectContaining({ code: "INVALID_POLICY" }));
    for (const until of ["closure", "update"]) {
      const bad = structuredClone(json) as unknown as { services: { support: { stages: unknown[] } } };
      bad.services.support.stages[2] = { name: "update", recur: { kind: "periodic", until } };
      expect(validatePolicy(bad).map((i) => [i.code, i.path])).toEqual([["UNKNOWN_STAGE", ["services", "support", "stages", 2, "recur", "until"]]]);
    }
    const shape = structuredClone(json) as unknown as { services: { support: { stages: unknown[] } } };
    shape.services.support.stages[1] = { name: "reply", recur: { kind: "weekly" } };
    expect(validatePolicy(shape)[0]).toMatchObject({ code: "INVALID_POLICY", path: ["services", "support", "stages", 1, "recur", "kind"] });
  });

  it("S15 a recurring stage takes no agreed deadline or waiver (INVALID_EVENT), and many done events (one per cycle)", () => {
    const agreed = support([{ type: "agreed-deadline", stage: "update", at: "2024-05-17T17:00:00+08:00", dueAt: "2024-05-18T17:00:00+08:00", consent: "phone" }]);
    expect(() => evaluateTicket(P, agreed, { asOf: "2024-05-17T18:00:00+08:00" })).toThrow(expect.objectContaining({ code: "INVALID_EVENT", path: ["events", 1, "stage"] }));
    const twice = support([{ type: "done", stage: "first-response", at: "2024-05-17T16:30:00+08:00" }]);
    expect(() => evaluateTicket(P, twice, { asOf: "2024-05-17T18:00:00+08:00" })).toThrow(expect.objectContaining({ code: "INVALID_EVENT" }));
  });
});

// ---- laws ----

const recurring = (e: TicketEvaluation): StageEvaluation[] => e.stages.filter((s) => s.cycles !== null);

describe("S15 laws", () => {
  it("fast-check: cycles are in time order and never overlap; the stage is met iff it has cycles and every one is met; breached iff one is", () => {
    fc.assert(
      fc.property(ticketArb, ({ ticket, asOf }) => {
        const e = evaluateTicket(P, ticket, { asOf });
        expect(recurring(e).map((s) => s.stage)).toEqual(["reply", "update"]);
        for (const s of recurring(e)) {
          const cs = s.cycles!;
          cs.forEach((c, i) => {
            expect(c.index).toBe(i);
            expect(c.startAtMs).toBeLessThanOrEqual(c.doneAtMs ?? e.asOfMs);
            if (i + 1 < cs.length) {
              expect(c.doneAtMs).not.toBeNull(); // only the last cycle may be open
              expect(c.doneAtMs!).toBeLessThanOrEqual(cs[i + 1]!.startAtMs);
            }
          });
          expect(s.status === "met").toBe(cs.length > 0 && cs.every((c) => c.status === "met"));
          expect(s.status === "breached").toBe(cs.some((c) => c.status === "breached"));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("fast-check: with no pause, each cycle's dueAt is addBusinessTime(clock, startAt, within); a later asOf never changes a finished cycle nor un-breaches the stage", () => {
    fc.assert(
      fc.property(ticketArb, fc.integer({ min: 0, max: 5 * 86_400_000 }), ({ ticket, asOf }, later) => {
        const e = evaluateTicket(P, ticket, { asOf });
        const e2 = evaluateTicket(P, ticket, { asOf: asOf + later });
        for (const s of recurring(e)) {
          const s2 = stage(e2, s.stage);
          for (const c of s.cycles!) {
            if (c.pausedMs === 0) expect(c.dueAtMs).toBe(s.stage === "reply" ? addBusinessTime(office, c.startAtMs, 2 * H).getTime() : c.startAtMs + 4 * H);
            if (c.doneAtMs !== null) expect(s2.cycles![c.index]).toEqual(c);
          }
          if (s.status === "breached") expect(s2.status).toBe("breached");
        }
      }),
      { numRuns: 200 },
    );
  });

  it("fast-check: a later reply can only turn the reply stage from met to breached, never the reverse", () => {
    fc.assert(
      fc.property(ticketArb, fc.integer({ min: 1, max: 40 * H }), fc.integer({ min: 1, max: 40 * H }), ({ ticket }, gap, delay) => {
        const last = Math.max(...ticket.events.map((x) => x.at as number));
        const withMsg = [...ticket.events, { type: "message" as const, at: last + 1 }];
        const replyAt = (ms: number): Ticket => ({ ...ticket, events: [...withMsg, { type: "done", stage: "reply", at: ms }] });
        const asOf = last + 2 + gap + delay;
        const early = stage(evaluateTicket(P, replyAt(last + 1 + gap), { asOf }), "reply").status;
        const late = stage(evaluateTicket(P, replyAt(last + 1 + gap + delay), { asOf }), "reply").status;
        if (early === "breached") expect(late).toBe("breached");
        if (late === "met") expect(early).toBe("met");
      }),
      { numRuns: 200 },
    );
  });

  it("fast-check: trace: false changes nothing but the steps; reviveEvaluation(JSON) gives the cycles back as Dates", () => {
    fc.assert(
      fc.property(ticketArb, ({ ticket, asOf }) => {
        const on = evaluateTicket(P, ticket, { asOf });
        const off = evaluateTicket(P, ticket, { asOf, trace: false });
        const bare = (x: TicketEvaluation) => x.stages.map((s) => ({ ...s, trace: null }));
        expect(bare(off)).toEqual(bare(on));
        const back = reviveEvaluation(JSON.parse(JSON.stringify(on)));
        expect(back.stages.map((s) => s.cycles)).toEqual(on.stages.map((s) => s.cycles));
      }),
      { numRuns: 100 },
    );
  });

  it("S15 tallyTickets counts recurring tickets exactly as rollup over evaluateTickets", () => {
    const tickets = fc.sample(ticketArb, { numRuns: 300, seed: 15 }).map((x, i) => ({ ...x.ticket, id: `R-${i}`, assignee: i % 2 ? "li" : "wang" }));
    const asOf = TO + 30 * 86_400_000;
    for (const by of [["stage"], ["assignee"], []] as const) {
      for (const unit of ["stage", "cycle"] as const) {
        expect(tallyTickets(P, tickets, { asOf, by: [...by], unit })).toEqual(rollup([...evaluateTickets(P, tickets, { asOf })], { by: [...by], unit }));
      }
    }
    // the same tickets under a policy whose stages do not recur: message events change nothing, and a done per cycle is refused alike
    const flat = parsePolicy({ ...json, services: { support: { ...json.services.support!, stages: ["first-response", "resolution"] } }, targets: json.targets.filter((r) => r.stage === "first-response" || r.stage === "resolution"), pauseReasons: { "waiting-on-customer": { stops: ["resolution"] } } });
    const plain = tickets.map((t) => ({ ...t, events: t.events.filter((e) => e.type !== "done" || e.stage === "first-response" || e.stage === "resolution") }));
    expect(tallyTickets(flat, plain, { asOf, by: ["stage"] })).toEqual(rollup([...evaluateTickets(flat, plain, { asOf })], { by: ["stage"] }));
    const evals = [...evaluateTickets(P, tickets, { asOf })];
    const statuses = evals.flatMap((e) => e.stages.flatMap((s) => (s.cycles?.length ? s.cycles : [s]).map((c) => c.status)));
    const met = statuses.filter((x) => x === "met").length;
    const decided = statuses.filter((x) => x === "met" || x === "breached" || x === "overdue").length;
    expect(decided).toBeGreaterThan(evals.length); // cycles counted, not stages
    expect(complianceRate(evals, { unit: "cycle" })).toMatchObject({ numerator: met, denominator: decided });
  });
});
