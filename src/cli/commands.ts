/** The `sla-kit` sub-commands. Each returns the exit code (0, 1 or 2); output goes through `out`/`err`. */
import { isDeepStrictEqual, parseArgs } from "node:util";
import { glob } from "tinyglobby";
import { parse as parseYaml } from "yaml";
import { parseIsoInstant } from "../_lib/instant.js";
import { isValidTimeZone, utcMs, wallToInstant } from "../_lib/zone.js";
import { isSlaKitError } from "../errors.js";
import { diffPolicies, diffVersions, parseCaseFile, runCaseFile, updateCaseFile, type CaseFile, type GoldenCase } from "../golden/index.js";
import { didYouMean } from "../golden/_suggest.js";
import { evaluateTicket, evaluateTicketVersions, validatePolicy, type Policy, type Ticket, type TicketInput } from "../sla/index.js";
import { coverage, type CoverageInput } from "./coverage.js";
import { groupFindings } from "./findings.js";
import { humanize } from "./humanize.js";
import { DEFAULT_MAX_BYTES, UsageError, fileError, inlineCalendarFiles, limits, loadFile, loadPolicy, readJsonOrYaml, writeAtomic, type Loaded } from "./io.js";
import * as report from "./reporters.js";
import { jsonSchemas, schemaText } from "./schemas.js";
import { documentUpdates, spliceUpdates } from "./update.js";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

type ParseOptions = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

const MAX_BYTES_HELP = `  --max-bytes <n>         refuse input files larger than n bytes (default ${DEFAULT_MAX_BYTES}, 64 MiB)`;

/**
 * Parses a command's arguments; unknown flags get a "did you mean". Sets the input size limit from
 * `--max-bytes` (default `defaultMaxBytes`).
 */
