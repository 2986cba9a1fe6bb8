import type { CaseFile, FileResult, GoldenCase } from "./types.js";

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
  for (const k of Object.keys(shape)) out[k] = project((shape as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]);
  return out;
}

/**
 * A copy of a case file whose expectations are the actual results (for `sla-kit check --update`,
 * after a reviewed policy change). Existing expectations keep their shape: only the keys they
 * name are rewritten; a case without `expect` gets the whole result without traces; a case that
 * now throws gets `expectError`. Cases that were not run (filtered out) are left as they are.
 *
 * @example
 * ```ts
 * import { runCaseFile, updateCaseFile } from "sla-kit/golden";
 * const file = { policy: "robotIntegration2026", cases: [{ id: "c1", kind: "dueAt",
 *   input: { query: { service: "fault", tier: "core", urgency: "urgent", stage: "response" }, anchor: "2024-05-06T10:00:00+08:00" },
 *   expect: "2024-05-06T11:00:00+08:00" }] };
 * const updated = updateCaseFile(file, runCaseFile(file));
 * console.log(updated.cases[0]?.expect); // 2024-05-06T02:15:00.000Z
 * ```
 */
export function updateCaseFile(file: CaseFile, result: FileResult): CaseFile {
  const byId = new Map(result.results.map((r) => [r.id, r]));
  return {
    ...file,
    cases: file.cases.map((c): GoldenCase => {
      const r = byId.get(c.id);
      if (r === undefined) return c;
      const { expect: _e, expectError: _x, ...rest } = c;
      if (r.error !== undefined) return { ...rest, expectError: r.error.code };
      return { ...rest, expect: c.expect === undefined ? withoutTraces(r.actual) : project(c.expect, r.actual) };
    }),
  };
}
