import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { addOpen, engineOf, instantArg } from "./_engine.js";
import type { Calendar } from "./types.js";

/**
 * The earliest instant `t >= start` with `businessTimeBetween(cal, start, t) >= ms`: `start` plus
 * `ms` milliseconds of open time. `ms = 0` returns `start`; a duration that uses up the day's last
 * open minute lands on the close, not the next opening. Costs one binary search whatever the length.
 *
 * @example
 * ```ts
 * import { chinaWorkCalendar, addBusinessTime } from "sla-kit/calendar";
 * const cn = chinaWorkCalendar({ hours: ["09:00-12:00", "13:30-18:00"] });
 * // 11:00 + 2 h of business time: 1 h before lunch, 1 h after it
 * console.log(addBusinessTime(cn, new Date("2024-09-30T11:00:00+08:00"), 2 * 3_600_000).toISOString());
 * // 2024-09-30T06:30:00.000Z (14:30 local)
 * ```
 */
export function addBusinessTime(cal: Calendar, start: Date | number | string, ms: number): Date {
  const e = engineOf(cal);
  const s = instantArg(e, start, "start");
  if (typeof ms !== "number" || !Number.isSafeInteger(ms) || ms < 0) {
    throw new SlaKitError("INVALID_DURATION", `Invalid duration ${describe(ms)}: pass a non-negative whole number of milliseconds.`, { path: ["ms"] });
  }
  if (ms === 0) return new Date(s);
  return new Date(addOpen(e, s, ms, ["start"]));
}
