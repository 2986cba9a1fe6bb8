import { engineOf, instantArg, nextOpen } from "./_engine.js";
import type { Calendar } from "./types.js";

/**
 * The first instant at or after `at` when the calendar is open (`at` itself when open).
 * Throws `CALENDAR_NEVER_OPEN` when there is no open time within 5 years (or before `validTo`).
 *
 * @example
 * ```ts
 * import { chinaWorkCalendar, nextOpening } from "sla-kit/calendar";
 * const cn = chinaWorkCalendar();
 * // Saturday of the National Day week -> the next working morning
 * console.log(nextOpening(cn, new Date("2024-10-05T10:00:00+08:00")).toISOString());
 * // 2024-10-08T01:00:00.000Z
 * ```
 */
export function nextOpening(cal: Calendar, at: Date | number | string): Date {
  const e = engineOf(cal);
  return new Date(nextOpen(e, instantArg(e, at, "at"), ["at"]));
}
