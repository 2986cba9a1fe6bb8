import { assertArray, invalid, makeRatio } from "./_internal.js";
import { describe } from "../_lib/instant.js";
import type { Ratio } from "./types.js";

/**
 * Mean of 1-5 satisfaction ratings (rule K18, 001 §1.3: target >= 4.5) as the exact ratio
 * `sum / count`; no ratings gives `value: null`. Check it with `checkTarget("K18a", r)`.
 *
 * @param ratings - whole-number ratings from 1 to 5.
 * @throws SlaKitError `INVALID_INPUT` for a non-array or a rating that is not a whole number from 1
 *   to 5 (path `[i]`).
 * @example
 * ```ts
 * import { checkTarget, meanRating } from "sla-kit/kpi";
 *
 * const r = meanRating([5, 4, 5, 4]); // { numerator: 18, denominator: 4, value: 4.5 }
 * checkTarget("K18a", r).met;         // true (>= 4.5)
 * ```
 */
export function meanRating(ratings: readonly number[]): Ratio {
  assertArray(ratings, [], "ratings");
  let sum = 0;
  for (let i = 0; i < ratings.length; i++) {
    const v = ratings[i];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 5) {
      invalid(`ratings[${i}] must be a whole number from 1 to 5, got ${describe(v)}.`, [i]);
    }
    sum += v;
  }
  return makeRatio(sum, ratings.length, "no ratings"); // K18
}
