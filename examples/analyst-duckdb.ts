/**
 * An analyst's notebook with DuckDB (tsx or Deno, top-level await): tickets in Parquet, SLA
 * statuses in SQL with sla-kit/duckdb, and a check that SQL gives what the library gives.
 * Needs `npm install sla-kit @duckdb/node-api`. In Deno write the imports as "npm:sla-kit/duckdb",
 * "npm:@duckdb/node-api" ... and run with -A (the DuckDB binding is a native addon).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, timestampTZValue } from "@duckdb/node-api";
import { registerSlaFunctions } from "sla-kit/duckdb";
import { rollup } from "sla-kit/kpi";
import { evaluateTicket, robotIntegration2026, type Ticket } from "sla-kit/sla";

// 1. 3,000 fault tickets of 2025 as the ticket system exports them: one Parquet row per ticket,
//    one timestamp column per stage (NULL: not done yet). A tiny PRNG keeps the numbers stable.
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const MIN = 60_000;
const owners = ["li", "wang", "zhang", "zhao"];
const tickets: Ticket[] = Array.from({ length: 3000 }, (_, i) => {
  const created = Date.parse("2025-01-02T00:00:00+08:00") + Math.floor(rnd() * 360) * 86_400_000 + Math.floor(rnd() * 86_400_000);
  const responded = created + (5 + Math.floor(rnd() * 40)) * MIN;
  const handled = rnd() < 0.9 ? responded + (10 + Math.floor(rnd() * 150)) * MIN : undefined;
  return {
    id: `F-${i}`, service: "fault", tier: ["core", "important", "ordinary"][i % 3]!, urgency: rnd() < 0.3 ? "urgent" : "general",
    assignee: owners[Math.floor(rnd() * owners.length)]!, createdAt: created,
    events: [{ type: "done", stage: "response", at: responded }, ...(handled === undefined ? [] : [{ type: "done" as const, stage: "handling", at: handled }])],
  };
});
const dir = mkdtempSync(join(tmpdir(), "sla-kit-analyst-"));
const connection = await (await DuckDBInstance.create(":memory:")).connect();
await connection.run("CREATE TABLE export (ticket VARCHAR, type VARCHAR, tier VARCHAR, urgency VARCHAR, owner VARCHAR, opened TIMESTAMPTZ, responded TIMESTAMPTZ, handled TIMESTAMPTZ)");
const appender = await connection.createAppender("export");
const at = (t: Ticket, stage: string) => t.events.find((e) => "stage" in e && e.stage === stage)?.at as number | undefined;
for (const t of tickets) {
  appender.appendVarchar(t.id); appender.appendVarchar(t.service); appender.appendVarchar(t.tier!); appender.appendVarchar(t.urgency!); appender.appendVarchar(t.assignee!);
  for (const ms of [t.createdAt as number, at(t, "response"), at(t, "handling")]) {
    if (ms === undefined) appender.appendNull();
    else appender.appendTimestampTZ(timestampTZValue(BigInt(ms) * 1000n));
  }
  appender.endRow();
}
appender.closeSync();
await connection.run(`COPY export TO '${join(dir, "tickets.parquet")}' (FORMAT parquet)`);

// 2. The notebook: register the functions once, then plain SQL over the Parquet files.
registerSlaFunctions(connection, { policies: { robot: robotIntegration2026 } });
const asOf = "2026-01-01 00:00:00+08";
const perStage = `
  SELECT tier, owner, strftime(opened AT TIME ZONE 'Asia/Shanghai', '%Y-%m') AS month, unnest(sla_evaluate('robot',
      {id: ticket, service: type, tier: tier, urgency: urgency, created_at: opened},
      [{'type': 'done', 'stage': 'response', 'at': responded}, {'type': 'done', 'stage': 'handling', 'at': handled}],
      TIMESTAMPTZ '${asOf}', {stages: ['response', 'handling']})) AS s
  FROM read_parquet('${join(dir, "*.parquet")}')`;

const t0 = performance.now();
const byTier = (await connection.runAndReadAll(`
  SELECT tier, round(100 * avg(s.met::int), 1) AS compliance_pct, count(*) FILTER (WHERE s.status = 'overdue')::INT AS overdue
  FROM (${perStage}) GROUP BY ALL ORDER BY tier`)).getRowObjectsJS();
console.log(`K17a by tier, ${tickets.length} tickets through DuckDB in ${(performance.now() - t0).toFixed(0)} ms:`);
console.table(byTier);

const worst = (await connection.runAndReadAll(`
  SELECT owner, month, round(100 * avg(s.met::int), 1) AS compliance_pct
  FROM (${perStage}) GROUP BY ALL ORDER BY compliance_pct, owner, month LIMIT 3`)).getRowObjectsJS();
console.log("worst owner-months:");
console.table(worst);

// 3. The same numbers from the library: rollup over evaluateTicket (only the stages the table tracks).
const evaluations = tickets.map((t) => evaluateTicket(robotIntegration2026, t, { asOf: "2026-01-01T00:00:00+08:00", stages: ["response", "handling"] }));
for (const row of rollup(evaluations, { by: ["tier"] })) {
  const sql = byTier.find((r) => r["tier"] === row.tier);
  const lib = row.complianceRate.value === null ? null : Math.round(1000 * row.complianceRate.value) / 10;
  if (sql === undefined || sql["compliance_pct"] !== lib || sql["overdue"] !== row.overdue) {
    throw new Error(`SQL and the library disagree for tier ${row.tier}: ${JSON.stringify(sql)} vs ${lib}% / ${row.overdue} overdue`);
  }
}
console.log("SQL (sla_evaluate) and the library (evaluateTicket + rollup) agree on every tier");
connection.closeSync();
rmSync(dir, { recursive: true, force: true });
