/**
 * The synthetic ticket corpus of bench/_tickets.ts as Parquet (tickets.parquet: one row per
 * ticket; events.parquet: one row per event), written by DuckDB's COPY; the SQL that evaluates it
 * with `sla_evaluate`; and one canonical text line per ticket for comparing SQL with the library
 * (test/duckdb/corpus.test.ts, bench/duckdb.bench.ts). Private to bench/ and test/.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { StageEvaluation } from "../src/sla/index.js";
import { benchPolicies, sampleTicket, type Sample } from "./_tickets.js";

/** SQL name of each corpus policy, as registerSlaFunctions gets it. */
export const corpusPolicies = benchPolicies;
const nameOf = new Map([...Object.entries(benchPolicies)].map(([k, v]) => [v, k]));

const isoOrNull = (v: unknown) => (v === undefined ? null : new Date(v as Date | number).toISOString());

/** Writes `n` tickets of run `seed` to `dir`/tickets.parquet and `dir`/events.parquet. */
export async function writeCorpus(connection: DuckDBConnection, dir: string, seed: number, n: number): Promise<void> {
  const tickets = createWriteStream(join(dir, "tickets.ndjson"));
  const events = createWriteStream(join(dir, "events.ndjson"));
  for (let i = 0; i < n; i++) {
    const { policy, ticket: t, asOf } = sampleTicket(seed, i);
    tickets.write(`${JSON.stringify({ n: i, id: t.id, policy: nameOf.get(policy), service: t.service, tier: t.tier ?? null, urgency: t.urgency ?? null, location: t.location ?? null, assignee: t.assignee ?? null, department: t.department ?? null, created_at: isoOrNull(t.createdAt), as_of: isoOrNull(asOf) })}\n`);
    t.events.forEach((e, seq) => {
      const x = e as unknown as Record<string, unknown>;
      events.write(`${JSON.stringify({ ticket_id: t.id, seq, type: e.type, stage: x["stage"] ?? null, at: isoOrNull(e.at), rings: x["rings"] ?? null, reason: x["reason"] ?? null, consent: x["consent"] ?? null, due_at: isoOrNull(x["dueAt"]) })}\n`);
    });
  }
  await Promise.all([tickets, events].map((s) => new Promise<void>((ok, ko) => s.end((e?: Error | null) => (e ? ko(e) : ok())))));
  const q = (p: string) => `'${p.replace(/'/g, "''")}'`;
  await connection.run(`COPY (FROM read_json(${q(join(dir, "tickets.ndjson"))}, format = 'newline_delimited', columns = {n: 'INTEGER', id: 'VARCHAR', policy: 'VARCHAR', service: 'VARCHAR', tier: 'VARCHAR', urgency: 'VARCHAR', location: 'VARCHAR', assignee: 'VARCHAR', department: 'VARCHAR', created_at: 'TIMESTAMPTZ', as_of: 'TIMESTAMPTZ'})) TO ${q(join(dir, "tickets.parquet"))} (FORMAT parquet)`);
  await connection.run(`COPY (FROM read_json(${q(join(dir, "events.ndjson"))}, format = 'newline_delimited', columns = {ticket_id: 'VARCHAR', seq: 'INTEGER', type: 'VARCHAR', stage: 'VARCHAR', "at": 'TIMESTAMPTZ', rings: 'INTEGER', reason: 'VARCHAR', consent: 'VARCHAR', due_at: 'TIMESTAMPTZ'})) TO ${q(join(dir, "events.parquet"))} (FORMAT parquet)`);
}

/** The per-ticket events, as an analyst groups them (events in their recorded order). */
export function eventsSql(dir: string): string {
  return `SELECT ticket_id, list({'type': type, 'stage': stage, 'at': "at", 'rings': rings, 'reason': reason, 'consent': consent, 'due_at': due_at} ORDER BY seq) AS events
    FROM read_parquet('${join(dir, "events.parquet")}') GROUP BY ticket_id`;
}

/** Every ticket evaluated in SQL: (n, id, policy, tier, stages), the whole ticket row passed as the facts. */
export function evaluateSql(dir: string): string {
  return `WITH ev AS (${eventsSql(dir)})
    SELECT t.n, t.id, t.policy, t.tier, sla_evaluate(t.policy, t, ev.events, t.as_of) AS stages
    FROM read_parquet('${join(dir, "tickets.parquet")}') t LEFT JOIN ev ON ev.ticket_id = t.id`;
}

/** The canonical line of one stage `s` in SQL (fields of stageLine below; NULL as '', times as epoch ms). */
const F = ["s.stage", "s.status", "s.met", "epoch_ms(s.anchor_at)", "epoch_ms(s.warn_at)", "epoch_ms(s.due_at)", "epoch_ms(s.done_at)", "epoch_ms(s.original_due_at)", "s.allowed_ms", "s.elapsed_ms", "s.remaining_ms", "s.paused_ms", "s.renegotiated", "s.provisional", "s.needs_cause", "s.row_id", "s.source_ref", "s.error_code"];
export const stageLineSql = `concat_ws(',', ${F.map((f) => `coalesce(CAST(${f} AS VARCHAR), '')`).join(", ")})`;

/** The canonical line of every ticket of `from` (a relation with n, id, stages): `id|stage,...;stage,...`. */
export function linesSql(from: string): string {
  return `SELECT n, id || '|' || array_to_string(list_transform(stages, s -> ${stageLineSql}), ';') AS line FROM ${from}`;
}

/** md5 of the lines of `from` joined by newlines in the order of n, and the number of tickets, in SQL. */
export function hashSql(from: string): string {
  return `SELECT md5(string_agg(line, chr(10) ORDER BY n)) AS hash, count(*) AS tickets FROM (${linesSql(from)})`;
}

const ms = (d: Date | null | undefined) => (d === null || d === undefined ? "" : String(d.getTime()));
const txt = (v: unknown) => (v === null || v === undefined ? "" : String(v));
/** K17a: met is compliant, breached and overdue are not, the rest undecided (NULL in SQL). */
const met = (s: StageEvaluation) => (s.status === "met" ? "true" : s.status === "breached" || s.status === "overdue" ? "false" : "");

/** The same canonical line, from the library's evaluation. */
export function stageLine(s: StageEvaluation): string {
  return [s.stage, s.status, met(s), ms(s.anchorAt), ms(s.warnAt), ms(s.dueAt), ms(s.doneAt), ms(s.originalDueAt), txt(s.allowedMs), txt(s.elapsedMs), txt(s.remainingMs), txt(s.pausedMs), String(s.renegotiated === true), String(s.provisional === true), String(s.needsCause === true), txt(s.trace.rowId), txt(s.trace.sourceRef), txt(s.error?.code)].join(",");
}

/** md5 over the library's lines, the way hashSql joins them. */
export function hashLines(lines: Iterable<string>): string {
  const h = createHash("md5");
  let first = true;
  for (const l of lines) {
    h.update(first ? l : `\n${l}`);
    first = false;
  }
  return h.digest("hex");
}

export type { Sample };
