/**
 * A seeded corpus of synthetic tickets (bench/_tickets.ts: both built-in policies with a pause
 * reason, every service, done / pause / resume / agreed-deadline / remote-resolved events, some
 * listed out of order) written to Parquet by DuckDB's COPY in a temp directory, evaluated in SQL
 * with `sla_evaluate` (the whole ticket row as the facts, the events grouped per ticket with
 * `list(... ORDER BY seq)`) and by `evaluateTicket` on the generated tickets: the md5 of every
 * stage's fields (bench/_duckdb.ts `stageLine`, all fields of the SQL struct but fraction_used)
 * is the same both ways.
 *
 * Size: SLA_KIT_DUCKDB_TICKETS. Default under CI (`CI` set, as .ci/run does): 100000 in the
 * TZ=UTC run and 20000 in the America/New_York and Asia/Shanghai runs (the zone matters to how
 * times are read and written, not to the size); 10000 otherwise, for a quicker local run on a busy
 * 2-core box.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateTicket } from "../../src/sla/index.js";
import { corpusPolicies, evaluateSql, hashLines, hashSql, linesSql, stageLine, writeCorpus } from "../../bench/_duckdb.js";
import { sampleTicket } from "../../bench/_tickets.js";
import { connect } from "./_sql.js";

const N = Number(process.env["SLA_KIT_DUCKDB_TICKETS"] ?? (process.env["CI"] ? (process.env["TZ"] === "UTC" ? 100_000 : 20_000) : 10_000));
const SEED = 17;

let dir: string;
let connection: DuckDBConnection;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sla-kit-duckdb-"));
  connection = await connect({ policies: corpusPolicies });
  await writeCorpus(connection, dir, SEED, N);
  // evaluated once in SQL, read by both tests
  await connection.run(`CREATE TEMP TABLE evaluated AS ${evaluateSql(dir)}`);
}, 600_000);
afterAll(() => {
  connection?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The library's line of ticket i: `id|stage,...;stage,...`. */
function libraryLine(i: number): string {
  const { policy, ticket, asOf } = sampleTicket(SEED, i);
  return `${ticket.id}|${evaluateTicket(policy, ticket, { asOf }).stages.map(stageLine).join(";")}`;
}

describe(`a Parquet corpus of ${N} synthetic tickets`, () => {
  it("gives the same per-stage results through sla_evaluate as through evaluateTicket (md5 of every stage)", async () => {
    const row = (await connection.runAndReadAll(hashSql("evaluated"))).getRowObjectsJS()[0]!;
    expect(Number(row["tickets"])).toBe(N);
    const lines = function* () {
      for (let i = 0; i < N; i++) yield libraryLine(i);
    };
    const library = hashLines(lines());
    if (row["hash"] !== library) {
      // say which ticket differs first
      const sqlLines = (await connection.runAndReadAll(`${linesSql("evaluated")} ORDER BY n`)).getRowObjectsJS();
      const i = sqlLines.findIndex((r, k) => r["line"] !== libraryLine(k));
      expect(sqlLines[i]?.["line"], `ticket ${i} differs`).toBe(libraryLine(i));
    }
    expect(row["hash"]).toBe(library);
  }, 600_000);

  it("covers every status, both policies and every event type (the corpus is not trivial)", async () => {
    const stats = (await connection.runAndReadAll(`
      SELECT (SELECT list(DISTINCT s.status ORDER BY s.status) FROM (SELECT unnest(stages) AS s FROM evaluated)) AS statuses,
             (SELECT list(DISTINCT policy ORDER BY policy) FROM read_parquet('${join(dir, "tickets.parquet")}')) AS policies,
             (SELECT list(DISTINCT type ORDER BY type) FROM read_parquet('${join(dir, "events.parquet")}')) AS types`)).getRowObjectsJS()[0]!;
    expect(stats["policies"]).toEqual(["cable", "robot"]);
    expect(stats["types"]).toEqual(expect.arrayContaining(["agreed-deadline", "done", "pause", "remote-resolved", "resume"]));
    expect(stats["statuses"]).toEqual(expect.arrayContaining(["breached", "met", "not-applicable", "overdue", "pending", "warning"]));
  }, 600_000);
});
