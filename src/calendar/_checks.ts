/**
 * Hand-written shape checks of calendar inputs (no zod, so the calendar entry stays small). Each
 * throws `INVALID_CALENDAR` (or the given code) with the path of the first problem.
 * @internal
 */
import { SlaKitError, type ErrorCode, type ErrorPath } from "../errors.js";
import { describe, formatPath } from "../_lib/instant.js";
import { isoToDayNumber, weekdayOf } from "../_lib/zone.js";
import type { ChinaHolidayYear } from "./data/types.js";
import type { CalendarSpec } from "./types.js";

/** A plain object (`{}` or null-prototype), not an array, Date or class instance. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Own property value (never an inherited one such as `toString`). */
export function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export function fail(path: ErrorPath, what: string, code: ErrorCode = "INVALID_CALENDAR"): never {
  throw new SlaKitError(code, `Invalid calendar data at ${formatPath(path)}: ${what}.`, { path });
}

/** Rejects keys outside `allowed` (typos such as `holiday` must not pass silently). */
export function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], path: ErrorPath, code: ErrorCode = "INVALID_CALENDAR"): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) fail([...path, k], `unknown key ${JSON.stringify(k)} (allowed: ${allowed.join(", ")})`, code);
  }
}

export function str(o: Record<string, unknown>, key: string, path: ErrorPath, optional = false): string | undefined {
  const v = own(o, key);
  if (v === undefined && optional) return undefined;
  if (typeof v !== "string" || v.length === 0) fail([...path, key], `expected a non-empty string, got ${describe(v)}`);
  return v;
}

/** A real local date "YYYY-MM-DD"; returns its day number. */
export function dateAt(v: unknown, path: ErrorPath): number {
  const d = typeof v === "string" ? isoToDayNumber(v) : undefined;
  if (d === undefined) fail(path, `expected a real local date "YYYY-MM-DD", got ${describe(v)}`);
  return d;
}

/**
 * Checks one year of China holiday data (the shape of `chinaHolidayYears` entries): `year` a whole
 * number 1000-9999; `source` with `title` and `published` (plus optional `number`, `via`);
 * `holidays` and `workdays` lists of `{ date, name }`, dates within the year (or, for a New Year
 * block announced in the year's notice, the December before), no date twice, make-up working days
 * on a Saturday or Sunday. Returns a frozen copy.
 */
export function checkChinaHolidayYear(input: unknown, path: ErrorPath): ChinaHolidayYear {
  if (!isRecord(input)) fail(path, `expected a ChinaHolidayYear object { year, source, holidays, workdays }, got ${describe(input)}`);
  onlyKeys(input, ["year", "source", "holidays", "workdays"], path);
  const year = own(input, "year");
  if (typeof year !== "number" || !Number.isInteger(year) || year < 1000 || year > 9999) fail([...path, "year"], `expected a whole year 1000-9999, got ${describe(year)}`);
  const src = own(input, "source");
  if (!isRecord(src)) fail([...path, "source"], `expected the notice the dates come from, { title, published, number?, via? }, got ${describe(src)}`);
  onlyKeys(src, ["title", "number", "published", "via"], [...path, "source"]);
  const title = str(src, "title", [...path, "source"])!;
  const number = str(src, "number", [...path, "source"], true);
  const published = str(src, "published", [...path, "source"])!;
  dateAt(published, [...path, "source", "published"]);
  const via = str(src, "via", [...path, "source"], true);
  const first = isoToDayNumber(`${year - 1}-12-01`)!;
  const last = isoToDayNumber(`${year}-12-31`)!;
  const seen = new Map<number, string>();
  const list = (key: "holidays" | "workdays"): { date: string; name: string }[] => {
    const arr = own(input, key);
    if (!Array.isArray(arr)) fail([...path, key], `expected an array of { date, name }, got ${describe(arr)}`);
    return arr.map((item: unknown, i) => {
      const p = [...path, key, i];
      if (!isRecord(item)) fail(p, `expected { date, name }, got ${describe(item)}`);
      onlyKeys(item, ["date", "name"], p);
      const d = dateAt(own(item, "date"), [...p, "date"]);
      const date = own(item, "date") as string;
      const name = str(item, "name", p)!;
      if (d < first || d > last) fail([...p, "date"], `${date} is outside ${year} (only ${year} and the December before it may appear in ${year}'s notice)`);
      const dup = seen.get(d);
      if (dup !== undefined) fail([...p, "date"], `${date} is listed twice (also at ${dup})`);
      seen.set(d, formatPath(p));
      if (key === "workdays") {
        const wd = weekdayOf(d);
        if (wd !== 0 && wd !== 6) fail([...p, "date"], `${date} is a weekday: a make-up working day (调休上班) is a Saturday or Sunday`);
      }
      return Object.freeze({ date, name });
    });
  };
  const holidays = Object.freeze(list("holidays"));
  const workdays = Object.freeze(list("workdays"));
  const source = Object.freeze({ title, ...(number === undefined ? {} : { number }), published, ...(via === undefined ? {} : { via }) });
  return Object.freeze({ year, source, holidays, workdays });
}

