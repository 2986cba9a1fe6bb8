import { cover, engineOf, instantArg, openBefore, tooFar } from "./_engine.js";
import type { Calendar } from "./types.js";

/**
 * Milliseconds of open time between two instants; negative when `to < from`. Additive:
 * `between(a, c) === between(a, b) + between(b, c)`.
 *
 * @example
 * ```ts
 * import { chinaWorkCalendar, businessTimeBetween } from "sla-kit/calendar";
 * const cn = chinaWorkCalendar();
 * // Friday 17:00 to Monday 10:00 = 2 h of business time
 * const ms = businessTimeBetween(cn, new Date("2024-09-20T17:00:00+08:00"), new Date("2024-09-23T10:00:00+08:00"));
 * console.log(ms / 3_600_000); // 2
 * ```
 */
export function businessTimeBetween(cal: Calendar, from: Date | number | string, to: Date | number | string): number {
  const e = engineOf(cal);
  const a = instantArg(e, from, "from");
  const b = instantArg(e, to, "to");
  if (!e.always && Math.abs(b - a) > e.maxReachYears * 366 * 86_400_000) throw tooFar(e, Math.min(a, b), a <= b ? ["to"] : ["from"]);
  cover(e, Math.min(a, b), Math.max(a, b));
  return openBefore(e, b) - openBefore(e, a);
}
