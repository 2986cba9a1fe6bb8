/**
 * `sla-kit report`: the HTML is rendered in headless Chromium (Debian's chromium, driven by
 * playwright-core): it must show the charts, log no console error, fetch nothing, and show the
 * numbers `rollup` gives on the same input. Without a Chromium the test FAILS and says why:
 * install it (`apt-get install -y chromium`, as .ci/run does) or point CHROMIUM_PATH at one.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { parse as parseCsv } from "csv-parse/sync";
import { run } from "../../src/cli/run.js";
import { rollup, type RollupKey, type RollupRow } from "../../src/kpi/index.js";
import { evaluateTicket, parsePolicy, robotIntegration2026, type PolicyJson, type TicketEvaluation } from "../../src/sla/index.js";
import { ticketsFromRows, type RowMapping } from "../../src/table/index.js";
import { MAPPING, syntheticRows, toCsv } from "./synthetic.js";

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), "sla-kit-report-"));
const csv = join(dir, "tickets.csv");
const mappingFile = join(dir, "mapping.json");
const html = join(dir, "report.html");
const AS_OF = "2026-04-01T00:00:00+08:00";
writeFileSync(csv, toCsv(syntheticRows(400)));
writeFileSync(mappingFile, JSON.stringify(MAPPING));
// the desk's policy: the built-in one plus the pause reason its tickets record
const policyJson: PolicyJson = { ...(JSON.parse(JSON.stringify(robotIntegration2026)) as PolicyJson), pauseReasons: { "customer unavailable": { stops: ["response", "handling", "resolution"] } } };
const policy = parsePolicy(policyJson);
const policyFile = join(dir, "policy.json");
writeFileSync(policyFile, JSON.stringify(policyJson));

/** What the report should show, computed with the library on the same rows. */
function expected(): { evaluations: TicketEvaluation[]; byKey: Record<string, RollupRow[]>; errors: number; untracked: string[] } {
  const rows = parseCsv(readFileSync(csv, "utf8"), { columns: true }) as Record<string, string>[];
  const { timeZone, ...mapping } = MAPPING;
  const r = ticketsFromRows(rows, mapping as unknown as RowMapping, { policy, timeZone, firstRowNumber: 2 });
  const evaluations = r.tickets.map((t) => evaluateTicket(policy, t, { asOf: Date.parse(AS_OF), stages: r.trackedStages }));
  const byKey: Record<string, RollupRow[]> = {};
  for (const k of ["tier", "service", "stage", "month", "assignee"] as RollupKey[]) byKey[k] = rollup(evaluations, { by: [k], timeZone });
  return { evaluations, byKey, errors: r.errors.length, untracked: r.untrackedStages.map((u) => `${u.service}: ${u.stage}`) };
}

/** Chromium's path, or a clear reason why there is none. */
function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p): p is string => typeof p === "string" && p !== "");
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) {
    throw new Error(`No Chromium to render the report (looked at ${candidates.join(", ")}). Install Debian's chromium (apt-get install -y chromium; .ci/run does this) or set CHROMIUM_PATH.`);
  }
  return found;
}

