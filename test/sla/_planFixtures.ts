/**
 * A policy using every feature the compiled plans handle (pauses with caps and consent,
 * agreements, agreed rows, waivers, causes, closes, remote resolution, milestones, rings, levels
 * before/after the deadline, calendars whose data ends, effective dates) and random tickets of it,
 * valid or not: shared by the fast-path tests (plan.test.ts: tallyTickets; fast.test.ts: evaluateTicket).
 */
import fc from "fast-check";
import { chinaHolidayYears } from "../../src/calendar/index.js";
import { parsePolicy, type PolicyJson, type Ticket } from "../../src/sla/index.js";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const deskJson: PolicyJson = {
  id: "plan-desk",
  version: "1",
  timeZone: "Asia/Shanghai",
  effectiveFrom: "2024-01-01",
  warnAt: [{ fraction: 0.5, level: "half" }, { before: "PT1H" }, { after: "PT2H", level: "late" }],
  calendars: {
    "24x7": { builtin: "alwaysOpen", timeZone: "Asia/Shanghai" },
    // holiday data of 2024 only: later deadlines cannot be computed (status unknown)
    work: { builtin: "chinaWorkCalendar", years: chinaHolidayYears.filter((y) => y.year === 2024) },
    weekdays: { builtin: "chinaWorkCalendar", years: chinaHolidayYears.filter((y) => y.year === 2024), beyondData: "weekdays" },
  },
  dimensions: { tier: ["gold", "silver"], urgency: ["high", "low"], location: ["near", "far"], channel: ["phone", "web"] },
  pauseReasons: {
    wait: { stops: ["respond", "fix", "rate"] },
    hold: { stops: ["fix", "visit", "report"], maxMs: HOUR, needsConsent: true },
  },
  services: {
    desk: {
      stages: ["respond", { name: "fix", notApplicable: { sourceRef: "desk 2", when: { tier: ["silver"] } } }, { name: "callback", when: { channel: ["phone"] } }, "rate"],
      dimensions: ["tier"],
      milestones: ["handover"],
    },
    field: {
      stages: [{ name: "visit", notApplicable: { sourceRef: "field 1" } }, "report"],
      dimensions: ["location"],
      onsite: true,
    },
  },
  targets: [
    { service: "desk", stage: "respond", tier: "gold", within: "PT30M", clock: "24x7", sourceRef: "desk 1" },
    { service: "desk", stage: "respond", tier: "silver", within: { businessDays: 1 }, clock: "work", sourceRef: "desk 1" },
    { service: "desk", stage: "fix", tier: "gold", urgency: "high", within: "PT4H", clock: "work", anchor: "respond", sourceRef: "desk 2" },
    { service: "desk", stage: "fix", tier: "gold", urgency: "low", within: "PT8H", clock: "weekdays", anchor: "respond", sourceRef: "desk 2", warnAt: 0.9 },
    { service: "desk", stage: "fix", tier: "silver", within: { agreed: true }, clock: "24x7", sourceRef: "desk 2" },
    { service: "desk", stage: "callback", within: { rings: 3 }, sourceRef: "desk 3" },
    { service: "desk", stage: "rate", within: "PT24H", clock: "24x7", anchor: "handover", sourceRef: "desk 4", warnAt: [{ after: "PT1H" }, { fraction: 0.25 }] },
    { service: "field", stage: "visit", location: "near", within: "PT2H", clock: "24x7", sourceRef: "field 1" },
    { service: "field", stage: "visit", location: "far", within: { agreed: true }, clock: "weekdays", sourceRef: "field 1" },
    { service: "field", stage: "report", within: { businessDays: 2 }, clock: "weekdays", anchor: "visit", sourceRef: "field 2" },
  ],
};
export const desk = parsePolicy(deskJson);

const FROM = Date.parse("2023-12-28T00:00:00+08:00"); // a few tickets before effectiveFrom
const TO = Date.parse("2025-01-10T00:00:00+08:00"); // a few after the 2024 data
const STAGES = ["respond", "fix", "callback", "rate", "handover", "visit", "report", "bogus"];

const offset = fc.oneof(fc.integer({ min: 0, max: 6 * HOUR }), fc.integer({ min: 0, max: 6 * DAY }), fc.constant(-HOUR));
const eventArb = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant("done"), stage: fc.constantFrom(...STAGES), at: offset, rings: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("pause"), reason: fc.constantFrom("wait", "hold", "lunch"), at: offset, consent: fc.option(fc.constant("by phone"), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("resume"), at: offset }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("agreed-deadline"), stage: fc.constantFrom(...STAGES), at: offset, dueAt: offset, consent: fc.constantFrom("by phone", " ") }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("remote-resolved"), at: offset }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("not-applicable"), stage: fc.constantFrom("fix", "visit", "respond"), at: offset, reason: fc.constantFrom("not needed", "") }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("closed"), at: offset }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("cause"), at: offset, stage: fc.option(fc.constantFrom(...STAGES), { nil: undefined }), cause: fc.constant("traffic"), remedy: fc.constantFrom("left earlier", ""), objective: fc.option(fc.boolean(), { nil: undefined }) }) },
  // types the fast path does not know (other helpers add events): the full path decides
  { weight: 1, arbitrary: fc.record({ type: fc.constantFrom("reopened", "reclassify"), at: offset }) },
);