export function parse(args: readonly string[], options: ParseOptions, usage: string, defaultMaxBytes = DEFAULT_MAX_BYTES): { values: Values; positionals: string[] } {
  const all: ParseOptions = { ...options, help: { type: "boolean", short: "h" }, "max-bytes": { type: "string" } };
  let r;
  try {
    r = parseArgs({ args: [...args], options: all, allowPositionals: true, strict: true });
  } catch (e) {
    const flag = /option '(-{1,2}[^']+)'/.exec((e as Error).message)?.[1];
    if (flag !== undefined && /^Unknown option/.test((e as Error).message)) {
      const hint = flag.startsWith("--") ? didYouMean(flag.slice(2).split("=")[0]!, Object.keys(all)).replace(/"([^"]+)"\?$/, '"--$1"?') : "";
      throw new UsageError(`Unknown option ${flag}.${hint}\n\n${usage}`);
    }
    throw new UsageError(`${(e as Error).message}\n\n${usage}`);
  }
  const values = r.values as Values;
  limits.maxBytes = defaultMaxBytes;
  if (values["max-bytes"] !== undefined) {
    const n = Number(values["max-bytes"]);
    if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--max-bytes takes a whole number of bytes > 0, got ${JSON.stringify(values["max-bytes"])}.`);
    limits.maxBytes = n;
  }
  return { values, positionals: r.positionals };
}

function oneOf(flag: string, value: unknown, allowed: readonly string[]): string {
  const v = String(value);
  if (!allowed.includes(v)) throw new UsageError(`Unknown ${flag} ${JSON.stringify(v)}.${didYouMean(v, allowed)} Use ${allowed.join(", ")}.`);
  return v;
}

export const usage = {
  main: `sla-kit: check service-level policies against golden cases

Usage: sla-kit <command> [options]

Commands:
  check <files or globs...>        run golden case files (JSON or YAML)
  diff <old> <new> --cases <files> which targets changed and which outcomes flip
  validate <policy>                find gaps, overlaps and contradictions in a policy
  explain <policy> [<policy>...] --ticket <file> --as-of <instant>
                                   evaluate one ticket and show the whole trace
  schema <kind>                    print a JSON Schema (policy, ticket, cases, calendar, rule, scorecard)
  calendar import-notice <file|->  read a State Council holiday notice into a year of data (JSON)
  report <tickets.csv|.json|.parquet> --policy <p> --mapping <file> --as-of <instant>
                                   HTML report (or tidy rows) of a ticket table

A policy is a built-in name (robotIntegration2026, cableOperatorNorms) or a JSON/YAML file.
Run 'sla-kit <command> --help' for a command's options.
Exit codes: 0 ok, 1 a case failed / a finding or flip was reported, 2 usage error or malformed file.`,
  check: `Usage: sla-kit check <files or globs...> [options]

Runs every case of each golden file and prints a summary.
  --reporter <pretty|json|junit|github>  output format (default pretty; github: workflow annotations)
  --output <file>         write the report to a file instead of stdout
  --filter <text>         run only cases whose id contains <text>
  --update                rewrite the expectations of failing cases (like vitest -u), keeping the file's layout
  --coverage              list the target rows (and scoring rules, KPI targets) no case exercised
  --min-coverage <pct>    exit 1 when coverage is below pct percent (implies --coverage)
  --verbose               list passing cases too (pretty reporter)
${MAX_BYTES_HELP}
Exit: 0 all pass, 1 any case failed (after --update: a case it could not fix) or coverage too low,
2 usage error or malformed file.`,
  diff: `Usage: sla-kit diff <old-policy> <new-policy> [--cases <files or globs>...] [options]

Lists the target rows that changed, table by table, and replays the cases under both versions.
  --cases <glob>          golden case files to replay (repeatable)
  --tickets <file>        a JSON/YAML array of tickets to replay (needs --as-of)
  --as-of <instant>       the instant to evaluate tickets at: ISO-8601 with an offset, or "now"
  --time-zone <zone>      read an --as-of without offset as a local time of this IANA zone
  --reporter <pretty|json>
  --effective             replay --tickets with the two policies as versions: the new one
                          judges only the stages that start on or after its effectiveFrom;
                          stages started or decided earlier keep the old one's outcome
  --fail-on <flip|change> exit 1 when an outcome flips (flip) or anything changed (change);
                          either way exit 1 when a replayed case errored
${MAX_BYTES_HELP}`,
  validate: `Usage: sla-kit validate <policy> [--reporter pretty|json] [--max-findings <n>]

Prints validatePolicy findings with file:line:column and the row's id; one mistake's cascade is
folded into its root cause; identical findings are grouped.
  --max-findings <n>      show the first n groups (default 50), then a count and a summary by kind
${MAX_BYTES_HELP}
Exit 1 if any finding has severity "error".`,
  explain: `Usage: sla-kit explain <policy> [<policy>...] --ticket <file> --as-of <instant> [--time-zone <zone>] [--reporter pretty|json]

Evaluates one ticket (JSON or YAML) and prints every stage with its deadline, status and trace.
Several policies are the effective-dated versions of one policy: each stage is judged by the
version in force when it started (evaluateTicketVersions; its trace names the version).
  --as-of <instant>   ISO-8601 with an offset, or "now" (without offset only with --time-zone)
  --time-zone <zone>  show every instant, trace steps included, as local times of an IANA zone
${MAX_BYTES_HELP}`,
  schema: `Usage: sla-kit schema <policy|cases|calendar|rule|scorecard>

Prints the JSON Schema of a policy file, a golden case file, a calendar spec, a scoring rule or a scorecard.`,
};

async function expand(patterns: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of patterns) {
    if (/[*?[\]{}]/.test(p)) {
      const found = await glob(p, { onlyFiles: true });
      if (found.length === 0) throw new UsageError(`No files match ${JSON.stringify(p)}.`);
      files.push(...found.sort());
    } else files.push(p);
  }
  return files;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * An `--as-of` value: ISO-8601 with an offset, "now", or (with `timeZone`) a local date or
 * date-time read in that zone. Anything else is a usage error with the fix.
 */
export function parseAsOf(text: string, timeZone: string | undefined, flag = "--as-of"): Date {
  if (text === "now") return new Date();
  const ms = parseIsoInstant(text);
  if (Number.isFinite(ms)) return new Date(ms);
  const m = LOCAL.exec(text);
  if (m !== null) {
    if (timeZone === undefined) {
      throw new UsageError(`${flag} ${JSON.stringify(text)} has no offset, so it would mean a different instant on every machine: write ${JSON.stringify(`${m[4] === undefined ? `${text}T00:00:00` : text.replace(" ", "T")}+08:00`)} (or Z for UTC), or name the zone to read it in with --time-zone Asia/Shanghai.`);
    }
    const n = (i: number) => Number(m[i] ?? 0);
    const [y, mo, d] = [n(1), n(2), n(3)];
    const wall = utcMs(y, mo, d, n(4), n(5), n(6)) + Number((m[7] ?? "").padEnd(3, "0"));
    if (mo < 1 || mo > 12 || new Date(wall).getUTCDate() !== d || n(4) > 23 || n(5) > 59 || n(6) > 59) throw new UsageError(`${flag} ${JSON.stringify(text)} is not a real date and time.`);
    return new Date(wallToInstant(timeZone, wall));
  }
  throw new UsageError(`${flag} ${JSON.stringify(text)} is not an instant: write e.g. 2024-05-06T12:00:00+08:00 (ISO-8601 with an offset) or "now".`);
}

function timeZoneOf(values: Values): string | undefined {
  const tz = values["time-zone"];
  if (tz === undefined) return undefined;
  if (!isValidTimeZone(String(tz))) throw new UsageError(`--time-zone ${JSON.stringify(tz)} is not an IANA time zone (e.g. Asia/Shanghai).`);
  return String(tz);
}

/** A case file, validated; mistakes in it are malformed-file errors (exit 2) with file:line. */
function loadCaseFile(file: string): { loaded: Loaded; parsed: CaseFile } {
  const loaded = loadFile(file);
  try {
    return { loaded, parsed: parseCaseFile(loaded.data) };
  } catch (e) {
    return fileError(loaded, e, "case file");
  }
}

/** Rewrites the failing expectations of one file; returns the cases it changed, with what changed. */
function updateFile(file: string, loaded: Loaded, parsed: CaseFile, result: ReturnType<typeof runCaseFile>): { id: string; changes: string[] }[] {
  const updated = updateCaseFile(parsed, result);
  const changedIds = updated.cases.filter((c, i) => c !== parsed.cases[i]).map((c) => c.id);
  if (changedIds.length === 0) return [];
  const reparse = (text: string): unknown => (loaded.format === "json" ? JSON.parse(text) : parseYaml(text));
  const same = (text: string) => {
    try {
      return isDeepStrictEqual(JSON.parse(JSON.stringify(parseCaseFile(reparse(text)))), JSON.parse(JSON.stringify(updated)));
    } catch {
      return false;
    }
  };
  let text: string | undefined;
  try {
    text = spliceUpdates(loaded, parsed, updated);
  } catch {
    text = undefined;
  }
  if (text === undefined || !same(text)) text = documentUpdates(loaded, updated);
  if (!same(text)) throw new UsageError(`${file}: could not rewrite the expectations without changing other data; the file was left as it was. Update it by hand.`);
  writeAtomic(file, text);
  const byId = new Map(result.results.map((r) => [r.id, r]));
  return changedIds.map((id) => ({ id, changes: (byId.get(id)?.mismatches ?? []).filter((m) => m.path[0] !== "rule").map((m) => m.message) }));
}

export async function check(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    reporter: { type: "string", default: "pretty" },
    output: { type: "string" },
    filter: { type: "string" },
    update: { type: "boolean", default: false },
    coverage: { type: "boolean", default: false },
    "min-coverage": { type: "string" },
    verbose: { type: "boolean", default: false },
  }, usage.check);
  if (values.help) return io.out(usage.check), 0;
  const reporter = oneOf("reporter", values.reporter, ["pretty", "json", "junit", "github"]);
  let minCoverage: number | undefined;
  if (values["min-coverage"] !== undefined) {
    minCoverage = Number(values["min-coverage"]);
    if (!Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100) throw new UsageError(`--min-coverage takes a percentage from 0 to 100, got ${JSON.stringify(values["min-coverage"])}.`);
  }
  if (positionals.length === 0) throw new UsageError(`Give at least one case file.\n\n${usage.check}`);
  const files = await expand(positionals);
  const checked: report.CheckedFile[] = [];
  const covInputs: CoverageInput[] = [];
  for (const file of files) {
    const { loaded, parsed } = loadCaseFile(file);
    const policy = parsed.policy === undefined ? undefined : loadPolicy(parsed.policy, file);
    const policies = parsed.policies?.map((p) => loadPolicy(p, file));
    const run = (f: CaseFile) => {
      try {
        return runCaseFile(f, { ...(policy ? { policy } : {}), ...(policies ? { policies } : {}), ...(values.filter ? { filter: String(values.filter) } : {}) });
      } catch (e) {
        return fileError(loaded, e, "case file");
      }
    };
    let result = run(parsed);
    let updated: { id: string; changes: string[] }[] | undefined;
    if (values.update) {
      updated = updateFile(file, loaded, parsed, result);
      if (updated.length > 0) result = run(loadCaseFile(file).parsed);
    }
    checked.push({ file, result, lines: report.caseLines(parsed, (p) => loaded.lineOf(p)), ...(updated ? { updated } : {}) });
    covInputs.push({ file: parsed, result, policy });
  }
  const cov = values.coverage || minCoverage !== undefined ? coverage(covInputs) : undefined;
  let text = reporter === "json" ? report.json(checked, cov) : reporter === "junit" ? report.junit(checked) : reporter === "github" ? report.github(checked) : report.pretty(checked, Boolean(values.verbose));
  if (cov && reporter === "pretty") text = `${text}\n${report.coverageText(cov)}`;
  if (values.output) {
    writeAtomic(String(values.output), `${text}\n`);
    io.err(report.summary(checked));
    if (cov && reporter !== "pretty") io.err(report.coverageText(cov));
  } else {
    io.out(text);
    if (cov && reporter !== "pretty" && reporter !== "json") io.err(report.coverageText(cov));
  }
  const failed = checked.reduce((n, f) => n + f.result.failed, 0);
  if (failed > 0) return 1;
  if (cov && minCoverage !== undefined && cov.percent < minCoverage) {
    io.err(`Coverage ${cov.percent.toFixed(1)}% is below --min-coverage ${minCoverage}%.`);
    return 1;
  }
  return 0;
}

/** Names of the policy calendars whose data differs between two versions. */
function calendarChanges(a: Policy, b: Policy): string[] {
  const names = new Set([...Object.keys(a.calendars), ...Object.keys(b.calendars)]);
  return [...names].filter((n) => !isDeepStrictEqual(Object.hasOwn(a.calendars, n) ? a.calendars[n] : undefined, Object.hasOwn(b.calendars, n) ? b.calendars[n] : undefined));
}

/** Dimensions whose `reclassify` mode differs (S16; a dimension not named is "keep"), as `dimension "old" -> "new"`. */
function reclassifyChanges(a: Policy, b: Policy): string[] {
  const dims = ["tier", "urgency", "location", "channel"] as const;
  return dims.filter((d) => (a.reclassify?.[d] ?? "keep") !== (b.reclassify?.[d] ?? "keep")).map((d) => `${d} "${a.reclassify?.[d] ?? "keep"}" -> "${b.reclassify?.[d] ?? "keep"}"`);
}

export async function diff(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    cases: { type: "string", multiple: true },
    tickets: { type: "string" },
    "as-of": { type: "string" },
    "time-zone": { type: "string" },
    reporter: { type: "string", default: "pretty" },
    "fail-on": { type: "string" },
    effective: { type: "boolean", default: false },
  }, usage.diff);
  if (values.help) return io.out(usage.diff), 0;
  if (positionals.length !== 2) throw new UsageError(`Give the old and the new policy.\n\n${usage.diff}`);
  const failOn = values["fail-on"] === undefined ? undefined : oneOf("--fail-on", values["fail-on"], ["flip", "change"]);
  const reporter = oneOf("reporter", values.reporter, ["pretty", "json"]);
  const timeZone = timeZoneOf(values);
  const asOf = values["as-of"] === undefined ? undefined : parseAsOf(String(values["as-of"]), timeZone);
  const [oldRef, newRef] = positionals as [string, string];
  const oldP = loadPolicy(oldRef);
  const newP = loadPolicy(newRef);
  if (values.effective) return diffEffective(oldP, newP, values, asOf, failOn, reporter, io);
  const cases: GoldenCase[] = [];
  for (const file of await expand((values.cases as string[] | undefined) ?? [])) {
    cases.push(...loadCaseFile(file).parsed.cases.map((c) => ({ ...c, id: `${file}#${c.id}` })));
  }
  if (values.tickets !== undefined) {
    if (asOf === undefined) throw new UsageError("--tickets needs --as-of <instant> (ISO-8601 with an offset, or \"now\").");
    const tickets = readJsonOrYaml(String(values.tickets), "tickets");
    if (!Array.isArray(tickets)) throw new UsageError(`${values.tickets}: expected an array of tickets.`);
    tickets.forEach((t, i) => {
      const id = (t as { id?: unknown } | null)?.id;
      cases.push({ id: `${values.tickets}#${typeof id === "string" || typeof id === "number" ? id : i}`, kind: "evaluateTicket", asOf: asOf.toISOString(), input: { ticket: t } });
    });
  }
  const d = diffPolicies(oldP, newP, cases);
  const changes = Object.values(d.targets).reduce((n, t) => n + t.length, 0);
  const calendars = calendarChanges(oldP, newP);
  const reclassify = reclassifyChanges(oldP, newP);
  if (reporter === "json") io.out(JSON.stringify({ ...d, calendars, reclassify, ...(asOf ? { asOf: asOf.toISOString() } : {}) }, null, 2));
  else io.out(report.diffText(d, changes, calendars, reclassify));
  if (failOn !== undefined && d.errored.length > 0) return 1;
  const flips = d.flips.filter((f) => f.field === "status" || f.field === "error").length;
  if (failOn === "flip" && flips > 0) return 1;
  if (failOn === "change" && (changes > 0 || calendars.length > 0 || d.flips.length > 0)) return 1;
  return 0;
}