describe("sla-kit report (HTML rendered in headless Chromium)", () => {
  let browser: Browser | undefined;
  let launchError: unknown;
  beforeAll(async () => {
    try {
      browser = await chromium.launch({
        executablePath: findChromium(),
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      });
    } catch (e) {
      launchError = e;
    }
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("writes a self-contained page whose charts render with no console error and no request, and whose numbers equal rollup", async () => {
    const r = await cli("report", csv, "--policy", policyFile, "--mapping", mappingFile, "--as-of", AS_OF, "--out", html);
    expect(r.err).toContain("wrote");
    expect(r.code).toBe(0);
    if (browser === undefined) throw new Error(`Chromium could not be started, so the report cannot be checked: ${String(launchError)}`);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (q) => {
      if (!q.url().startsWith("file:")) problems.push(`request: ${q.url()}`);
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
    const shot = await page.screenshot({ fullPage: true, path: join(dir, "report.png") });
    expect(shot.subarray(1, 4).toString()).toBe("PNG");

    // the charts are there and have marks with a size on screen
    const charts = await page.$$eval("svg.chart", (els) => els.map((e) => ({ id: e.getAttribute("data-chart"), marks: e.querySelectorAll("rect.met, polyline.met").length, width: e.getBoundingClientRect().width })));
    expect(charts.map((c) => c.id)).toEqual(["tier", "service", "stage", "month", "assignee"]);
    for (const c of charts) {
      expect(c.marks, String(c.id)).toBeGreaterThan(0);
      expect(c.width).toBeGreaterThan(300);
    }
    const exp = expected();
    // numbers: every rollup table row equals rollup on the same input, and the visible rate is its value
    for (const [key, rows] of Object.entries(exp.byKey)) {
      const shown = await page.$$eval(`table[data-table="${key}"] tbody tr`, (trs) =>
        trs.map((tr) => ({ key: tr.getAttribute("data-key"), met: Number(tr.getAttribute("data-met")), counted: Number(tr.getAttribute("data-counted")), late: Number(tr.getAttribute("data-late")), rate: tr.querySelector("td.rate")?.textContent })),
      );
      const want = rows.map((r) => ({
        key: (key === "month" ? r.period : (r as unknown as Record<string, string | null>)[key]) ?? "",
        met: r.met, counted: r.counted, late: r.breached + r.overdue,
        rate: r.complianceValue === null ? "–" : `${(r.complianceValue * 100).toFixed(1)}%`,
      }));
      expect(shown, key).toEqual(want);
    }
    const total = rollup(exp.evaluations, { by: [] })[0]!;
    expect(await page.textContent('[data-field="compliance"]')).toBe(`${(total.complianceValue! * 100).toFixed(1)}%`);
    expect(await page.textContent('[data-field="tickets"]')).toBe(String(exp.evaluations.length));
    expect(await page.textContent('[data-field="bad-rows"]')).toBe(String(exp.errors));
    expect(await page.textContent('[data-field="policy-hash"]')).toBe(policy.hash);
    // untracked stages, bad rows with their CSV line numbers, timelines with traces of late tickets
    expect((await page.$$eval('[data-field="untracked"] li', (lis) => lis.map((l) => l.textContent)))).toEqual(exp.untracked);
    const bad = await page.$$eval('table[data-table="bad-rows"] tbody tr', (trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent, tr.children[3]!.textContent]));
    expect(bad).toEqual([["9", "tier", "UNKNOWN_VALUE"], ["21", "opened", "INVALID_ROW"], ["33", "ticket", "INVALID_ROW"]]);
    const timelines = await page.$$eval("svg.timeline", (els) => els.map((e) => ({ id: e.getAttribute("data-ticket"), due: e.querySelectorAll("line.due").length, h: e.getBoundingClientRect().height })));
    expect(timelines.length).toBeGreaterThan(0);
    for (const t of timelines) {
      expect(t.due).toBeGreaterThan(0);
      expect(t.h).toBeGreaterThan(40);
      const ev = exp.evaluations.find((e) => e.ticketId === t.id)!;
      expect(ev.stages.some((s) => s.status === "breached" || s.status === "overdue")).toBe(true);
    }
    expect(await page.locator("details").count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});

describe("sla-kit report (command line)", () => {
  it("--format csv and json write the tidy rows, one per evaluated ticket-stage, untracked stages left out", async () => {
    const exp = expected();
    const c = await cli("report", csv, "--policy", policyFile, "--mapping", mappingFile, "--as-of", AS_OF, "--format", "csv");
    expect(c.code).toBe(0);
    const rows = parseCsv(c.out, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(exp.evaluations.reduce((n, e) => n + e.stages.length, 0));
    expect(new Set(rows.map((r) => r.stage))).toEqual(new Set(["response", "handling"]));
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(["ticketId", "row", "region", "status", "dueAt", "sourceRef", "policyHash"]));
    const j = await cli("report", csv, "--policy", policyFile, "--mapping", mappingFile, "--as-of", AS_OF, "--format", "json");
    const json = JSON.parse(j.out) as Record<string, unknown>[];
    expect(json.map((r) => [r.ticketId, r.stage, r.status])).toEqual(rows.map((r) => [r.ticketId, r.stage, r.status]));
  });

  it("reports progress on stderr for long inputs and can be quiet", async () => {
    const big = join(dir, "big.csv");
    writeFileSync(big, toCsv(syntheticRows(2500, 3)));
    const out = join(dir, "big.html");
    const r = await cli("report", big, "--policy", policyFile, "--mapping", mappingFile, "--as-of", AS_OF, "--out", out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/read 2500 rows/);
    expect(r.err).toMatch(/evaluated \d+\/\d+ tickets/);
    const q = await cli("report", big, "--policy", policyFile, "--mapping", mappingFile, "--as-of", AS_OF, "--out", out, "--quiet");
    expect(q.err).toBe("");
  }, 60_000);

  it("says what to fix for bad arguments and unreadable input (exit 2)", async () => {
    const base = ["--policy", policyFile, "--mapping", mappingFile, "--as-of", AS_OF];
    const cases: [string[], RegExp][] = [
      [["report", csv, ...base, "--format", "xlsx"], /Unknown --format "xlsx"/],
      [["report", csv, "--policy", policyFile, "--mapping", mappingFile], /--as-of is required/],
      [["report", csv, ...base.slice(0, 4), "--as-of", "2026-04-01"], /not an ISO-8601 time with an offset/],
      [["report", join(dir, "t.parquet"), ...base], /t\.parquet: cannot read \(ENOENT\)/],
      [["report", join(dir, "missing.csv"), ...base], /cannot read/],
      [["report", csv, ...base, "--time-zone", "Mars/Base"], /Unknown time zone/],
    ];
    for (const [argv, msg] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err).toMatch(msg);
    }
    const badMap = join(dir, "bad-mapping.json");
    writeFileSync(badMap, JSON.stringify({ ...MAPPING, done: { responce: "responded" } }));
    const m = await cli("report", csv, "--policy", policyFile, "--mapping", badMap, "--as-of", AS_OF);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/INVALID_MAPPING at mapping\.done\.responce/);
    const ragged = join(dir, "ragged.csv");
    writeFileSync(ragged, "ticket,type\nA,fault,extra\n");
    const rg = await cli("report", ragged, ...base);
    expect(rg.code).toBe(2);
    expect(rg.err).toMatch(/ragged\.csv:2: malformed CSV/);
  });

  it("is listed in sla-kit --help and has its own --help", async () => {
    expect((await cli("--help")).out).toMatch(/report <tickets\.csv/);
    const h = await cli("report", "--help");
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/self-contained HTML report/);
  });
});
