/**
 * `sla-kit report` input: Parquet (written here by DuckDB from the same synthetic table as the CSV)
 * gives the same numbers as the CSV; every input is bounded by --max-bytes and read as strict
 * UTF-8; a reader that closes the pipe early (`| head`) ends the command quietly.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { robotIntegration2026, type PolicyJson } from "../../src/sla/index.js";
import { cli, scratch } from "../cli/_cli.js";
import { MAPPING, syntheticRows, toCsv } from "./synthetic.js";

const { dir, file } = scratch("sla-kit-report-input-");
const AS_OF = "2026-04-01T00:00:00+08:00";
const csv = file("tickets.csv", toCsv(syntheticRows(300)));
const mapping = file("mapping.json", JSON.stringify(MAPPING));
const policyJson: PolicyJson = { ...(JSON.parse(JSON.stringify(robotIntegration2026)) as PolicyJson), pauseReasons: { "customer unavailable": { stops: ["response", "handling", "resolution"] } } };
const policyFile = file("policy.json", JSON.stringify(policyJson));
const args = ["--policy", policyFile, "--mapping", mapping, "--as-of", AS_OF];
const pq = (name: string) => join(dir, name);
const sqlPath = (p: string) => p.replace(/'/g, "''");

/** The tidy rows as JSON, without the input row number (a CSV counts its header line, Parquet does not). */
async function tidy(input: string): Promise<Record<string, unknown>[]> {
  const r = await cli("report", input, ...args, "--format", "json", "--quiet");
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.out) as Record<string, unknown>[]).map(({ row: _row, ...rest }) => rest);
}