const at = fc.integer({ min: 1, max: 3 * DAY });
/** Events of a sane history: done events along each chain, pauses that resume, agreements, waivers, a close, causes. */
const cleanEventsArb = fc
  .record({
    chain: fc.array(fc.tuple(fc.constantFrom("respond>fix", "handover>rate", "callback", "visit>report"), at, fc.option(at, { nil: undefined })), { maxLength: 3 }),
    rings: fc.integer({ min: 0, max: 6 }),
    pauses: fc.array(fc.tuple(at, fc.option(fc.integer({ min: 1, max: 10 * HOUR }), { nil: undefined }), fc.constantFrom("wait", "hold")), { maxLength: 2 }),
    agreements: fc.array(fc.tuple(fc.constantFrom("respond", "fix", "rate", "visit", "report"), at, fc.integer({ min: -HOUR, max: 4 * DAY })), { maxLength: 2 }),
    waiver: fc.option(fc.tuple(fc.constantFrom("fix", "visit"), at), { nil: undefined }),
    closed: fc.option(at, { nil: undefined }),
    remote: fc.option(at, { nil: undefined }),
    cause: fc.option(fc.tuple(fc.constantFrom("respond", "fix", undefined), at), { nil: undefined }),
  })
  .map(({ chain, rings, pauses, agreements, waiver, closed, remote, cause }) => {
    const events: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    for (const [c, t1, t2] of chain) {
      const [first, second] = c.split(">") as [string, string | undefined];
      if (seen.has(first)) continue;
      seen.add(first);
      events.push(first === "callback" ? { type: "done", stage: first, at: t1, rings } : { type: "done", stage: first, at: t1 });
      if (second !== undefined && t2 !== undefined) events.push({ type: "done", stage: second, at: t1 + t2 });
    }
    let t = 0;
    for (const [gap, length, reason] of pauses) {
      t += gap;
      events.push({ type: "pause", at: t, reason, consent: "by phone" });
      if (length === undefined) break;
      t += length;
      events.push({ type: "resume", at: t });
    }
    for (const [stage, t1, due] of agreements) events.push({ type: "agreed-deadline", stage, at: t1, dueAt: t1 + due, consent: "by phone" });
    if (waiver) events.push({ type: "not-applicable", stage: waiver[0], at: waiver[1], reason: "not needed" });
    if (closed !== undefined) events.push({ type: "closed", at: closed });
    if (remote !== undefined) events.push({ type: "remote-resolved", at: remote });
    if (cause) events.push({ type: "cause", ...(cause[0] === undefined ? {} : { stage: cause[0] }), at: cause[1], cause: "traffic", remedy: "left earlier" });
    return events;
  });

let serial = 0;
export const ticketArb = fc
  .record({
    service: fc.constantFrom("desk", "field"),
    tier: fc.constantFrom("gold", "silver", "gold", "silver", undefined, "bronze"),
    urgency: fc.constantFrom("high", "low", undefined),
    location: fc.constantFrom("near", "far", "near", "far", undefined),
    channel: fc.constantFrom("phone", "web", undefined),
    assignee: fc.constantFrom("li", "wang", undefined, 7),
    department: fc.constantFrom("north", undefined),
    created: fc.integer({ min: FROM, max: TO }),
    asDate: fc.boolean(),
    clean: cleanEventsArb,
    // now and then an event of any kind, valid or not, in a random place
    noise: fc.array(eventArb, { maxLength: 2 }).chain((n) => fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.constant(n) })),
    reverse: fc.boolean(),
    asOf: fc.integer({ min: 0, max: 10 * DAY }),
  })
  .map(({ created, asDate, clean, noise, reverse, asOf, ...facts }) => {
    const i = serial++;
    const clean2 = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
    const own = facts.service === "desk" ? ["respond", "fix", "callback", "rate", "handover"] : ["visit", "report"];
    const events = [...clean.filter((e) => e.stage === undefined || own.includes(e.stage as string)), ...noise];
    if (reverse) events.reverse();
    const ticket = {
      id: `R-${i}`,
      ...clean2,
      createdAt: asDate ? new Date(created) : created,
      events: events.map((e) => {
        const out: Record<string, unknown> = { ...e, at: created + (e.at as number) };
        if ("dueAt" in e) out.dueAt = created + (e.dueAt as number);
        for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
        return out;
      }),
    } as unknown as Ticket;
    return { ticket, asOf: created + asOf };
  });

/** What a call returns or throws, comparable with toEqual. */
export function outcome<T>(f: () => T): { ok: T } | { error: { code: unknown; message: string; path: unknown } } {
  try {
    return { ok: f() };
  } catch (e) {
    const x = e as { code?: unknown; message: string; path?: unknown };
    return { error: { code: x.code, message: x.message, path: x.path } };
  }
}
