/**
 * Tidy rows a chunk at a time: `flattenEvaluations` with `facts` (the fact columns of the whole
 * table) over chunks gives the rows of the whole table at once, and `sla-kit report --format
 * csv|json`, which flattens `TIDY_CHUNK` tickets at a time, writes what one flattening writes.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse as parseCsv } from "csv-parse/sync";
import { isSlaKitError } from "../../src/errors.js";
import { evaluateTicket, parsePolicy, robotIntegration2026, type PolicyJson, type TicketEvaluation } from "../../src/sla/index.js";
import { flattenEvaluations, ticketsFromRows, type RowMapping, type TableTicket } from "../../src/table/index.js";
import { TIDY_CHUNK } from "../../src/cli/reportCommand.js";
import { cli, scratch } from "../cli/_cli.js";
import { MAPPING, syntheticRows, toCsv } from "./synthetic.js";

const AS_OF = "2026-04-01T00:00:00+08:00";
const policyJson: PolicyJson = { ...(JSON.parse(JSON.stringify(robotIntegration2026)) as PolicyJson), pauseReasons: { "customer unavailable": { stops: ["response", "handling", "resolution"] } } };
const policy = parsePolicy(policyJson);
const { timeZone, ...mapping } = MAPPING;

/** The synthetic table read and evaluated as the report does (untracked stages left out). */
function table(rows: readonly Record<string, string>[]): { tickets: readonly TableTicket[]; evaluations: TicketEvaluation[] } {
  const r = ticketsFromRows(rows, mapping as unknown as RowMapping, { policy, timeZone, firstRowNumber: 2 });
  const evaluations = r.tickets.map((t) => evaluateTicket(policy, t, { asOf: Date.parse(AS_OF), stages: r.trackedStages, trace: false }));
  return { tickets: r.tickets, evaluations };
}

/** `tickets` with the extra fact `device` on some of them (a fact only some tickets have). */
const withDevice = (tickets: readonly TableTicket[]): TableTicket[] => tickets.map((t, i) => (i % 7 === 3 ? { ...t, facts: { ...t.facts, device: `arm-${i}` } } : t));

describe("flattenEvaluations a chunk at a time (options.facts)", () => {
  const base = table(syntheticRows(120, 5));

  it("chunks with the whole table's facts, joined with their own tickets, give the rows of one flattening", () => {
    const tickets = withDevice(base.tickets);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), fc.constantFrom("date" as const, "iso" as const, "ms" as const), (size, times) => {
        const whole = flattenEvaluations(base.evaluations, { tickets, times });
        const facts = ["device", "region"];
        const parts = [];
        for (let from = 0; from < base.evaluations.length; from += size) {
          parts.push(...flattenEvaluations(base.evaluations.slice(from, from + size), { tickets: tickets.slice(from, from + size), facts, times }));
        }
        expect(parts).toEqual(whole);
        for (const r of parts) expect(Object.keys(r)).toEqual(Object.keys(whole[0]!));
      }),
      { numRuns: 25 },
    );
  });

  it("facts choose the fact columns and their order: an unlisted fact is left out, a listed fact a ticket lacks is null", () => {
    const tickets = withDevice(base.tickets);
    const ev = base.evaluations.slice(0, 4);
    const keys = Object.keys(flattenEvaluations(ev, { tickets, facts: ["region", "device"] })[0]!);
    expect(keys.slice(keys.indexOf("department") + 1, keys.indexOf("createdAt"))).toEqual(["region", "device"]);
    const none = flattenEvaluations(ev, { tickets, facts: [] });
    expect(Object.keys(none[0]!)).not.toContain("region");
    const rows = flattenEvaluations(ev, { facts: ["region"] }); // no tickets: the column is there, empty
    expect(rows.map((r) => r.region)).toEqual(rows.map(() => null));
  });

  it("rejects facts that are not distinct names, or name a tidy column, with INVALID_ARGUMENT at options.facts[k]", () => {
    const ev = base.evaluations.slice(0, 1);
    for (const [facts, path, why] of [
      ["region", ["options", "facts"], /array of fact names/],
      [["region", 7], ["options", "facts", 1], /not a fact name/],
      [["region", "status"], ["options", "facts", 1], /"status" has the name of a tidy-row column.*statusFact/],
      [["region", "device", "region"], ["options", "facts", 2], /listed twice/],
    ] as const) {
      let caught: unknown;
      try {
        flattenEvaluations(ev, { facts: facts as never });
      } catch (e) {
        caught = e;
      }
      expect(isSlaKitError(caught) && [caught.code, caught.path], JSON.stringify(facts)).toEqual(["INVALID_ARGUMENT", path]);
      expect((caught as Error).message).toMatch(why);
    }
  });
});

describe("sla-kit report --format csv|json, chunk by chunk", () => {
  const files = scratch("sla-kit-chunks-");
  const rows = syntheticRows(TIDY_CHUNK + 300, 11); // two chunks
  const csv = files.file("tickets.csv", toCsv(rows));
  const mappingFile = files.file("mapping.json", JSON.stringify(MAPPING));
  const policyFile = files.file("policy.json", JSON.stringify(policyJson));
  const args = ["--policy", policyFile, "--mapping", mappingFile, "--as-of", AS_OF, "--quiet"];

  it("writes the rows one flattening of every evaluation gives (JSON byte for byte, CSV cell for cell)", async () => {
    const { tickets, evaluations } = table(rows);
    expect(tickets.length).toBeGreaterThan(TIDY_CHUNK);
    const whole = flattenEvaluations(evaluations, { tickets, times: "iso" });
    const j = await cli("report", csv, ...args, "--format", "json");
    expect(j.code).toBe(0);
    expect(j.out).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    const c = await cli("report", csv, ...args, "--format", "csv");
    expect(c.code).toBe(0);
    const cells = parseCsv(c.out, { columns: true }) as Record<string, string>[];
    expect(cells).toEqual(whole.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? "" : String(v)]))));
  }, 120_000);

  it("refuses a mapping fact named like a tidy column before evaluating (exit 2, says which fact to rename)", async () => {
    const bad = files.file("bad-mapping.json", JSON.stringify({ ...MAPPING, facts: { ...MAPPING.facts, status: "region" } }));
    const small = files.file("small.csv", toCsv(syntheticRows(50, 2)));
    const r = await cli("report", small, "--policy", policyFile, "--mapping", bad, "--as-of", AS_OF, "--format", "csv", "--quiet");
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(/bad-mapping\.json: the fact "status" has the name of a tidy-row column.*statusFact/);
  });
});
