import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateTicket, parsePolicy, robotIntegration2026, type PolicyJson, type TicketEvent } from "../../src/sla/index.js";

// the built-in policy declares no pause reasons: this desk allows "customer away" on every stage
const base = JSON.parse(JSON.stringify(robotIntegration2026)) as PolicyJson;
const policy = parsePolicy({ ...base, pauseReasons: { "customer away": { stops: [...new Set(Object.values(base.services).flatMap((s) => s.stages.map((x) => (typeof x === "string" ? x : x.name))))] } } });
import { flattenEvaluations, ticketsFromRows, type RowMapping, type TableTicket } from "../../src/table/index.js";
import { isSlaKitError } from "../../src/errors.js";

const MIN = 60_000;
const mapping: RowMapping = {
  id: "Ticket",
  createdAt: "Opened",
  service: "Type",
  facts: { tier: "Tier", urgency: "Urgency", assignee: "Owner", region: "Region" },
  done: { response: "Responded", handling: "Handled", resolution: "Resolved" },
  pauses: [{ pause: "Paused", resume: "Resumed", reason: "Why" }],
};

/** Wall-clock text of an instant in Asia/Shanghai (UTC+8 all year): what a CSV export holds. */
const shanghai = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");

type CellStyle = "local" | "iso" | "ms" | "date";
function cell(ms: number, style: CellStyle): unknown {
  return style === "local" ? shanghai(ms) : style === "iso" ? new Date(ms).toISOString() : style === "ms" ? ms : new Date(ms);
}

interface Gen {
  id: string;
  tier: string;
  urgency: string;
  owner: string | null;
  region: string | null;
  created: number;
  done: (number | null)[]; // response, handling, resolution offsets (minutes after the previous)
  pause: [number, number | null] | null;
  styles: CellStyle[];
}

const gen = fc.record({
  tier: fc.constantFrom("core", "important", "ordinary"),
  urgency: fc.constantFrom("urgent", "general"),
  owner: fc.option(fc.constantFrom("li", "wang", "zhao"), { nil: null }),
  region: fc.option(fc.constantFrom("north", "south"), { nil: null }),
  created: fc.integer({ min: Date.UTC(2024, 0, 1) / MIN, max: Date.UTC(2026, 11, 1) / MIN }).map((m) => m * MIN),
  done: fc.array(fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }), { minLength: 3, maxLength: 3 }),
  pause: fc.option(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.option(fc.integer({ min: 0, max: 300 }), { nil: null })), { nil: null }),
  styles: fc.array(fc.constantFrom<CellStyle>("local", "iso", "ms", "date"), { minLength: 6, maxLength: 6 }),
});

/** The ticket a generated record stands for, and the row a table would hold for it. */
function toTicketAndRow(g: Omit<Gen, "id">, id: string): { ticket: { id: string; service: string; tier: string; urgency: string; assignee?: string; createdAt: number; events: TicketEvent[]; facts: Record<string, string> }; row: Record<string, unknown> } {
  const events: TicketEvent[] = [];
  const row: Record<string, unknown> = { Ticket: id, Type: "fault", Tier: g.tier, Urgency: g.urgency, Owner: g.owner ?? "", Region: g.region ?? "", Opened: cell(g.created, g.styles[0]!) };
  let t = g.created;
  const cols = ["Responded", "Handled", "Resolved"];
  const stages = ["response", "handling", "resolution"];
  for (let i = 0; i < 3; i++) {
    const d = g.done[i];
    if (d === null || d === undefined) break; // a later stage is never done before an earlier one
    t += d * MIN;
    events.push({ type: "done", stage: stages[i]!, at: t });
    row[cols[i]!] = cell(t, g.styles[i + 1]!);
  }
  if (g.pause !== null) {
    const p = g.created + g.pause[0] * MIN;
    events.push({ type: "pause", at: p, reason: "customer away" });
    row.Paused = cell(p, g.styles[4]!);
    row.Why = "customer away";
    if (g.pause[1] !== null) {
      events.push({ type: "resume", at: p + g.pause[1] * MIN });
      row.Resumed = cell(p + g.pause[1] * MIN, g.styles[5]!);
    }
  }
  const ticket = { id, service: "fault", tier: g.tier, urgency: g.urgency, createdAt: g.created, events, facts: g.region === null ? {} : { region: g.region } };
  return { ticket: g.owner === null ? ticket : { ...ticket, assignee: g.owner }, row };
}

