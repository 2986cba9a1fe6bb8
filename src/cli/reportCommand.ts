/** `sla-kit report`: a ticket table (CSV, JSON or Parquet) -> one self-contained HTML report, or tidy rows. */
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { basename } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { isSlaKitError } from "../errors.js";
import { parseIsoInstant } from "../_lib/instant.js";
import { isValidTimeZone } from "../_lib/zone.js";
import { evaluateTicket, type TicketEvaluation } from "../sla/index.js";
import { flattenEvaluations, ticketsFromRows, type RowError, type RowMapping, type TableTicket, type TidyRow } from "../table/index.js";
import { TIDY_COLUMNS, factNamesOf } from "../table/_columns.js";
import { UsageError, decodeUtf8, loadPolicy, readBounded, readJsonOrYaml } from "./io.js";
import { parquetRows } from "./parquet.js";
import { reportHtml } from "./reportHtml.js";
import { parse, type Io } from "./commands.js";


/** The default of `--max-bytes` for ticket tables (256 MiB: over a million rows of a typical export). */
export const REPORT_MAX_BYTES = 256 * 1024 * 1024;

export const reportUsage = `Usage: sla-kit report <tickets.csv|tickets.json|tickets.parquet> --policy <name|file> --mapping <file> --as-of <instant> [options]

Reads a ticket table, evaluates every ticket and writes one self-contained HTML report (inline SVG
charts, no scripts, no network; open it from a file:// URL): compliance and overdue rates by tier,
service, stage, month and assignee, the worst tickets and assignees, stage timelines with traces of
late tickets, untracked stages, bad rows, and the policy id, version and hash.
  --policy <name|file>   a built-in policy (robotIntegration2026, cableOperatorNorms) or a JSON/YAML file
  --mapping <file>       JSON/YAML: which column holds what (see docs/analysts.md); may hold "timeZone"
  --as-of <instant>      ISO-8601 time with an offset, e.g. 2026-04-01T00:00:00+08:00
  --time-zone <zone>     zone of local times in the table and of the months (default: the mapping's, else UTC)
  --out <file>           where to write (default: stdout)
  --format <html|csv|json>  html (default), or the tidy rows (one per ticket-stage) as CSV or JSON
  --errors <file>        also write every bad row as JSON
  --quiet                no progress on stderr
  --max-bytes <n>        refuse input files larger than n bytes (default ${REPORT_MAX_BYTES}, 256 MiB)
A CSV needs a header line (UTF-8); a JSON file holds an array of row objects; a Parquet file is
read with its column types (uncompressed or Snappy; timestamps without a zone are local times).
Exit: 0 written, 2 usage error or unreadable input.`;

const OPTIONS = {
  policy: { type: "string" },
  mapping: { type: "string" },
  "as-of": { type: "string" },
  "time-zone": { type: "string" },
  out: { type: "string" },
  format: { type: "string", default: "html" },
  errors: { type: "string" },
  quiet: { type: "boolean", default: false },
} as const;

/**
 * Rows of a CSV (header line -> keys), a JSON array or a Parquet file, and the number of the first
 * data row (2 for a CSV: bad rows are numbered by file line). The file is read within
 * `--max-bytes`, as strict UTF-8.
 */
export async function readRows(file: string): Promise<{ rows: Record<string, unknown>[]; firstRowNumber: number }> {
  const kind = /\.(csv|json|parquet)$/i.exec(file)?.[1]?.toLowerCase();
  if (kind === undefined) throw new UsageError(`${file}: give a .csv (with a header line), a .json (an array of row objects) or a .parquet file.`);
  const bytes = readBounded(file, `a .${kind} file`);
  if (kind === "parquet") return { rows: await parquetRows(file, bytes), firstRowNumber: 1 };
  const text = decodeUtf8(file, bytes).replace(/^\uFEFF/, "");
  if (kind === "json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`${file}: malformed JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(data)) throw new UsageError(`${file}: expected a JSON array of row objects (one per ticket).`);
    return { rows: data as Record<string, unknown>[], firstRowNumber: 1 };
  }
  try {
    const rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
    return { rows, firstRowNumber: 2 };
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new UsageError(`${file}${err.lines ? `:${err.lines}` : ""}: malformed CSV: ${err.message}`);
  }
}

function readMapping(file: string): { mapping: RowMapping; timeZone?: string } {
  const data = readJsonOrYaml(file, "mapping");
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new UsageError(`${file}: a mapping is an object { id, createdAt, service, facts, done, ... }.`);
  const { timeZone, $schema: _s, ...mapping } = data as Record<string, unknown>;
  if (timeZone !== undefined && typeof timeZone !== "string") throw new UsageError(`${file}: "timeZone" must be an IANA zone name such as "Asia/Shanghai".`);
  return timeZone === undefined ? { mapping: mapping as unknown as RowMapping } : { mapping: mapping as unknown as RowMapping, timeZone };
}

