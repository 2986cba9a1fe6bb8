/** The `sla-kit` sub-commands. Each returns the exit code; output goes through `out`/`err`. */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { glob } from "tinyglobby";
import { isSlaKitError } from "../errors.js";
import {
  diffPolicies,
  parseCaseFile,
  runCaseFile,
  updateCaseFile,
  type CaseFile,
  type GoldenCase,
} from "../golden/index.js";
import { evaluateTicket, validatePolicy, type Ticket } from "../sla/index.js";
import { jsonSchemas, schemaText } from "./schemas.js";
import { UsageError, fileError, loadFile, loadPolicy, readJsonOrYaml, writeStructured } from "./io.js";
import * as report from "./reporters.js";
import { bold, dim, green, red, yellow } from "./style.js";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

type ParseOptions = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(args: readonly string[], options: ParseOptions, usage: string): { values: Values; positionals: string[] } {
  try {
    const r = parseArgs({ args: [...args], options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
    return { values: r.values as Values, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}`);
  }
}

export const usage = {
  main: `sla-kit: check service-level policies against golden cases

Usage: sla-kit <command> [options]

Commands:
  check <files or globs...>        run golden case files (JSON or YAML)
  diff <old> <new> --cases <files> which targets changed and which outcomes flip
  validate <policy>                find gaps, overlaps and contradictions in a policy
  explain <policy> --ticket <file> --as-of <instant>
                                   evaluate one ticket and show the whole trace
  schema <kind>                    print a JSON Schema (policy, cases, calendar, rule, scorecard)
  calendar import-notice <file|->  read a State Council holiday notice into a year of data (JSON)

A policy is a built-in name (robotIntegration2026, cableOperatorNorms) or a JSON/YAML file.
Run 'sla-kit <command> --help' for a command's options.
Exit codes: 0 ok, 1 a case failed / a finding or flip was reported, 2 usage error or malformed file.`,
  check: `Usage: sla-kit check <files or globs...> [options]

Runs every case of each golden file and prints a summary.
  --reporter <pretty|json|junit>  output format (default pretty)
  --output <file>                 write the report to a file instead of stdout
  --filter <text>                 run only cases whose id contains <text>
  --update                        write the actual results as the new expectations
  --verbose                       list passing cases too (pretty reporter)
Exit: 0 all pass, 1 any case failed, 2 usage error or malformed file.`,
  diff: `Usage: sla-kit diff <old-policy> <new-policy> [--cases <files or globs>...] [options]

Lists the target rows that changed, table by table, and replays the cases under both versions.
  --cases <glob>          golden case files to replay (repeatable)
  --tickets <file>        a JSON/YAML array of tickets to replay (needs --as-of)
  --as-of <instant>       the instant to evaluate tickets at
  --reporter <pretty|json>
  --fail-on <flip|change> exit 1 when an outcome flips (flip) or any target changed (change)`,
  validate: `Usage: sla-kit validate <policy> [--reporter pretty|json]

Prints validatePolicy findings. Exit 1 if any finding has severity "error".`,
  explain: `Usage: sla-kit explain <policy> --ticket <file> --as-of <instant> [--time-zone <zone>] [--reporter pretty|json]

Evaluates one ticket (JSON or YAML) and prints every stage with its deadline, status and trace.
  --time-zone <zone>  show deadlines as local times of an IANA zone (default: UTC instants)`,
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

export async function check(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    reporter: { type: "string", default: "pretty" },
    output: { type: "string" },
    filter: { type: "string" },
    update: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  }, usage.check);
  if (values.help) return io.out(usage.check), 0;
  const reporter = String(values.reporter);
  if (!["pretty", "json", "junit"].includes(reporter)) throw new UsageError(`Unknown reporter ${JSON.stringify(reporter)}: use pretty, json or junit.`);
  if (positionals.length === 0) throw new UsageError(`Give at least one case file.\n\n${usage.check}`);
  const files = await expand(positionals);
  const checked: report.CheckedFile[] = [];
  for (const file of files) {
    const loaded = loadFile(file);
    let parsed: CaseFile;
    try {
      parsed = parseCaseFile(loaded.data);
    } catch (e) {
      return fileError(loaded, e, "case file");
    }
    const builtin = parsed.policy === undefined ? undefined : loadPolicy(parsed.policy, file);
    let result;
    try {
      result = runCaseFile(parsed, { ...(builtin ? { policy: builtin } : {}), ...(values.filter ? { filter: String(values.filter) } : {}) });
    } catch (e) {
      return fileError(loaded, e, "case file");
    }
    if (values.update) {
      writeStructured(file, updateCaseFile(parsed, result), loaded.format);
      io.err(`${file}: updated ${result.results.length} case(s)`);
    }
    checked.push({ file, result });
  }
  const text = reporter === "json" ? report.json(checked) : reporter === "junit" ? report.junit(checked) : report.pretty(checked, Boolean(values.verbose));
  if (values.output) writeFileSync(String(values.output), `${text}\n`);
  else io.out(text);
  const failed = checked.reduce((n, f) => n + f.result.failed, 0);
  if (values.output) {
    const passed = checked.reduce((n, f) => n + f.result.passed, 0);
    io.err(`${passed} passed, ${failed} failed`);
  }
  return values.update ? 0 : failed > 0 ? 1 : 0;
}

export async function diff(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    cases: { type: "string", multiple: true },
    tickets: { type: "string" },
    "as-of": { type: "string" },
    reporter: { type: "string", default: "pretty" },
    "fail-on": { type: "string" },
  }, usage.diff);
  if (values.help) return io.out(usage.diff), 0;
  if (positionals.length !== 2) throw new UsageError(`Give the old and the new policy.\n\n${usage.diff}`);
  const failOn = values["fail-on"];
  if (failOn !== undefined && failOn !== "flip" && failOn !== "change") throw new UsageError(`--fail-on takes "flip" or "change".`);
  const [oldRef, newRef] = positionals as [string, string];
  const oldP = loadPolicy(oldRef);
  const newP = loadPolicy(newRef);
  const cases: GoldenCase[] = [];
  for (const file of await expand((values.cases as string[] | undefined) ?? [])) {
    const loaded = loadFile(file);
    try {
      cases.push(...parseCaseFile(loaded.data).cases.map((c) => ({ ...c, id: `${file}#${c.id}` })));
    } catch (e) {
      return fileError(loaded, e, "case file");
    }
  }
  if (values.tickets !== undefined) {
    if (values["as-of"] === undefined) throw new UsageError("--tickets needs --as-of <instant>.");
    const tickets = readJsonOrYaml(String(values.tickets), "tickets");
    if (!Array.isArray(tickets)) throw new UsageError(`${values.tickets}: expected an array of tickets.`);
    tickets.forEach((t, i) => cases.push({ id: `${values.tickets}#${(t as { id?: string }).id ?? i}`, kind: "evaluateTicket", asOf: String(values["as-of"]), input: { ticket: t } }));
  }
  const d = diffPolicies(oldP, newP, cases);
  const changes = Object.values(d.targets).reduce((n, t) => n + t.length, 0);
  if (values.reporter === "json") io.out(JSON.stringify(d, null, 2));
  else {
    const lines = [
      `${bold("old")} ${d.old.id}@${d.old.version} ${dim(d.old.hash)}`,
      `${bold("new")} ${d.new.id}@${d.new.version} ${dim(d.new.hash)}`,
      "",
      bold(`Targets: ${changes} row(s) changed`),
    ];
    for (const [service, rows] of Object.entries(d.targets)) {
      lines.push(`  ${bold(service)}`);
      for (const r of rows) {
        const dims = [r.tier, r.urgency, r.location].filter(Boolean).join("/");
        const what = Object.entries(r.fields).map(([f, v]) => `${f} ${JSON.stringify(v.old)} -> ${JSON.stringify(v.new)}`).join(", ");
        lines.push(`    ${r.change === "added" ? green("+") : r.change === "removed" ? red("-") : yellow("~")} ${r.stage}${dims ? ` [${dims}]` : ""}: ${what}`);
      }
    }
    lines.push("", bold(`Outcomes: ${d.flips.length} change(s) over ${d.casesReplayed} case(s)`));
    for (const f of d.flips) lines.push(`  ${f.caseId}${f.stage ? ` ${f.stage}` : ""}: ${f.field} ${JSON.stringify(f.old)} -> ${JSON.stringify(f.new)}`);
    for (const [k, n] of Object.entries(d.counts)) lines.push(`  ${k}: ${n}`);
    io.out(lines.join("\n"));
  }
  const flips = d.flips.filter((f) => f.field === "status" || f.field === "error").length;
  if (failOn === "flip" && flips > 0) return 1;
  if (failOn === "change" && (changes > 0 || d.flips.length > 0)) return 1;
  return 0;
}

export async function validate(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { reporter: { type: "string", default: "pretty" } }, usage.validate);
  if (values.help) return io.out(usage.validate), 0;
  if (positionals.length !== 1) throw new UsageError(`Give one policy.\n\n${usage.validate}`);
  const ref = positionals[0]!;
  let issues;
  try {
    const loaded = /\.(json|ya?ml)$/i.test(ref) ? loadFile(ref) : undefined;
    issues = validatePolicy(loaded ? loaded.data : loadPolicy(ref));
  } catch (e) {
    if (isSlaKitError(e)) throw new UsageError(`${ref}: ${e.code} at ${e.path.join(".") || "top level"}: ${e.message}`);
    throw e;
  }
  const errors = issues.filter((i) => i.severity === "error").length;
  if (values.reporter === "json") io.out(JSON.stringify(issues, null, 2));
  else {
    for (const i of issues) io.out(`${i.severity === "error" ? red("error") : yellow("warning")} ${i.code} at ${i.path.join(".")}: ${i.message}`);
    io.out(`${errors} error(s), ${issues.length - errors} warning(s)`);
  }
  return errors > 0 ? 1 : 0;
}