/** `diff --effective`: the stages of --tickets a new version changes from its effective date on (S18). */
function diffEffective(oldP: Policy, newP: Policy, values: { cases?: unknown; tickets?: unknown }, asOf: Date | undefined, failOn: string | undefined, reporter: string, io: Io): number {
  if (values.tickets === undefined || asOf === undefined) throw new UsageError("--effective replays tickets: give --tickets <file> and --as-of <instant>.");
  if (values.cases !== undefined) throw new UsageError("--effective replays --tickets only; run --cases without it.");
  const tickets = readJsonOrYaml(String(values.tickets), "tickets");
  if (!Array.isArray(tickets)) throw new UsageError(`${values.tickets}: expected an array of tickets.`);
  const d = diffVersions(oldP, newP, tickets as TicketInput[], { asOf });
  io.out(reporter === "json" ? JSON.stringify(d, null, 2) : report.versionDiffText(d));
  if (failOn !== undefined && d.errored.length > 0) return 1;
  if (failOn === "flip" && d.changes.some((c) => c.field === "status")) return 1;
  if (failOn === "change" && d.changes.length > 0) return 1;
  return 0;
}

export async function validate(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { reporter: { type: "string", default: "pretty" }, "max-findings": { type: "string", default: "50" } }, usage.validate);
  if (values.help) return io.out(usage.validate), 0;
  if (positionals.length !== 1) throw new UsageError(`Give one policy.\n\n${usage.validate}`);
  const reporter = oneOf("reporter", values.reporter, ["pretty", "json"]);
  const max = Number(values["max-findings"]);
  if (!Number.isSafeInteger(max) || max < 1) throw new UsageError(`--max-findings takes a whole number >= 1, got ${JSON.stringify(values["max-findings"])}.`);
  const ref = positionals[0]!;
  const loaded = /\.(json|ya?ml)$/i.test(ref) ? loadFile(ref) : undefined;
  let issues;
  try {
    issues = validatePolicy(loaded ? inlineCalendarFiles(loaded.data, ref) : loadPolicy(ref));
  } catch (e) {
    if (isSlaKitError(e) && loaded) return fileError(loaded, e, "policy");
    throw e;
  }
  const errors = issues.filter((i) => i.severity === "error").length;
  const groups = groupFindings(issues, loaded);
  if (reporter === "json") {
    io.out(JSON.stringify({ errors, warnings: issues.length - errors, groups: groups.slice(0, max), groupsOmitted: Math.max(0, groups.length - max), findings: issues.slice(0, max * 10), findingsOmitted: Math.max(0, issues.length - max * 10) }, null, 2));
  } else io.out(report.validateText(groups, issues, max));
  return errors > 0 ? 1 : 0;
}

