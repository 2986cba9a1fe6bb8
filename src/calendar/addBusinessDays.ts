import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { closeAfterDays, engineOf, instantArg } from "./_engine.js";
import type { Calendar } from "./types.js";

/**
 * The close of business of the `n`-th business day after the local date of `start` (docs/rules.md T2,
 * PRC Civil Code arts. 201-203: the start day is not counted, holidays are skipped, the period
 * ends at close of business). `n = 0` is the close of the start date when it is a business day
 * (even if `start` is after that close), else of the next business day.
 *
 * @example
 * ```ts
 * import { chinaWorkCalendar, addBusinessDays } from "sla-kit/calendar";
 * const cn = chinaWorkCalendar();
 * const fri = new Date("2024-09-27T18:00:00+08:00");
 * // the Sunday make-up day, the Monday, then past the National Day holiday
 * console.log([1, 2, 3].map((n) => addBusinessDays(cn, fri, n).toISOString()));
 * // [ '2024-09-29T10:00:00.000Z', '2024-09-30T10:00:00.000Z', '2024-10-08T10:00:00.000Z' ]
 * ```
 */
export function addBusinessDays(cal: Calendar, start: Date | number | string, n: number): Date {
  const e = engineOf(cal);
  const s = instantArg(e, start, "start");
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw new SlaKitError("INVALID_ARGUMENT", `Invalid number of business days ${describe(n)}: pass a whole number >= 0.`, { path: ["n"] });
  }
  return new Date(closeAfterDays(e, s, n, ["start"]));
}