/** A ticket with times as epoch ms and events in a canonical order, for comparison. */
function canon(t: TableTicket | ReturnType<typeof toTicketAndRow>["ticket"]): unknown {
  const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : (v as number));
  const events = t.events.map((e) => ({ ...e, at: ms(e.at) })).sort((a, b) => a.at - b.at || a.type.localeCompare(b.type));
  const { row: _row, ...rest } = t as TableTicket;
  return { ...rest, createdAt: ms(t.createdAt), events };
}

describe("ticketsFromRows", () => {
  it("round-trips: the rows a table would hold for generated tickets read back as the same tickets (times as local text, ISO, epoch ms or Date)", () => {
    fc.assert(
      fc.property(fc.array(gen, { maxLength: 8 }), (gens) => {
        const pairs = gens.map((g, i) => toTicketAndRow(g, `T-${i}`));
        const r = ticketsFromRows(pairs.map((p) => p.row), mapping, { policy, timeZone: "Asia/Shanghai" });
        expect(r.errors).toEqual([]);
        expect(r.tickets.map(canon)).toEqual(pairs.map((p) => canon(p.ticket)));
        expect(r.tickets.map((t) => t.row)).toEqual(pairs.map((_, i) => i + 1));
      }),
      { numRuns: 150 },
    );
  });

  it("is independent of the order of rows and does not change them", () => {
    fc.assert(
      fc.property(fc.array(gen, { minLength: 1, maxLength: 6 }), (gens) => {
        const rows = gens.map((g, i) => toTicketAndRow(g, `T-${i}`).row);
        const copy = structuredClone(rows);
        const a = ticketsFromRows(rows, mapping, { policy, timeZone: "Asia/Shanghai" }).tickets.map(canon);
        const b = ticketsFromRows([...rows].reverse(), mapping, { policy, timeZone: "Asia/Shanghai" }).tickets.map(canon).reverse();
        expect(rows).toEqual(copy);
        expect(b).toEqual(a);
      }),
      { numRuns: 50 },
    );
  });

  it("reads local times in the named zone, DST included, whatever the host TZ", () => {
    const rows = [{ Ticket: "A", Type: "fault", Tier: "core", Urgency: "urgent", Opened: "2026-03-08 02:30", Responded: "2026-11-01 01:30" }];
    const r = ticketsFromRows(rows, mapping, { policy, timeZone: "America/New_York" });
    expect(r.tickets[0]!.createdAt).toEqual(new Date("2026-03-08T07:30:00Z")); // skipped: moved forward by the gap
    expect(r.tickets[0]!.events[0]!.at).toEqual(new Date("2026-11-01T05:30:00Z")); // repeated: the earlier instant
  });

  it("returns every bad row with its row number, column, value and reason, and keeps the good ones", () => {
    const good = { Ticket: "OK", Type: "fault", Tier: "core", Urgency: "urgent", Opened: "2026-03-02 09:00", Responded: "2026-03-02 09:10" };
    const rows: unknown[] = [
      good,
      { ...good, Ticket: "" }, // empty id
      { ...good, Ticket: "OK" }, // repeated id
      { ...good, Ticket: "B1", Opened: "2026-02-30 09:00" }, // impossible date
      { ...good, Ticket: "B2", Responded: "yesterday" }, // unreadable time
      { ...good, Ticket: "B3", Tier: "gold" }, // unknown tier
      { ...good, Ticket: "B4", Responded: "2026-03-02 08:00" }, // before creation
      { ...good, Ticket: "B5", Resumed: "2026-03-02 10:00" }, // resume without pause
      { ...good, Ticket: "B6", Handled: "2026-03-02 09:30", Responded: "" }, // fine: handling runs from creation
      "not a row",
      { ...good, Ticket: "B7", Type: "" },
      { ...good, Ticket: "B8", Urgency: "" }, // fault needs urgency
    ];
    const r = ticketsFromRows(rows as Record<string, unknown>[], mapping, { policy, timeZone: "Asia/Shanghai", firstRowNumber: 2 });
    const byRow = Object.fromEntries(r.errors.map((e) => [e.row, [e.column, e.code]]));
    expect(r.tickets.map((t) => t.id)).toEqual(["OK", "B6"]);
    expect(byRow).toMatchObject({
      3: ["Ticket", "INVALID_ROW"],
      4: ["Ticket", "INVALID_ROW"],
      5: ["Opened", "INVALID_ROW"],
      6: ["Responded", "INVALID_ROW"],
      7: ["Tier", "UNKNOWN_VALUE"],
      8: ["Responded", "INVALID_EVENT"],
      9: ["Paused", "INVALID_ROW"],
      11: [null, "INVALID_ROW"],
      12: ["Type", "INVALID_ROW"],
      13: ["Urgency", "MISSING_DIMENSION"],
    });
    // nothing is dropped silently: every row is a ticket or an error
    expect(r.tickets.length + r.errors.length).toBe(rows.length);
    for (const e of r.errors) expect(e.reason.length).toBeGreaterThan(10);
    expect(r.errors.find((e) => e.row === 6)!.value).toBe("yesterday");
  });

  it("channel is a matrix dimension of the ticket; a pause with a reason the policy does not declare is a bad row at the reason column", () => {
    const m: RowMapping = { ...mapping, facts: { tier: "Tier", channel: "Via" } };
    const ok = ticketsFromRows([{ Ticket: "C", Type: "consultation", Tier: "core", Via: "online", Opened: "2026-03-02 09:00" }], m, { policy, timeZone: "Asia/Shanghai" });
    expect(ok.tickets[0]!.channel).toBe("online");
    const row = { Ticket: "P", Type: "fault", Tier: "core", Urgency: "urgent", Opened: "2026-03-02 09:00", Paused: "2026-03-02 09:05", Why: "lunch" };
    const r = ticketsFromRows([row], mapping, { policy: robotIntegration2026, timeZone: "Asia/Shanghai" });
    expect(r.tickets).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column, e.value, e.code])).toEqual([[1, "Why", "lunch", "INVALID_EVENT"]]);
  });

  it("a local time without options.timeZone is a bad row that says to pass the zone; texts with an offset need none", () => {
    const rows = [
      { Ticket: "A", Type: "fault", Tier: "core", Urgency: "urgent", Opened: "2026-03-02 09:00" },
      { Ticket: "B", Type: "fault", Tier: "core", Urgency: "urgent", Opened: "2026-03-02T09:00:00+08:00" },
    ];
    const r = ticketsFromRows(rows, mapping, { policy });
    expect(r.tickets.map((t) => t.id)).toEqual(["B"]);
    expect(r.errors[0]!.reason).toMatch(/options\.timeZone/);
  });

  it("lists the stages without a column as untracked, per service seen, and the tracked ones to evaluate", () => {
    const rows = [
      { Ticket: "A", Type: "fault", Tier: "core", Urgency: "urgent", Opened: "2026-03-02 09:00" },
      { Ticket: "B", Type: "complaint", Tier: "core", Opened: "2026-03-02 09:00" },
    ];
    const r = ticketsFromRows(rows, { ...mapping, done: { response: "Responded" } }, { policy, timeZone: "Asia/Shanghai" });
    expect(r.untrackedStages).toEqual([
      { service: "fault", stage: "handling" },
      { service: "fault", stage: "resolution" },
      { service: "complaint", stage: "investigation" },
      { service: "complaint", stage: "solution" },
      { service: "complaint", stage: "closure" },
      { service: "complaint", stage: "follow-up" },
    ]);
    expect(r.trackedStages).toEqual(["response"]);
  });

  it("rejects an unusable mapping with INVALID_MAPPING and a path into it", () => {
    const bad: [unknown, readonly (string | number)[]][] = [
      [{ ...mapping, id: "" }, ["mapping", "id"]],
      [{ ...mapping, done: { responce: "Responded" } }, ["mapping", "done", "responce"]],
      [{ ...mapping, service: { value: "repair" } }, ["mapping", "service", "value"]],
      [{ ...mapping, pauses: [{ pause: "P" }] }, ["mapping", "pauses", 0, "resume"]],
    ];
    for (const [m, path] of bad) {
      let err: unknown;
      try { ticketsFromRows([], m as RowMapping, { policy }); } catch (e) { err = e; }
      expect(isSlaKitError(err, "INVALID_MAPPING"), JSON.stringify(m)).toBe(true);
      expect((err as { path: unknown }).path).toEqual(path);
    }
    expect(() => ticketsFromRows({} as never, mapping, { policy })).toThrow(/rows must be an array/);
    expect(() => ticketsFromRows([], mapping, {} as never)).toThrow(/options \{ policy \}/);
  });
});

