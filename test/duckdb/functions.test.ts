/**
 * sla-kit/duckdb: what SQL may pass to sla_due / sla_evaluate and what comes back for it
 * (times of every kind, NULLs, options, errors), and registerSlaFunctions' own checks.
 * DuckDB's session zone follows the host's TZ (the three runs of `npm test`); no answer may.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerSlaFunctions } from "../../src/duckdb/index.js";
import { isSlaKitError } from "../../src/errors.js";
import { dueAt, evaluateTicket, parsePolicy, robotIntegration2026, type PolicyJson } from "../../src/sla/index.js";
import { codeOf, connect } from "./_sql.js";

let db: DuckDBConnection;
beforeAll(async () => {
  db = await connect({ policies: { robot: robotIntegration2026 }, timeZone: "Asia/Shanghai" });
});
afterAll(() => db?.closeSync());

const one = async (sql: string): Promise<unknown> => (await db.runAndReadAll(sql)).getRowsJS()[0]![0];
const fails = async (sql: string): Promise<string> => {
  try {
    await db.runAndReadAll(sql);
  } catch (e) {
    return `${codeOf(e)}: ${(e as Error).message}`;
  }
  throw new Error(`no error from ${sql}`);
};
const faultResponse = (anchor: string) => `sla_due('robot', 'fault', 'core', 'urgent', 'response', ${anchor})`;
const TEN = "2024-05-06T10:15:00.000Z"; // S4: core urgent fault response within 15 minutes of 10:00 Shanghai

describe("sla_due: the same instant whatever type the anchor has (S4 core urgent response, 15 min)", () => {
  it("TIMESTAMPTZ, ISO text with an offset, and a naive TIMESTAMP read in the registered zone", async () => {
    const lib = dueAt(robotIntegration2026, { service: "fault", tier: "core", urgency: "urgent", stage: "response" }, new Date("2024-05-06T10:00:00+08:00"));
    expect(lib.toISOString()).toBe("2024-05-06T02:15:00.000Z");
    for (const anchor of ["TIMESTAMPTZ '2024-05-06 10:00:00+08'", "'2024-05-06T10:00:00+08:00'", "TIMESTAMP '2024-05-06 10:00:00'", "TIMESTAMP_MS '2024-05-06 10:00:00'", "TIMESTAMP_S '2024-05-06 10:00:00'", "TIMESTAMP_NS '2024-05-06 10:00:00'", "TIMESTAMP '2024-05-06 02:00:00' AT TIME ZONE 'UTC'"]) {
      expect(((await one(`SELECT ${faultResponse(anchor)}`)) as Date).toISOString(), anchor).toBe(lib.toISOString());
    }
    expect(TEN).not.toBe(lib.toISOString()); // 10:15 is Shanghai wall time, not UTC
  });

  it("a NULL anchor (the anchor has not happened) gives NULL; a NULL tier is a query without tier", async () => {
    expect(await one(`SELECT ${faultResponse("NULL")}`)).toBeNull();
    expect(await one(`SELECT ${faultResponse("CAST(NULL AS TIMESTAMPTZ)")}`)).toBeNull();
    expect(await fails("SELECT sla_due('robot', 'fault', NULL, 'urgent', 'response', TIMESTAMPTZ '2024-05-06 10:00:00+08')")).toMatch(/^MISSING_DIMENSION: .*tier/);
  });

  it("S7 location goes in the 7th argument; other keys there are refused", async () => {
    const lib = dueAt(robotIntegration2026, { service: "onsite", tier: "core", urgency: "urgent", location: "same-city", stage: "arrival" }, new Date("2024-05-06T10:00:00+08:00"));
    const sql = await one("SELECT sla_due('robot', 'onsite', 'core', 'urgent', 'arrival', TIMESTAMPTZ '2024-05-06 10:00:00+08', {location: 'same-city'})");
    expect((sql as Date).toISOString()).toBe(lib.toISOString());
    expect(await fails("SELECT sla_due('robot', 'onsite', 'core', 'urgent', 'arrival', TIMESTAMPTZ '2024-05-06 10:00:00+08', {place: 'x'})")).toMatch(/^INVALID_ARGUMENT: .*place/);
  });

  it("errors name the code, the argument and what to fix; TRY() turns them into NULL", async () => {
    expect(await fails(`SELECT ${faultResponse("DATE '2024-05-06'")}`)).toMatch(/^INVALID_ARGUMENT: .*DATE.*TIMESTAMPTZ/);
    expect(await fails("SELECT sla_due('nope', 'fault', 'core', 'urgent', 'response', TIMESTAMPTZ '2024-05-06 10:00:00+08')")).toMatch(/^UNKNOWN_VALUE: .*"nope".*"robot"/);
    expect(await fails("SELECT sla_due('robot', 'fault')")).toMatch(/^INVALID_ARGUMENT: .*takes 6 or 7 arguments, got 2/);
    expect(await fails("SELECT sla_due('robot', 'fault', 'gold', 'urgent', 'response', TIMESTAMPTZ '2024-05-06 10:00:00+08')")).toMatch(/^UNKNOWN_VALUE: .*at tier.*"gold"/);
    expect(await fails("SELECT sla_due('robot', 42, 'core', 'urgent', 'response', TIMESTAMPTZ '2024-05-06 10:00:00+08')")).toMatch(/^INVALID_ARGUMENT: .*service must be a VARCHAR/);
    expect(await fails(`SELECT ${faultResponse("'2024-05-06 10:00'")}`)).toMatch(/^INVALID_ARGUMENT: .*no offset/);
    expect(await one("SELECT TRY(sla_due('robot', 'fault', 'gold', 'urgent', 'response', TIMESTAMPTZ '2024-05-06 10:00:00+08'))")).toBeNull();
  });
});

describe("sla_evaluate", () => {
  const facts = "{id: 'T-1', service: 'fault', tier: 'core', urgency: 'urgent', created_at: TIMESTAMP '2024-05-06 10:00:00'}";
  const asOf = "TIMESTAMPTZ '2024-05-06 10:50:00+08'";
  const ticket = { id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [{ type: "done" as const, stage: "response", at: "2024-05-06T10:12:00+08:00" }] };
  const statuses = async (sql: string) => ((await one(sql)) as { stage: string; status: string }[]).map((s) => `${s.stage}:${s.status}`);

  it("W1: statuses as evaluateTicket gives them; a NULL `at` is an event that did not happen", async () => {
    const lib = evaluateTicket(robotIntegration2026, ticket, { asOf: "2024-05-06T10:50:00+08:00" }).stages.map((s) => `${s.stage}:${s.status}`);
    expect(lib).toEqual(["response:met", "handling:warning", "resolution:pending"]);
    expect(await statuses(`SELECT sla_evaluate('robot', ${facts}, [{'type': 'done', 'stage': 'response', 'at': TIMESTAMP '2024-05-06 10:12:00'}, {'type': 'done', 'stage': 'handling', 'at': NULL}], ${asOf})`)).toEqual(lib);
    expect(await statuses(`SELECT sla_evaluate('robot', ${facts}, NULL, ${asOf})`)).toEqual(["response:overdue", "handling:warning", "resolution:pending"]);
  });

  it("K17a: met is true for met, false for breached/overdue, NULL otherwise; stages option leaves stages out", async () => {
    const rows = (await one(`SELECT sla_evaluate('robot', ${facts}, [], TIMESTAMPTZ '2024-05-07 10:00:00+08', {stages: ['response', 'handling']})`)) as { stage: string; status: string; met: boolean | null }[];
    expect(rows.map((s) => [s.stage, s.status, s.met])).toEqual([["response", "overdue", false], ["handling", "overdue", false]]);
    const open = (await one(`SELECT sla_evaluate('robot', ${facts}, [], ${asOf})`)) as { status: string; met: boolean | null }[];
    expect(open.map((s) => [s.status, s.met])).toEqual([["overdue", false], ["warning", null], ["pending", null]]);
  });

  it("the whole ticket row may be the facts (extra fields ignored), camelCase names are read too", async () => {
    expect(await statuses(`SELECT sla_evaluate('robot', {id: 'T-1', service: 'fault', tier: 'core', urgency: 'urgent', createdAt: TIMESTAMPTZ '2024-05-06 10:00:00+08', region: 'north', n: 7}, [], ${asOf})`)).toEqual(["response:overdue", "handling:warning", "resolution:pending"]);
  });

  it("S16 a reclassify event's facts: a STRUCT, JSON text, or the dimensions as fields of the event", async () => {
    const re = parsePolicy({ ...(JSON.parse(JSON.stringify(robotIntegration2026)) as PolicyJson), id: "robot-re", reclassify: { urgency: "restart" } });
    const own = await connect({ policies: { re }, timeZone: "Asia/Shanghai" });
    try {
      const t = { id: "T-1", service: "fault", tier: "core", urgency: "general", createdAt: "2024-05-06T10:00:00+08:00" };
      const line = (s: { stage: string; status: string; dueAt: Date | null }) => `${s.stage}:${s.status}:${s.dueAt?.toISOString() ?? "-"}`;
      const lib = evaluateTicket(re, { ...t, events: [{ type: "reclassify", at: "2024-05-06T10:10:00+08:00", facts: { urgency: "urgent" } }] }, { asOf: "2024-05-06T10:50:00+08:00" }).stages.map(line);
      expect(lib).not.toEqual(evaluateTicket(re, { ...t, events: [] }, { asOf: "2024-05-06T10:50:00+08:00" }).stages.map(line));
      const at = "'at': TIMESTAMP '2024-05-06 10:10:00'";
      for (const ev of [`{'type': 'reclassify', ${at}, 'facts': {'urgency': 'urgent'}}`, `{'type': 'reclassify', ${at}, 'facts': '{"urgency":"urgent"}'}`, `{'type': 'reclassify', ${at}, 'urgency': 'urgent'}`]) {
        const rows = (await own.runAndReadAll(`SELECT sla_evaluate('re', {id: 'T-1', service: 'fault', tier: 'core', urgency: 'general', created_at: TIMESTAMP '2024-05-06 10:00:00'}, [${ev}], ${asOf})`)).getRowsJS()[0]![0] as { stage: string; status: string; due_at: Date | null }[];
        expect(rows.map((r) => line({ ...r, dueAt: r.due_at }))).toEqual(lib);
      }
    } finally {
      own.closeSync();
    }
  });

  it("errors carry the ticket id, the code and the path into the events; TRY() gives NULL", async () => {
    const early = `[{'type': 'done', 'stage': 'response', 'at': TIMESTAMP '2024-05-06 09:00:00'}]`;
    expect(await fails(`SELECT sla_evaluate('robot', ${facts}, ${early}, ${asOf})`)).toMatch(/^INVALID_EVENT: .*events\[0\].*ticket "T-1"/);
    expect(await one(`SELECT TRY(sla_evaluate('robot', ${facts}, ${early}, ${asOf}))`)).toBeNull();
    expect(await fails(`SELECT sla_evaluate('robot', 'T-1', [], ${asOf})`)).toMatch(/^INVALID_ARGUMENT: .*at ticket: ticket must be a STRUCT/);
    expect(await fails(`SELECT sla_evaluate('robot', ${facts}, 'done', ${asOf})`)).toMatch(/^INVALID_ARGUMENT: .*events must be a LIST/);
    expect(await fails(`SELECT sla_evaluate('robot', ${facts}, [], NULL)`)).toMatch(/^INVALID_ARGUMENT: .*as_of is NULL/);
    expect(await fails(`SELECT sla_evaluate('robot', ${facts}, [], ${asOf}, {stage: ['response']})`)).toMatch(/^INVALID_ARGUMENT: .*options\.stage is not an option/);
    expect(await fails(`SELECT sla_evaluate('robot', ${facts}, [], ${asOf}, {stages: ['responce']})`)).toMatch(/^INVALID_ARGUMENT: .*responce/);
  });

  it("a naive TIMESTAMP without a registered zone is refused, never read in the session's zone", async () => {
    const bare = await connect({ policies: { robot: robotIntegration2026 } });
    try {
      await expect(bare.runAndReadAll(`SELECT sla_evaluate('robot', ${facts}, [], ${asOf})`)).rejects.toThrow(/INVALID_ARGUMENT at ticket\.created_at: .*TIMESTAMP without time zone.*timeZone/);
    } finally {
      bare.closeSync();
    }
  });
});

describe("registerSlaFunctions: its own arguments", () => {
  const host = { registerScalarFunction: () => undefined };
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (isSlaKitError(e)) return `${e.code} ${e.path.join(".")}`;
      throw e;
    }
    return "no error";
  };

  it("returns the function names and the policies by SQL name, with id, version and hash", () => {
    const r = registerSlaFunctions(host, { policies: { robot: robotIntegration2026 } });
    expect(r).toEqual({ functions: ["sla_due", "sla_evaluate"], policies: [{ name: "robot", id: robotIntegration2026.id, version: robotIntegration2026.version, hash: robotIntegration2026.hash }] });
  });

  it("refuses a missing connection, empty or bad policies and a bad zone, with paths", () => {
    expect(code(() => registerSlaFunctions(null as never, { policies: { robot: robotIntegration2026 } }))).toBe("INVALID_ARGUMENT connection");
    expect(code(() => registerSlaFunctions(host, undefined as never))).toBe("INVALID_ARGUMENT options");
    expect(code(() => registerSlaFunctions(host, { policies: {} }))).toBe("INVALID_ARGUMENT options.policies");
    expect(code(() => registerSlaFunctions(host, { policies: [robotIntegration2026] as never }))).toBe("INVALID_ARGUMENT options.policies");
    expect(code(() => registerSlaFunctions(host, { policies: { robot: { id: "x" } as never } }))).toMatch(/^INVALID_POLICY options\.policies\.robot/);
    expect(code(() => registerSlaFunctions(host, { policies: { robot: robotIntegration2026 }, timeZone: "Mars/Olympus" }))).toBe("INVALID_ARGUMENT options.timeZone");
  });
});
