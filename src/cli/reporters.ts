/**
 * Everything the command prints: `check` (pretty, json, junit, github), `diff`, `validate`,
 * `explain` and coverage. Pure functions from results to text.
 */
import type { CaseFile, CaseResult, FileResult, PolicyDiff, VersionDiff } from "../golden/index.js";
import type { PolicyIssue, TicketEvaluation } from "../sla/index.js";
import type { Coverage } from "./coverage.js";
import { SlaKitError } from "../errors.js";
import { humanize } from "./humanize.js";
import { bold, dim, green, red, yellow } from "./style.js";

/** One checked case file, with what the reporters need to point into it. */
export interface CheckedFile {
  readonly file: string;
  readonly result: FileResult;
  /** Line (1-based) of each case in the file, by case id (looked up when a reporter needs it). */
  readonly lines: { get(id: string): number | undefined };
  /** Cases `--update` rewrote, with what changed. */
  readonly updated?: readonly { readonly id: string; readonly changes: readonly string[] }[];
}

const totals = (files: readonly CheckedFile[]) => ({
  passed: files.reduce((n, f) => n + f.result.passed, 0),
  failed: files.reduce((n, f) => n + f.result.failed, 0),
  updated: files.reduce((n, f) => n + (f.updated?.length ?? 0), 0),
});

/** The one summary line of a run: `12 passed, 1 failed` (and `, 2 updated`). */
export function summary(files: readonly CheckedFile[]): string {
  const t = totals(files);
  const text = `${t.passed} passed, ${t.failed} failed${t.updated > 0 ? `, ${t.updated} updated` : ""}`;
  return t.failed === 0 ? green(text) : red(text);
}

/** The stage a mismatch path points into (`["stages", "[stage=response]", "status"]` -> "response"). */
function stageOf(path: readonly (string | number)[]): string | undefined {
  if (path[0] !== "stages") return undefined;
  const m = /^\[stage=(.*)\]$/.exec(String(path[1] ?? ""));
  return m?.[1];
}

const iso = (d: Date) => d.toISOString();

type Trace = { sourceRef?: string; rowId?: string; steps?: readonly { step?: string; detail?: string }[] };

/** Trace lines of the stages that failed (only those), or of the result when it has one trace. */
function failingTrace(r: CaseResult): string[] {
  const actual = r.actual as { stages?: readonly { stage: string; trace?: Trace }[]; trace?: Trace } | null;
  const render = (t: Trace | undefined, where: string): string[] => {
    if (t === undefined || t === null || typeof t !== "object") return [];
    const out: string[] = [];
    if (t.sourceRef || t.rowId) out.push(`${where}rule ${[t.sourceRef, t.rowId].filter(Boolean).join(", ")}`);
    for (const s of Array.isArray(t.steps) ? t.steps : []) out.push(`${where}${s.step ?? ""}${s.detail ? `: ${readable(String(s.detail), iso)}` : ""}`);
    return out;
  };
  const stages = new Set(r.mismatches.map((m) => stageOf(m.path)).filter((s): s is string => s !== undefined));
  if (stages.size > 0 && Array.isArray(actual?.stages)) {
    return actual.stages.filter((s) => stages.has(s.stage)).flatMap((s) => render(s.trace, `${s.stage}: `));
  }
  return render(actual?.trace, "").slice(0, 20);
}

export function pretty(files: readonly CheckedFile[], verbose: boolean): string {
  const lines: string[] = [];
  for (const { file, result, lines: at, updated } of files) {
    const p = result.policy;
    lines.push(bold(file) + dim(p ? `  policy ${p.id}@${p.version} ${p.hash}` : ""));
    for (const u of updated ?? []) {
      lines.push(`  ${yellow("~")} ${u.id} ${dim(`(updated, ${file}:${at.get(u.id) ?? "?"})`)}`);
      for (const c of u.changes) lines.push(`      ${c}`);
    }
    for (const r of result.results) {
      if (r.status === "pass") {
        if (verbose) lines.push(`  ${green("✓")} ${r.id}`);
        continue;
      }
      lines.push(`  ${red("✗")} ${r.id} ${dim(`(${r.kind}, ${file}:${at.get(r.id) ?? "?"})`)}`);
      for (const m of r.mismatches) lines.push(`      ${m.message}`);
      const hint = r.error ? /Did you mean.*$/.exec(humanize(new SlaKitError("INVALID_INPUT", r.error.message)))?.[0] : undefined;
      if (hint && !r.error!.message.includes(hint)) lines.push(`      ${hint}`);
      const trace = failingTrace(r);
      if (trace.length > 0) {
        lines.push(dim("      trace:"));
        for (const t of trace) lines.push(dim(`        ${t}`));
      }
    }
  }
  lines.push("", summary(files));
  return lines.join("\n");
}