describe("ticketsFromRows: names that are Object.prototype members are plain names", () => {
  const one: RowMapping = { id: "id", createdAt: "opened", service: { value: "fault" }, facts: { tier: "tier", urgency: "urgency" }, done: { response: "responded" } };
  const row = { id: "F-1", tier: "core", urgency: "urgent", opened: "2026-03-02T09:00:00+08:00", responded: "2026-03-02T09:10:00+08:00" };
  it("a fixed service \"constructor\", \"__proto__\" or \"toString\" is not a service of the policy (INVALID_MAPPING), never taken as one", () => {
    for (const value of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      let err: unknown;
      try { ticketsFromRows([row], { ...one, service: { value } }, { policy }); } catch (e) { err = e; }
      expect(isSlaKitError(err, "INVALID_MAPPING"), value).toBe(true);
      expect((err as { path: unknown }).path).toEqual(["mapping", "service", "value"]);
      expect((err as Error).message).toContain("is not a service");
    }
  });
  it("a service column holding \"constructor\" is a bad row (UNKNOWN_VALUE at the column), not a TypeError", () => {
    const r = ticketsFromRows([{ ...row, type: "constructor" }, { ...row, id: "F-2", type: "__proto__" }], { ...one, service: "type" }, { policy });
    expect(r.tickets).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([[1, "type", "constructor"], [2, "type", "__proto__"]]);
  });
  it("a column named \"constructor\" or \"toString\" that the row lacks is an empty cell, not Object's member", () => {
    const m: RowMapping = { ...one, done: { response: "constructor", handling: "toString" } };
    const r = ticketsFromRows([row], m, { policy });
    expect(r.errors).toEqual([]);
    expect(r.tickets[0]!.events).toEqual([]);
    const filled = ticketsFromRows([{ ...row, constructor: "2026-03-02T09:10:00+08:00" }], m, { policy });
    expect(filled.tickets[0]!.events).toEqual([{ type: "done", stage: "response", at: new Date("2026-03-02T01:10:00Z") }]);
  });
  it("facts named \"__proto__\" or \"constructor\" are kept as data and joined as columns; a ticket without them gets null", () => {
    const m = JSON.parse('{"id":"id","createdAt":"opened","service":{"value":"fault"},"facts":{"tier":"tier","urgency":"urgency","__proto__":"p","constructor":"c"},"done":{"response":"responded"}}') as RowMapping;
    const { tickets, errors } = ticketsFromRows([{ ...row, p: "x", c: "y" }, { ...row, id: "F-2" }], m, { policy });
    expect(errors).toEqual([]);
    expect(Object.getPrototypeOf(tickets[0]!.facts)).toBe(Object.prototype);
    expect(Object.entries(tickets[0]!.facts)).toEqual([["__proto__", "x"], ["constructor", "y"]]);
    const evals = tickets.map((t) => evaluateTicket(policy, t, { asOf: Date.parse("2026-03-03T00:00:00+08:00"), stages: ["response"] }));
    const tidy = flattenEvaluations(evals, { tickets });
    expect(tidy.map((r) => [Object.getOwnPropertyDescriptor(r, "__proto__")?.value, Object.getOwnPropertyDescriptor(r, "constructor")?.value])).toEqual([["x", "y"], [null, null]]);
  });
});

