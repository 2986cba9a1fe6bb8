import { assertArray, assertCount, assertObject, makeRatio } from "./_internal.js";
import type { Ratio } from "./types.js";

/**
 * Combines ratios of the same KPI over parts (agents, days, departments) into the ratio of the
 * whole: the sum of numerators over the sum of denominators (never the mean of the rates, which
 * would weigh a 1-call day like a 300-call day). An empty list, or all-empty parts, gives
 * `value: null`.
 *
 * @throws SlaKitError `INVALID_INPUT` with path `[i, "numerator"]` / `[i, "denominator"]` for a
 *   malformed ratio, or when a sum is no longer a safe integer.
 * @example
 * ```ts
 * import { combineRatios, ratio } from "sla-kit/kpi";
 *
 * combineRatios([ratio(1, 1), ratio(50, 100)]);
 * // { numerator: 51, denominator: 101, value: 0.504950495049505 }  (not the mean 0.75)
 * ```
 */
export function combineRatios(ratios: readonly Ratio[]): Ratio {
  assertArray(ratios, [], "ratios");
  let n = 0;
  let d = 0;
  for (let i = 0; i < ratios.length; i++) {
    const r = assertObject(ratios[i], [i], `ratios[${i}]`);
    n += assertCount(r.numerator, [i, "numerator"]);
    d += assertCount(r.denominator, [i, "denominator"]);
  }
  assertCount(n, ["numerator"], "a safe integer sum");
  assertCount(d, ["denominator"], "a safe integer sum");
  return makeRatio(n, d, ratios.length === 0 ? "no ratios to combine" : "every combined denominator is 0: nothing to measure");
}
