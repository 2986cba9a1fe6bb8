// Smoke test of sla-kit/duckdb in the packed package, from the temp project of .ci/run:
//   node smoke-duckdb.mjs missing   before the optional peer is installed: importing the entry
//                                   fails, and the error names @duckdb/node-api
//   node smoke-duckdb.mjs           with @duckdb/node-api installed: registers the functions on an
//                                   in-memory database and checks sla_due and sla_evaluate
// Also run under Deno (`deno run -A --node-modules-dir=manual smoke-duckdb.mjs`).
/* global process, console */
import { strict as assert } from "node:assert";

const label = typeof globalThis.Deno === "undefined" ? "node" : "deno";

if (process.argv[2] === "missing") {
  await assert.rejects(import("sla-kit/duckdb"), (e) => /@duckdb\/node-api/.test(String(e?.message ?? e)));
  await import("sla-kit/sla"); // the other entries never need it
  console.log(`smoke-duckdb (${label}): without @duckdb/node-api, sla-kit/duckdb fails to load naming it; sla-kit/sla loads`);
} else {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const { registerSlaFunctions } = await import("sla-kit/duckdb");
  const { robotIntegration2026 } = await import("sla-kit/sla");
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const registered = registerSlaFunctions(connection, { policies: { robot: robotIntegration2026 }, timeZone: "Asia/Shanghai" });
  assert.deepEqual(registered.functions, ["sla_due", "sla_evaluate"]);
  const rows = (await connection.runAndReadAll(`
    SELECT epoch_ms(sla_due('robot', 'fault', 'core', 'urgent', 'response', TIMESTAMP '2024-05-06 10:00:00')) AS due,
           [s.status FOR s IN sla_evaluate('robot', {id: 'T-1', service: 'fault', tier: 'core', urgency: 'urgent', created_at: TIMESTAMPTZ '2024-05-06 10:00:00+08'},
             [{'type': 'done', 'stage': 'response', 'at': TIMESTAMPTZ '2024-05-06 10:12:00+08'}], TIMESTAMPTZ '2024-05-06 10:50:00+08')] AS statuses`)).getRowObjectsJS();
  assert.equal(rows[0].due, BigInt(Date.parse("2024-05-06T10:15:00+08:00")));
  assert.deepEqual(rows[0].statuses, ["met", "warning", "pending"]);
  await assert.rejects(connection.run("SELECT sla_due('robot', 'fault', 'gold', 'urgent', 'response', TIMESTAMPTZ '2024-05-06 10:00:00+08')"), /UNKNOWN_VALUE/);
  connection.closeSync();
  console.log(`smoke-duckdb (${label}): sla_due and sla_evaluate answer in SQL`);
}
