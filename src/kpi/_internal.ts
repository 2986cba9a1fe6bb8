/** Private helpers of the kpi domain (not exported from `sla-kit/kpi`). @internal */
import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe, formatPath } from "../_lib/instant.js";
import { localYearMonth } from "../_lib/zone.js";
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

/**
 * "YYYY-MM" of an instant in a zone; an instant whose local date falls outside the Date range
 * (near +/-8.64e15 ms) is INVALID_INPUT at the path (given, or built by `pathOf` only then),
 * never a RangeError from Intl.
 */
export function localMonth(timeZone: string, ms: number, pathOf: ErrorPath | (() => ErrorPath)): { year: number; month: number; key: string } {
  let ym: { year: number; month: number };
  try {
    ym = localYearMonth(timeZone, ms);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    ym = { year: Number.NaN, month: Number.NaN };
  }
  if (!Number.isFinite(ym.year) || !Number.isFinite(ym.month)) {
    const path = typeof pathOf === "function" ? pathOf() : pathOf;
    invalid(`${formatPath(path)} (${ms} ms) has no local date in ${timeZone}: its local time is outside the range of dates (about 271821 BC to 275760 AD).`, path);
  }
  return { ...ym, key: monthKey(ym.year, ym.month) };
}
