import { SlaKitError } from "../errors.js";
import { describe, formatPath } from "../_lib/instant.js";
import { checkChinaHolidayYear, fail, isRecord, onlyKeys, own } from "./_checks.js";
import { chinaHolidayYears } from "./data/index.js";
import type { ChinaHolidayYear } from "./data/types.js";
import { defineCalendar } from "./defineCalendar.js";
import type { BeyondData, Calendar, Hours } from "./types.js";

/** Options of {@link chinaWorkCalendar}. */
export interface ChinaWorkCalendarOptions {
  /** Working hours of every working day (default `["09:00-18:00"]`). */
  readonly hours?: Hours;
  /** Zone of the local dates (default `"Asia/Shanghai"`). */
  readonly timeZone?: string;
  /**
   * Extra years of holiday data, same shape as {@link chinaHolidayYears} entries (e.g. from
   * `parseChinaHolidayNotice`). They extend the covered dates; together with the shipped years
   * they must be consecutive. A year given twice, or a shipped year given with different dates,
   * is `INVALID_CALENDAR`.
   */
  readonly years?: readonly ChinaHolidayYear[];
  /** What dates after the last year mean (default `"error"`). See {@link BeyondData}. */
  readonly beyondData?: BeyondData;
}

/** A bounded cache: calls with equal options return the same calendar object. */
const cache = new Map<string, Calendar>();
const CACHE_LIMIT = 64;

const sameDates = (a: ChinaHolidayYear, b: ChinaHolidayYear): boolean =>
  JSON.stringify([a.holidays, a.workdays]) === JSON.stringify([b.holidays, b.workdays]);

const label = (y: ChinaHolidayYear): string => `${y.year} (${y.source.title}, ${y.source.published})`;

/** The shipped years plus `extra`, oldest first; throws on a conflict or a gap. */
function mergeYears(extra: readonly ChinaHolidayYear[]): ChinaHolidayYear[] {
  const byYear = new Map<number, { y: ChinaHolidayYear; where: string; i: number }>();
  for (const y of chinaHolidayYears) byYear.set(y.year, { y, where: "the shipped data (chinaHolidayYears)", i: -1 });
  extra.forEach((y, i) => {
    const prev = byYear.get(y.year);
    const where = formatPath(["years", i]);
    if (prev === undefined) byYear.set(y.year, { y, where, i });
    else if (prev.i >= 0) {
      fail(["years", i, "year"], `year ${y.year} is given twice: ${prev.where} ${label(prev.y)} and ${where} ${label(y)}; keep one`);
    } else if (!sameDates(prev.y, y)) {
      fail(["years", i], `${where} ${label(y)} has other dates than ${prev.where} ${label(prev.y)} for ${y.year}; drop it or correct it`);
    } else byYear.set(y.year, { y: prev.y, where, i });
  });
  const all = [...byYear.values()].sort((a, b) => a.y.year - b.y.year);
  for (let k = 1; k < all.length; k++) {
    if (all[k]!.y.year !== all[k - 1]!.y.year + 1) {
      const i = all[k]!.i >= 0 ? all[k]!.i : all[k - 1]!.i;
      fail(["years", i, "year"], `the years must be consecutive: ${all[k - 1]!.y.year + 1} is missing between ${all[k - 1]!.where} and ${all[k]!.where}`);
    }
  }
  // a date in two years' data (a New Year block announced in the December before) must agree
  const seen = new Map<string, string>();
  for (const { y, where, i } of all) {
    for (const [kind, list] of [["holiday", y.holidays], ["make-up working day", y.workdays]] as const) {
      for (const d of list) {
        const prev = seen.get(d.date);
        if (prev !== undefined) fail(i >= 0 ? ["years", i] : ["years"], `${d.date} is a ${kind} of ${y.year} (${where}) and also appears in ${prev}`);
        seen.set(d.date, `${y.year} (${where}) as a ${kind}`);
      }
    }
  }
  return all.map((a) => a.y);
}

/**
 * Mainland-China working calendar (docs/rules.md T2, T3, T6): Monday to Friday, statutory
 * holidays off, make-up working days (调休) on, for the years shipped in `chinaHolidayYears`
 * (2024-2026, each from its State Council notice) plus any `years` you pass. Dates after the
 * last year throw `CALENDAR_OUT_OF_RANGE` unless `beyondData: "weekdays"`; dates before the first
 * always throw. Calls with equal options return the same calendar object.
 *
 * @example
 * ```ts
 * import { chinaWorkCalendar, coverage, isBusinessDay } from "sla-kit/calendar";
 * const cn = chinaWorkCalendar({ hours: ["09:00-12:00", "13:30-18:00"] });
 * console.log(isBusinessDay(cn, "2024-02-04"), isBusinessDay(cn, "2024-02-12")); // true false
 *
 * // a year from its notice (here a made-up 2027 with only New Year's Day)
 * const y2027 = { year: 2027, source: { title: "国务院办公厅关于2027年部分节假日安排的通知", published: "2026-11-20" },
 *                 holidays: [{ date: "2027-01-01", name: "New Year's Day 元旦" }], workdays: [] };
 * const next = chinaWorkCalendar({ years: [y2027] });
 * console.log(coverage(next).to, isBusinessDay(next, "2027-01-01")); // 2027-12-31 false
 *
 * // until the notice exists: plain weekdays after the data, flagged by coverage()
 * const assumed = chinaWorkCalendar({ beyondData: "weekdays" });
 * console.log(isBusinessDay(assumed, "2027-01-01"), coverage(assumed).to); // true 2026-12-31
 * ```
 */
export function chinaWorkCalendar(options: ChinaWorkCalendarOptions = {}): Calendar {
  if (!isRecord(options)) {
    throw new SlaKitError("INVALID_ARGUMENT", `Expected chinaWorkCalendar options { hours?, timeZone?, years?, beyondData? }, got ${describe(options)}.`, { path: [] });
  }
  onlyKeys(options, ["hours", "timeZone", "years", "beyondData"], [], "INVALID_ARGUMENT");
  const hours = (own(options, "hours") ?? ["09:00-18:00"]) as Hours;
  const timeZone = (own(options, "timeZone") ?? "Asia/Shanghai") as string;
  const beyondData = (own(options, "beyondData") ?? "error") as BeyondData;
  const yearsIn = own(options, "years") ?? [];
  if (!Array.isArray(yearsIn)) fail(["years"], `expected an array of ChinaHolidayYear, got ${describe(yearsIn)}`);
  let key: string;
  try {
    key = JSON.stringify([hours, timeZone, beyondData, yearsIn]);
  } catch {
    return build(hours, timeZone, beyondData, yearsIn);
  }
  let cal = cache.get(key);
  if (cal === undefined) {
    cal = build(hours, timeZone, beyondData, yearsIn);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  } else cache.delete(key); // most recently used last
  cache.set(key, cal);
  return cal;
}

function build(hours: Hours, timeZone: string, beyondData: BeyondData, yearsIn: readonly unknown[]): Calendar {
  const extra = yearsIn.map((y, i) => checkChinaHolidayYear(y, ["years", i]));
  const years = mergeYears(extra);
  return defineCalendar({
    id: "china-work",
    timeZone,
    week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
    holidays: years.flatMap((y) => y.holidays),
    workdays: years.flatMap((y) => y.workdays),
    validFrom: `${years[0]!.year}-01-01`,
    validTo: `${years[years.length - 1]!.year}-12-31`,
    beyondData,
  });
}