export async function explain(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { ticket: { type: "string" }, "as-of": { type: "string" }, "time-zone": { type: "string" }, reporter: { type: "string", default: "pretty" } }, usage.explain);
  if (values.help) return io.out(usage.explain), 0;
  if (positionals.length !== 1 || values.ticket === undefined || values["as-of"] === undefined) throw new UsageError(usage.explain);
  const policy = loadPolicy(positionals[0]!);
  const asOf = new Date(String(values["as-of"]));
  if (!Number.isFinite(asOf.getTime())) throw new UsageError(`--as-of ${JSON.stringify(values["as-of"])} is not an instant: write e.g. 2024-05-06T12:00:00+08:00.`);
  const show = instantFormat(values["time-zone"] === undefined ? undefined : String(values["time-zone"]));
  const loaded = loadFile(String(values.ticket));
  let ev;
  try {
    ev = evaluateTicket(policy, loaded.data as Ticket, { asOf });
  } catch (e) {
    return fileError(loaded, e, "ticket");
  }
  if (values.reporter === "json") {
    io.out(JSON.stringify(ev, null, 2));
    return 0;
  }
  const lines = [bold(`Ticket ${ev.ticketId}`) + ` ${ev.service} ${[ev.tier, ev.urgency, ev.location].filter(Boolean).join("/")}`,
    dim(`policy ${ev.policy.id}@${ev.policy.version} ${ev.policy.hash}, as of ${show(ev.asOf)}`)];
  for (const s of ev.stages) {
    const colour = s.status === "met" ? green : s.status === "breached" || s.status === "overdue" ? red : s.status === "warning" ? yellow : dim;
    lines.push("", `${bold(s.stage)}  ${colour(s.status)}  due ${s.dueAt ? show(s.dueAt) : "-"}${s.doneAt ? `  done ${show(s.doneAt)}` : ""}${s.fractionUsed !== null ? `  used ${(s.fractionUsed * 100).toFixed(1)}%` : ""}`);
    lines.push(dim(`  rule ${s.trace.sourceRef ?? "-"} (row ${s.trace.row ?? "-"}), within ${JSON.stringify(s.trace.within)} on ${s.trace.clock ?? "-"}, from ${s.trace.anchor}`));
    for (const step of s.trace.steps) lines.push(`  - ${step.step}${step.detail ? `: ${step.detail}` : ""}`);
  }
  io.out(lines.join("\n"));
  return 0;
}

/** Instants as ISO UTC, or as "YYYY-MM-DD HH:mm:ss <zone>" local times of an IANA zone. */
function instantFormat(timeZone: string | undefined): (d: Date) => string {
  if (timeZone === undefined) return (d) => d.toISOString();
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "medium" });
  } catch {
    throw new UsageError(`--time-zone ${JSON.stringify(timeZone)} is not an IANA time zone (e.g. Asia/Shanghai).`);
  }
  return (d) => `${f.format(d)} ${timeZone}`;
}

export async function schema(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {}, usage.schema);
  if (values.help) return io.out(usage.schema), 0;
  const kind = positionals[0];
  if (kind === undefined || jsonSchemas[kind] === undefined) throw new UsageError(`Give a schema kind: ${Object.keys(jsonSchemas).join(", ")}.\n\n${usage.schema}`);
  io.out(schemaText(kind).trimEnd());
  return 0;
}
