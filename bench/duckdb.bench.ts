/**
 * DuckDB benchmark: tickets per second through `sla_evaluate` (sla-kit/duckdb) over a Parquet
 * corpus, against `evaluateTicket` called directly on the same tickets, and how the SQL path scales
 * with DuckDB's threads (SET threads = 1, 2). Reported, never asserted (machines differ).
 *
 * The corpus is bench/_tickets.ts's synthetic tickets written to Parquet by bench/_duckdb.ts
 * (tickets.parquet + events.parquet in a temp dir). The SQL is what an analyst writes: events
 * grouped per ticket with list(...), the ticket row as the facts, K17a by policy and stage.
 * Before timing, it checks that SQL and the library agree on every ticket (md5 of every stage).
 *
 * Run with `npm run bench` (all benches). Size: BENCH_DUCKDB_TICKETS (default 50000).
 *
 * What to expect: DuckDB runs the JavaScript of a scalar function on the Node.js main thread, one
 * chunk of 2048 rows at a time, whichever DuckDB thread asks; so more DuckDB threads speed up the
 * Parquet scan, the grouping of events and the aggregation, not the evaluation itself.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DuckDBInstance } from "@duckdb/node-api";
import { registerSlaFunctions } from "../src/duckdb/index.js";
import { evaluateTicket } from "../src/sla/index.js";
import { corpusPolicies, eventsSql, evaluateSql, hashLines, hashSql, stageLine, writeCorpus } from "./_duckdb.js";
import { sampleTickets } from "./_tickets.js";

const N = Number(process.env.BENCH_DUCKDB_TICKETS ?? 50_000);
const SEED = 3;
const dir = mkdtempSync(join(tmpdir(), "sla-kit-duckdb-bench-"));
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString("en-US")} tickets/s`;

async function connect(threads: number) {
  const instance = await DuckDBInstance.create(":memory:", { threads: String(threads) });
  const connection = await instance.connect();
  registerSlaFunctions(connection, { policies: corpusPolicies });
  return connection;
}

/** The analyst's query: K17a compliance by policy and stage over every ticket. */
const analystSql = `SELECT policy, s.stage, avg(s.met::int) AS compliance, count(*) AS stages
  FROM (SELECT policy, unnest(stages) AS s FROM (${evaluateSql(dir)}))
  GROUP BY ALL`;
/** The same scan, grouping and join without sla_evaluate: what DuckDB alone costs. */
const scanOnlySql = `WITH ev AS (${eventsSql(dir)})
  SELECT count(*), sum(len(ev.events)) FROM read_parquet('${join(dir, "tickets.parquet")}') t LEFT JOIN ev ON ev.ticket_id = t.id`;

try {
  const samples = sampleTickets(SEED, N);
  {
    const setup = await connect(2);
    const t0 = performance.now();
    await writeCorpus(setup, dir, SEED, N);
    console.log(`corpus: ${N} tickets written to Parquet in ${Math.round(performance.now() - t0)} ms`);
    // agreement first: a rate of wrong answers means nothing
    const sql = (await setup.runAndReadAll(hashSql(`(${evaluateSql(dir)})`))).getRowObjectsJS()[0]!;
    const lib = hashLines(samples.map(({ policy, ticket, asOf }) => `${ticket.id}|${evaluateTicket(policy, ticket, { asOf }).stages.map(stageLine).join(";")}`));
    if (sql["hash"] !== lib) {
      console.error(`SQL and the library disagree on the corpus (md5 ${String(sql["hash"])} vs ${lib}): run test/duckdb/corpus.test.ts`);
      process.exit(1);
    }
    console.log(`SQL and the library agree on all ${N} tickets (md5 ${lib})`);
    setup.closeSync();
  }

  const rows: [string, string, string][] = [];
  // the library directly (warm after the agreement pass)
  {
    const t0 = performance.now();
    for (const { policy, ticket, asOf } of samples) evaluateTicket(policy, ticket, { asOf });
    const ms = performance.now() - t0;
    rows.push(["evaluateTicket (in memory, no I/O)", `${Math.round(ms)} ms`, rate(N, ms)]);
  }
  for (const threads of [1, 2]) {
    const connection = await connect(threads);
    await connection.run(`SET threads = ${threads}`);
    let t0 = performance.now();
    await connection.runAndReadAll(scanOnlySql);
    let ms = performance.now() - t0;
    rows.push([`DuckDB threads=${threads}: Parquet scan + list() of events, no sla-kit`, `${Math.round(ms)} ms`, rate(N, ms)]);
    await connection.runAndReadAll(`SELECT count(*) FROM (${analystSql})`); // warm-up pass (JIT, caches)
    t0 = performance.now();
    const result = (await connection.runAndReadAll(analystSql)).getRowObjectsJS();
    ms = performance.now() - t0;
    rows.push([`DuckDB threads=${threads}: sla_evaluate, K17a by policy and stage (${result.length} groups)`, `${Math.round(ms)} ms`, rate(N, ms)]);
    connection.closeSync();
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${N} tickets (TZ=${process.env.TZ ?? "host"}, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)})`);
  for (const [what, ms, r] of rows) console.log(`  ${what.padEnd(w)}  ${ms.padStart(9)}  ${r.padStart(18)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
