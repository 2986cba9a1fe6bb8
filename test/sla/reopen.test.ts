/**
 * S17 reopened tickets (docs/sla.md "Reopened tickets"): a `reopened` event after a close reopens
 * the stages the close settled; the policy's `reopen.resolvedTime` says whether the time spent
 * resolved counts; the first resolution stays in `reopenings` and the trace; an evaluation `asOf`
 * before the reopening is unchanged by it.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessTime, businessTimeBetween, defineCalendar } from "../../src/calendar/index.js";
import { rollup } from "../../src/kpi/index.js";
import { evaluateTicket, evaluateTickets, parsePolicy, reviveEvaluation, tallyTickets, type PolicyJson, type StageEvaluation, type Ticket, type TicketEvent } from "../../src/sla/index.js";
import { isSlaKitError } from "../../src/errors.js";

const H = 3_600_000;
const T0 = Date.parse("2024-05-06T10:00:00+08:00"); // a Monday
const at = (h: number): number => T0 + h * H;
const OFFICE = { timeZone: "Asia/Shanghai", week: { mon: ["09:00-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"], thu: ["09:00-18:00"], fri: ["09:00-18:00"] } };
const office = defineCalendar(OFFICE);

/** A desk: response 1 h (24x7), resolution 8 business hours (office), follow-up 24 h after the resolution; a hold pause. */
const deskJson = (resolvedTime?: "paused" | "counts"): PolicyJson => ({
  id: "reopen-test",
  version: "1",
  calendars: { desk: { builtin: "alwaysOpen", timeZone: "Asia/Shanghai" }, office: OFFICE },
  dimensions: {},
  services: { fault: { stages: ["response", "resolution", "follow-up"], dimensions: [] } },
  targets: [
    { service: "fault", stage: "response", within: "PT1H", clock: "desk", sourceRef: "desk §1" },
    { service: "fault", stage: "resolution", within: "PT8H", clock: "office", sourceRef: "desk §2" },
    { service: "fault", stage: "follow-up", within: "PT24H", clock: "desk", anchor: "resolution", sourceRef: "desk §3" },
  ],
  pauseReasons: { hold: { stops: ["resolution"] } },
  ...(resolvedTime === undefined ? {} : { reopen: { resolvedTime } }),
});
const byDefault = parsePolicy(deskJson());
const paused = parsePolicy(deskJson("paused"));
const counts = parsePolicy(deskJson("counts"));

const ticket = (events: TicketEvent[], id = "R-1"): Ticket => ({ id, service: "fault", createdAt: T0, events });
const stage = (p: typeof paused, t: Ticket, asOf: number, name: string): StageEvaluation => evaluateTicket(p, t, { asOf }).stages.find((s) => s.stage === name)!;

function code(f: () => unknown): { code: string; path: unknown } {
  try {
    f();
  } catch (e) {
    if (isSlaKitError(e)) return { code: e.code, path: e.path };
    throw e;
  }
  throw new Error("no error thrown");
}

// Monday 10:00 created; response done 10:30; closed 14:00; reopened Tuesday 10:00. The office
// clock is open 10:00-18:00 on Monday: resolution due Monday 18:00 (8 business hours). Open time
// spent resolved: Monday 14:00-18:00 + Tuesday 09:00-10:00 = 5 business hours.
const base: TicketEvent[] = [
  { type: "done", stage: "response", at: at(0.5) },
  { type: "closed", at: at(4) },
  { type: "reopened", at: at(24), reason: "the fault is back" },
];

