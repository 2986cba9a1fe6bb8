/**
 * evaluateTicket's fast path (src/sla/_fast.ts on the compiled plans of _plan.ts) against its full
 * path (_stage.ts), on inputs fast.test.ts does not cover: the built-in policies (and a copy with
 * declared pause reasons) with random events of every kind the plans handle, a policy of calendar
 * and warning-level edges (hours, holidays, make-up workdays, data that ends, `beyondData:
 * "weekdays"`, levels before/after the deadline, fractions above 1, row levels, milestone
 * anchors), events placed exactly at the deadlines, warnings, `asOf` and creation, ties in
 * either order, ticket objects of other shapes (extra keys, frozen, own getters, Dates, ISO
 * strings), the batch functions, and the independence of results. The comparison is strict:
 * key order, Dates told apart from strings and numbers, -0 from 0, traces rendered.
 */
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { chinaHolidayYears } from "../../src/calendar/index.js";
import { rollup } from "../../src/kpi/index.js";
import { fastPath } from "../../src/sla/_fast.js";
import {
  cableOperatorNorms,
  evaluateTicket,
  evaluateTickets,
  evaluateTicketVersions,
  parsePolicy,
  reviveEvaluation,
  robotIntegration2026,
  safeEvaluateTicket,
  tallyTickets,
  type EvaluateTicketOptions,
  type Policy,
  type PolicyJson,
  type Ticket,
  type TicketEvaluation,
} from "../../src/sla/index.js";
import { outcome } from "./_planFixtures.js";

afterEach(() => {
  fastPath.enabled = true;
});

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * Everything a result says as text: key order kept, traces rendered, Dates (`d:`), strings (`s:`)
 * and -0 told apart from what JSON would merge them with.
 */
function strict(r: unknown): string {
  return JSON.stringify(r, function (this: Record<string, unknown>, k: string, v: unknown) {
    const raw = this[k];
    if (raw instanceof Date) return `d:${Number.isNaN(raw.getTime()) ? "invalid" : raw.getTime()}`;
    if (typeof v === "string") return `s:${v}`;
    if (Object.is(v, -0)) return "-0";
    return v;
  });
}

/** The result (or error) by each path, and whether the fast path answered. */
function both(policy: Policy, ticket: unknown, options: EvaluateTicketOptions): { fast: unknown; full: unknown; taken: boolean } {
  fastPath.enabled = true;
  const hits = fastPath.hits;
  const fast = outcome(() => strict(evaluateTicket(policy, ticket as Ticket, options)));
  const taken = fastPath.hits > hits;
  fastPath.enabled = false;
  const full = outcome(() => strict(evaluateTicket(policy, ticket as Ticket, options)));
  fastPath.enabled = true;
  return { fast, full, taken };
}

// ---------------------------------------------------------------------------------------------
// Policies

/** robotIntegration2026 with declared pause reasons (it ships with none): caps, consent, stages of every kind. */
const robotPauses = parsePolicy({
  ...(robotIntegration2026 as unknown as PolicyJson),
  pauseReasons: {
    "customer-away": { stops: ["response", "resolution", "reply", "arrival", "assessment", "report", "archive"] },
    parts: { stops: ["resolution", "handling", "departure", "arrival", "investigation", "closure"], maxMs: 2 * HOUR, needsConsent: true },
    holiday: { stops: ["solution", "closure", "follow-up", "report"], maxMs: DAY },
  },
});

const cablePauses = parsePolicy({
  ...(cableOperatorNorms as unknown as PolicyJson),
  pauseReasons: { wait: { stops: ["response", "completion", "repair", "resolution"], maxMs: 30 * MIN, needsConsent: true }, access: { stops: ["arrival", "repair"] } },
});

const years2024 = chinaHolidayYears.filter((y) => y.year === 2024);
const WEEK = ["09:00-12:00", "13:30-18:00"];