beforeAll(async () => {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const from = `read_csv('${sqlPath(csv)}', all_varchar = true, header = true)`;
  // 1. every column text, as in the CSV
  await c.run(`COPY (FROM ${from}) TO '${sqlPath(pq("text.parquet"))}' (FORMAT parquet)`);
  // 2. typed: opened a local TIMESTAMP (no zone), responded a TIMESTAMPTZ (an instant), a BIGINT column
  await c.run(`SET TimeZone = 'Asia/Shanghai'`);
  await c.run(`COPY (
      SELECT * REPLACE (
        try_strptime(opened, '%Y-%m-%d %H:%M')::TIMESTAMP AS opened,
        (try_strptime(responded, '%Y-%m-%d %H:%M')::TIMESTAMP)::TIMESTAMPTZ AS responded),
        row_number() OVER () AS n
      FROM ${from}) TO '${sqlPath(pq("typed.parquet"))}' (FORMAT parquet, COMPRESSION snappy)`);
  await c.run(`COPY (FROM ${from}) TO '${sqlPath(pq("zstd.parquet"))}' (FORMAT parquet, COMPRESSION zstd)`);
  const d = await c.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE FROM '${sqlPath(pq("typed.parquet"))}') WHERE column_name IN ('opened', 'responded', 'n')`);
  expect(d.getRowObjects().map((x) => `${String(x.column_name)} ${String(x.column_type)}`)).toEqual(["opened TIMESTAMP", "responded TIMESTAMP WITH TIME ZONE", "n BIGINT"]);
  c.closeSync();
  db.closeSync();
}, 60_000);

describe("sla-kit report reads Parquet", () => {
  it("a Parquet file of the same table gives the same tidy rows and the same HTML numbers as the CSV (bad rows numbered from 1)", async () => {
    const fromCsv = await tidy(csv);
    expect(fromCsv.length).toBeGreaterThan(300);
    expect(await tidy(pq("text.parquet"))).toEqual(fromCsv);
    const html = async (input: string, out: string, errors: string) => {
      const r = await cli("report", input, ...args, "--out", out, "--errors", errors, "--quiet");
      expect(r.code).toBe(0);
      const page = readFileSync(out, "utf8");
      const field = (name: string) => new RegExp(`data-field="${name}"[^>]*>([^<]*)<`).exec(page)?.[1];
      const rows = [...page.matchAll(/<tr data-group="([^"]*)" data-key="([^"]*)" data-met="(\d+)" data-counted="(\d+)" data-late="(\d+)"/g)].map((m) => m.slice(1).join(" "));
      return { compliance: field("compliance"), tickets: field("tickets"), rows, bad: (JSON.parse(readFileSync(errors, "utf8")) as { row: number; column: string; code: string }[]) };
    };
    const a = await html(csv, pq("csv.html"), pq("csv-errors.json"));
    const b = await html(pq("text.parquet"), pq("pq.html"), pq("pq-errors.json"));
    expect(a.rows.length).toBeGreaterThan(10);
    expect(b.compliance).toBe(a.compliance);
    expect(b.tickets).toBe(a.tickets);
    expect(b.rows).toEqual(a.rows);
    expect(a.bad.map((e) => [e.row, e.column, e.code])).toEqual([[9, "tier", "UNKNOWN_VALUE"], [21, "opened", "INVALID_ROW"], [33, "ticket", "INVALID_ROW"]]);
    expect(b.bad.map((e) => [e.row, e.column, e.code])).toEqual(a.bad.map((e) => [e.row - 1, e.column, e.code]));
  });

  it("typed columns: a TIMESTAMP without a zone is a local time (read in the mapping's zone), a TIMESTAMPTZ an instant, a BIGINT a number", async () => {
    const fromCsv = await tidy(csv);
    const typed = await tidy(pq("typed.parquet"));
    // row 21 of the CSV holds "2026-02-30 10:00": try_strptime made it NULL, so that row is bad either way
    expect(typed).toEqual(fromCsv);
    // without a zone, a local TIMESTAMP is a bad row that says to give the zone, never a guess
    const { timeZone: _z, ...noZone } = MAPPING;
    const m = file("mapping-utc-less.json", JSON.stringify(noZone));
    const r = await cli("report", pq("typed.parquet"), "--policy", policyFile, "--mapping", m, "--as-of", AS_OF, "--format", "json", "--errors", pq("nozone.json"), "--quiet");
    expect(r.code).toBe(0);
    const bad = JSON.parse(readFileSync(pq("nozone.json"), "utf8")) as { column: string; reason: string }[];
    expect(bad.length).toBeGreaterThan(250);
    expect(bad[0]).toMatchObject({ column: "opened" });
    expect(bad[0]!.reason).toMatch(/has no offset: pass options.timeZone/);
  });

  it("a codec it cannot read (ZSTD), a file that is not Parquet and an unknown extension say what to do (exit 2)", async () => {
    const z = await cli("report", pq("zstd.parquet"), ...args);
    expect(z.code).toBe(2);
    expect(z.err).toMatch(/compressed with ZSTD is not read by sla-kit report .*COMPRESSION snappy/);
    const junk = file("junk.parquet", "ticket,type\n");
    const j = await cli("report", junk, ...args);
    expect(j.code).toBe(2);
    expect(j.err).toMatch(/junk\.parquet: cannot read Parquet: /);
    const x = await cli("report", file("t.xlsx", "x"), ...args);
    expect(x.code).toBe(2);
    expect(x.err).toMatch(/give a \.csv .*\.json .*\.parquet file/);
  });

  it("hyparquet is bundled into the command only: the library entries never import it", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    expect(readFileSync(join(root, "tsup.config.ts"), "utf8")).toMatch(/noExternal: \[[^\]]*"hyparquet"/);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain("hyparquet");
    expect(pkg.devDependencies).toHaveProperty("hyparquet");
    const importers = ["src/cli/parquet.ts"];
    for (const f of importers) expect(readFileSync(join(root, f), "utf8")).toContain('from "hyparquet"');
  });
});

describe("sla-kit report input limits and encoding", () => {
  it("--max-bytes bounds the ticket table (default 256 MiB, in --help); a bad value is a usage error", async () => {
    // the limit holds for every file read (policy and mapping too): here it lets them through but not the table
    const limit = readFileSync(policyFile).length + 1;
    expect(readFileSync(csv).length).toBeGreaterThan(limit);
    const small = await cli("report", csv, ...args, "--max-bytes", String(limit));
    expect(small.code).toBe(2);
    expect(small.err).toMatch(new RegExp(`tickets\\.csv: \\d+ bytes is over the input limit of ${limit} bytes; raise it with --max-bytes`));
    expect((await cli("report", csv, ...args, "--max-bytes", "lots")).err).toContain("--max-bytes takes a whole number");
    expect((await cli("report", "--help")).out).toContain(`--max-bytes <n>        refuse input files larger than n bytes (default ${256 * 1024 * 1024}, 256 MiB)`);
    expect((await cli("report", csv, ...args, "--max-byte", "10")).err).toContain(`Did you mean "--max-bytes"?`);
    expect((await cli("report", csv, ...args, "--format", "json", "--quiet", "--max-bytes", String(readFileSync(csv).length + 20_000))).code).toBe(0);
  });

  it("a CSV that is not UTF-8 is refused with the byte offset (never read with replacement characters); a BOM is fine", async () => {
    const text = readFileSync(csv, "utf8");
    const at = text.indexOf("north");
    const latin1 = file("latin1.csv", Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xe9]), Buffer.from(text.slice(at))]));
    const r = await cli("report", latin1, ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`latin1.csv: not valid UTF-8 at byte offset ${Buffer.byteLength(text.slice(0, at))}`);
    const bom = file("bom.csv", `\uFEFF${text}`);
    expect(await tidy(bom)).toEqual(await tidy(csv));
    const dirInput = await cli("report", `${dir}/.csv`, ...args);
    expect(dirInput.code).toBe(2);
  });
});

describe("a closed pipe (sla-kit ... | head)", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  /** Runs the command, reads one chunk of stdout, then closes the pipe; resolves with exit code and stderr. */
  const headOnly = (argv: string[]) =>
    new Promise<{ code: number | null; err: string; got: number }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli/main.ts"), ...argv], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
      let err = "";
      let got = 0;
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.stdout.once("data", (d: Buffer) => {
        got = d.length;
        child.stdout.destroy();
      });
      child.on("close", (code) => resolve({ code, err, got }));
    });
  let big: string;
  beforeAll(() => {
    big = file("big.csv", toCsv(syntheticRows(1500, 5)));
  });

  it("ends quietly with the command's own exit code: 0 for a report, 1 for a failed check", async () => {
    const r = await headOnly(["report", big, ...args, "--format", "json", "--quiet"]);
    expect(r.got).toBeGreaterThan(0);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    // a failing case among the golden files, with output larger than a pipe's buffer
    const failing = file("failing.yaml", 'policy: robotIntegration2026\ncases:\n  - id: wrong on purpose\n    kind: dueAt\n    input: { query: { service: consultation, tier: core, stage: online-response }, anchor: "2024-05-06T10:00:00+08:00" }\n    expect: "2024-05-06T10:06:00+08:00"\n');
    const c = await headOnly(["check", join(root, "golden/*.yaml"), failing, "--reporter", "junit"]);
    expect(c.got).toBeGreaterThan(0);
    expect(c.err).toBe("");
    expect(c.code).toBe(1);
  }, 120_000);
});
