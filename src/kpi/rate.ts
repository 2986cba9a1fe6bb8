import { invalid } from "./_internal.js";
import { ratio } from "./ratio.js";
import type { Ratio } from "./types.js";

/**
 * A share of counts, `part / whole`, as an exact {@link Ratio}: like {@link ratio}, but the part can
 * never exceed the whole (K1-K9 rates: satisfied of surveyed, correct of dispatched, ...).
 *
 * @throws SlaKitError `INVALID_INPUT`: counts that are not non-negative whole numbers (path
 *   `["numerator"]`/`["denominator"]`), or `part > whole` (path `["numerator"]`).
 * @example
 * ```ts
 * import { rate } from "sla-kit/kpi";
 *
 * rate(98, 100).value; // 0.98
 * rate(0, 0).value;    // null (nothing measured)
 * // rate(101, 100) throws INVALID_INPUT: a part cannot exceed its whole
 * ```
 */
export function rate(part: number, whole: number): Ratio {
  const r = ratio(part, whole);
  if (part > whole) {
    invalid(`numerator (${part}) cannot exceed denominator (${whole}) in a rate of counts: check that both count the same population.`, ["numerator"]);
  }
  return r;
}