/** Calendar and warning-level edges: hours with a lunch break, holidays, make-up workdays, data that ends, weekdays assumed beyond it. */
const edgeJson: PolicyJson = {
  id: "edge-desk",
  version: "1",
  timeZone: "Asia/Shanghai",
  warnAt: [
    { fraction: 0.5, level: "half" },
    { fraction: 1.5, level: "past" },
    { before: "PT10H", level: "early" },
    { after: "PT1H", level: "late" },
    { after: "PT0S", level: "at-due" },
  ],
  calendars: {
    "24x7": { builtin: "alwaysOpen", timeZone: "Asia/Shanghai" },
    office: {
      timeZone: "Asia/Shanghai",
      week: { mon: WEEK, tue: WEEK, wed: WEEK, thu: WEEK, fri: WEEK },
      holidays: ["2024-05-01", "2024-05-02", "2024-05-03", "2024-10-01", "2024-10-02"],
      workdays: [{ date: "2024-05-11", hours: ["09:00-12:00"] }, "2024-10-12"],
      validFrom: "2024-01-01",
      validTo: "2024-12-31",
    },
    "office-ext": {
      timeZone: "Asia/Shanghai",
      week: { mon: WEEK, tue: WEEK, wed: WEEK, thu: WEEK, fri: WEEK },
      holidays: ["2024-10-01", "2024-10-02", "2024-10-03"],
      workdays: ["2024-10-12"],
      validFrom: "2024-01-01",
      validTo: "2024-12-31",
      beyondData: "weekdays",
    },
    work: { builtin: "chinaWorkCalendar", years: years2024 },
    weekdays: { builtin: "chinaWorkCalendar", years: years2024, beyondData: "weekdays" },
    "work-hours": { builtin: "chinaWorkCalendar", years: years2024, hours: ["08:30-12:00", "13:00-17:30"], beyondData: "weekdays" },
  },
  dimensions: { tier: ["a", "b"], urgency: ["hi", "lo"], location: ["in", "out"], channel: ["tel", "web"] },
  pauseReasons: {
    away: { stops: ["ack", "fix", "visit", "verify"] },
    vendor: { stops: ["fix", "report"], maxMs: 3 * HOUR, needsConsent: true },
  },
  services: {
    desk: {
      stages: [
        "ack",
        { name: "fix", notApplicable: { sourceRef: "E2", when: { tier: ["b"] } } },
        { name: "verify", when: { channel: ["tel"] } },
        { name: "survey", notApplicable: { sourceRef: "E4" } },
        "report",
      ],
      dimensions: ["tier", "urgency"],
      milestones: ["parts-arrived", "handover"],
    },
    field: {
      stages: [{ name: "visit", notApplicable: { sourceRef: "E6", when: { location: ["out"] } } }, "repair"],
      dimensions: ["location"],
      onsite: true,
    },
  },
  targets: [
    { service: "desk", stage: "ack", tier: "a", within: "PT2H", clock: "office", sourceRef: "E1", warnAt: 0.75 },
    { service: "desk", stage: "ack", tier: "b", within: "PT30M", clock: "24x7", sourceRef: "E1", warnAt: [{ fraction: 2, level: "double" }] },
    { service: "desk", stage: "fix", tier: "a", urgency: "hi", within: "PT6H", clock: "office-ext", anchor: "ack", sourceRef: "E2" },
    { service: "desk", stage: "fix", tier: "a", urgency: "lo", within: { businessDays: 3 }, clock: "work", anchor: "ack", sourceRef: "E2", warnAt: [{ before: "P1D", level: "day-left" }, { after: "P1D", level: "day-late" }] },
    { service: "desk", stage: "fix", tier: "b", within: { businessDays: 2 }, clock: "weekdays", anchor: "parts-arrived", sourceRef: "E2" },
    { service: "desk", stage: "verify", within: "PT4H", clock: "work-hours", anchor: "fix", sourceRef: "E3", warnAt: [{ before: "PT8H", level: "whole" }, { fraction: 0.9, level: "late-warn" }] },
    { service: "desk", stage: "survey", within: { agreed: true }, clock: "office-ext", anchor: "handover", sourceRef: "E4" },
    { service: "desk", stage: "report", within: { businessDays: 1 }, clock: "work-hours", anchor: "fix", sourceRef: "E5", warnAt: [{ fraction: 0.5, level: "a1" }, { fraction: 0.5, level: "a2" }, { before: "PT0S", level: "a3" }] },
    { service: "field", stage: "visit", location: "in", within: "PT3H", clock: "office", sourceRef: "E6" },
    { service: "field", stage: "visit", location: "out", within: { agreed: true }, clock: "weekdays", sourceRef: "E6" },
    { service: "field", stage: "repair", within: { businessDays: 2 }, clock: "office-ext", anchor: "visit", sourceRef: "E7", warnAt: [{ fraction: 0.25 }, { fraction: 10, level: "far" }] },
  ],
};
const edge = parsePolicy(edgeJson);

// ---------------------------------------------------------------------------------------------
// Random tickets of any policy: events of every kind the plans handle, with ties and instants shared

interface ServiceShape {
  readonly name: string;
  readonly stages: readonly string[];
  readonly milestones: readonly string[];
}

function shapeOf(policy: Policy): { services: ServiceShape[]; dims: Record<string, readonly string[]>; reasons: string[] } {
  const p = policy as unknown as PolicyJson;
  const services = Object.entries(p.services).map(([name, s]) => ({
    name,
    stages: s.stages.map((st) => (typeof st === "string" ? st : st.name)),
    milestones: s.milestones ?? [],
  }));
  return { services, dims: (p.dimensions ?? {}) as Record<string, readonly string[]>, reasons: Object.keys(p.pauseReasons ?? {}) };
}

/** Offsets from creation: minutes, hours, days, and shared instants (ties) from a small pool. */
const offsetArb = (pool: readonly number[]): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pool) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 * HOUR }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 12 * DAY }) },
    { weight: 1, arbitrary: fc.constant(0) },
  );

interface Drawn {
  readonly ticket: Record<string, unknown>;
  readonly asOf: number;
}

