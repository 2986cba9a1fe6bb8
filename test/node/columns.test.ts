/**
 * The columns tallyTicketsInWorkers sends its workers (src/node/_columns.ts): what a worker reads
 * back is what evaluation reads of the ticket it was given (times as epoch ms, one shape for every
 * ticket and event), and a ticket whose values the columns would change is refused (the calling
 * thread evaluates the original).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ColumnWriter, readColumns } from "../../src/node/_columns.js";
import { evaluateTicket, type Ticket } from "../../src/sla/index.js";
import { sampleTickets } from "../../bench/_tickets.js";

const FACTS = ["service", "tier", "urgency", "location", "channel", "assignee", "department"] as const;
const EVENT = ["type", "at", "stage", "rings", "dueAt", "reason", "consent"] as const;
const ms = (v: unknown): unknown => (v instanceof Date ? v.getTime() : typeof v === "string" ? Date.parse(v) : v);

/**
 * The fields `readEvent` (src/sla/_events.ts) reads of each event type besides `type` and `at`,
 * written out from that function (not from its table EVENT_READS): only these travel.
 */
const READ_BY_TYPE: ReadonlyMap<unknown, readonly string[]> = new Map([
  ["done", ["stage", "rings"]],
  ["agreed-deadline", ["stage", "consent", "dueAt"]],
  ["pause", ["reason", "consent"]],
  ["resume", []],
  ["remote-resolved", []],
  ["not-applicable", ["stage", "reason"]],
  ["closed", ["reason"]],
  ["reopened", ["reason"]],
  ["cause", ["stage", "cause", "remedy", "objective"]],
  ["reclassify", ["reason", "facts"]],
  ["message", ["stage"]],
]);
const REST = ["cause", "remedy", "objective", "facts"] as const;
/** Does evaluation read field `k` of an event of this type (every field of a type it does not know)? */
const reads = (type: unknown, k: string): boolean => k === "type" || k === "at" || (READ_BY_TYPE.get(type)?.includes(k) ?? true);

/** What a worker should read back of ticket `t`: the fields evaluation reads, times as epoch ms, undefined where absent. */
function expected(t: Ticket): Record<string, unknown> {
  const r = t as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { id: t.id };
  for (const f of FACTS) out[f] = r[f];
  out.createdAt = ms(t.createdAt);
  out.events = t.events.map((raw) => {
    const e = raw as unknown as Record<string, unknown>;
    const ev: Record<string, unknown> = {};
    for (const k of EVENT) ev[k] = !reads(e.type, k) ? undefined : k === "at" || k === "dueAt" ? ms(e[k]) : e[k];
    // the other fields travel together when the type reads any of them
    if (REST.some((k) => reads(e.type, k))) for (const k of REST) if (e[k] !== undefined) ev[k] = e[k];
    return ev;
  });
  return out;
}

function roundTrip(tickets: readonly unknown[]): { read: Ticket[]; refused: number[] } {
  const w = new ColumnWriter();
  const refused: number[] = [];
  tickets.forEach((t, i) => {
    if (!w.add(t as Ticket, i)) refused.push(i);
  });
  const { columns, transfer } = w.finish();
  expect(transfer.every((b) => b instanceof ArrayBuffer)).toBe(true);
  expect([...columns.index]).toEqual(tickets.map((_, i) => i).filter((i) => !refused.includes(i)));
  return { read: [...readColumns(structuredClone(columns))], refused };
}

