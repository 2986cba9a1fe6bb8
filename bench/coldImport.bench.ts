/**
 * Start-up of the built package (issue 15), each figure the median of fresh Node processes:
 *   - cold import of `sla-kit/calendar` against `date-fns/addBusinessDays` (goal: within 2x);
 *   - the first `addBusinessTime` in a process, on `chinaWorkCalendar()` and on a New York
 *     calendar with daylight saving time (its Intl sampling), then the same call again;
 *   - a query 4 years after the first one (the index grows by the years it needs).
 * Run `npm run build` first; `npm run bench` runs it with the others. BENCH_COLD_RUNS sets the
 * number of processes (default 15). Ratios, never asserted in tests.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const root = fileURLToPath(new URL("..", import.meta.url));
const calendarEntry = pathToFileURL(`${root}dist/calendar/index.js`).href;
if (!existsSync(fileURLToPath(calendarEntry))) {
  console.error("bench/coldImport.bench.ts measures the built package: run `npm run build` first");
  process.exit(1);
}

/** Runs `code` (an ES module printing one JSON object) in a fresh process and returns that object. */
function fresh(code: string): Record<string, number> {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, env: { ...process.env, TZ: "UTC" }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const importOnly = (spec: string) => `const t = performance.now(); await import(${JSON.stringify(spec)}); console.log(JSON.stringify({ ms: performance.now() - t }));`;

const firstCalls = `
const lap = (() => { let t = performance.now(); return () => { const n = performance.now(); const d = n - t; t = n; return d; }; })();
const { addBusinessTime, chinaWorkCalendar, defineCalendar } = await import(${JSON.stringify(calendarEntry)});
const out = { import: lap() };
new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris" }).format(0); out.intlInit = lap(); // the runtime's own first Intl use, not sla-kit's
const cn = chinaWorkCalendar();
addBusinessTime(cn, Date.parse("2025-03-03T10:00:00+08:00"), 5 * 3_600_000); out.firstShanghai = lap();
addBusinessTime(cn, Date.parse("2025-03-05T10:00:00+08:00"), 5 * 3_600_000); out.againShanghai = lap();
const ny = defineCalendar({ timeZone: "America/New_York", week: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] } });
addBusinessTime(ny, Date.parse("2025-03-07T15:00:00Z"), 8 * 3_600_000); out.firstNewYork = lap();
addBusinessTime(ny, Date.parse("2025-03-10T15:00:00Z"), 8 * 3_600_000); out.againNewYork = lap();
addBusinessTime(ny, Date.parse("2029-03-09T15:00:00Z"), 8 * 3_600_000); out.fourYearsOut = lap();
addBusinessTime(ny, Date.parse("2029-03-12T15:00:00Z"), 8 * 3_600_000); out.fourYearsOutAgain = lap();
console.log(JSON.stringify(out));`;

const cal: number[] = [];
const dfns: number[] = [];
for (let i = 0; i < RUNS; i++) {
  // interleaved, so a busy moment of the machine hits both
  cal.push(fresh(importOnly(calendarEntry)).ms!);
  dfns.push(fresh(importOnly("date-fns/addBusinessDays")).ms!);
}
const firsts = Array.from({ length: RUNS }, () => fresh(firstCalls));
const m = (k: string): number => median(firsts.map((f) => f[k]!));
const ratio = median(cal) / median(dfns);
console.log(`cold import, median of ${RUNS} fresh processes each (goal: sla-kit/calendar within 2x date-fns/addBusinessDays)`);
console.table([
  { what: 'import("sla-kit/calendar")', ms: +median(cal).toFixed(1) },
  { what: 'import("date-fns/addBusinessDays")', ms: +median(dfns).toFixed(1) },
  { what: "ratio", ms: +ratio.toFixed(2) },
]);
console.log("\nfirst calls in a fresh process (ms, median)");
console.table([
  { what: "import sla-kit/calendar", ms: +m("import").toFixed(1) },
  { what: "the runtime's first Intl.DateTimeFormat (not sla-kit)", ms: +m("intlInit").toFixed(1) },
  { what: "first addBusinessTime, chinaWorkCalendar (Asia/Shanghai)", ms: +m("firstShanghai").toFixed(1) },
  { what: "  the same again", ms: +m("againShanghai").toFixed(2) },
  { what: "first addBusinessTime, America/New_York (DST)", ms: +m("firstNewYork").toFixed(1) },
  { what: "  the same again", ms: +m("againNewYork").toFixed(2) },
  { what: "a query 4 years later (2029)", ms: +m("fourYearsOut").toFixed(1) },
  { what: "  the same again", ms: +m("fourYearsOutAgain").toFixed(2) },
]);
