import { cover, engineOf, instantArg, isOpen } from "./_engine.js";
import type { Calendar } from "./types.js";

/**
 * True when the calendar is open at instant `at`. Intervals are half-open: open at the opening
 * minute, closed at the closing one.
 *
 * @example
 * ```ts
 * import { chinaWorkCalendar, isOpenAt } from "sla-kit/calendar";
 * const cn = chinaWorkCalendar();
 * console.log(isOpenAt(cn, new Date("2024-09-30T09:00:00+08:00"))); // true
 * console.log(isOpenAt(cn, new Date("2024-09-30T18:00:00+08:00"))); // false
 * ```
 */
export function isOpenAt(cal: Calendar, at: Date | number | string): boolean {
  const e = engineOf(cal);
  const t = instantArg(e, at, "at");
  cover(e, t, t);
  return isOpen(e, t);
}
