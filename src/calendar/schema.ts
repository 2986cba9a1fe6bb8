/**
 * zod schemas of calendar JSON, for where JSON enters (policy files, the CLI, JSON Schema output).
 * Exported from the root entry `sla-kit`, not from `sla-kit/calendar`, so the calendar entry
 * stays free of zod (its own checks are hand-written, with the same codes and paths).
 * @module
 */
import { z } from "zod";

// each schema is built behind a pure annotation, so a bundle that never reads it drops zod
const hours = /* @__PURE__ */ (() => z.array(z.string()))();
const date = /* @__PURE__ */ z.string();

/**
 * zod schema of the shape of a `CalendarSpec` (the finer checks are in `defineCalendar`);
 * `sla-kit schema calendar` prints it as JSON Schema.
 *
 * @example
 * ```ts
 * import { calendarSpecSchema } from "sla-kit";
 * console.log(calendarSpecSchema.safeParse({ timeZone: "UTC", week: { mon: ["09:00-17:00"] } }).success); // true
 * ```
 */
export const calendarSpecSchema = /* @__PURE__ */ z
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
 * zod schema of the shape of a `ChinaHolidayYear` (one year of China holiday data, as in
 * `chinaHolidayYears`, `parseChinaHolidayNotice` output, or a policy's
 * `calendars.<name>.years`). The finer checks (real dates within the year, no date twice,
 * make-up days on weekends) are in `parseChinaHolidayYear` and `chinaWorkCalendar`.
 *
 * @example
 * ```ts
 * import { chinaHolidayYearSchema } from "sla-kit";
 * import { chinaHolidayYears } from "sla-kit/calendar";
 * console.log(chinaHolidayYearSchema.safeParse(chinaHolidayYears[0]).success); // true
 * ```
 */
export const chinaHolidayYearSchema = /* @__PURE__ */ z
  .object({
    year: z.number().int().min(1000).max(9999),
    source: z
      .object({ title: z.string().min(1), number: z.string().min(1).optional(), published: date, via: z.string().min(1).optional() })
      .strict(),
    holidays: z.array(z.object({ date, name: z.string().min(1) }).strict()),
    workdays: z.array(z.object({ date, name: z.string().min(1) }).strict()),
  })
  .strict();
