import { describe } from "../_lib/instant.js";
import { SlaKitError } from "../errors.js";
import { instantLike, isIsoInstant } from "./_plain.js";
import { parseCaseFile } from "./schema.js";
import type { CaseFile, FileResult, GoldenCase, Mismatch } from "./types.js";

const KEYS = ["stage", "id"] as const;

/** Drops `trace` members (noise in expectations) from a plain result. */
function withoutTraces(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutTraces);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== "trace") out[k] = withoutTraces(x);
    return out;
  }
  return v;
}

/** The actual value, cut to the shape of the old expectation (so a subset stays a subset). */
function project(shape: unknown, actual: unknown): unknown {
  if (typeof shape === "string" && isIsoInstant(shape) && typeof actual === "string" && isIsoInstant(actual)) {
    return Date.parse(shape) === Date.parse(actual) ? shape : instantLike(Date.parse(actual), shape);
  }
  if (shape === null || typeof shape !== "object") return actual === undefined ? null : actual;
  if (Array.isArray(shape)) {
    if (!Array.isArray(actual)) return withoutTraces(actual);
    const key = KEYS.find((k) => shape.length > 0 && shape.every((x) => x !== null && typeof x === "object" && typeof (x as Record<string, unknown>)[k] === "string"));
    if (key === undefined) return shape.length === actual.length ? actual.map((a, i) => project(shape[i], a)) : withoutTraces(actual);
    return (shape as Record<string, unknown>[]).map((s) => {
      const a = actual.find((y) => y !== null && typeof y === "object" && (y as Record<string, unknown>)[key] === s[key]);
      return a === undefined ? s : project(s, a);
    });
  }
  if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return withoutTraces(actual);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(shape)) out[k] = project((shape as Record<string, unknown>)[k], Object.hasOwn(actual, k) ? (actual as Record<string, unknown>)[k] : undefined);
  return out;
}

/**
 * A copy of a case file whose failing expectations are the actual results (for
 * `sla-kit check --update`, after a reviewed policy change), as `vitest -u` does for snapshots:
 * only cases that failed change; passing and filtered-out cases are left exactly as they are.
 * An `expect` keeps its shape (only the keys it names are rewritten) and its instants keep the
 * offset the author wrote; a case that now throws gets `expectError`, one that expected an error
 * and now returns gets the whole result (without traces). A failing `expectRule` is not rewritten:
 * the case keeps failing until a person decides.
 *
 * @example
 * ```ts
 * import { runCaseFile, updateCaseFile } from "sla-kit/golden";
 * const file = { policy: "robotIntegration2026", cases: [{ id: "c1", kind: "dueAt",
 *   input: { query: { service: "fault", tier: "core", urgency: "urgent", stage: "response" }, anchor: "2024-05-06T10:00:00+08:00" },
 *   expect: "2024-05-06T11:00:00+08:00" }] };
 * const updated = updateCaseFile(file, runCaseFile(file));
 * console.log(updated.cases[0]?.expect); // 2024-05-06T10:15:00+08:00
 * ```
 */
export function updateCaseFile(file: CaseFile, result: FileResult): CaseFile {
  const parsed = parseCaseFile(file);
  const r0 = result as Partial<FileResult> | null;
  if (r0 === null || typeof r0 !== "object" || !Array.isArray(r0.results) || !r0.results.every((r) => r !== null && typeof r === "object" && typeof r.id === "string")) {
    throw new SlaKitError("INVALID_ARGUMENT", `updateCaseFile needs the result of runCaseFile for this file, got ${describe(result)}.`, { path: ["result"] });
  }
  const byId = new Map(r0.results.map((r) => [r.id, r]));
  return {
    ...parsed,
    cases: parsed.cases.map((c, i): GoldenCase => {
      const r = byId.get(c.id);
      // untouched cases are the caller's own objects
      if (r === undefined || r.status !== "fail" || !r.mismatches.some((m: Mismatch) => m.path[0] !== "rule")) return file.cases[i]!;
      const { expect: _e, expectError: _x, ...rest } = c;
      if (r.error !== undefined) return { ...rest, expectError: r.error.code };
      if (c.expect === undefined && c.expectError === undefined) return file.cases[i]!;
      return { ...rest, expect: c.expect === undefined ? withoutTraces(r.actual) : project(c.expect, r.actual) };
    }),
  };
}
