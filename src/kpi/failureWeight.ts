import { invalid } from "./_internal.js";
import { describe } from "../_lib/instant.js";

/**
 * Weight of a device's n-th failure within one calendar month (docs/rules.md K15, 002 art. 30): the
 * 1st, 2nd, 3rd, 4th failure count 1, 2, 4, 8, and the library continues `2^(n-1)`; a policy
 * may cap it: `min(2^(n-1), cap)`.
 *
 * @param n - which failure of the device in the month, an integer >= 1.
 * @param options.cap - upper bound of the weight, an integer >= 1.
 * @throws SlaKitError `INVALID_INPUT`: `n` not an integer >= 1 (path `["n"]`), `cap` not an integer
 *   >= 1 (path `["options", "cap"]`), or an uncapped weight too large for a number (n > 1024; set a
 *   cap). Powers of two are exact numbers, so every weight returned is exactly 2^(n-1) or `cap`.
 * @example
 * ```ts
 * import { failureWeight } from "sla-kit/kpi";
 *
 * [1, 2, 3, 4].map((n) => failureWeight(n)); // [1, 2, 4, 8]
 * failureWeight(5, { cap: 8 });              // 8
 * ```
 */
export function failureWeight(n: number, options?: { readonly cap?: number }): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    invalid(`n must be an integer >= 1 (the 1st, 2nd, ... failure of a device in a month), got ${describe(n)}.`, ["n"]);
  }
  const cap = options?.cap;
  if (cap !== undefined && (typeof cap !== "number" || !Number.isSafeInteger(cap) || cap < 1)) {
    invalid(`options.cap must be an integer >= 1, got ${describe(cap)}.`, ["options", "cap"]);
  }
  if (n > 1024) {
    if (cap === undefined) {
      invalid(`The weight 2^${n - 1} of failure #${n} is too large for a number; pass options.cap.`, ["n"]);
    }
    return cap;
  }
  const w = 2 ** (n - 1); // K15: 1, 2, 4, 8, ... (a power of two: exact for every n <= 1024)
  return cap === undefined ? w : Math.min(w, cap);
}