const CSV_SPECIAL = /[",\r\n]/;
function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return CSV_SPECIAL.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line of a tidy row, in the order of `cols`. */
function csvLine(cols: readonly string[], r: TidyRow): string {
  let line = "";
  for (let i = 0; i < cols.length; i++) line += (i === 0 ? "" : ",") + csvCell(r[cols[i]!]);
  return line;
}

export async function report(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS, reportUsage, REPORT_MAX_BYTES);
  if (values.help) return io.out(reportUsage), 0;
  if (positionals.length !== 1) throw new UsageError(`Give one ticket file.\n\n${reportUsage}`);
  const format = String(values.format);
  if (!["html", "csv", "json"].includes(format)) throw new UsageError(`Unknown --format ${JSON.stringify(format)}: use html, csv or json.`);
  for (const f of ["policy", "mapping", "as-of"] as const) if (values[f] === undefined) throw new UsageError(`--${f} is required.\n\n${reportUsage}`);
  const asOfText = String(values["as-of"]);
  const asOfMs = parseIsoInstant(asOfText);
  if (Number.isNaN(asOfMs)) throw new UsageError(`--as-of ${JSON.stringify(asOfText)} is not an ISO-8601 time with an offset (e.g. 2026-04-01T00:00:00+08:00).`);
  const file = positionals[0]!;
  const policy = loadPolicy(String(values.policy));
  const { mapping, timeZone: mappedZone } = readMapping(String(values.mapping));
  const timeZone = (values["time-zone"] as string | undefined) ?? mappedZone;
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) throw new UsageError(`Unknown time zone ${JSON.stringify(timeZone)}: use an IANA name such as "Asia/Shanghai".`);
  const progress = (text: string): void => {
    if (values.quiet !== true) io.err(text);
  };

  const { rows, firstRowNumber } = await readRows(file);
  const loud = rows.length >= 2000;
  if (loud) progress(`sla-kit report: read ${rows.length} rows from ${file}`);
  let read;
  try {
    read = ticketsFromRows(rows, mapping, timeZone === undefined ? { policy, firstRowNumber } : { policy, timeZone, firstRowNumber });
  } catch (e) {
    if (isSlaKitError(e)) throw new UsageError(`${String(values.mapping)}: ${e.code} at ${e.path.join(".")}: ${e.message}`);
    throw e;
  }
  const facts = format === "html" ? [] : tidyFacts(read.tickets, String(values.mapping));
  const errors: RowError[] = [...read.errors];
  const byId = new Map(read.tickets.map((t) => [t.id, t]));
  const stages = read.trackedStages;
  // every ticket is evaluated without trace steps (a report never reads most of them); the HTML
  // re-evaluates the few late tickets whose traces it shows
  const evaluateChunk = (from: number, to: number): TicketEvaluation[] => {
    const out: TicketEvaluation[] = [];
    for (let i = from; i < to; i++) {
      const t = read.tickets[i]!;
      try {
        // untracked stages are left out rather than counted as overdue
        out.push(evaluateTicket(policy, t, { asOf: asOfMs, stages, trace: false }));
      } catch (e) {
        if (!isSlaKitError(e)) throw e;
        errors.push({ row: t.row, column: null, value: null, code: e.code, reason: e.message });
      }
      if (loud && (i + 1) % step === 0) progress(`sla-kit report: evaluated ${i + 1}/${read.tickets.length} tickets`);
    }
    return out;
  };
  const step = Math.max(1000, Math.ceil(read.tickets.length / 10));
  const sink = openSink(io, typeof values.out === "string" ? values.out : null);
  let evaluated = 0;
  try {
    if (format === "html") {
      const evaluations = evaluateChunk(0, read.tickets.length);
      evaluated = evaluations.length;
      reportProblems(read.untrackedStages, errors, values.errors, progress);
      sink.write(
        reportHtml({
          source: basename(file),
          policy,
          asOf: new Date(asOfMs),
          timeZone: timeZone ?? "UTC",
          rowsRead: rows.length,
          tickets: read.tickets,
          evaluations,
          errors,
          untrackedStages: read.untrackedStages,
          version: typeof __SLA_KIT_VERSION__ === "string" ? __SLA_KIT_VERSION__ : "dev",
          traced: (ev) => evaluateTicket(policy, byId.get(ev.ticketId)!, { asOf: asOfMs, stages }),
        }).replace(/\n$/, ""),
      );
    } else {
      // tidy rows are written a chunk of tickets at a time: memory holds one chunk, not the table
      // the fact columns are the whole table's, taken once; each chunk joins only its own tickets
      const tidy = format === "csv" ? csvWriter(sink) : jsonWriter(sink);
      for (let from = 0; from < read.tickets.length; from += TIDY_CHUNK) {
        const to = Math.min(read.tickets.length, from + TIDY_CHUNK);
        const evaluations = evaluateChunk(from, to);
        evaluated += evaluations.length;
        tidy.rows(flattenEvaluations(evaluations, { tickets: read.tickets.slice(from, to), facts, times: "iso" }));
      }
      tidy.end();
      reportProblems(read.untrackedStages, errors, values.errors, progress);
    }
  } finally {
    sink.close();
  }
  if (typeof values.out === "string") progress(`sla-kit report: wrote ${values.out} (${evaluated} tickets, ${errors.length} bad rows)`);
  return 0;
}

