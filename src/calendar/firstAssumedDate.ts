import { dayNumberToIso, localDayNumber } from "../_lib/zone.js";
import { toEpochMs } from "../_lib/instant.js";
import { dataEnd, engineOf } from "./_engine.js";
import type { Calendar } from "./types.js";

/**
 * The first local date in the span from `from` to `to` (instants, either order) that lies after
 * the calendar's data, i.e. that was answered by `beyondData: "weekdays"` as a plain weekday;
 * `null` when the whole span is covered by data. A deadline computed from `from` that lands on
 * `to` is provisional exactly when this is not `null`.
 *
 * @example
 * ```ts
 * import { addBusinessDays, chinaWorkCalendar, firstAssumedDate } from "sla-kit/calendar";
 * const cn = chinaWorkCalendar({ beyondData: "weekdays" });
 * const start = new Date("2026-12-30T10:00:00+08:00");
 * const due = addBusinessDays(cn, start, 5);
 * console.log(due.toISOString(), firstAssumedDate(cn, start, due)); // 2027-01-06T10:00:00.000Z 2027-01-01
 * console.log(firstAssumedDate(cn, start, addBusinessDays(cn, start, 1))); // null
 * ```
 */
export function firstAssumedDate(cal: Calendar, from: Date | number | string, to: Date | number | string): string | null {
  const e = engineOf(cal);
  const a = toEpochMs(from, ["from"]);
  const b = toEpochMs(to, ["to"]);
  if (e.validTo === Infinity) return null;
  const lo = localDayNumber(e.timeZone, Math.min(a, b));
  const hi = localDayNumber(e.timeZone, Math.max(a, b));
  // an interval of validTo may end after its midnight (24:00, "22:00-06:00"): still data
  if (hi <= e.validTo || Math.max(a, b) <= dataEnd(e)) return null;
  return dayNumberToIso(Math.max(lo, e.validTo + 1));
}
