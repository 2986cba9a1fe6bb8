import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { defineCalendar } from "./defineCalendar.js";
import type { Calendar } from "./types.js";

const WHOLE_DAY = ["00:00-24:00"] as const;

/**
 * A 24x7 calendar (docs/rules.md T1, T4: 003 §10 duty cover, 002 art. 3 call centre 7x24, art. 10
 * business hall 365 days). Business time equals elapsed time; the zone matters only for
 * local dates (`isBusinessDay`, `addBusinessDays` closes at local 24:00).
 *
 * @example
 * ```ts
 * import { alwaysOpen, addBusinessTime } from "sla-kit/calendar";
 * const desk = alwaysOpen("Asia/Shanghai");
 * console.log(addBusinessTime(desk, new Date("2024-10-01T23:50:00+08:00"), 15 * 60_000).toISOString());
 * // 2024-10-01T16:05:00.000Z
 * ```
 */
export function alwaysOpen(timeZone = "UTC"): Calendar {
  if (typeof timeZone !== "string") {
    throw new SlaKitError("INVALID_ARGUMENT", `Expected an IANA time zone name such as "Asia/Shanghai" at timeZone, got ${describe(timeZone)}.`, { path: ["timeZone"] });
  }
  return defineCalendar({
    id: `always-open:${timeZone}`,
    timeZone,
    week: { mon: WHOLE_DAY, tue: WHOLE_DAY, wed: WHOLE_DAY, thu: WHOLE_DAY, fri: WHOLE_DAY, sat: WHOLE_DAY, sun: WHOLE_DAY },
  });
}