export async function explain(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { ticket: { type: "string" }, "as-of": { type: "string" }, "time-zone": { type: "string" }, reporter: { type: "string", default: "pretty" } }, usage.explain);
  if (values.help) return io.out(usage.explain), 0;
  if (positionals.length === 0 || values.ticket === undefined || values["as-of"] === undefined) throw new UsageError(usage.explain);
  const reporter = oneOf("reporter", values.reporter, ["pretty", "json"]);
  const timeZone = timeZoneOf(values);
  const asOf = parseAsOf(String(values["as-of"]), timeZone);
  const policies = positionals.map((p) => loadPolicy(p));
  const show = instantFormat(timeZone);
  const loaded = loadFile(String(values.ticket));
  let ev;
  try {
    ev = policies.length === 1 ? evaluateTicket(policies[0]!, loaded.data as Ticket, { asOf }) : evaluateTicketVersions(policies, loaded.data as Ticket, { asOf });
  } catch (e) {
    // a set whose versions do not fit together is the policies' fault, not the ticket's
    if (isSlaKitError(e) && policies.length > 1 && e.code === "INVALID_POLICY" && typeof e.path[0] === "number") throw new UsageError(`${positionals[e.path[0]]}: ${e.message}`);
    return fileError(loaded, e, "ticket");
  }
  io.out(reporter === "json" ? JSON.stringify(ev, null, 2) : report.explainText(ev, show));
  return 0;
}

/** Instants as ISO UTC, or as "YYYY-MM-DD HH:mm:ss <zone>" local times of an IANA zone. */
function instantFormat(timeZone: string | undefined): (d: Date) => string {
  if (timeZone === undefined) return (d) => d.toISOString();
  const f = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "medium" });
  return (d) => `${f.format(d)} ${timeZone}`;
}

export async function schema(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {}, usage.schema);
  if (values.help) return io.out(usage.schema), 0;
  const kind = positionals[0];
  if (kind === undefined || !Object.hasOwn(jsonSchemas, kind)) throw new UsageError(`Give a schema kind: ${Object.keys(jsonSchemas).join(", ")}.${kind === undefined ? "" : didYouMean(kind, Object.keys(jsonSchemas))}\n\n${usage.schema}`);
  io.out(schemaText(kind).trimEnd());
  return 0;
}

export { humanize };