export function json(files: readonly CheckedFile[], coverage?: Coverage): string {
  const t = totals(files);
  return JSON.stringify(
    {
      ...t,
      files: files.map((f) => ({ file: f.file, ...f.result, results: f.result.results.map((r) => ({ ...r, line: f.lines.get(r.id) ?? null })), ...(f.updated ? { updated: f.updated } : {}) })),
      ...(coverage ? { coverage } : {}),
    },
    null,
    2,
  );
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export function junit(files: readonly CheckedFile[]): string {
  const t = totals(files);
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="sla-kit check" tests="${t.passed + t.failed}" failures="${t.failed}" errors="0">`];
  for (const { file, result, lines } of files) {
    out.push(`  <testsuite name="${xml(file)}" tests="${result.results.length}" failures="${result.failed}" errors="0" file="${xml(file)}">`);
    if (result.policy) out.push(`    <properties><property name="policy" value="${xml(`${result.policy.id}@${result.policy.version} ${result.policy.hash}`)}"/></properties>`);
    for (const r of result.results) {
      const line = lines.get(r.id);
      const name = `    <testcase classname="${xml(file)}" name="${xml(r.id)}" file="${xml(file)}"${line === undefined ? "" : ` line="${line}"`}`;
      if (r.status === "pass") out.push(`${name}/>`);
      else {
        out.push(`${name}>`);
        const body = [...r.mismatches.map((m) => m.message), ...failingTrace(r)].join("\n");
        out.push(`      <failure message="${xml(r.mismatches[0]?.message ?? "failed")}" type="${xml(r.error?.code ?? "mismatch")}">${xml(`${file}${line === undefined ? "" : `:${line}`}\n${body}`)}</failure>`);
        out.push(`    </testcase>`);
      }
    }
    out.push(`  </testsuite>`);
  }
  out.push(`</testsuites>`);
  return out.join("\n");
}

/** GitHub Actions workflow commands: escapes of a message and of a property value. */
const ghData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const ghProp = (s: string) => ghData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** `::error file=...,line=...,title=...::message` per failing case (shown on the pull request's diff), then the summary. */
export function github(files: readonly CheckedFile[]): string {
  const out: string[] = [];
  for (const { file, result, lines } of files) {
    for (const r of result.results) {
      if (r.status === "pass") continue;
      const line = lines.get(r.id);
      const message = [...r.mismatches.map((m) => m.message), ...failingTrace(r)].join("\n");
      out.push(`::error file=${ghProp(file)}${line === undefined ? "" : `,line=${line}`},title=${ghProp(`sla-kit: ${r.id}`)}::${ghData(message)}`);
    }
  }
  const t = totals(files);
  out.push(`${t.passed} passed, ${t.failed} failed${t.updated > 0 ? `, ${t.updated} updated` : ""}`);
  return out.join("\n");
}

/** Coverage as text: per universe, covered / total and what no case exercised. */
export function coverageText(c: Coverage): string {
  const lines = [bold(`Coverage: ${c.percent.toFixed(1)}% (${c.covered} of ${c.total})`)];
  for (const u of c.parts) {
    lines.push(`  ${u.name}: ${u.covered.length} of ${u.covered.length + u.missed.length}`);
    for (const m of u.missed) lines.push(dim(`    not exercised: ${m}`));
  }
  return lines.join("\n");
}

/** `diff` for people: hashes, changed rows per service, then outcomes (status flips before moved dates), errors, counts. */
export function diffText(d: PolicyDiff, changes: number, calendars: readonly string[] = [], reclassify: readonly string[] = []): string {
  const lines = [
    `${bold("old")} ${d.old.id}@${d.old.version} ${dim(d.old.hash)}`,
    `${bold("new")} ${d.new.id}@${d.new.version} ${dim(d.new.hash)}`,
    "",
    bold(`Targets: ${changes} row(s) changed`),
  ];
  for (const [service, rows] of Object.entries(d.targets)) {
    lines.push(`  ${bold(service)}`);
    for (const r of rows) {
      const dims = Object.entries(r).filter(([k]) => !["service", "stage", "change", "fields"].includes(k)).map(([, v]) => String(v)).join("/");
      const what = Object.entries(r.fields).map(([f, v]) => `${f} ${JSON.stringify(v.old)} -> ${JSON.stringify(v.new)}`).join(", ");
      lines.push(`    ${r.change === "added" ? green("+") : r.change === "removed" ? red("-") : yellow("~")} ${r.stage}${dims ? ` [${dims}]` : ""}: ${what}`);
    }
  }
  if (d.warnAt) lines.push(bold("Warning and escalation levels (policy warnAt) changed: ") + `${JSON.stringify(d.warnAt.old)} -> ${JSON.stringify(d.warnAt.new)}`);
  if (calendars.length > 0) lines.push(bold(`Calendars changed: ${calendars.join(", ")}`) + dim(" (deadlines on these clocks may move: see the outcomes)"));
  if (reclassify.length > 0) lines.push(bold(`Reclassify modes changed: ${reclassify.join(", ")}`) + dim(" (running stages of reclassified tickets respond differently: see the outcomes)"));
  const statusFlips = d.flips.filter((f) => f.field === "status" || f.field === "error").length;
  lines.push("", bold(`Outcomes: ${d.flips.length} change(s) over ${d.casesReplayed} case(s)`) + (statusFlips ? `, ${statusFlips} status flip(s)` : ""));
  for (const f of d.flips) {
    const why = f.error ? dim(` (${f.error.code}: ${f.error.message})`) : "";
    lines.push(`  ${f.caseId}${f.stage ? ` ${f.stage}` : ""}: ${f.field} ${JSON.stringify(f.old)} -> ${JSON.stringify(f.new)}${why}`);
  }
  for (const [k, n] of Object.entries(d.counts)) lines.push(`  ${k}: ${n}`);
  if (d.errored.length > 0) {
    lines.push("", red(bold(`${d.errored.length} errored`)) + dim(" (an error is not a result: these cases say nothing about the change)"));
    for (const e of d.errored.slice(0, 20)) {
      const side = (x: typeof e.old) => (x === null ? "ok" : `${x.code}: ${humanize(new SlaKitError("INVALID_INPUT", x.message))}`);
      lines.push(`  ${e.caseId}: ${e.old !== null && e.new !== null && e.old.code === e.new.code && e.old.message === e.new.message ? `both ${side(e.old)}` : `old ${side(e.old)} | new ${side(e.new)}`}`);
    }
    if (d.errored.length > 20) lines.push(dim(`  ... and ${d.errored.length - 20} more (--reporter json lists them all)`));
  }
  return lines.join("\n");
}

/** `sla-kit diff --effective`: the stages a new version changes from its effective date on (S18). */
export function versionDiffText(d: VersionDiff): string {
  const lines = [
    `${bold("old")} ${d.old.id}@${d.old.version} ${dim(d.old.hash)}`,
    `${bold("new")} ${d.new.id}@${d.new.version} ${dim(d.new.hash)}, in force from ${d.effectiveFrom.toISOString()}`,
    "",
    bold(`Stages: ${d.changes.length} change(s) over ${d.ticketsReplayed} ticket(s) as of ${d.asOf.toISOString()}`) +
      dim(` (${d.kept} kept: started or decided before the new version took effect; ${d.unchanged} judged by it with the same outcome)`),
  ];
  for (const c of d.changes) {
    const what = c.field === "target" ? `once it starts, within ${JSON.stringify((c.old as { within: unknown }).within)} -> ${JSON.stringify((c.new as { within: unknown }).within)}` : `${c.field} ${JSON.stringify(c.old)} -> ${JSON.stringify(c.new)}`;
    lines.push(`  ${c.ticketId} ${c.stage}${c.open ? "" : dim(" (decided)")}: ${what}`);
  }
  if (d.errored.length > 0) {
    lines.push("", red(bold(`${d.errored.length} errored`)) + dim(" (these tickets say nothing about the change)"));
    for (const e of d.errored.slice(0, 20)) lines.push(`  ${e.ticketId}: ${e.code}: ${humanize(new SlaKitError("INVALID_INPUT", e.message))}`);
    if (d.errored.length > 20) lines.push(dim(`  ... and ${d.errored.length - 20} more (--reporter json lists them all)`));
  }
  return lines.join("\n");
}

/** A group of findings with one root cause (or one code and message). */
export interface FindingGroup {
  readonly severity: "error" | "warning";
  readonly code: string;
  readonly message: string;
  /** Where: file:line:col, with the row id when the finding is about a target row. */
  readonly at: readonly string[];
  /** Findings that follow from this one (e.g. the gaps a renamed stage leaves), by code. */
  readonly folded: Readonly<Record<string, number>>;
}

/** `validate` for people: the first `max` groups, then a count and a summary by kind. */
export function validateText(groups: readonly FindingGroup[], issues: readonly PolicyIssue[], max: number): string {
  const lines: string[] = [];
  for (const g of groups.slice(0, max)) {
    const where = g.at.length > 3 ? `${g.at.slice(0, 3).join(", ")} and ${g.at.length - 3} more` : g.at.join(", ");
    lines.push(`${g.severity === "error" ? red("error") : yellow("warning")} ${g.code} ${where}: ${g.message}`);
    const folded = Object.entries(g.folded);
    if (folded.length > 0) lines.push(dim(`  (this also explains ${folded.map(([c, n]) => `${n} ${c}`).join(", ")} finding(s), not listed)`));
  }
  if (groups.length > max) lines.push(dim(`... ${groups.length - max} more group(s) not shown (--max-findings <n>, or --reporter json for all)`));
  const byCode = new Map<string, number>();
  for (const i of issues) byCode.set(`${i.severity} ${i.code}`, (byCode.get(`${i.severity} ${i.code}`) ?? 0) + 1);
  const errors = issues.filter((i) => i.severity === "error").length;
  lines.push(`${errors} error(s), ${issues.length - errors} warning(s)${issues.length ? `: ${[...byCode].map(([k, n]) => `${n} ${k.split(" ")[1]}`).join(", ")}` : ""}`);
  return lines.join("\n");
}

/** A duration in ms as people write it: `12 h`, `1 h 30 min`, `3 d 4 h`, `45 s`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? "-" : "";
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [unit, size] of [["d", 86_400_000], ["h", 3_600_000], ["min", 60_000], ["s", 1000], ["ms", 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${unit}`);
    rest -= n * size;
  }
  return parts.length === 0 ? "0 s" : sign + parts.join(" ");
}

