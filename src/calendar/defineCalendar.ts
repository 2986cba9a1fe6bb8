import { compile, register } from "./_engine.js";
import type { Calendar, CalendarSpec } from "./types.js";

/**
 * Validates a calendar spec and compiles it into a {@link Calendar}.
 *
 * Open intervals are half-open `[start, end)` local wall times in `spec.timeZone`, resolved to
 * instants like Temporal's `disambiguation: "compatible"` (docs/rules.md T3, T5). Throws
 * `INVALID_CALENDAR` with the path of the first problem (bad zone, bad hours, bad dates, a date
 * that is both holiday and make-up day, a make-up day without hours when there are no Monday hours).
 *
 * @example
 * ```ts
 * import { defineCalendar, addBusinessTime } from "sla-kit/calendar";
 *
 * const office = defineCalendar({
 *   id: "shanghai-office",
 *   timeZone: "Asia/Shanghai",
 *   week: { mon: ["09:00-12:00", "13:30-18:00"], tue: ["09:00-12:00", "13:30-18:00"],
 *           wed: ["09:00-12:00", "13:30-18:00"], thu: ["09:00-12:00", "13:30-18:00"],
 *           fri: ["09:00-12:00", "13:30-18:00"] },
 *   holidays: [{ date: "2025-10-01", name: "National Day" }],
 * });
 * // Friday 17:00 + 2 business hours = Monday 10:00
 * console.log(addBusinessTime(office, new Date("2025-09-26T17:00:00+08:00"), 2 * 3_600_000).toISOString());
 * // 2025-09-29T02:00:00.000Z
 * ```
 */
export function defineCalendar(spec: CalendarSpec): Calendar {
  const { spec: parsed, engine } = compile(spec);
  const cal: Calendar = Object.freeze({
    kind: "calendar" as const,
    id: parsed.id ?? "custom",
    timeZone: engine.timeZone,
    spec: Object.freeze(parsed),
  });
  register(cal, engine);
  return cal;
}
