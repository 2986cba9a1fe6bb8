import { checkChinaHolidayYear } from "./_checks.js";
import type { ChinaHolidayYear } from "./data/types.js";

/**
 * Checks one year of China holiday data read from JSON (e.g. a reviewed
 * `sla-kit calendar import-notice` output) and returns it frozen; throws `INVALID_CALENDAR` with
 * the path of the first problem: `year` a whole number, `source` with `title` and `published`,
 * `holidays`/`workdays` of `{ date, name }` within the year (or the December before, for a New
 * Year block), no date twice, make-up working days on a Saturday or Sunday.
 *
 * @example
 * ```ts
 * import { chinaWorkCalendar, parseChinaHolidayYear } from "sla-kit/calendar";
 * const y2027 = parseChinaHolidayYear(JSON.parse(`{"year": 2027,
 *   "source": {"title": "国务院办公厅关于2027年部分节假日安排的通知", "published": "2026-11-20"},
 *   "holidays": [{"date": "2027-01-01", "name": "New Year's Day 元旦"}], "workdays": []}`));
 * console.log(chinaWorkCalendar({ years: [y2027] }).spec.validTo); // 2027-12-31
 * try { parseChinaHolidayYear({ ...y2027, workdays: [{ date: "2027-01-04", name: "x" }] }); }
 * catch (e) { console.log(e.code, e.path); } // INVALID_CALENDAR [ 'workdays', 0, 'date' ]
 * ```
 */
export function parseChinaHolidayYear(input: unknown): ChinaHolidayYear {
  return checkChinaHolidayYear(input, []);
}