describe("tallyTicketsInWorkers' columns", () => {
  const tickets = sampleTickets(3, 400).map((s) => s.ticket);

  it("carry what evaluation reads of the benchmark's tickets, every ticket and event of one shape", () => {
    const { read, refused } = roundTrip(tickets);
    expect(refused).toEqual([]);
    expect(read).toEqual(tickets.map(expected));
    // one shape: the same keys in the same order for every ticket, and for every event
    expect(new Set(read.map((t) => Object.keys(t).join()))).toEqual(new Set([[...["id"], ...FACTS, "createdAt", "events"].join()]));
    expect(new Set(read.flatMap((t) => t.events.map((e) => Object.keys(e).join())))).toEqual(new Set([EVENT.join()]));
  });

  it("give the same evaluations as the tickets they were made from", () => {
    const samples = sampleTickets(4, 300);
    const { read } = roundTrip(samples.map((s) => s.ticket));
    samples.forEach((s, i) => {
      const a = evaluateTicket(s.policy, s.ticket, { asOf: s.asOf, trace: false });
      const b = evaluateTicket(s.policy, read[i]!, { asOf: s.asOf, trace: false });
      expect(JSON.stringify(b.stages)).toBe(JSON.stringify(a.stages));
    });
  });

  it("carry ISO-8601 times, cause and reclassify fields, and drop fields evaluation never reads", () => {
    const t = {
      id: "T-1", service: "fault", tier: "core", urgency: "urgent", note: "dropped", createdAt: "2024-05-06T10:00:00+08:00",
      events: [
        { type: "done", stage: "response", at: "2024-05-06T02:10:00Z", by: "dropped" },
        { type: "agreed-deadline", stage: "handling", at: new Date("2024-05-06T10:20:00+08:00"), dueAt: "2024-05-07T10:00:00+08:00", consent: "call" },
        { type: "cause", at: 1714962000000, stage: "response", cause: "disk", remedy: "swap", objective: true },
        { type: "reclassify", at: 1714962000001, facts: { urgency: "general" } },
      ],
    };
    const { read } = roundTrip([t]);
    expect(read[0]).toEqual(expected(t as unknown as Ticket));
    expect(read[0]).not.toHaveProperty("note");
    expect(read[0]!.events[0]).not.toHaveProperty("by");
  });

  it.each([
    ["a fact that is not a string", { tier: 3 }],
    ["a createdAt without an offset", { createdAt: "2024-05-06 10:00" }],
    ["events that are not an array", { events: "none" }],
    ["an event time that is not an instant", { events: [{ type: "done", stage: "response", at: Number.NaN }] }],
    ["rings that are not a number", { events: [{ type: "done", stage: "response", at: 1, rings: "3" }] }],
    ["rings NaN", { events: [{ type: "done", stage: "response", at: 1, rings: Number.NaN }] }],
    ["a stage that is not a string", { events: [{ type: "done", stage: 4, at: 1 }] }],
    ["a dueAt that is not an instant", { events: [{ type: "agreed-deadline", stage: "handling", at: 1, dueAt: "tomorrow", consent: "c" }] }],
    ["facts JSON would change (a Date)", { events: [{ type: "reclassify", at: 1, facts: { urgency: new Date(0) } }] }],
    ["facts with an undefined value", { events: [{ type: "reclassify", at: 1, facts: { urgency: undefined } }] }],
    ["an event that is not an object", { events: [null] }],
  ])("refuse a ticket with %s (the calling thread evaluates the original)", (_, change) => {
    const base = { id: "T-1", service: "fault", tier: "core", createdAt: 0, events: [{ type: "done", stage: "response", at: 5 }] };
    const { read, refused } = roundTrip([base, { ...base, id: "T-2", ...change }, { ...base, id: "T-3" }]);
    expect(refused).toEqual([1]);
    expect(read.map((t) => t.id)).toEqual(["T-1", "T-3"]); // a refused ticket leaves no events behind
    expect(read.map((t) => t.events.length)).toEqual([1, 1]);
  });

  it("keep any mix of accepted and refused tickets apart (property)", () => {
    const event = fc.record({
      type: fc.constantFrom("done", "pause", "resume", "agreed-deadline"),
      at: fc.oneof(fc.integer({ min: 0, max: 2e12 }), fc.constant(Number.NaN)),
      stage: fc.option(fc.constantFrom("response", "handling", 7), { nil: undefined }),
      rings: fc.option(fc.integer({ min: -2, max: 9 }), { nil: undefined }),
    });
    const ticket = fc.record({
      id: fc.string({ minLength: 1, maxLength: 5 }),
      service: fc.constantFrom("fault", "onsite"),
      tier: fc.option(fc.constantFrom("core", "ordinary"), { nil: undefined }),
      createdAt: fc.integer({ min: 0, max: 2e12 }),
      events: fc.array(event, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 12 }), (ts) => {
        const { read, refused } = roundTrip(ts);
        const kept = ts.filter((_, i) => !refused.includes(i));
        expect(read).toEqual(kept.map((t) => expected(t as unknown as Ticket)));
        // refused exactly when a value evaluation reads would change: a NaN time, or a stage that is not a string where the type has one
        expect(refused).toEqual(ts.flatMap((t, i) => (t.events.some((e) => Number.isNaN(e.at) || (typeof e.stage === "number" && reads(e.type, "stage"))) ? [i] : [])));
      }),
      { numRuns: 200 },
    );
  });
});