/** A random ticket of `policy` created between `from` and `to` (epoch ms): a sane core of done events in stage order, and noise of every kind. */
function ticketsOf(policy: Policy, from: number, to: number): fc.Arbitrary<Drawn> {
  const { services, dims, reasons } = shapeOf(policy);
  const dimArb = (d: string): fc.Arbitrary<string | undefined> => {
    const vals = dims[d] ?? [];
    return vals.length === 0 ? fc.constant(undefined) : fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...vals) }, { weight: 1, arbitrary: fc.constant(undefined) });
  };
  return fc
    .record({
      svc: fc.constantFrom(...services),
      tier: dimArb("tier"),
      urgency: dimArb("urgency"),
      location: dimArb("location"),
      channel: dimArb("channel"),
      created: fc.integer({ min: from, max: to }),
      pool: fc.array(fc.integer({ min: 0, max: 5 * DAY }), { minLength: 1, maxLength: 4 }),
      asOfOff: fc.oneof(fc.integer({ min: 0, max: 15 * DAY }), fc.integer({ min: 0, max: 6 * HOUR })),
      asOfInPool: fc.boolean(),
      seed: fc.integer(),
    })
    .chain(({ svc, created, pool, asOfOff, asOfInPool, seed, ...facts }) => {
      const off = offsetArb(pool);
      const stage = fc.constantFrom(...svc.stages);
      const doneTarget = svc.milestones.length > 0 ? fc.constantFrom(...svc.stages, ...svc.milestones) : stage;
      const reason = reasons.length > 0 ? fc.constantFrom(...reasons) : fc.constant("none-declared");
      const event = fc.oneof(
        { weight: 5, arbitrary: fc.record({ type: fc.constant("done"), stage: doneTarget, at: off, rings: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }) }) },
        { weight: 3, arbitrary: fc.record({ type: fc.constant("pause"), reason, at: off, consent: fc.option(fc.constant("called"), { nil: undefined }) }) },
        { weight: 3, arbitrary: fc.record({ type: fc.constant("resume"), at: off }) },
        { weight: 3, arbitrary: fc.record({ type: fc.constant("agreed-deadline"), stage, at: off, dueAt: off, consent: fc.constant("customer agreed") }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constant("remote-resolved"), at: off }) },
        { weight: 2, arbitrary: fc.record({ type: fc.constant("not-applicable"), stage, at: off, reason: fc.constant("not needed") }) },
        { weight: 1, arbitrary: fc.record({ type: fc.constant("closed"), at: off }) },
        { weight: 2, arbitrary: fc.record({ type: fc.constant("cause"), stage: fc.option(stage, { nil: undefined }), at: off, cause: fc.constant("storm"), remedy: fc.constant("spare parts stocked"), objective: fc.option(fc.boolean(), { nil: undefined }) }) },
      ).map((e) => [e]);
      // units that keep a ticket valid most of the time: a pause with its resume, an agreement due after it is made
      const pair = fc.oneof(
        fc.tuple(reason, off, fc.option(fc.integer({ min: 0, max: 2 * DAY }), { nil: undefined }), fc.boolean()).map(([why, at, len, consent]) => {
          const p: Record<string, unknown>[] = [{ type: "pause", reason: why, at, ...(consent ? { consent: "called" } : {}) }];
          if (len !== undefined) p.push({ type: "resume", at: at + len });
          return p;
        }),
        fc.tuple(stage, off, fc.integer({ min: 1, max: 6 * DAY })).map(([st, at, d]) => [{ type: "agreed-deadline", stage: st, at, dueAt: at + d, consent: "customer agreed" }]),
      );
      const unit = fc.oneof({ weight: 3, arbitrary: pair }, { weight: 2, arbitrary: event });
      // done events in stage order along increasing times (anchors first), some left out
      const core = fc.array(fc.option(fc.integer({ min: 1, max: 2 * DAY }), { nil: undefined }), { minLength: svc.stages.length + svc.milestones.length, maxLength: svc.stages.length + svc.milestones.length });
      return fc.record({ core, noise: fc.array(unit, { maxLength: 4 }).chain((u) => (u.flat().some((e) => e.type === "pause") ? fc.constant(u.slice(0, 2)) : fc.constant(u))), order: fc.constantFrom("as-is", "reverse", "shuffle") }).map(({ core, noise, order }) => {
        const events: Record<string, unknown>[] = [];
        let t = 0;
        const names = [...svc.milestones, ...svc.stages];
        core.forEach((gap, i) => {
          if (gap === undefined) return;
          t += gap;
          events.push({ type: "done", stage: names[i], at: t });
        });
        for (const e of noise.flat()) events.push(e);
        if (order === "reverse") events.reverse();
        else if (order === "shuffle") {
          let s = seed;
          for (let i = events.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) | 0;
            const j = Math.abs(s) % (i + 1);
            [events[i], events[j]] = [events[j]!, events[i]!];
          }
        }
        const ticket: Record<string, unknown> = { id: `E-${created}-${events.length}`, service: svc.name };
        for (const [k, v] of Object.entries(facts)) if (v !== undefined) ticket[k] = v;
        ticket.createdAt = created;
        ticket.events = events.map((e) => {
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(e)) if (v !== undefined) out[k] = k === "at" || k === "dueAt" ? created + (v as number) : v;
          return out;
        });
        const asOf = created + (asOfInPool ? pool[0]! : asOfOff);
        return { ticket, asOf };
      });
    });
}

