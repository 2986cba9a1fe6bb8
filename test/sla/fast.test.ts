/**
 * evaluateTicket's fast path (src/sla/_fast.ts, on the compiled plans of _plan.ts) against its
 * full path (_stage.ts): deep-equal results, every field and every trace step rendered, or the
 * same error; on the benchmark's synthetic tickets of both built-in policies and on random tickets
 * of a policy using every feature the plans handle (test/sla/_planFixtures.ts), with and without
 * traces, a stage filter and effective dates. Plus: the trace of a fast result does not change
 * when the input is changed after the evaluation.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { fastPath } from "../../src/sla/_fast.js";
import { rollup } from "../../src/kpi/index.js";
import { cableOperatorNorms, evaluateTicket, evaluateTickets, evaluateTicketVersions, parsePolicy, robotIntegration2026, tallyTickets, type EvaluateTicketOptions, type Policy, type Ticket, type TicketEvaluation } from "../../src/sla/index.js";
import { sampleTickets } from "../../bench/_tickets.js";
import { desk, deskJson, outcome, ticketArb } from "./_planFixtures.js";

afterEach(() => {
  fastPath.enabled = true;
});

/** Everything a result says, traces rendered, Dates as ISO text (and distinguishable from strings). */
const plain = (r: TicketEvaluation): unknown => JSON.parse(JSON.stringify(r, (_k, v: unknown) => (typeof v === "string" ? `s:${v}` : v)));

/** The result (or error) by each path, and whether the fast path answered. */
function both(policy: Policy, ticket: Ticket, options: EvaluateTicketOptions): { fast: unknown; full: unknown; taken: boolean } {
  fastPath.enabled = true;
  const hits = fastPath.hits;
  const fast = outcome(() => plain(evaluateTicket(policy, ticket, options)));
  const taken = fastPath.hits > hits;
  fastPath.enabled = false;
  const full = outcome(() => plain(evaluateTicket(policy, ticket, options)));
  fastPath.enabled = true;
  return { fast, full, taken };
}

