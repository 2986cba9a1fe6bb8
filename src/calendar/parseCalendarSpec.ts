import { checkCalendarSpec } from "./_checks.js";
import type { CalendarSpec } from "./types.js";

/**
 * Checks the shape of a calendar spec read from JSON, throwing `INVALID_CALENDAR` with the path of
 * the first problem (unknown keys, wrong types); `defineCalendar` adds the finer checks (hours,
 * dates, zone). Hand-written, so the calendar entry carries no schema library.
 *
 * @example
 * ```ts
 * import { parseCalendarSpec } from "sla-kit/calendar";
 * const spec = parseCalendarSpec(JSON.parse('{"timeZone":"UTC","week":{"mon":["09:00-17:00"]}}'));
 * console.log(spec.week.mon); // [ '09:00-17:00' ]
 * ```
 */
export function parseCalendarSpec(input: unknown): CalendarSpec {
  return checkCalendarSpec(input);
}