describe("flattenEvaluations", () => {
  it("gives one row per ticket-stage with the same columns, facts joined from the tickets, and leaves the evaluations unchanged", () => {
    fc.assert(
      fc.property(fc.array(gen, { maxLength: 6 }), (gens) => {
        const { tickets } = ticketsFromRows(gens.map((g, i) => toTicketAndRow(g, `T-${i}`).row), mapping, { policy, timeZone: "Asia/Shanghai" });
        const evals = tickets.map((t) => evaluateTicket(policy, t, { asOf: Date.UTC(2027, 0, 1) }));
        const before = JSON.stringify(evals);
        const rows = flattenEvaluations(evals, { tickets, times: "ms" });
        expect(JSON.stringify(evals)).toBe(before);
        expect(rows.length).toBe(evals.reduce((n, e) => n + e.stages.length, 0));
        const keys = rows.length > 0 ? Object.keys(rows[0]!) : [];
        for (const r of rows) expect(Object.keys(r)).toEqual(keys);
        let k = 0;
        for (const e of evals) {
          const t = tickets.find((x) => x.id === e.ticketId)!;
          for (const s of e.stages) {
            const r = rows[k++]!;
            expect([r.ticketId, r.stage, r.status, r.dueAt, r.doneAt, r.pausedMs, r.sourceRef, r.rowId, r.row, r.policyHash]).toEqual([e.ticketId, s.stage, s.status, s.dueAt?.getTime() ?? null, s.doneAt?.getTime() ?? null, s.pausedMs, s.trace.sourceRef, s.trace.rowId, t.row, policy.hash]);
            expect(r.region ?? null).toBe(t.facts.region ?? null);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("writes times as Dates, ISO texts or epoch ms, and rejects what is not an evaluation", () => {
    const ev = evaluateTicket(policy, { id: "A", service: "fault", tier: "core", urgency: "urgent", createdAt: "2026-03-02T09:00:00+08:00", events: [] }, { asOf: Date.parse("2026-03-02T09:05:00+08:00") });
    expect(flattenEvaluations([ev])[0]!.dueAt).toEqual(new Date("2026-03-02T01:15:00Z"));
    expect(flattenEvaluations([ev], { times: "iso" })[0]!.dueAt).toBe("2026-03-02T01:15:00.000Z");
    expect(flattenEvaluations([ev], { times: "ms" })[0]!.dueAt).toBe(Date.parse("2026-03-02T01:15:00Z"));
    expect(flattenEvaluations([ev])[0]!.assignee).toBeNull();
    expect(() => flattenEvaluations([{ ticketId: "x" }] as never)).toThrow(/evaluations\[0\]/);
    // Issue 13: evaluations that went through JSON (times as ISO strings) give the same rows.
    const viaJson = JSON.parse(JSON.stringify([ev])) as never;
    for (const times of ["date", "iso", "ms"] as const) expect(flattenEvaluations(viaJson, { times })).toEqual(flattenEvaluations([ev], { times }));
    expect(() => flattenEvaluations([{ ...ev, createdAt: "2026-03-02 09:00" }] as never)).toThrow(/no offset/);
    expect(() => flattenEvaluations([ev], { times: "excel" as never })).toThrow(/options.times/);
  });
});

describe("flattenEvaluations: warning and escalation levels (W1) and fact names", () => {
  const desk = parsePolicy(JSON.parse(readFileSync(new URL("../../golden/policies/escalation-desk.json", import.meta.url), "utf8")) as PolicyJson);
  const ticket = { id: "E-1", service: "fault", createdAt: "2024-05-17T14:30:00+08:00", events: [{ type: "done" as const, stage: "response", at: "2024-05-17T14:50:00+08:00" }] };

  it("W1 the latest level reached and the next one are columns, read from levelsReached / nextLevel", () => {
    for (const [asOf, level, levelAt, next, nextAt] of [
      ["2024-05-17T16:00:00+08:00", null, null, "fraction:0.5", "2024-05-17T08:30:00.000Z"],
      ["2024-05-17T17:00:00+08:00", "fraction:0.5", "2024-05-17T08:30:00.000Z", "warn", "2024-05-17T09:30:00.000Z"],
      ["2024-05-20T12:00:00+08:00", "escalate-2", "2024-05-20T03:30:00.000Z", null, null],
    ] as const) {
      const ev = evaluateTicket(desk, ticket, { asOf: new Date(asOf) });
      const rows = flattenEvaluations([ev], { times: "iso" });
      const res = rows.find((r) => r.stage === "resolution")!;
      const s = ev.stages.find((x) => x.stage === "resolution")!;
      expect([res.level, res.levelAt, res.nextLevel, res.nextLevelAt], asOf).toEqual([level, levelAt, next, nextAt]);
      expect(res.level).toBe(s.levelsReached.at(-1)?.level ?? null);
      // the same after a JSON round trip, and as ms
      expect(flattenEvaluations(JSON.parse(JSON.stringify([ev])) as never, { times: "iso" })).toEqual(rows);
      expect(flattenEvaluations([ev], { times: "ms" }).find((r) => r.stage === "resolution")!.levelAt).toBe(levelAt === null ? null : Date.parse(levelAt));
    }
  });

  it("an extra fact named like a tidy column is INVALID_ARGUMENT with its path, not silently overwritten", () => {
    const m: RowMapping = { id: "id", createdAt: "opened", service: { value: "fault" }, facts: { tier: "tier", urgency: "urgency", status: "st" }, done: { response: "responded" } };
    const row = { id: "F-1", opened: "2026-03-02T09:00:00+08:00", tier: "core", urgency: "urgent", st: "vip", responded: "" };
    const { tickets, errors } = ticketsFromRows([row], m, { policy });
    expect(errors).toEqual([]);
    const evals = tickets.map((t) => evaluateTicket(policy, t, { asOf: Date.parse("2026-03-03T00:00:00+08:00"), stages: ["response"] }));
    let caught: unknown;
    try {
      flattenEvaluations(evals, { tickets });
    } catch (e) {
      caught = e;
    }
    expect(isSlaKitError(caught) && [caught.code, caught.path]).toEqual(["INVALID_ARGUMENT", ["options", "tickets", 0, "facts", "status"]]);
    expect((caught as Error).message).toMatch(/rename it/);
  });
});
