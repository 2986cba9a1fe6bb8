import { SlaKitError } from "../errors.js";
import { invalid } from "./_internal.js";
import { capOf, weightBig } from "./_failures.js";
import { describe } from "../_lib/instant.js";
import { toSafeInteger } from "../_lib/rational.js";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Weight of a device's n-th failure within one calendar month (rule K15, 002 art. 30): the 1st,
 * 2nd, 3rd, 4th failure count 1, 2, 4, 8, and the library continues `2^(n-1)`; a policy may cap it:
 * `min(2^(n-1), cap)`.
 *
 * Weights are exact: without a cap, the 54th failure would weigh 2^53, above
 * `Number.MAX_SAFE_INTEGER`, so n >= 54 is an `OUT_OF_SAFE_RANGE` error (pass `options.cap`); with a
 * cap every n works.
 *
 * @param n - which failure of the device in the month, an integer >= 1.
 * @param options.cap - upper bound of the weight, an integer >= 1.
 * @throws SlaKitError `INVALID_INPUT`: `n` not an integer >= 1 (path `["n"]`), `cap` not an integer
 *   >= 1 (path `["options", "cap"]`); `OUT_OF_SAFE_RANGE`: n >= 54 without a cap (path `["n"]`).
 * @example
 * ```ts
 * import { failureWeight } from "sla-kit/kpi";
 *
 * [1, 2, 3, 4].map((n) => failureWeight(n)); // [1, 2, 4, 8]
 * failureWeight(53);                         // 4503599627370496 (2^52, still exact)
 * failureWeight(1024, { cap: 8 });           // 8
 * ```
 */
export function failureWeight(n: number, options?: { readonly cap?: number }): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) {
    invalid(`n must be an integer >= 1 (the 1st, 2nd, ... failure of a device in a month), got ${describe(n)}.`, ["n"]);
  }
  if (options !== undefined && (typeof options !== "object" || options === null)) invalid(`options must be an object like { cap: 8 }, got ${describe(options)}.`, ["options"]);
  const cap = capOf(options?.cap);
  if (cap === undefined && n > 1024) {
    // 2^(n-1) has more than 300 digits: say so without computing it
    throw new SlaKitError("OUT_OF_SAFE_RANGE", `The weight 2^${n - 1} of failure #${n} (set options.cap) is about 10^${Math.floor((n - 1) * Math.LOG10E * Math.LN2)}, beyond Number.MAX_SAFE_INTEGER (2^53 - 1): an exact amount cannot be returned as a number.`, { path: ["n"] });
  }
  // K15: 1, 2, 4, 8, ... exact as a bigint (computed once), returned only when it is a safe integer
  const w = weightBig(n, cap === undefined ? undefined : BigInt(cap));
  return w <= MAX_SAFE ? Number(w) : toSafeInteger(w, "OUT_OF_SAFE_RANGE", ["n"], `The weight 2^${n - 1} of failure #${n} (set options.cap)`);
}
