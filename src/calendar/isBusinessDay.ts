import { SlaKitError } from "../errors.js";
import { describe, toEpochMs } from "../_lib/instant.js";
import { isoToDayNumber, localDayNumber, dayNumberToIso } from "../_lib/zone.js";
import { engineOf, isBusinessDayNumber, outOfRange } from "./_engine.js";
import type { Calendar } from "./types.js";

/**
 * True when `day` (a local date `"YYYY-MM-DD"` in the calendar's zone, or the local date of an
 * instant) has open time: a weekday with hours that is not a holiday, or a make-up working day.
 *
 * @example
 * ```ts
 * import { chinaWorkCalendar, isBusinessDay } from "sla-kit/calendar";
 * const cn = chinaWorkCalendar();
 * console.log(isBusinessDay(cn, "2024-09-29"), isBusinessDay(cn, "2024-10-01")); // true false
 * ```
 */
export function isBusinessDay(cal: Calendar, day: string | Date | number): boolean {
  const e = engineOf(cal);
  let d: number;
  if (typeof day === "string") {
    const n = isoToDayNumber(day);
    if (n === undefined) {
      throw new SlaKitError("INVALID_ARGUMENT", `Invalid day ${describe(day)}: write a local date "YYYY-MM-DD" or pass a Date.`, { path: ["day"] });
    }
    d = n;
  } else {
    d = localDayNumber(e.timeZone, toEpochMs(day, ["day"]));
  }
  if (d < e.validFrom || d > e.rangeTo) throw outOfRange(e, `day ${dayNumberToIso(d)}`, d, ["day"]);
  return isBusinessDayNumber(e, d);
}
