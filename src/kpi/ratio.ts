import { assertCount, makeRatio } from "./_internal.js";
import type { Ratio } from "./types.js";

/**
 * An exact ratio of two counts (docs/rules.md, section 4: "Rates are exact ratios of counts"): the
 * numerator and denominator are kept, `value` is their quotient for display and comparison, and a
 * denominator of 0 gives `value: null` with a `reason` (never NaN, never a silent 0).
 *
 * Both arguments must be non-negative safe integers (counts, or durations in whole ms); the
 * numerator may exceed the denominator (use {@link rate} for a share that cannot).
 *
 * @param numerator - the counted part, e.g. satisfied answers.
 * @param denominator - the whole, e.g. answers surveyed.
 * @throws SlaKitError `INVALID_INPUT` (path `["numerator"]` or `["denominator"]`) for a negative,
 *   fractional, non-finite or non-number argument.
 * @example
 * ```ts
 * import { ratio } from "sla-kit/kpi";
 *
 * ratio(49, 50);  // { numerator: 49, denominator: 50, value: 0.98 }
 * ratio(0, 0);    // { numerator: 0, denominator: 0, value: null, reason: "denominator is 0: nothing to measure" }
 * ```
 */
export function ratio(numerator: number, denominator: number): Ratio {
  assertCount(numerator, ["numerator"]);
  assertCount(denominator, ["denominator"]);
  return makeRatio(numerator, denominator);
}
