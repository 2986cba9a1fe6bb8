/** Private helpers of the kpi domain (not exported from `sla-kit/kpi`). @internal */
import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe, formatPath } from "../_lib/instant.js";
import type { Ratio } from "./types.js";

/** Throws INVALID_INPUT with a path. */
export function invalid(message: string, path: ErrorPath, details?: unknown): never {
  throw new SlaKitError("INVALID_INPUT", message, details === undefined ? { path } : { path, details });
}

/** A non-negative safe integer (a count, or a duration in ms). */
export function assertCount(value: unknown, path: ErrorPath, what = "a count"): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    invalid(`${formatPath(path)} must be ${what}: a non-negative whole number, got ${describe(value)}.`, path);
  }
  return value;
}

/** A ratio without validation; the reason names what was empty. */
export function makeRatio(numerator: number, denominator: number, emptyReason?: string): Ratio {
  if (denominator === 0) {
    return {
      numerator,
      denominator,
      value: null,
      reason: emptyReason ?? "denominator is 0: nothing to measure",
    };
  }
  return { numerator, denominator, value: numerator / denominator };
}

/** An exact rational as BigInts (den > 0). */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * The exact decimal a JS number prints as (its shortest round-trip text), as a fraction:
 * 0.98 -> 98/100, 1e-4 -> 1/10000. So a target written `0.98` means exactly 98%.
 */
export function decimalFraction(x: number): Fraction {
  const s = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(s);
  if (m === null) throw new RangeError(`not a finite number: ${s}`);
  const sign = m[1] === "-" ? -1n : 1n;
  const frac = m[3] ?? "";
  const exp = Number(m[4] ?? "0") - frac.length;
  let num = BigInt(m[2]! + frac) * sign;
  let den = 1n;
  if (exp >= 0) num *= 10n ** BigInt(exp);
  else den = 10n ** BigInt(-exp);
  return { num, den };
}

/** Sign of a/b - c/d for b, d > 0. */
export function compareFractions(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Stable string comparison (code units, not locale) for deterministic sorting. */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Require a plain object argument. */
export function assertObject(value: unknown, path: ErrorPath, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    invalid(`${what} must be an object, got ${describe(value)}.`, path);
  }
  return value as Record<string, unknown>;
}

/** Require an array argument. */
export function assertArray(value: unknown, path: ErrorPath, what: string): readonly unknown[] {
  if (!Array.isArray(value)) invalid(`${what} must be an array, got ${describe(value)}.`, path);
  return value;
}

/** "YYYY-MM" of a local year and month. */
export function monthKey(year: number, month: number): string {
  const ys = year >= 0 && year < 10000 ? String(year).padStart(4, "0") : String(year);
  return `${ys}-${month < 10 ? "0" : ""}${month}`;
}