/** Tickets evaluated and flattened at once for `--format csv|json`. */
export const TIDY_CHUNK = 8192;

/**
 * The extra fact columns of the tidy rows (`region`, ...), the same in every chunk; a fact named
 * like a tidy column is refused before any ticket is evaluated.
 */
function tidyFacts(tickets: readonly TableTicket[], mappingFile: string): string[] {
  const facts = factNamesOf(tickets);
  const clash = facts.find((f) => TIDY_COLUMNS.has(f));
  if (clash !== undefined) throw new UsageError(`${mappingFile}: the fact "${clash}" has the name of a tidy-row column, so its values would be lost; rename it in the mapping's facts (e.g. "${clash}Fact").`);
  return facts;
}

/** Progress lines about untracked stages and bad rows, and the `--errors` file. */
function reportProblems(untracked: readonly { service: string; stage: string }[], errors: RowError[], errorsFile: unknown, progress: (text: string) => void): void {
  errors.sort((a, b) => a.row - b.row);
  if (untracked.length > 0) progress(`sla-kit report: untracked stages (no column in the mapping, left out): ${untracked.map((u) => `${u.service}/${u.stage}`).join(", ")}`);
  if (errors.length > 0) progress(`sla-kit report: ${errors.length} bad rows (listed in the report${errorsFile ? ` and in ${String(errorsFile)}` : ""})`);
  if (typeof errorsFile === "string") writeFileSync(errorsFile, `${JSON.stringify(errors, null, 2)}\n`);
}

/** Where the report goes: lines of text, each piece ending with a newline (stdout or a file). */
interface Sink {
  /** Writes `text` and a newline. */
  write(text: string): void;
  close(): void;
}

function openSink(io: Io, file: string | null): Sink {
  if (file === null) return { write: (text) => io.out(text), close: () => undefined };
  const fd = openSync(file, "w");
  return { write: (text) => writeSync(fd, `${text}\n`), close: () => closeSync(fd) };
}

/** Tidy rows as CSV: the columns of the first row (every row has the same), a chunk at a time. */
function csvWriter(sink: Sink): { rows(rows: readonly TidyRow[]): void; end(): void } {
  let cols: string[] | null = null;
  let any = false;
  return {
    rows(rows) {
      if (rows.length === 0) return;
      const lines: string[] = [];
      if (cols === null) {
        cols = Object.keys(rows[0]!);
        lines.push(cols.join(","));
      }
      for (const r of rows) lines.push(csvLine(cols, r));
      sink.write(lines.join("\n"));
      any = true;
    },
    end() {
      if (!any) sink.write("");
    },
  };
}

/** Tidy rows as one JSON array, indented by 2 (what `JSON.stringify(rows, null, 2)` writes), a chunk at a time. */
function jsonWriter(sink: Sink): { rows(rows: readonly TidyRow[]): void; end(): void } {
  let pending: string | null = null; // the last row, written once we know whether a comma follows
  let started = false;
  return {
    rows(rows) {
      if (rows.length === 0) return;
      const parts: string[] = [];
      if (!started) parts.push("[");
      started = true;
      for (const r of rows) {
        if (pending !== null) parts.push(`${pending},`);
        pending = `  ${JSON.stringify(r, null, 2).replace(/\n/g, "\n  ")}`;
      }
      if (parts.length > 0) sink.write(parts.join("\n"));
    },
    end() {
      if (!started) sink.write("[]");
      else sink.write(`${pending!}\n]`);
    },
  };
}

declare const __SLA_KIT_VERSION__: string;
