import { chinaHolidayYears } from "./data/index.js";
import { defineCalendar } from "./defineCalendar.js";
import type { Calendar, Hours } from "./types.js";

/** Options of {@link chinaWorkCalendar}. */
export interface ChinaWorkCalendarOptions {
  /** Working hours of every working day (default `["09:00-18:00"]`). */
  readonly hours?: Hours;
  /** Zone of the local dates (default `"Asia/Shanghai"`). */
  readonly timeZone?: string;
}

const cache = new Map<string, Calendar>();

/**
 * Mainland-China working calendar (docs/rules.md T2, T3, T6): Monday to Friday, statutory holidays off,
 * make-up working days (调休) on, for the years shipped in `src/calendar/data` (2024-2026, each
 * from its State Council notice). Valid only for those years: anything outside throws
 * `CALENDAR_OUT_OF_RANGE`. Calls with the same options return the same calendar object.
 *
 * @example
 * ```ts
 * import { chinaWorkCalendar, isBusinessDay } from "sla-kit/calendar";
 * const cn = chinaWorkCalendar({ hours: ["09:00-12:00", "13:30-18:00"] });
 * console.log(isBusinessDay(cn, "2024-02-04"), isBusinessDay(cn, "2024-02-12")); // true false
 * ```
 */
export function chinaWorkCalendar(options: ChinaWorkCalendarOptions = {}): Calendar {
  const hours = options.hours ?? ["09:00-18:00"];
  const timeZone = options.timeZone ?? "Asia/Shanghai";
  const key = JSON.stringify([hours, timeZone]);
  let cal = cache.get(key);
  if (cal === undefined) {
    const first = chinaHolidayYears[0]!.year;
    const last = chinaHolidayYears[chinaHolidayYears.length - 1]!.year;
    cal = defineCalendar({
      id: "china-work",
      timeZone,
      week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
      holidays: chinaHolidayYears.flatMap((y) => y.holidays),
      workdays: chinaHolidayYears.flatMap((y) => y.workdays),
      validFrom: `${first}-01-01`,
      validTo: `${last}-12-31`,
    });
    cache.set(key, cal);
  }
  return cal;
}