describe("evaluateTicket's fast path = its full path", () => {
  it("gives the full path's result, traces included, for every benchmark ticket of both built-in policies", () => {
    const samples = sampleTickets(5, 1500);
    let taken = 0;
    for (const [i, s] of samples.entries()) {
      const r = both(s.policy, s.ticket, { asOf: s.asOf, ...(i % 3 === 0 ? { trace: false } : {}) });
      expect(r.fast).toEqual(r.full);
      if (r.taken) taken++;
    }
    // the comparison must exercise the fast path: every benchmark ticket takes it (rejected
    // agreements included: about 1 ticket in 100 has one)
    expect(taken).toBe(samples.length);
  });

  it("T6: past the holiday data (stages unknown), every benchmark ticket still takes it, with the full path's errors", () => {
    const samples = sampleTickets(7, 600);
    const asOf = Date.parse("2027-03-01T00:00:00Z");
    let unknown = 0;
    for (const [i, s] of samples.entries()) {
      const r = both(s.policy, s.ticket, { asOf, ...(i % 2 === 0 ? { trace: false } : {}) });
      expect(r.taken).toBe(true);
      expect(r.fast).toEqual(r.full);
      const u = (r.fast as { ok: TicketEvaluation }).ok.unknownStages;
      if (u !== null) unknown += u.length;
    }
    expect(unknown).toBeGreaterThan(20);
  });

  it("random tickets of a policy using every feature the plans handle: the same result or the same error", () => {
    let taken = 0;
    let valid = 0;
    let rejections = 0;
    let unknowns = 0;
    fc.assert(
      fc.property(ticketArb, fc.constantFrom(undefined, false, true), fc.constantFrom(null, ["respond", "visit"], ["fix", "rate", "report"]), fc.boolean(), ({ ticket, asOf }, trace, only, allowOutside) => {
        const options: EvaluateTicketOptions = { asOf, ...(trace === undefined ? {} : { trace }), ...(only === null ? {} : { stages: only }), ...(allowOutside ? { allowOutsideEffectiveDates: true } : {}) };
        const r = both(desk, ticket, options);
        expect(r.fast).toEqual(r.full);
        if ("ok" in (r.full as object)) valid++;
        if (r.taken) taken++;
        if (r.taken && JSON.stringify(r.fast).includes('"rejectedAgreements":[')) rejections++;
        if (r.taken && JSON.stringify(r.fast).includes('"unknownStages":[')) unknowns++;
      }),
      { numRuns: 1500 },
    );
    expect(taken).toBeGreaterThan(valid / 2);
    expect(rejections).toBeGreaterThan(10); // W2's rejections are worded by the fast path too
    expect(unknowns).toBeGreaterThan(10); // and T6's unknown stages (calendars whose data ends) are its own
  });

  it("a fast result's trace is the ticket's as evaluated, whatever is done to the input afterwards", () => {
    const ticket = {
      id: "M-1",
      service: "desk",
      tier: "gold",
      urgency: "high",
      createdAt: Date.parse("2024-03-04T09:00:00+08:00"),
      events: [
        { type: "done", stage: "respond", at: Date.parse("2024-03-04T09:10:00+08:00") },
        { type: "pause", reason: "wait", at: Date.parse("2024-03-04T09:20:00+08:00") },
      ] as Record<string, unknown>[],
    };
    const asOf = Date.parse("2024-03-04T12:00:00+08:00");
    const hits = fastPath.hits;
    const r = evaluateTicket(desk, ticket as unknown as Ticket, { asOf });
    expect(fastPath.hits).toBe(hits + 1);
    const expected = plain(evaluateTicket(desk, structuredClone(ticket) as unknown as Ticket, { asOf }));
    // the caller reuses its objects: an event moved, one added, a fact changed
    ticket.events[0]!["at"] = Date.parse("2024-03-04T09:40:00+08:00");
    ticket.events.push({ type: "resume", at: Date.parse("2024-03-04T09:30:00+08:00") });
    ticket.tier = "silver";
    expect(plain(r)).toEqual(expected);
    // fix (anchored on respond) paused from 09:20 to asOf: the pause as it was, read after the changes
    expect(r.stages[1]!.stage).toBe("fix");
    expect(r.stages[1]!.trace.steps.map((s) => s.step)).toContain("pause");
  });

  it("evaluateTicketVersions adds its policy-version step after the fast path's steps (S18)", () => {
    const v2 = parsePolicy({ ...deskJson, version: "2", effectiveFrom: "2024-06-01" });
    const ticket = { id: "V-1", service: "desk", tier: "gold", urgency: "high", createdAt: Date.parse("2024-07-01T09:00:00+08:00"), events: [] } as unknown as Ticket;
    const asOf = Date.parse("2024-07-01T09:20:00+08:00");
    const fast = plain(evaluateTicketVersions([desk, v2], ticket, { asOf }));
    fastPath.enabled = false;
    const full = plain(evaluateTicketVersions([desk, v2], ticket, { asOf }));
    expect(fast).toEqual(full);
    const steps = (fast as { stages: { trace: { steps: { step: string }[] } }[] }).stages[0]!.trace.steps;
    expect(steps.at(-1)!.step).toBe("s:policy-version");
    expect(steps.length).toBeGreaterThan(3);
  });

  it("the built-in policies as shipped (no pause reasons) take it too", () => {
    const t = { id: "B-1", service: "fault", tier: "core", urgency: "urgent", createdAt: new Date("2024-05-06T10:00:00+08:00"), events: [{ type: "done", stage: "response", at: new Date("2024-05-06T10:12:00+08:00") }] } as Ticket;
    const r = both(robotIntegration2026, t, { asOf: new Date("2024-05-06T10:50:00+08:00") });
    expect(r.taken).toBe(true);
    expect(r.fast).toEqual(r.full);
    const w = { id: "B-2", service: "work-order", createdAt: new Date("2024-05-06T10:00:00+08:00"), events: [] } as unknown as Ticket;
    const q = both(cableOperatorNorms, w, { asOf: new Date("2024-05-08T10:50:00+08:00") });
    expect(q.taken).toBe(true);
    expect(q.fast).toEqual(q.full);
  });

  it("W2: agreements that do not count are listed with the full path's reasons, each of the three", () => {
    const c0 = Date.parse("2024-05-06T10:00:00+08:00");
    const min = 60_000;
    const agreed = (at: number, due: number) => ({ type: "agreed-deadline", stage: "respond", at: c0 + at * min, dueAt: c0 + due * min, consent: "by phone" });
    const cases: [string, Record<string, unknown>[], RegExp][] = [
      ["backdated", [agreed(5, 1)], /is not after the agreement/],
      ["after the stage was done", [{ type: "done", stage: "respond", at: c0 + 10 * min }, agreed(20, 90)], /after the stage was done/],
      ["after the deadline in force (PT30M)", [agreed(40, 90)], /after the deadline in force \(2024-05-06T02:30:00.000Z\)/],
      ["the second after the first one's deadline", [agreed(10, 35), agreed(36, 90)], /after the deadline in force \(2024-05-06T02:35:00.000Z\)/],
    ];
    for (const [what, events, reason] of cases) {
      const t = { id: `W2-${what}`, service: "desk", tier: "gold", urgency: "high", createdAt: c0, events } as unknown as Ticket;
      const r = both(desk, t, { asOf: c0 + 120 * min });
      expect(r.taken, what).toBe(true);
      expect(r.fast, what).toEqual(r.full);
      const rejected = evaluateTicket(desk, t, { asOf: c0 + 120 * min }).stages[0]!.rejectedAgreements;
      expect(rejected, what).toHaveLength(1);
      expect(rejected![0]!.reason, what).toMatch(reason);
      expect(rejected![0]!.consent).toBe("by phone");
    }
  });

  describe("inputs a fast path could get wrong (found by review)", () => {
    const c0 = Date.parse("2024-05-06T10:00:00+08:00");
    const asOf = c0 + 3_600_000;

    it("an event getter that evaluates another ticket meanwhile, or throws: the reused event records stay each ticket's own", () => {
      const plainTicket = (id: string, minutes: number) => ({ id, service: "fault", tier: "core", urgency: "urgent", createdAt: c0, events: [{ type: "done", stage: "response", at: c0 + minutes * 60_000 }] }) as unknown as Ticket;
      const expectedInner = plain(evaluateTicket(robotIntegration2026, plainTicket("IN", 30), { asOf }));
      let inner: unknown = null;
      const reentrant = {
        id: "OUT", service: "fault", tier: "core", urgency: "urgent", createdAt: c0,
        events: [
          { type: "done", stage: "response", at: c0 + 5 * 60_000 },
          {
            type: "done", stage: "handling",
            get at() {
              inner = plain(evaluateTicket(robotIntegration2026, plainTicket("IN", 30), { asOf })); // read while the outer ticket's events are being read
              return c0 + 40 * 60_000;
            },
          },
        ],
      } as unknown as Ticket;
      const outer = both(robotIntegration2026, reentrant, { asOf });
      expect(outer.taken).toBe(true);
      expect(outer.fast).toEqual(outer.full);
      expect(inner).toEqual(expectedInner);
      expect((outer.fast as { ok: { stages: { doneAtMs: number }[] } }).ok.stages.slice(0, 2).map((s) => s.doneAtMs)).toEqual([c0 + 5 * 60_000, c0 + 40 * 60_000]);
      // a getter that throws: the error reaches the caller, and the next tickets are evaluated as before
      const throwing = { ...plainTicket("T", 10), events: [{ type: "done", stage: "response", get at(): number { throw new Error("boom"); } }] } as unknown as Ticket;
      expect(() => evaluateTicket(robotIntegration2026, throwing, { asOf })).toThrow("boom");
      for (const m of [10, 20, 70]) {
        const r = both(robotIntegration2026, plainTicket(`A${m}`, m), { asOf });
        expect(r.taken).toBe(true);
        expect(r.fast).toEqual(r.full);
      }
    });

    it("W2, W3: a consent and a cause are read once, and getters that evaluate another ticket change no rejected agreement, cause or number", () => {
      const min = 60_000;
      const until = c0 + 120 * min;
      let reads = 0;
      const counting = {
        id: "G1", service: "desk", tier: "gold", urgency: "high", createdAt: c0,
        events: [
          { type: "agreed-deadline", stage: "respond", at: c0 + 40 * min, dueAt: c0 + 90 * min, get consent() { return `read ${++reads}`; } },
          { type: "cause", stage: "respond", at: c0 + 50 * min, get cause() { return `cause ${++reads}`; }, get remedy() { return `remedy ${++reads}`; } },
        ],
      } as unknown as Ticket;
      for (const trace of [true, false]) {
        for (const enabled of [true, false]) {
          fastPath.enabled = enabled;
          reads = 0;
          const hits = fastPath.hits;
          const r = evaluateTicket(desk, counting, { asOf: until, trace });
          expect(fastPath.hits - hits).toBe(enabled ? 1 : 0);
          const s = r.stages[0]!;
          expect([s.rejectedAgreements?.[0]?.consent, s.cause?.cause, s.cause?.remedy], `trace ${trace}, fast ${enabled}`).toEqual(["read 1", "cause 2", "remedy 3"]);
        }
      }
      fastPath.enabled = true;
      const other = { id: "IN", service: "desk", tier: "gold", urgency: "high", createdAt: c0, events: [{ type: "done", stage: "respond", at: c0 + 5 * min }] } as unknown as Ticket;
      const nested = () => void evaluateTicket(desk, other, { asOf: until });
      const reentrant = {
        id: "G2", service: "desk", tier: "gold", urgency: "high", createdAt: c0,
        events: [
          { type: "pause", reason: "wait", at: c0 + 5 * min },
          { type: "resume", at: c0 + 15 * min },
          // after the deadline in force (30 minutes + 10 paused): rejected
          { type: "agreed-deadline", stage: "respond", at: c0 + 45 * min, dueAt: c0 + 90 * min, get consent() { nested(); return "by phone"; } },
          { type: "cause", stage: "respond", at: c0 + 50 * min, get cause() { nested(); return "traffic"; }, remedy: "left earlier" },
        ],
      } as unknown as Ticket;
      for (const trace of [true, false]) {
        const r = both(desk, reentrant, { asOf: until, trace });
        expect(r.taken).toBe(true);
        expect(r.fast).toEqual(r.full);
        const s = evaluateTicket(desk, reentrant, { asOf: until, trace }).stages[0]!;
        expect([s.status, s.pausedMs, s.rejectedAgreements?.length, s.cause?.cause]).toEqual(["overdue", 10 * min, 1, "traffic"]);
      }
    });

    it("with traces on, the events are read once: the steps are rendered from the events as read, not from a second read", () => {
      const min = 60_000;
      let reads = 0;
      const count = (v: string) => `${v} ${++reads}`;
      const events = [
        { type: "pause", at: c0 + 5 * min, get reason() { reads++; return "hold"; }, get consent() { return count("consent"); } },
        { type: "resume", at: c0 + 15 * min },
        { type: "not-applicable", stage: "fix", at: c0 + 20 * min, get reason() { return count("waived"); } },
        { type: "done", stage: "respond", at: c0 + 50 * min },
        // recorded after the stage was done: rejected, and its consent is listed (W2)
        { type: "agreed-deadline", stage: "respond", at: c0 + 52 * min, dueAt: c0 + 90 * min, get consent() { return count("agreed"); } },
        { type: "closed", at: c0 + 55 * min, get reason() { return count("closed"); } },
      ];
      const ticket = { id: "R1", service: "desk", tier: "silver", createdAt: c0, get events() { reads++; return events; } } as unknown as Ticket;
      const texts: string[] = [];
      for (const enabled of [true, false]) {
        fastPath.enabled = enabled;
        reads = 0;
        const hits = fastPath.hits;
        const r = evaluateTicket(desk, ticket, { asOf: c0 + 120 * min });
        expect(fastPath.hits - hits).toBe(enabled ? 1 : 0);
        // the events array, then each getter once: the pause's reason and consent, the waiver's reason, the consent, the close's reason
        expect(reads, `fast ${enabled}`).toBe(6);
        const text = JSON.stringify(plain(r));
        expect(reads, `fast ${enabled}: rendering the steps reads no input`).toBe(6);
        expect(text.match(/(consent|waived|agreed|closed) \d/g)).toEqual(["agreed 5"]);
        texts.push(text);
      }
      fastPath.enabled = true;
      expect(texts[0]).toBe(texts[1]);
    });

    it("the ticket's own fields are read once, on both paths, traces rendered: the result's facts are those its deadlines used", () => {
      const min = 60_000;
      const reads = new Map<string, number>();
      const fields: Record<string, unknown> = { id: "R4", service: "desk", tier: "gold", urgency: "high", assignee: "ann", department: "ops", createdAt: c0, events: [{ type: "done", stage: "respond", at: c0 + 20 * min }] };
      const ticket = {} as Record<string, unknown>;
      for (const [k, v] of Object.entries(fields)) {
        Object.defineProperty(ticket, k, {
          enumerable: true,
          get() {
            const n = (reads.get(k) ?? 0) + 1;
            reads.set(k, n);
            // a getter that answers otherwise after the first read
            return n === 1 || k === "id" || k === "service" ? v : k === "tier" ? "silver" : k === "events" ? [] : `${String(v)}?`;
          },
        });
      }
      const texts: string[] = [];
      for (const enabled of [true, false]) {
        fastPath.enabled = enabled;
        reads.clear();
        const hits = fastPath.hits;
        const r = evaluateTicket(desk, ticket as unknown as Ticket, { asOf: c0 + 60 * min });
        const text = JSON.stringify(plain(r));
        expect(fastPath.hits - hits).toBe(enabled ? 1 : 0);
        expect(Object.fromEntries(reads), `fast ${enabled}`).toEqual({ id: 1, service: 1, tier: 1, urgency: 1, assignee: 1, department: 1, createdAt: 1, events: 1 });
        expect([r.tier, r.assignee, r.stages[0]!.status]).toEqual(["gold", "ann", "met"]);
        texts.push(text);
      }
      fastPath.enabled = true;
      expect(texts[0]).toBe(texts[1]);
      // tallyTickets groups by the values it counted with, as evaluateTicket reports them
      reads.clear();
      const rows = tallyTickets(desk, [ticket as unknown as Ticket], { asOf: c0 + 60 * min, by: ["tier", "assignee"] });
      expect(reads.get("tier")).toBe(1);
      reads.clear();
      expect(rows).toEqual(rollup([evaluateTicket(desk, ticket as unknown as Ticket, { asOf: c0 + 60 * min })], { by: ["tier", "assignee"] }));
      expect(JSON.stringify(rows)).not.toMatch(/silver|ann\?/);
      // and evaluateTicketVersions, which chooses the version by createdAt before evaluating
      reads.clear();
      const v = evaluateTicketVersions([desk], ticket as unknown as Ticket, { asOf: c0 + 60 * min });
      expect(Object.fromEntries(reads)).toEqual({ id: 1, service: 1, tier: 1, urgency: 1, assignee: 1, department: 1, createdAt: 1, events: 1 });
      expect([v.tier, v.stages[0]!.status]).toEqual(["gold", "met"]);
    });

    it("a ticket the tally's fast path refuses is evaluated from the same reading (review): tallyTickets = rollup(evaluateTickets)", () => {
      const asOf2 = c0 + 3_600_000;
      // "zzz" on the first read (not a tier of the policy), "core" after
      const mk = () => {
        let k = 0;
        return { id: "R5", service: "fault", get tier() { return k++ ? "core" : "zzz"; }, urgency: "urgent", createdAt: c0, events: [] } as unknown as Ticket;
      };
      const tally = outcome(() => tallyTickets(robotIntegration2026, [mk()], { asOf: asOf2, by: ["tier"] }));
      const evaluated = outcome(() => rollup([...evaluateTickets(robotIntegration2026, [mk()], { asOf: asOf2 })], { by: ["tier"] }));
      expect(tally).toEqual(evaluated);
      expect(tally).toMatchObject({ error: { code: "UNKNOWN_VALUE", path: [0, "tier"] } });
    });

    it("a bad id, service or createdAt is reported before a getter of another field runs (review)", () => {
      const throwing = { get() { throw new Error("getter ran"); }, enumerable: true };
      for (const [base, path] of [[{ id: "", service: "fault", createdAt: c0 }, ["id"]], [{ id: "X", service: "nope", createdAt: c0 }, ["service"]], [{ id: "X", service: "fault", createdAt: "yesterday" }, ["createdAt"]]] as const) {
        const t = Object.defineProperties({ ...base }, { events: throwing, tier: throwing, assignee: throwing });
        expect(outcome(() => evaluateTicket(robotIntegration2026, t as unknown as Ticket, { asOf }))).toMatchObject({ error: { path } });
      }
    });

    it("a field the full path does not read is not read: a pause's consent when its reason needs none (review)", () => {
      const min = 60_000;
      const ticket = {
        id: "R2", service: "desk", tier: "gold", urgency: "high", createdAt: c0,
        events: [{ type: "pause", reason: "wait", at: c0 + 5 * min, get consent(): string { throw new Error("consent was read"); } }, { type: "resume", at: c0 + 15 * min }],
      } as unknown as Ticket;
      for (const trace of [true, false]) {
        const r = both(desk, ticket, { asOf: c0 + 60 * min, trace });
        expect(r.taken).toBe(true);
        expect(r.fast).toEqual(r.full);
        expect((r.fast as { ok: { stages: { pausedMs: number }[] } }).ok.stages[0]!.pausedMs).toBe(10 * min);
      }
      // the tally's fast path too (it threw on the getter): the same rows as the evaluations rolled up
      expect(tallyTickets(desk, [ticket], { asOf: c0 + 60 * min, by: ["stage"] })).toEqual(rollup([evaluateTicket(desk, ticket, { asOf: c0 + 60 * min })], { by: ["stage"] }));
    });

    it("a cause's stage is read once on both paths: a getter answering otherwise the second time changes nothing (review)", () => {
      const min = 60_000;
      const ticket = () => {
        let reads = 0;
        return {
          id: "R3", service: "desk", tier: "gold", urgency: "high", createdAt: c0,
          events: [{ type: "cause", at: c0 + 50 * min, cause: "traffic", remedy: "left earlier", get stage() { return reads++ === 0 ? "respond" : undefined; } }],
        } as unknown as Ticket;
      };
      fastPath.enabled = false;
      const full = plain(evaluateTicket(desk, ticket(), { asOf: c0 + 60 * min }));
      fastPath.enabled = true;
      const fast = plain(evaluateTicket(desk, ticket(), { asOf: c0 + 60 * min }));
      expect(fast).toEqual(full);
      expect(evaluateTicket(desk, ticket(), { asOf: c0 + 60 * min }).stages[0]!.cause?.cause).toBe("traffic");
    });

    it("a fraction of a millisecond: the full path decides (its Dates drop the fraction)", () => {
      for (const createdAt of [c0 + 0.5, c0 + 0.25]) {
        const r = both(robotIntegration2026, { id: "F1", service: "fault", tier: "core", urgency: "urgent", createdAt, events: [] } as unknown as Ticket, { asOf });
        expect(r.taken).toBe(false);
        expect(r.fast).toEqual(r.full);
      }
      const t = { id: "F1b", service: "fault", tier: "core", urgency: "urgent", createdAt: c0, events: [{ type: "done", stage: "response", at: c0 + 600_000.5 }] } as unknown as Ticket;
      const r = both(robotIntegration2026, t, { asOf: asOf + 0.5 });
      expect(r.taken).toBe(false);
      expect(r.fast).toEqual(r.full);
    });

    it("tickets and events whose fields are getters or inherited: the trace is read from them as evaluated", () => {
      class T {
        get id() { return "G1"; }
        get service() { return "fault"; }
        get tier() { return "core"; }
        get urgency() { return "urgent"; }
        get createdAt() { return new Date(c0); }
        get events() { return [new E("done", "response", c0 + 600_000)]; }
      }
      class E {
        constructor(readonly type: string, readonly stage: string, private readonly when: number) {}
        get at() { return this.when; }
      }
      const inherited = Object.assign(Object.create({ tier: "core", urgency: "urgent" }) as object, { id: "G2", service: "fault", createdAt: c0, events: [] });
      for (const t of [new T(), inherited]) {
        const r = both(robotIntegration2026, t as unknown as Ticket, { asOf });
        expect(r.taken).toBe(true);
        expect(r.fast).toEqual(r.full);
      }
    });

    it("a Date of the input moved in place after the evaluation changes no trace", () => {
      const t = { id: "D1", service: "fault", tier: "core", urgency: "urgent", createdAt: new Date(c0), events: [{ type: "done", stage: "response", at: new Date(c0 + 600_000) }] };
      const r = evaluateTicket(robotIntegration2026, t as Ticket, { asOf });
      const expected = plain(evaluateTicket(robotIntegration2026, structuredClone(t) as Ticket, { asOf }));
      t.events[0]!.at.setTime(c0 + 20 * 60_000);
      t.createdAt.setTime(c0 - 60_000);
      expect(plain(r)).toEqual(expected);
    });

    it("trace: false results share no trace object: each can be changed on its own", () => {
      const t = (id: string) => ({ id, service: "fault", tier: "core", urgency: "urgent", createdAt: c0, events: [] }) as unknown as Ticket;
      const hits = fastPath.hits;
      const q1 = evaluateTicket(robotIntegration2026, t("Q1"), { asOf, trace: false });
      const q2 = evaluateTicket(robotIntegration2026, t("Q2"), { asOf, trace: false });
      expect(fastPath.hits).toBe(hits + 2);
      expect(q1.stages[0]!.trace).not.toBe(q2.stages[0]!.trace);
      (q1.stages[0]!.trace as { sourceRef: string | null }).sourceRef = "redacted";
      expect(q2.stages[0]!.trace.sourceRef).toBe(robotIntegration2026.targets[q2.stages[0]!.trace.row!]!.sourceRef);
      expect(q1.stages[0]!.trace.steps).toEqual([]);
    });
  });
});
