/**
 * sla-kit/duckdb against the library on every golden case: each `dueAt` and `evaluateTicket`
 * case of golden/*.yaml is run through SQL (`sla_due`, `sla_evaluate`) and directly, and both
 * give the same deadline / the same stages (every field of the SQL struct) / the same error code.
 * Runs under every TZ of `npm test`: DuckDB's session zone follows the host's, the answers must not.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isSlaKitError } from "../../src/errors.js";
import { builtinPolicies, type CaseFile } from "../../src/golden/index.js";
import { reviveInstants } from "../../src/golden/_plain.js";
import { dueAt, evaluateTicket, parsePolicy, type Policy, type Ticket } from "../../src/sla/index.js";
import { stageLine, stageLineSql } from "../../bench/_duckdb.js";
import { codeOf, connect, listLiteral, literal, structLiteral } from "./_sql.js";

const dir = new URL("../../golden/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "known-bugs.yaml").sort();

/** The case file's policy: a built-in name, or a policy file relative to the case file (as `sla-kit check` reads it). */
function policyOf(file: string, policy: unknown): Policy | undefined {
  if (typeof policy !== "string") return undefined;
  if (policy in builtinPolicies) return builtinPolicies[policy];
  return parsePolicy(parse(readFileSync(new URL(policy, new URL(file, dir)), "utf8")));
}

/** Every case file with dueAt / evaluateTicket cases, with its policy under the SQL name `file`. */
const withCases = files
  .map((file) => ({ file, data: parse(readFileSync(new URL(file, dir), "utf8")) as CaseFile }))
  .filter(({ data }) => data.cases.some((c) => c.kind === "dueAt" || c.kind === "evaluateTicket"))
  .map((f) => ({ ...f, policy: policyOf(f.file, f.data.policy) }));

let connection: DuckDBConnection;
beforeAll(async () => {
  const policies = Object.fromEntries(withCases.flatMap(({ file, policy }) => (policy === undefined ? [] : [[file, policy]])));
  connection = await connect({ policies });
});
afterAll(() => connection?.closeSync());

/** The library's answer, or `error CODE`. */
function direct(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (!isSlaKitError(e)) throw e;
    return `error ${e.code}`;
  }
}

/** The first column of the first row of a query, or `error CODE`. */
async function viaSql(sql: string, read: (v: unknown) => string): Promise<string> {
  try {
    const rows = (await connection.runAndReadAll(sql)).getRowsJS();
    return read(rows[0]![0]);
  } catch (e) {
    return `error ${codeOf(e)}`;
  }
}

const isoOf = (v: unknown) => (v === null ? "NULL" : (v as Date).toISOString());

for (const { file, data, policy: found } of withCases) {
  const name = file; // the SQL name the policy is registered under
  const cases = data.cases.filter((c) => c.kind === "dueAt" || c.kind === "evaluateTicket");
  describe(`golden/${file} through SQL`, () => {
    it("names a policy (built-in or a file), registered under the file's name", () => {
      expect(found).toBeDefined();
    });
    const policy = found!;
    for (const c of cases) {
      const input = reviveInstants(c.input) as Record<string, unknown>;
      if (c.kind === "dueAt") {
        it(`sla_due = dueAt: ${c.id}`, async () => {
          const q = input["query"] as Record<string, string | undefined>;
          const anchor = input["anchor"];
          const lib = direct(() => dueAt(policy, q as never, anchor as Date).toISOString());
          const extra = q["location"] !== undefined || q["channel"] !== undefined ? `, ${structLiteral({ location: q["location"] ?? null, channel: q["channel"] ?? null }, { location: "VARCHAR", channel: "VARCHAR" })}` : "";
          const sql = await viaSql(
            `SELECT sla_due(${literal(name)}, ${literal(q["service"] ?? null, "VARCHAR")}, ${literal(q["tier"] ?? null, "VARCHAR")}, ${literal(q["urgency"] ?? null, "VARCHAR")}, ${literal(q["stage"] ?? null, "VARCHAR")}, ${literal(anchor)}${extra})`,
            isoOf,
          );
          expect(sql).toBe(lib);
          if (c.expectError !== undefined) expect(sql).toMatch(/^error /);
        });
      } else {
        it(`sla_evaluate = evaluateTicket: ${c.id}`, async () => {
          const { events, ...facts } = input["ticket"] as Ticket;
          const options = (input["options"] ?? {}) as { stages?: readonly string[]; allowOutsideEffectiveDates?: boolean };
          const asOf = reviveInstants(c.asOf) as Date;
          const lib = direct(() => evaluateTicket(policy, { ...facts, events } as Ticket, { ...options, asOf }).stages.map(stageLine).join("\n"));
          const opts = options.stages !== undefined || options.allowOutsideEffectiveDates !== undefined
            ? `, {stages: ${options.stages === undefined ? "NULL" : `[${options.stages.map((s) => literal(s)).join(", ")}]`}, allow_outside_effective_dates: ${literal(options.allowOutsideEffectiveDates ?? null, "BOOLEAN")}}`
            : "";
          const sql = await viaSql(
            `SELECT list_transform(sla_evaluate(${literal(name)}, ${structLiteral(facts as Record<string, unknown>)}, ${listLiteral(events as never)}, ${literal(asOf)}${opts}), s -> ${stageLineSql})`,
            (v) => (v as string[]).join("\n"),
          );
          expect(sql).toBe(lib);
          if (c.expectError !== undefined) expect(sql).toMatch(/^error /);
          else expect(sql.split("\n").length).toBeGreaterThan(0);
        });
      }
    }
  });
}