/** Replaces ISO instants by `show(instant)` and "<n> ms" by durations in a trace text. */
export function readable(text: string, show: (d: Date) => string): string {
  return text
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => show(new Date(iso)))
    .replace(/(-?\d+(?:\.\d+)?) ms\b/g, (_, n: string) => duration(Number(n)));
}

/** `explain` for people: every stage with deadline, status (and error for `unknown`), and every trace step. */
export function explainText(ev: TicketEvaluation, show: (d: Date) => string): string {
  const lines = [bold(`Ticket ${ev.ticketId}`) + ` ${ev.service} ${[ev.tier, ev.urgency, ev.location, (ev as { channel?: string }).channel].filter(Boolean).join("/")}`,
    dim(`policy ${ev.policy.id}@${ev.policy.version} ${ev.policy.hash}, as of ${show(ev.asOf)}`)];
  for (const s of ev.stages) {
    const status = String(s.status);
    const colour = status === "met" ? green : status === "breached" || status === "overdue" || status === "unknown" ? red : status === "warning" ? yellow : dim;
    const used = s.fractionUsed !== null && s.fractionUsed !== undefined ? `  used ${(s.fractionUsed * 100).toFixed(1)}%` : "";
    lines.push("", `${bold(s.stage)}  ${colour(status)}  due ${s.dueAt ? show(s.dueAt) : "-"}${s.doneAt ? `  done ${show(s.doneAt)}` : ""}${used}`);
    const err = (s as { error?: { code: string; message: string } }).error;
    if (err) lines.push(red(`  error ${err.code}: ${err.message}`));
    if ((s as { provisional?: boolean }).provisional) lines.push(yellow("  provisional: the deadline uses dates past the calendar's data"));
    const t = s.trace as { sourceRef?: string; row?: number; within?: unknown; clock?: string; anchor?: string; steps?: readonly { step: string; detail?: string }[] } | undefined;
    if (t === undefined) continue;
    lines.push(dim(`  rule ${t.sourceRef ?? "-"} (row ${t.row ?? "-"}), within ${JSON.stringify(t.within)} on ${t.clock ?? "-"}, from ${t.anchor ?? "-"}`));
    for (const step of t.steps ?? []) lines.push(`  - ${step.step}${step.detail ? `: ${readable(step.detail, show)}` : ""}`);
  }
  return lines.join("\n");
}

/** Where each case of a file starts, by id; found on first use, as only failing cases need it (except JUnit). */
export function caseLines(file: CaseFile, lineOf: (path: readonly (string | number)[]) => number | undefined): { get(id: string): number | undefined } {
  let index: Map<string, number> | undefined;
  return {
    get(id) {
      index ??= new Map(file.cases.map((c, i) => [c.id, i]));
      const i = index.get(id);
      return i === undefined ? undefined : lineOf(["cases", i]);
    },
  };
}