/** Options of every kind the fast path reads. */
const optionsArb = (policy: Policy): fc.Arbitrary<Omit<EvaluateTicketOptions, "asOf">> => {
  const names = [...new Set(shapeOf(policy).services.flatMap((s) => s.stages))];
  return fc.record({
    trace: fc.constantFrom(undefined, true, false),
    stages: fc.option(fc.subarray(names, { minLength: 1 }), { nil: undefined }),
    allowOutsideEffectiveDates: fc.constantFrom(undefined, true, false),
  }).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
};

const SPRING = Date.parse("2024-01-20T00:00:00+08:00");
const YEAR_END = Date.parse("2024-12-20T00:00:00+08:00");

/** Runs `n` random tickets of `policy` through both paths; returns how many took the fast path and how many were valid. */
function compareRandom(policy: Policy, from: number, to: number, numRuns: number): { taken: number; valid: number } {
  let taken = 0;
  let valid = 0;
  fc.assert(
    fc.property(ticketsOf(policy, from, to), optionsArb(policy), ({ ticket, asOf }, o) => {
      const r = both(policy, ticket, { asOf, ...o });
      expect(r.fast).toEqual(r.full);
      if ("ok" in (r.full as object)) valid++;
      if (r.taken) taken++;
    }),
    { numRuns: numRuns * Number(process.env.EDGE_RUNS ?? 1) },
  );
  return { taken, valid };
}

describe("fast path = full path on random tickets of other policies", () => {
  it("robotIntegration2026 as shipped: done with rings, agreements, waivers (notApplicable.when), remote-resolved on-site, closes, causes", () => {
    const { taken, valid } = compareRandom(robotIntegration2026, SPRING, Date.parse("2024-10-10T00:00:00+08:00"), 700);
    expect(valid).toBeGreaterThan(50);
    expect(taken).toBeGreaterThan(valid / 3);
  });

  it("robotIntegration2026 with declared pause reasons (maxMs caps, needsConsent)", () => {
    const { taken, valid } = compareRandom(robotPauses, SPRING, Date.parse("2024-10-10T00:00:00+08:00"), 700);
    expect(valid).toBeGreaterThan(50);
    expect(taken).toBeGreaterThan(valid / 3);
  });

  it("cableOperatorNorms, as shipped and with pause reasons", () => {
    const a = compareRandom(cableOperatorNorms, SPRING, YEAR_END, 300);
    const b = compareRandom(cablePauses, SPRING, YEAR_END, 300);
    expect(a.valid + b.valid).toBeGreaterThan(50);
    expect(a.taken + b.taken).toBeGreaterThan((a.valid + b.valid) / 3);
  });

  it("calendar and level edges: hours, holidays, make-up workdays, data ending 2024 (unknown / provisional), multi-level warnAt", () => {
    // around May Day, National Day and the end of the data
    const { taken, valid } = compareRandom(edge, Date.parse("2024-04-25T00:00:00+08:00"), Date.parse("2024-05-14T00:00:00+08:00"), 300);
    const b = compareRandom(edge, Date.parse("2024-09-26T00:00:00+08:00"), Date.parse("2024-10-14T00:00:00+08:00"), 300);
    const c = compareRandom(edge, YEAR_END, Date.parse("2025-01-06T00:00:00+08:00"), 300);
    expect(valid + b.valid + c.valid).toBeGreaterThan(100);
    expect(taken + b.taken + c.taken).toBeGreaterThan((valid + b.valid + c.valid) / 3);
  });
});

// ---------------------------------------------------------------------------------------------
// Instants the evaluation itself computed: events and asOf exactly there, and a millisecond either side

/** The instants a full evaluation computed (deadlines, warnings, levels, anchors), by stage. */
function instantsOf(r: TicketEvaluation): { stage: string; ms: number }[] {
  const out: { stage: string; ms: number }[] = [];
  for (const s of r.stages) {
    for (const ms of [s.dueAtMs, s.warnAtMs, s.anchorAtMs, s.originalDueAt?.getTime() ?? null, ...s.levelsReached.map((l) => l.at.getTime()), s.nextLevel?.at.getTime() ?? null]) {
      if (ms !== null) out.push({ stage: s.stage, ms });
    }
  }
  return out;
}

function atComputedInstants(policy: Policy, from: number, to: number, numRuns: number): number {
  let compared = 0;
  fc.assert(
    fc.property(
      ticketsOf(policy, from, to),
      fc.nat(),
      fc.constantFrom(-1, 0, 0, 1),
      fc.constantFrom("asOf", "done", "closed", "not-applicable", "agreed-deadline", "pause", "cause", "remote-resolved", "anchor-done"),
      fc.constantFrom("first", "last"),
      ({ ticket, asOf }, pick, delta, what, where) => {
        fastPath.enabled = false;
        const base = outcome(() => evaluateTicket(policy, ticket as unknown as Ticket, { asOf: asOf + 10 * DAY }));
        fastPath.enabled = true;
        if (!("ok" in base)) return;
        const instants = instantsOf(base.ok);
        if (instants.length === 0) return;
        const { stage, ms: at0 } = instants[pick % instants.length]!;
        const at = at0 + delta;
        const events = [...(ticket.events as Record<string, unknown>[])];
        let when = asOf + 10 * DAY;
        const add = (e: Record<string, unknown>): void => {
          if (where === "first") events.unshift(e);
          else events.push(e);
        };
        if (what === "asOf") when = at;
        else if (what === "done") add({ type: "done", stage, at });
        else if (what === "anchor-done") {
          const anchor = base.ok.stages.find((s) => s.stage === stage)?.trace.anchor;
          if (anchor !== undefined && anchor !== "created") add({ type: "done", stage: anchor, at });
        } else if (what === "agreed-deadline") add({ type: "agreed-deadline", stage, at, dueAt: at + HOUR, consent: "yes" });
        else if (what === "not-applicable") add({ type: what, stage, at, reason: "not needed" });
        else if (what === "pause") add({ type: "pause", at, reason: shapeOf(policy).reasons[0] ?? "none", consent: "yes" });
        else if (what === "cause") add({ type: "cause", stage, at, cause: "flood", remedy: "pumps" });
        else add({ type: what, at });
        const t = { ...ticket, events };
        const r = both(policy, t, { asOf: Math.max(when, ticket.createdAt as number) });
        expect(r.fast).toEqual(r.full);
        compared++;
      },
    ),
    { numRuns: numRuns * Number(process.env.EDGE_RUNS ?? 1) },
  );
  return compared;
}

