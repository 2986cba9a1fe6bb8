import { instantLike, isIsoInstant } from "./_plain.js";
import { checkTolerance } from "./_args.js";
import { parseIsoInstant } from "../_lib/instant.js";
import { assertDepth } from "./_suggest.js";
import type { Mismatch, Tolerance } from "./types.js";

type Path = (string | number)[];

const KEYS = ["stage", "id"] as const;

/**
 * Compares an expected value (from a golden file) with an actual result, as a subset:
 * - objects: every key of `expected` must match (extra actual keys are ignored);
 * - arrays whose expected items all have a `stage` (or else an `id`) match by that key; other
 *   arrays match by position and must have the same length;
 * - ISO-8601 strings with an offset compare as instants (within `tolerance.ms`, default 0)
 *   against a `Date` or an instant string, whatever the offsets;
 * - numbers compare within `tolerance.points` (default 1e-9);
 * - `null` expects null or a missing value.
 * Returns the mismatches (empty when the result matches).
 *
 * @example
 * ```ts
 * import { matchExpected } from "sla-kit/golden";
 * const actual = { dueAt: new Date("2024-05-06T02:15:00Z"), stages: [{ stage: "response", status: "met" }] };
 * console.log(matchExpected({ dueAt: "2024-05-06T10:15:00+08:00", stages: [{ stage: "response", status: "met" }] }, actual)); // []
 * console.log(matchExpected({ stages: [{ stage: "response", status: "breached" }] }, actual)[0]?.message);
 * // stages[stage=response].status: expected "breached", got "met"
 * ```
 */
export function matchExpected(expected: unknown, actual: unknown, tolerance: Tolerance = {}): Mismatch[] {
  checkTolerance(tolerance, ["tolerance"]);
  assertDepth(expected, ["expected"], "INVALID_ARGUMENT", "The expected value");
  assertDepth(actual, ["actual"], "INVALID_ARGUMENT", "The actual value");
  const out: Mismatch[] = [];
  walk(expected, actual, [], { points: tolerance.points ?? 1e-9, ms: tolerance.ms ?? 0 }, out);
  return out;
}

function show(v: unknown): string {
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString() : "Invalid Date";
  if (v === undefined) return "nothing";
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(typeof v);
  } catch {
    s = typeof v === "bigint" ? `${String(v)}n` : `a ${typeof v}`;
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function fmt(path: Path): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : p.startsWith("[") ? p : s === "" ? p : `.${p}`;
  return s === "" ? "(result)" : s;
}

function fail(out: Mismatch[], path: Path, expected: unknown, actual: unknown, why?: string): void {
  out.push({ path, expected, actual, message: `${fmt(path)}: expected ${show(expected)}, got ${show(actual)}${why ? ` (${why})` : ""}` });
}

function instantOf(v: unknown): number | undefined {
  if (v instanceof Date) return v.getTime();
  if (isIsoInstant(v)) return parseIsoInstant(v);
  return undefined;
}

function walk(exp: unknown, act: unknown, path: Path, tol: { points: number; ms: number }, out: Mismatch[]): void {
  if (exp === null) {
    if (act !== null && act !== undefined) fail(out, path, exp, act);
    return;
  }
  if (typeof exp === "number") {
    if (typeof act !== "number" || !(Math.abs(act - exp) <= tol.points)) fail(out, path, exp, act, tol.points > 0 && typeof act === "number" ? `tolerance ${tol.points}` : undefined);
    return;
  }
  if (typeof exp === "string") {
    if (isIsoInstant(exp)) {
      const a = instantOf(act);
      const e = Date.parse(exp);
      // the actual instant is shown in the offset the expectation uses, so the two read side by side
      if (a === undefined || !(Math.abs(a - e) <= tol.ms)) fail(out, path, exp, a !== undefined && Number.isFinite(a) ? instantLike(a, exp) : act, "compared as instants");
      return;
    }
    if (act !== exp) fail(out, path, exp, act);
    return;
  }
  if (typeof exp === "boolean") {
    if (act !== exp) fail(out, path, exp, act);
    return;
  }
  if (Array.isArray(exp)) {
    if (!Array.isArray(act)) return fail(out, path, exp, act, "expected an array");
    const key = KEYS.find((k) => exp.length > 0 && exp.every((x) => x !== null && typeof x === "object" && typeof (x as Record<string, unknown>)[k] === "string"));
    if (key !== undefined) {
      for (const x of exp as Record<string, unknown>[]) {
        const id = x[key] as string;
        const found = act.find((y) => y !== null && typeof y === "object" && (y as Record<string, unknown>)[key] === id);
        const p: Path = [...path, `[${key}=${id}]`];
        if (found === undefined) fail(out, p, x, undefined, `no item with ${key} ${JSON.stringify(id)}`);
        else walk(x, found, p, tol, out);
      }
      return;
    }
    if (exp.length !== act.length) fail(out, path, exp, act, `expected ${exp.length} items, got ${act.length}`);
    else exp.forEach((x, i) => walk(x, act[i], [...path, i], tol, out));
    return;
  }
  if (typeof exp === "object") {
    if (act === null || typeof act !== "object" || act instanceof Date) return fail(out, path, exp, act, "expected an object");
    for (const [k, x] of Object.entries(exp as Record<string, unknown>)) walk(x, Object.hasOwn(act, k) ? (act as Record<string, unknown>)[k] : undefined, [...path, k], tol, out);
    return;
  }
  if (exp !== act) fail(out, path, exp, act);
}