const WEEK_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const SPEC_KEYS = ["id", "timeZone", "week", "holidays", "workdays", "validFrom", "validTo", "beyondData", "maxReachYears"] as const;

function specFail(path: ErrorPath, what: string): never {
  throw new SlaKitError("INVALID_CALENDAR", `Invalid calendar at ${formatPath(path)}: ${what}.`, { path });
}

/** Unknown keys are reported at the object's path (as the JSON Schema's additionalProperties). */
function closed(o: Record<string, unknown>, allowed: readonly string[], path: ErrorPath): void {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length > 0) specFail(path, `unknown key${extra.length > 1 ? "s" : ""} ${extra.map((k) => JSON.stringify(k)).join(", ")} (allowed: ${allowed.join(", ")})`);
}

function strings(v: unknown, path: ErrorPath): readonly string[] {
  if (!Array.isArray(v)) specFail(path, `expected an array of "HH:MM-HH:MM" strings, got ${describe(v)}`);
  v.forEach((h: unknown, i) => {
    if (typeof h !== "string") specFail([...path, i], `expected a string "HH:MM-HH:MM", got ${describe(h)}`);
  });
  return v as readonly string[];
}

function dateEntries(v: unknown, path: ErrorPath, withHours: boolean): void {
  if (!Array.isArray(v)) specFail(path, `expected an array of dates, got ${describe(v)}`);
  v.forEach((e: unknown, i) => {
    if (typeof e === "string") return;
    if (!isRecord(e)) specFail([...path, i], `expected a date "YYYY-MM-DD" or { date${withHours ? ", hours?" : ""}, name? }, got ${describe(e)}`);
    closed(e, withHours ? ["date", "hours", "name"] : ["date", "name"], [...path, i]);
    if (typeof own(e, "date") !== "string") specFail([...path, i, "date"], `expected a date "YYYY-MM-DD", got ${describe(own(e, "date"))}`);
    const name = own(e, "name");
    if (name !== undefined && typeof name !== "string") specFail([...path, i, "name"], `expected a string, got ${describe(name)}`);
    if (withHours && own(e, "hours") !== undefined) strings(own(e, "hours"), [...path, i, "hours"]);
  });
}

/**
 * The shape of a {@link CalendarSpec} (the same checks and paths as its JSON Schema, without zod);
 * the finer checks (hours, dates, zone) are in the engine. Returns the input.
 */
export function checkCalendarSpec(input: unknown): CalendarSpec {
  if (!isRecord(input)) specFail([], `expected a calendar spec object { timeZone, week, ... }, got ${describe(input)}`);
  closed(input, SPEC_KEYS, []);
  const id = own(input, "id");
  if (id !== undefined && (typeof id !== "string" || id.length === 0)) specFail(["id"], `expected a non-empty string, got ${describe(id)}`);
  if (typeof own(input, "timeZone") !== "string") specFail(["timeZone"], `expected an IANA time zone name, got ${describe(own(input, "timeZone"))}`);
  const week = own(input, "week");
  if (!isRecord(week)) specFail(["week"], `expected weekly hours { mon?, tue?, ..., sun? }, got ${describe(week)}`);
  closed(week, WEEK_KEYS, ["week"]);
  for (const d of WEEK_KEYS) if (own(week, d) !== undefined) strings(own(week, d), ["week", d]);
  if (own(input, "holidays") !== undefined) dateEntries(own(input, "holidays"), ["holidays"], false);
  if (own(input, "workdays") !== undefined) dateEntries(own(input, "workdays"), ["workdays"], true);
  for (const k of ["validFrom", "validTo"] as const) {
    const v = own(input, k);
    if (v !== undefined && typeof v !== "string") specFail([k], `expected a date "YYYY-MM-DD", got ${describe(v)}`);
  }
  const beyond = own(input, "beyondData");
  if (beyond !== undefined && beyond !== "error" && beyond !== "weekdays") specFail(["beyondData"], `expected "error" or "weekdays", got ${describe(beyond)}`);
  const reach = own(input, "maxReachYears");
  if (reach !== undefined && typeof reach !== "number") specFail(["maxReachYears"], `expected a whole number of years, got ${describe(reach)}`);
  return input as unknown as CalendarSpec;
}
