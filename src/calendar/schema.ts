/**
 * The zod schema of a {@link CalendarSpec}: the edge where calendar JSON is checked.
 * @module
 */
import { z } from "zod";
import { SlaKitError } from "../errors.js";
import { formatPath } from "../_lib/instant.js";
import type { CalendarSpec } from "./types.js";

const hours = z.array(z.string());
const date = z.string();

/**
 * zod schema of the shape of a {@link CalendarSpec} (the finer checks are in `defineCalendar`);
 * `sla-kit schema calendar` prints it as JSON Schema.
 *
 * @example
 * ```ts
 * import { calendarSpecSchema } from "sla-kit/calendar";
 * console.log(calendarSpecSchema.safeParse({ timeZone: "UTC", week: { mon: ["09:00-17:00"] } }).success); // true
 * ```
 */
export const calendarSpecSchema = z
  .object({
    id: z.string().min(1).optional(),
    timeZone: z.string(),
    week: z
      .object({
        mon: hours.optional(),
        tue: hours.optional(),
        wed: hours.optional(),
        thu: hours.optional(),
        fri: hours.optional(),
        sat: hours.optional(),
        sun: hours.optional(),
      })
      .strict(),
    holidays: z.array(z.union([date, z.object({ date, name: z.string().optional() }).strict()])).optional(),
    workdays: z
      .array(z.union([date, z.object({ date, hours: hours.optional(), name: z.string().optional() }).strict()]))
      .optional(),
    validFrom: date.optional(),
    validTo: date.optional(),
    beyondData: z.enum(["error", "weekdays"]).optional(),
    maxReachYears: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

/**
 * Checks the shape of a calendar spec, throwing `INVALID_CALENDAR` with the path of the first problem.
 *
 * @example
 * ```ts
 * import { parseCalendarSpec } from "sla-kit/calendar";
 * const spec = parseCalendarSpec(JSON.parse('{"timeZone":"UTC","week":{"mon":["09:00-17:00"]}}'));
 * console.log(spec.week.mon); // [ '09:00-17:00' ]
 * ```
 */
export function parseCalendarSpec(input: unknown): CalendarSpec {
  const r = calendarSpecSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    throw new SlaKitError("INVALID_CALENDAR", `Invalid calendar at ${formatPath(path)}: ${issue.message}.`, {
      path,
      details: r.error.issues,
    });
  }
  return r.data as CalendarSpec;
}

/**
 * zod schema of the shape of a `ChinaHolidayYear` (one year of China holiday data, as in
 * `chinaHolidayYears`, `parseChinaHolidayNotice` output, or a policy's
 * `calendars.<name>.years`). The finer checks (real dates within the year, no date twice,
 * make-up days on weekends) are in `parseChinaHolidayYear` and `chinaWorkCalendar`.
 *
 * @example
 * ```ts
 * import { chinaHolidayYearSchema, chinaHolidayYears } from "sla-kit/calendar";
 * console.log(chinaHolidayYearSchema.safeParse(chinaHolidayYears[0]).success); // true
 * ```
 */
export const chinaHolidayYearSchema = z
  .object({
    year: z.number().int().min(1000).max(9999),
    source: z
      .object({ title: z.string().min(1), number: z.string().min(1).optional(), published: date, via: z.string().min(1).optional() })
      .strict(),
    holidays: z.array(z.object({ date, name: z.string().min(1) }).strict()),
    workdays: z.array(z.object({ date, name: z.string().min(1) }).strict()),
  })
  .strict();