describe("S17 reopened events", () => {
  it("S17 a reopened event without a prior close is INVALID_EVENT with its path", () => {
    expect(code(() => evaluateTicket(paused, ticket([{ type: "reopened", at: at(2) }]), { asOf: at(3) }))).toEqual({ code: "INVALID_EVENT", path: ["events", 0] });
    const twice = code(() => evaluateTicket(paused, ticket([{ type: "closed", at: at(1) }, { type: "reopened", at: at(2) }, { type: "reopened", at: at(3) }]), { asOf: at(4) }));
    expect(twice).toEqual({ code: "INVALID_EVENT", path: ["events", 2] });
  });

  it("S17 a second close needs a reopening between (closed twice stays INVALID_EVENT)", () => {
    expect(code(() => evaluateTicket(paused, ticket([{ type: "closed", at: at(1) }, { type: "closed", at: at(2) }]), { asOf: at(3) }))).toEqual({ code: "INVALID_EVENT", path: ["events", 1] });
    expect(() => evaluateTicket(counts, ticket([{ type: "closed", at: at(1) }, { type: "reopened", at: at(2) }, { type: "closed", at: at(3) }]), { asOf: at(4) })).not.toThrow();
  });

  it("S17 a stage done twice stays INVALID_EVENT: a stage done by its own event is never reopened", () => {
    const events: TicketEvent[] = [...base, { type: "done", stage: "response", at: at(25) }];
    expect(code(() => evaluateTicket(paused, ticket(events), { asOf: at(26) }))).toEqual({ code: "INVALID_EVENT", path: ["events", 3, "stage"] });
  });
});

describe("S17 which stages reopen and how their time counts", () => {
  it("S17 paused (the default): the reopened resolution is due later by the business time spent resolved", () => {
    for (const p of [byDefault, paused]) {
      const s = stage(p, ticket(base), at(25), "resolution");
      expect(s.status).toBe("pending");
      expect(s.pausedMs).toBe(5 * H);
      // Monday 18:00 + 5 business hours = Tuesday 14:00
      expect(s.dueAt).toEqual(new Date("2024-05-07T14:00:00+08:00"));
      // Monday 10:00-14:00 + Tuesday 10:00-11:00
      expect(s.elapsedMs).toBe(5 * H);
      expect(s.reopenings).toEqual([{ closedAt: new Date(at(4)), status: "met", dueAt: new Date("2024-05-06T18:00:00+08:00"), reopenedAt: new Date(at(24)), resolvedMs: 5 * H }]);
    }
  });

  it("S17 counts: the deadline stays and the time spent resolved is elapsed", () => {
    const s = stage(counts, ticket(base), at(25), "resolution");
    expect(s.dueAt).toEqual(new Date("2024-05-06T18:00:00+08:00"));
    expect(s.pausedMs).toBe(0);
    // Monday 10:00-18:00 + Tuesday 09:00-11:00
    expect(s.elapsedMs).toBe(10 * H);
    expect(s.status).toBe("overdue");
    expect(s.reopenings?.[0]).toMatchObject({ status: "met", resolvedMs: 5 * H });
  });

  it("S17 a stage done by its own event before the close stays done (response), with no reopenings", () => {
    const s = stage(paused, ticket(base), at(25), "response");
    expect([s.status, s.doneAt, s.reopenings]).toEqual(["met", new Date(at(0.5)), null]);
  });

  it("S17 a stage the close started (follow-up anchored at the resolution) waits for its anchor again", () => {
    const before = stage(paused, ticket(base), at(23), "follow-up");
    expect([before.status, before.anchorAt]).toEqual(["pending", new Date(at(4))]);
    const after = stage(paused, ticket(base), at(25), "follow-up");
    expect([after.status, after.anchorAt, after.dueAt, after.reopenings]).toEqual(["pending", null, null, null]);
    expect(after.trace.steps.some((x) => x.step === "reopened" && x.detail?.includes("S17"))).toBe(true);
    // the resolution done by its own event after the reopening starts it again
    const done = stage(paused, ticket([...base, { type: "done", stage: "resolution", at: at(26) }]), at(27), "follow-up");
    expect([done.anchorAt, done.dueAt]).toEqual([new Date(at(26)), new Date(at(50))]);
  });

  it("S17 a follow-up done while the ticket was closed stays done, even when the resolution is done by its own event after the reopening", () => {
    const events: TicketEvent[] = [...base, { type: "done", stage: "follow-up", at: at(6) }, { type: "done", stage: "resolution", at: at(26) }];
    const r = evaluateTicket(paused, ticket(events), { asOf: at(27) });
    const [, resolution, followUp] = r.stages;
    expect([followUp?.status, followUp?.anchorAt, followUp?.doneAt, followUp?.reopenings]).toEqual(["met", new Date(at(4)), new Date(at(6)), null]);
    expect([resolution?.status, resolution?.doneAt, resolution?.reopenings?.length]).toEqual(["met", new Date(at(26)), 1]);
  });

  it("S17 reopened twice: both resolutions are kept in order; a second close settles the stage again", () => {
    const events: TicketEvent[] = [...base, { type: "closed", at: at(27) }, { type: "reopened", at: at(48) }];
    const s = stage(paused, ticket(events), at(49), "resolution");
    expect(s.reopenings?.map((x) => [x.closedAt.getTime(), x.status, x.reopenedAt.getTime()])).toEqual([
      [at(4), "met", at(24)],
      [at(27), "met", at(48)],
    ]);
    // resolved: 5 h, then Tuesday 13:00-18:00 + Wednesday 09:00-10:00 = 6 h
    expect(s.reopenings?.[1]?.resolvedMs).toBe(6 * H);
    expect(s.pausedMs).toBe(11 * H);
    const closedAgain = stage(paused, ticket(events), at(30), "resolution");
    expect([closedAgain.status, closedAgain.doneAt, closedAgain.reopenings?.length]).toEqual(["met", new Date(at(27)), 1]);
  });

  it("S17 the trace holds the first resolution, the reopening and the resolved time, citing S17", () => {
    const steps = stage(paused, ticket(base), at(25), "resolution").trace.steps;
    const names = steps.map((x) => x.step);
    expect(names.slice(0, 3)).toEqual(["resolution", "reopened", "resolved-time"]);
    for (const x of steps.slice(0, 3)) expect(x.detail).toContain("docs/rules.md S17");
    expect(steps[0]?.detail).toContain("met");
    expect(steps[1]?.detail).toContain("the fault is back");
    expect(steps[2]).toMatchObject({ value: 5 * H });
    expect(stage(counts, ticket(base), at(25), "resolution").trace.steps[2]?.detail).toContain("counts against this stage");
  });

  it("S17 a declared pause open across the close and the reopening counts the resolved time once", () => {
    const events: TicketEvent[] = [{ type: "pause", at: at(2), reason: "hold" }, { type: "closed", at: at(4) }, { type: "reopened", at: at(24) }, { type: "resume", at: at(25) }];
    const s = stage(paused, ticket(events), at(26), "resolution");
    // hold 12:00-14:00 (2 h) + resolved 5 h + hold Tuesday 10:00-11:00 (1 h)
    expect(s.pausedMs).toBe(8 * H);
  });

  it("S17 revives: reviveEvaluation(JSON round trip) deep-equals the evaluation with reopenings", () => {
    const e = evaluateTicket(paused, ticket(base), { asOf: at(25) });
    const back = reviveEvaluation(JSON.parse(JSON.stringify(e)));
    expect(back.stages[1]?.reopenings?.[0]?.closedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(back)).toBe(JSON.stringify(e));
    expect(back.stages[1]?.reopenings).toEqual(e.stages[1]?.reopenings);
    expect(() => reviveEvaluation({ ...JSON.parse(JSON.stringify(e)), stages: [{ ...JSON.parse(JSON.stringify(e.stages[1])), reopenings: [{ closedAt: "soon" }] }] })).toThrow(/reopenings/);
  });
});

