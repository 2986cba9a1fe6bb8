/** Reporters of `sla-kit check`: pretty (for people), json (for tools), junit (for CI systems). */
import type { FileResult } from "../golden/index.js";
import { bold, dim, green, red } from "./style.js";

export interface CheckedFile {
  readonly file: string;
  readonly result: FileResult;
}

export function pretty(files: readonly CheckedFile[], verbose: boolean): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const { file, result } of files) {
    const p = result.policy;
    lines.push(bold(file) + dim(p ? `  policy ${p.id}@${p.version} ${p.hash}` : ""));
    for (const r of result.results) {
      if (r.status === "pass") {
        passed++;
        if (verbose) lines.push(`  ${green("✓")} ${r.id}`);
        continue;
      }
      failed++;
      lines.push(`  ${red("✗")} ${r.id} ${dim(`(${r.kind})`)}`);
      for (const m of r.mismatches) lines.push(`      ${m.message}`);
      const trace = traceOf(r.actual);
      if (trace.length > 0) {
        lines.push(dim("      trace:"));
        for (const t of trace) lines.push(dim(`        ${t}`));
      }
    }
    lines.push(`  ${result.passed} passed, ${result.failed} failed`);
  }
  lines.push("");
  lines.push(failed === 0 ? green(`${passed} passed, ${failed} failed`) : red(`${passed} passed, ${failed} failed`));
  return lines.join("\n");
}

/** Trace lines of a failing result, readable. */
function traceOf(actual: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, where: string) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${where}[${(x as { stage?: string; id?: string })?.stage ?? (x as { id?: string })?.id ?? i}]`));
      return;
    }
    if (v === null || typeof v !== "object") return;
    for (const [k, x] of Object.entries(v)) {
      if (k === "trace") {
        const t = x as { sourceRef?: string; steps?: readonly { step?: string; detail?: string }[] } | readonly unknown[];
        if (Array.isArray(t)) for (const s of t) out.push(`${where}: ${typeof s === "string" ? s : JSON.stringify(s)}`);
        else if (t && typeof t === "object") {
          if ((t as { sourceRef?: string }).sourceRef) out.push(`${where}: rule ${(t as { sourceRef?: string }).sourceRef}`);
          for (const s of (t as { steps?: readonly { step?: string; detail?: string }[] }).steps ?? []) out.push(`${where}: ${s.step ?? ""}${s.detail ? ` ${s.detail}` : ""}`);
        }
      } else visit(x, where === "" ? k : `${where}.${k}`);
    }
  };
  visit(actual, "");
  return out.slice(0, 40);
}

export function json(files: readonly CheckedFile[]): string {
  const passed = files.reduce((n, f) => n + f.result.passed, 0);
  const failed = files.reduce((n, f) => n + f.result.failed, 0);
  return JSON.stringify({ passed, failed, files: files.map((f) => ({ file: f.file, ...f.result })) }, null, 2);
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export function junit(files: readonly CheckedFile[]): string {
  const passed = files.reduce((n, f) => n + f.result.passed, 0);
  const failed = files.reduce((n, f) => n + f.result.failed, 0);
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="sla-kit check" tests="${passed + failed}" failures="${failed}" errors="0">`];
  for (const { file, result } of files) {
    out.push(`  <testsuite name="${xml(file)}" tests="${result.results.length}" failures="${result.failed}" errors="0">`);
    if (result.policy) out.push(`    <properties><property name="policy" value="${xml(`${result.policy.id}@${result.policy.version} ${result.policy.hash}`)}"/></properties>`);
    for (const r of result.results) {
      const name = `    <testcase classname="${xml(file)}" name="${xml(r.id)}"`;
      if (r.status === "pass") out.push(`${name}/>`);
      else {
        out.push(`${name}>`);
        out.push(`      <failure message="${xml(r.mismatches[0]?.message ?? "failed")}" type="${xml(r.error?.code ?? "mismatch")}">${xml(r.mismatches.map((m) => m.message).join("\n"))}</failure>`);
        out.push(`    </testcase>`);
      }
    }
    out.push(`  </testsuite>`);
  }
  out.push(`</testsuites>`);
  return out.join("\n");
}