describe("fast path = full path with events and asOf at the instants the evaluation computed", () => {
  it("deadlines, warnings, every level, anchors (exactly, and 1 ms either side): done, close, waiver, agreement, pause, cause, remote, asOf", () => {
    expect(atComputedInstants(robotPauses, SPRING, Date.parse("2024-10-10T00:00:00+08:00"), 400)).toBeGreaterThan(100);
    expect(atComputedInstants(edge, Date.parse("2024-04-25T00:00:00+08:00"), YEAR_END, 400)).toBeGreaterThan(100);
  });
});

// ---------------------------------------------------------------------------------------------
// Tickets of other shapes

/** A deep copy of a ticket with its instants as `how` says (events and creation). */
function withInstants(t: Record<string, unknown>, how: "ms" | "date" | "iso"): Record<string, unknown> {
  const conv = (v: unknown): unknown => (typeof v !== "number" ? v : how === "ms" ? v : how === "date" ? new Date(v) : new Date(v).toISOString());
  return {
    ...t,
    createdAt: conv(t.createdAt),
    events: (t.events as Record<string, unknown>[]).map((e) => ({ ...e, at: conv(e.at), ...("dueAt" in e ? { dueAt: conv(e.dueAt) } : {}) })),
  };
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === "object" && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** The same fields as own enumerable getters. */
function asGetters(o: Record<string, unknown>): Record<string, unknown> {
  const out = {};
  for (const [k, v] of Object.entries(o)) Object.defineProperty(out, k, { get: () => v, enumerable: true, configurable: true });
  return out;
}

describe("fast path = full path on ticket objects of other shapes", () => {
  it("Dates, epoch ms and ISO strings for every instant give the same result on both paths (and one result for all three)", () => {
    fc.assert(
      fc.property(ticketsOf(edge, Date.parse("2024-04-25T00:00:00+08:00"), YEAR_END), fc.constantFrom<"ms" | "date" | "iso">("ms", "date", "iso"), fc.boolean(), ({ ticket, asOf }, how, asOfDate) => {
        const t = withInstants(ticket, how);
        const options = { asOf: asOfDate ? new Date(asOf) : asOf };
        const r = both(edge, t, options);
        expect(r.fast).toEqual(r.full);
        // the representation does not change the result
        expect(r.fast).toEqual(both(edge, ticket, { asOf }).full);
      }),
      { numRuns: 150 * Number(process.env.EDGE_RUNS ?? 1) },
    );
  });

  it("frozen tickets, extra keys on tickets and events, own getters: the same result on both paths", () => {
    fc.assert(
      fc.property(ticketsOf(robotPauses, SPRING, YEAR_END), fc.constantFrom("frozen", "extra", "getters", "getter-events"), fc.constantFrom(undefined, false), ({ ticket, asOf }, shape, trace) => {
        let t: Record<string, unknown>;
        const copy = withInstants(ticket, "date");
        if (shape === "frozen") t = deepFreeze(copy);
        else if (shape === "extra") t = { ...copy, note: { nested: [1, 2] }, tags: ["x"], events: (copy.events as object[]).map((e) => ({ ...e, by: "operator", extra: null })) };
        else if (shape === "getters") t = asGetters(copy);
        else t = { ...copy, events: (copy.events as Record<string, unknown>[]).map(asGetters) };
        const r = both(robotPauses, t, { asOf, ...(trace === undefined ? {} : { trace }) });
        expect(r.fast).toEqual(r.full);
      }),
      { numRuns: 300 * Number(process.env.EDGE_RUNS ?? 1) },
    );
  });

  it("stage filters: empty, repeated names, every order give the full path's result", () => {
    const ticket = { id: "S-1", service: "desk", tier: "a", urgency: "hi", channel: "tel", createdAt: Date.parse("2024-05-06T10:00:00+08:00"), events: [{ type: "done", stage: "ack", at: Date.parse("2024-05-06T10:30:00+08:00") }] };
    const asOf = Date.parse("2024-05-07T12:00:00+08:00");
    for (const stages of [[], ["fix", "fix"], ["report", "ack"], ["verify"], ["visit"]]) {
      const r = both(edge, ticket, { asOf, stages });
      expect(r.taken).toBe(true);
      expect(r.fast).toEqual(r.full);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Results independent of each other

/** Paths of objects found in both results (by identity), frozen or not. */
function sharedPaths(a: unknown, b: unknown): string[] {
  const seen = new Map<object, string>();
  const walk = (v: unknown, path: string, into: (o: object, p: string) => void): void => {
    if (v === null || typeof v !== "object") return;
    into(v, path);
    if (v instanceof Date) return;
    for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], `${path}.${k}`, into);
  };
  walk(a, "", (o, p) => seen.set(o, p));
  const out: string[] = [];
  walk(b, "", (o, p) => {
    if (seen.has(o)) out.push(`${p}${Object.isFrozen(o) ? " (frozen)" : ""}`);
  });
  return out.sort();
}

const sameShapeTickets = (n: number): Ticket[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `I-${i}`,
    service: "fault",
    tier: "core",
    urgency: "urgent",
    createdAt: Date.parse("2024-05-06T10:00:00+08:00") + i * MIN,
    events: [{ type: "done", stage: "response", at: Date.parse("2024-05-06T10:20:00+08:00") }],
  })) as Ticket[];

describe("fast results share nothing the full path's results do not", () => {
  it("prototypes, descriptors, structuredClone and reviveEvaluation of a fast result are the full path's", () => {
    let taken = 0;
    fc.assert(
      fc.property(ticketsOf(robotPauses, SPRING, YEAR_END), fc.boolean(), ({ ticket, asOf }, trace) => {
        const hits = fastPath.hits;
        const fast = outcome(() => evaluateTicket(robotPauses, ticket as unknown as Ticket, { asOf, trace }));
        if (fastPath.hits > hits) taken++;
        fastPath.enabled = false;
        const full = outcome(() => evaluateTicket(robotPauses, ticket as unknown as Ticket, { asOf, trace }));
        fastPath.enabled = true;
        if (!("ok" in fast) || !("ok" in full)) return;
        expect(isDeepStrictEqual(fast.ok, full.ok)).toBe(true);
        expect(isDeepStrictEqual(structuredClone(fast.ok), structuredClone(full.ok))).toBe(true);
        expect(isDeepStrictEqual(reviveEvaluation(JSON.parse(JSON.stringify(fast.ok))), reviveEvaluation(JSON.parse(JSON.stringify(full.ok))))).toBe(true);
        for (const [i, s] of fast.ok.stages.entries()) {
          const f = full.ok.stages[i]!;
          expect(Object.getPrototypeOf(s.trace)).toBe(Object.getPrototypeOf(f.trace));
          expect(Object.getOwnPropertyDescriptor(s.trace, "steps")?.get === undefined).toBe(Object.getOwnPropertyDescriptor(f.trace, "steps")?.get === undefined);
        }
      }),
      { numRuns: 200 * Number(process.env.EDGE_RUNS ?? 1) },
    );
    expect(taken).toBeGreaterThan(40);
  });

  it("trace on: the objects two results share are the ones the full path's share, and mutating one result leaves the other as it was", () => {
    const [t1, t2] = sameShapeTickets(2) as [Ticket, Ticket];
    const asOf = Date.parse("2024-05-06T14:00:00+08:00");
    const hits = fastPath.hits;
    const a = evaluateTicket(robotIntegration2026, t1, { asOf });
    const b = evaluateTicket(robotIntegration2026, t2, { asOf });
    expect(fastPath.hits).toBe(hits + 2);
    const fastShared = sharedPaths(a, b);
    fastPath.enabled = false;
    const fullShared = sharedPaths(evaluateTicket(robotIntegration2026, t1, { asOf }), evaluateTicket(robotIntegration2026, t2, { asOf }));
    fastPath.enabled = true;
    expect(fastShared).toEqual(fullShared);
    // every stage's arrays and Dates are the result's own
    const before = strict(b);
    for (const s of a.stages) {
      (s.levelsReached as unknown[]).push({ level: "x", at: new Date(0) });
      s.dueAt?.setTime(0);
      s.anchorAt?.setTime(0);
      (s.trace.steps as unknown[]).push({ step: "mine" });
    }
    expect(strict(b)).toBe(before);
  });

  it("evaluateTickets, safeEvaluateTicket and evaluateTicketVersions give the full path's results", () => {
    const v2 = parsePolicy({ ...edgeJson, version: "2", effectiveFrom: "2024-09-01", targets: edgeJson.targets.map((r) => (r.stage === "ack" ? { ...r, within: "PT1H" } : r)) });
    const v1 = parsePolicy({ ...edgeJson, effectiveTo: "2024-08-31" });
    fc.assert(
      fc.property(fc.array(ticketsOf(edge, Date.parse("2024-08-20T00:00:00+08:00"), Date.parse("2024-09-10T00:00:00+08:00")), { minLength: 1, maxLength: 5 }), fc.constantFrom(undefined, false), (drawn, trace) => {
        const asOf = Math.max(...drawn.map((d) => d.asOf));
        const tickets = drawn.map((d) => d.ticket as unknown as Ticket);
        const o = { asOf, ...(trace === undefined ? {} : { trace }) };
        const run = (): unknown => ({
          batch: outcome(() => strict([...evaluateTickets(edge, tickets, o)])),
          safe: tickets.map((t) => {
            const r = safeEvaluateTicket(edge, t, o);
            return r.success ? strict(r.data) : { code: r.error.code, path: r.error.path };
          }),
          versions: tickets.map((t) => outcome(() => strict(evaluateTicketVersions([v1, v2], t, o)))),
          creation: tickets.map((t) => outcome(() => strict(evaluateTicketVersions([v1, v2], t, { ...o, choose: "creation" })))),
        });
        const fast = run();
        fastPath.enabled = false;
        const full = run();
        fastPath.enabled = true;
        expect(fast).toEqual(full);
      }),
      { numRuns: 80 * Number(process.env.EDGE_RUNS ?? 1) },
    );
  });

  it("tallyTickets over valid tickets gives rollup's rows of the full path's evaluations", () => {
    fc.assert(
      fc.property(fc.array(ticketsOf(robotPauses, SPRING, YEAR_END), { minLength: 1, maxLength: 8 }), fc.option(fc.constantFrom(["response", "resolution"], ["arrival"]), { nil: undefined }), (drawn, stages) => {
        const asOf = Math.max(...drawn.map((d) => d.asOf));
        fastPath.enabled = false;
        const valid = drawn.map((d) => d.ticket as unknown as Ticket).filter((t) => safeEvaluateTicket(robotPauses, t, { asOf, ...(stages ? { stages } : {}) }).success);
        const o = { asOf, by: ["service", "stage", "tier"] as const, ...(stages ? { stages } : {}) };
        const expected = rollup([...evaluateTickets(robotPauses, valid, o)], { by: o.by });
        fastPath.enabled = true;
        expect(tallyTickets(robotPauses, valid, o)).toEqual(expected);
      }),
      { numRuns: 100 * Number(process.env.EDGE_RUNS ?? 1) },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Differences this hunt found (F1-F4), fixed in the fast path since: kept as regression tests.

describe("differences found by the edge hunt, fixed: the fast path now gives the full path's result", () => {
  const c0 = Date.parse("2024-05-06T10:00:00+08:00");
  const fault = (extra: Record<string, unknown>): Record<string, unknown> => ({ id: "K-1", service: "fault", tier: "core", urgency: "urgent", createdAt: c0, events: [], ...extra });

  it("F1: instants with a fraction of a millisecond give the full path's deadlines (whole ms, Date arithmetic)", () => {
    for (const t of [fault({ createdAt: c0 + 0.5 }), fault({ events: [{ type: "done", stage: "response", at: c0 + 0.25 }] }), { id: "K-1b", service: "requirement", tier: "core", createdAt: c0 + 0.25, events: [] }]) {
      const r = both(robotIntegration2026, t, { asOf: c0 + HOUR });
      expect(r.fast).toEqual(r.full);
    }
  });

  it("F2: tickets and events whose fields are inherited (class instances, Object.create) or not enumerable: the fast result's trace reads as the full path's", () => {
    class Done {
      constructor(readonly stage: string, private readonly ms: number) {}
      get type(): string {
        return "done";
      }
      get at(): number {
        return this.ms;
      }
    }
    class Fault {
      get id(): string {
        return "K-2c";
      }
      get service(): string {
        return "fault";
      }
      get tier(): string {
        return "core";
      }
      get urgency(): string {
        return "urgent";
      }
      get createdAt(): Date {
        return new Date(c0);
      }
      get events(): object[] {
        return [new Done("response", c0 + 10 * MIN)];
      }
    }
    const hidden = fault({ id: "K-2d" });
    Object.defineProperty(hidden, "tier", { value: "core", enumerable: false });
    const tickets = [
      Object.assign(Object.create({ tier: "core", urgency: "urgent" }) as object, { id: "K-2a", service: "fault", createdAt: c0, events: [] }),
      fault({ id: "K-2b", events: [new Done("response", c0 + 10 * MIN)] }),
      new Fault(),
      hidden,
    ];
    for (const t of tickets) {
      const r = both(robotIntegration2026, t, { asOf: c0 + HOUR });
      expect(r.taken).toBe(true);
      expect(r.full).toHaveProperty("ok");
      expect(r.fast).toEqual(r.full);
    }
  });

  it("F3: an event's Date changed in place after the evaluation leaves the fast result's trace as evaluated", () => {
    const make = (): Record<string, unknown> => fault({ events: [{ type: "done", stage: "response", at: new Date(c0 + 10 * MIN) }] });
    fastPath.enabled = false;
    const expected = strict(evaluateTicket(robotIntegration2026, make() as unknown as Ticket, { asOf: c0 + HOUR }));
    fastPath.enabled = true;
    const t = make();
    const r = evaluateTicket(robotIntegration2026, t as unknown as Ticket, { asOf: c0 + HOUR });
    ((t.events as { at: Date }[])[0]!.at).setTime(c0 + 20 * MIN);
    expect(strict(r)).toBe(expected);
  });

  it("F4: with trace: false, each result has its own trace object, as on the full path (none shared, none frozen)", () => {
    const [t1, t2] = sameShapeTickets(2) as [Ticket, Ticket];
    const asOf = c0 + HOUR;
    const a = evaluateTicket(robotIntegration2026, t1, { asOf, trace: false });
    const b = evaluateTicket(robotIntegration2026, t2, { asOf, trace: false });
    fastPath.enabled = false;
    const fullShared = sharedPaths(evaluateTicket(robotIntegration2026, t1, { asOf, trace: false }), evaluateTicket(robotIntegration2026, t2, { asOf, trace: false }));
    fastPath.enabled = true;
    expect(sharedPaths(a, b)).toEqual(fullShared);
    (a.stages[0]!.trace as { sourceRef: string | null }).sourceRef = "redacted";
    expect(b.stages[0]!.trace.sourceRef).toBe("003 §6(2)");
  });
});

// ---------------------------------------------------------------------------------------------
// Random warning levels and durations; instants far from now

const durationArb = fc.constantFrom("PT0S", "PT1S", "PT1M", "PT30M", "PT1H", "PT4H", "PT9H", "P1D", "P3D");
const levelArb = fc.oneof(
  fc.record({ fraction: fc.oneof(fc.constantFrom(0.5, 1, 1.5, 10, 0.001), fc.double({ min: 0.01, max: 10, noNaN: true })) }),
  fc.record({ before: durationArb }),
  fc.record({ after: durationArb }),
);
/** Level lists with distinct names (a name per position), some with equal instants. */
const levelsArb = fc.array(levelArb, { minLength: 1, maxLength: 4 }).map((ls) => ls.map((l, i) => ({ ...l, level: `L${i}` })));

describe("fast path = full path on random warning levels and row durations", () => {
  it("policy and row warnAt lists (fractions up to 10, before/after offsets longer than the allowed time, ties), any clock", () => {
    let taken = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: 0.01, max: 1, noNaN: true }), levelsArb),
        fc.option(fc.oneof(fc.double({ min: 0.01, max: 1, noNaN: true }), levelsArb), { nil: undefined }),
        fc.oneof(durationArb.filter((d) => d !== "PT0S"), fc.integer({ min: 1, max: 4 }).map((n) => ({ businessDays: n }))),
        fc.constantFrom("24x7", "office", "office-ext", "work", "weekdays", "work-hours"),
        fc.integer({ min: Date.parse("2024-04-28T00:00:00+08:00"), max: Date.parse("2024-05-12T00:00:00+08:00") }),
        fc.tuple(fc.integer({ min: 0, max: 8 * DAY }), fc.integer({ min: 0, max: 8 * DAY }), fc.integer({ min: 0, max: 8 * DAY })),
        fc.boolean(),
        (warnAt, rowWarnAt, within, clock, created, [asOfOff, doneOff, pauseOff], paused) => {
          const json: PolicyJson = {
            ...edgeJson,
            warnAt,
            targets: edgeJson.targets.map((r) => (r.service === "field" && r.stage === "visit" && r.location === "in" ? { ...r, within, clock, ...(rowWarnAt === undefined ? {} : { warnAt: rowWarnAt }) } : r)),
          } as PolicyJson;
          const policy = parsePolicy(json);
          const events: Record<string, unknown>[] = [];
          if (paused) events.push({ type: "pause", reason: "away", at: created + pauseOff }, { type: "resume", at: created + pauseOff + HOUR });
          if (doneOff < asOfOff) events.push({ type: "done", stage: "visit", at: created + doneOff });
          const ticket = { id: "W-1", service: "field", location: "in", createdAt: created, events };
          for (const asOf of [created + asOfOff, created + doneOff]) {
            const r = both(policy, ticket, { asOf: Math.max(asOf, created) });
            expect(r.fast).toEqual(r.full);
            if (r.taken) taken++;
          }
        },
      ),
      { numRuns: 250 * Number(process.env.EDGE_RUNS ?? 1) },
    );
    expect(taken).toBeGreaterThan(250);
  });

  it("instants far from now (before 1970, near the end of the Date range) on 24x7 clocks", () => {
    let taken = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -8.64e15, max: -8.64e15 + 30 * DAY }), fc.integer({ min: 8.64e15 - 30 * DAY, max: 8.64e15 }), fc.integer({ min: -3e12, max: 0 }), fc.integer({ min: 2.5e14, max: 2.6e14 })),
        fc.tuple(fc.integer({ min: 0, max: 5 * DAY }), fc.integer({ min: 0, max: 5 * DAY })),
        fc.constantFrom("work-order", "vip-fault", "forum", "boss-lan-fault"),
        (created, [doneOff, asOfOff], service) => {
          const events = doneOff <= asOfOff ? [{ type: "done", stage: service === "boss-lan-fault" ? "resolution" : service === "forum" ? "reply" : "response", at: created + doneOff }] : [];
          const ticket = { id: "X-1", service, urgency: "major", createdAt: created, events: events.filter((e) => e.at <= 8.64e15) };
          const r = both(cablePauses, ticket, { asOf: Math.min(created + asOfOff, 8.64e15) });
          expect(r.fast).toEqual(r.full);
          if (r.taken) taken++;
        },
      ),
      { numRuns: 300 * Number(process.env.EDGE_RUNS ?? 1) },
    );
    expect(taken).toBeGreaterThan(100);
  });
});