describe("S17 reports: a stage met before the reopening keeps that outcome for the period it was reported in", () => {
  // created in May, closed in May, reopened in June
  const may = Date.parse("2024-05-30T10:00:00+08:00");
  const mayEnd = Date.parse("2024-05-31T23:59:59.999+08:00");
  const tickets: Ticket[] = [0, 1, 2].map((i) => ({
    id: `M-${i}`,
    service: "fault",
    createdAt: may,
    events: [
      { type: "done", stage: "response", at: may + 0.5 * H },
      { type: "closed", at: may + 3 * H },
      ...(i === 0 ? [] : [{ type: "reopened" as const, at: Date.parse("2024-06-03T09:00:00+08:00") }]),
    ],
  }));

  it("S17 K17 the May report asOf the end of May is the same with and without the June reopenings", () => {
    const without = tickets.map((t) => ({ ...t, events: t.events.filter((e) => e.type !== "reopened") }));
    const by = { by: ["month", "stage"] as const, timeZone: "Asia/Shanghai" };
    const rows = rollup([...evaluateTickets(paused, tickets, { asOf: mayEnd })], { ...by, by: [...by.by] });
    expect(rows).toEqual(rollup([...evaluateTickets(paused, without, { asOf: mayEnd })], { ...by, by: [...by.by] }));
    expect(rows.find((r) => r.stage === "resolution")).toMatchObject({ period: "2024-05", met: 3, counted: 3 });
    // evaluated in June the reopened tickets' resolutions are open again: still counted in May (creation month), no longer met
    const june = rollup([...evaluateTickets(paused, tickets, { asOf: Date.parse("2024-06-03T10:00:00+08:00") })], { ...by, by: [...by.by] });
    expect(june.find((r) => r.stage === "resolution")).toMatchObject({ period: "2024-05", met: 1, counted: 1 });
  });

  it("S17 tallyTickets counts reopened tickets as rollup over evaluateTickets does (its fast path falls back on the reopened event and the reopen policy field)", () => {
    for (const asOf of [mayEnd, Date.parse("2024-06-03T10:00:00+08:00"), Date.parse("2024-06-20T10:00:00+08:00")]) {
      for (const p of [byDefault, paused, counts]) {
        const options = { asOf, by: ["month", "stage"] as ("month" | "stage")[], timeZone: "Asia/Shanghai" };
        expect(tallyTickets(p, tickets, options)).toEqual(rollup([...evaluateTickets(p, tickets, { asOf })], options));
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Laws
// ---------------------------------------------------------------------------------------------

/** A ticket with optional response done, a pause, a close at c, a reopening at r and events after it. */
const reopenArb = fc
  .record({
    response: fc.option(fc.integer({ min: 1, max: 6 * 60 }), { nil: undefined }),
    close: fc.integer({ min: 1, max: 72 * 60 }),
    gap: fc.integer({ min: 0, max: 96 * 60 }),
    later: fc.array(fc.constantFrom("done-resolution", "close", "done-follow-up"), { maxLength: 2 }),
    after: fc.integer({ min: 0, max: 96 * 60 }),
    asOf: fc.integer({ min: 0, max: 300 * 60 }),
  })
  .map(({ response, close, gap, later, after, asOf }) => {
    const m = 60_000;
    const events: TicketEvent[] = [];
    if (response !== undefined) events.push({ type: "done", stage: "response", at: T0 + response * m });
    const c = T0 + close * m;
    const r = c + gap * m;
    events.push({ type: "closed", at: c }, { type: "reopened", at: r });
    let t = r;
    let closed = false;
    let resolved = false;
    for (const l of later) {
      t += after * m + m;
      if (l === "close" && !closed) {
        events.push({ type: "closed", at: t });
        closed = true;
      } else if (l === "done-resolution" && !closed && !resolved) {
        events.push({ type: "done", stage: "resolution", at: t });
        resolved = true;
      } else if (l === "done-follow-up" && closed) events.push({ type: "done", stage: "follow-up", at: t });
    }
    return { events, c, r, asOf: T0 + asOf * m };
  });

const plainStages = (p: typeof paused, t: Ticket, asOf: number) => JSON.parse(JSON.stringify(evaluateTicket(p, t, { asOf }).stages)) as unknown;

describe("S17 laws", () => {
  it("S17 law: at any asOf before the reopening the evaluation equals that of the ticket without the reopening and later events", () => {
    fc.assert(
      fc.property(reopenArb, fc.constantFrom(paused, counts), ({ events, r, asOf }, p) => {
        const when = Math.min(asOf, r - 1);
        if (when < T0) return;
        const cut = events.filter((e) => Number(e.at) < r);
        expect(plainStages(p, ticket(events), when)).toEqual(plainStages(p, ticket(cut), when));
      }),
    );
  });

  it("S17 law: paused, an open reopened stage is due later than without the close and reopening by exactly the open time spent resolved", () => {
    fc.assert(
      fc.property(reopenArb, ({ events, c, r }) => {
        const open = events.filter((e) => e.type === "done" && e.stage === "response" && Number(e.at) < c);
        const asOf = r + H;
        const reopened = stage(paused, ticket([...open, { type: "closed", at: c }, { type: "reopened", at: r }]), asOf, "resolution");
        const never = stage(paused, ticket(open), asOf, "resolution");
        // the close always settles the resolution here: anchored at creation, never done by its own event
        expect(reopened.reopenings).not.toBeNull();
        if (reopened.reopenings === null) return;
        const resolved = businessTimeBetween(office, c, r);
        expect(reopened.reopenings[0]?.resolvedMs).toBe(resolved);
        expect(reopened.dueAtMs).toBe(addBusinessTime(office, never.dueAtMs!, resolved).getTime());
        expect(reopened.pausedMs).toBe(resolved);
      }),
    );
  });

  it("S17 law: counts never leaves less elapsed time than paused, and the same statuses before the reopening", () => {
    fc.assert(
      fc.property(reopenArb, ({ events, asOf }) => {
        const a = evaluateTicket(counts, ticket(events), { asOf }).stages;
        const b = evaluateTicket(paused, ticket(events), { asOf }).stages;
        a.forEach((s, i) => {
          const q = b[i]!;
          if (s.elapsedMs !== null && q.elapsedMs !== null) expect(s.elapsedMs).toBeGreaterThanOrEqual(q.elapsedMs);
          expect(s.reopenings?.map((x) => x.status)).toEqual(q.reopenings?.map((x) => x.status) ?? undefined);
        });
      }),
    );
  });
});

describe("S17 with S15: a reopened ticket owes its recurring duties again", () => {
  const json = JSON.parse(readFileSync(new URL("../../golden/policies/recurring-desk.json", import.meta.url), "utf8")) as PolicyJson;
  const T = (hm: string): string => `2024-05-13T${hm}:00+08:00`; // a Monday; the reply clock is 09:00-18:00
  const events: TicketEvent[] = [
    { type: "done", stage: "first-response", at: T("09:20") },
    { type: "message", at: T("10:00") },
    { type: "done", stage: "reply", at: T("10:30") },
    { type: "done", stage: "update", at: T("12:00") },
    { type: "closed", at: T("13:00") },
    { type: "reopened", at: T("15:00") },
    { type: "message", at: T("15:10") },
  ];
  const ticket: Ticket = { id: "R-1", service: "support", createdAt: T("09:00"), events };
  const cyclesOf = (s: StageEvaluation | undefined) => s?.cycles?.map((c) => [c.status, c.startAt.toISOString(), c.dueAt?.toISOString() ?? null]);

  for (const resolvedTime of ["paused", "counts"] as const) {
    it(`S15 S17 (${resolvedTime}) a message after the reopening opens a reply cycle, the periodic update runs again, and the close's outcome stays in reopenings`, () => {
      const p = parsePolicy({ ...json, reopen: { resolvedTime } });
      const late = evaluateTicket(p, ticket, { asOf: T("21:00") });
      const reply = late.stages.find((s) => s.stage === "reply");
      const update = late.stages.find((s) => s.stage === "update");
      // the reply owed for 15:10 is due 2 business hours later, 17:10: overdue at 21:00
      expect(cyclesOf(reply)).toEqual([
        ["met", new Date(T("10:00")).toISOString(), new Date(T("12:00")).toISOString()],
        ["overdue", new Date(T("15:10")).toISOString(), new Date(T("17:10")).toISOString()],
      ]);
      expect(reply?.status).toBe("overdue");
      // the update cycle the close completed (12:00, due 16:00) is open again; the 2 h spent resolved move it to 18:00 when paused
      const updateDue = resolvedTime === "paused" ? T("18:00") : T("16:00");
      expect(cyclesOf(update)?.at(-1)).toEqual(["overdue", new Date(T("12:00")).toISOString(), new Date(updateDue).toISOString()]);
      expect(update?.reopenings?.map((r) => [r.status, r.closedAt.toISOString(), r.reopenedAt.toISOString()])).toEqual([["met", new Date(T("13:00")).toISOString(), new Date(T("15:00")).toISOString()]]);
      // while the ticket was closed, both read as without the reopening (the report of that moment stands)
      const closed = evaluateTicket(p, ticket, { asOf: T("14:00") });
      const without = evaluateTicket(p, { ...ticket, events: events.slice(0, 5) }, { asOf: T("14:00") });
      expect(closed.stages.map((s) => [s.stage, s.status, s.dueAtMs, cyclesOf(s)])).toEqual(without.stages.map((s) => [s.stage, s.status, s.dueAtMs, cyclesOf(s)]));
      expect(closed.stages.find((s) => s.stage === "update")?.status).toBe("met");
    });
  }
});
