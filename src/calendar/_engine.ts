/**
 * The compiled form of a calendar: validated rules plus a lazily built index of merged open
 * intervals (typed arrays of start, end and cumulative open time) over a span of years, and the
 * list of business days with their close of business. Every query is a binary search plus
 * arithmetic; the index grows by whole years when a query leaves it.
 * @internal
 */
import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe, formatPath, toEpochMs } from "../_lib/instant.js";
import {
  MS_PER_DAY,
  MS_PER_MINUTE,
  assertTimeZone,
  dayNumberToIso,
  isoToDayNumber,
  localDayNumber,
  utcMs,
  wallToInstant,
  weekdayOf,
} from "../_lib/zone.js";
import { lowerBound, upperBound } from "../_lib/search.js";
import { checkCalendarSpec } from "./_checks.js";
import type { Calendar, CalendarSpec, Hours, Weekday } from "./types.js";

/** Minutes from the date's midnight: [start, end), end may exceed 1440 (past midnight). */
type DayHours = readonly (readonly [number, number])[];

const WEEKDAYS: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const HOURS_RE = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
/** How far a search may run without finding open time before it gives up. */
const NEVER_OPEN_YEARS = 5;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
/** Default of `CalendarSpec.maxReachYears`: how far one query may reach from its anchor. */
const DEFAULT_MAX_REACH_YEARS = 100;
/** Largest accepted `maxReachYears`. */
const MAX_REACH_LIMIT = 1000;
/** An index spanning more years than this is rebuilt around the query instead of extended. */
const INDEX_SPAN_MAX = 16;
const MAX_INSTANT = 8.64e15;

export interface Engine {
  readonly id: string;
  readonly timeZone: string;
  readonly week: readonly (DayHours | undefined)[]; // index 0 = Sunday
  readonly holidays: ReadonlySet<number>;
  readonly workdays: ReadonlyMap<number, DayHours>;
  readonly validFrom: number; // day number or -Infinity
  readonly validTo: number; // day number or +Infinity: the last date of the data
  /** "weekdays": dates after validTo follow the weekly hours (no holidays, no make-up days). */
  readonly beyondData: "error" | "weekdays";
  /** The last date a query may reach: validTo, or +Infinity with beyondData "weekdays". */
  readonly rangeTo: number;
  /** Open at every instant (24x7, no dates): answered by arithmetic, for any instant. */
  readonly always: boolean;
  /** How many years one query may reach beyond its anchor (CalendarSpec.maxReachYears). */
  readonly maxReachYears: number;
  /** An upper bound of the open time of any one year (for answering too-long durations at once). */
  readonly maxOpenPerYear: number;
  // index, covering local years [y0, y1]
  y0: number;
  y1: number;
  lo: number; // instants in [lo, hi] are answered exactly by the index
  hi: number;
  starts: Float64Array;
  ends: Float64Array;
  cum: Float64Array; // cum[i] = open ms before interval i; length n + 1
  /** Day buckets of `starts`: byDay[d] = how many starts are <= UTC day day0 + d begins (empty: none). */
  byDay: Int32Array;
  day0: number;
  days: Int32Array; // business days (day numbers), ascending
  closes: Float64Array; // close of business of days[i]
}

function parseHours(hours: Hours, path: ErrorPath): DayHours {
  const out: [number, number][] = [];
  hours.forEach((h, i) => {
    const m = HOURS_RE.exec(h);
    const bad = (why: string): never => {
      throw new SlaKitError(
        "INVALID_CALENDAR",
        `Invalid hours ${JSON.stringify(h)} at ${formatPath([...path, i])}: ${why}. Write "HH:MM-HH:MM", e.g. "09:00-18:00", "00:00-24:00" or "22:00-06:00".`,
        { path: [...path, i] },
      );
    };
    if (m === null) bad("not in HH:MM-HH:MM form");
    const [sh, sm, eh, em] = [Number(m![1]), Number(m![2]), Number(m![3]), Number(m![4])];
    if (sh > 23 || sm > 59) bad("the start must be 00:00-23:59");
    if (eh > 24 || em > 59 || (eh === 24 && em !== 0)) bad("the end must be 00:00-24:00");
    const s = sh * 60 + sm;
    let e = eh * 60 + em;
    if (s === e) bad("start and end are equal (use 00:00-24:00 for a whole day)");
    if (e < s) e += 1440; // runs past midnight
    out.push([s, e]);
  });
  out.sort((a, b) => a[0] - b[0]);
  return out;
}

function parseDate(s: string, path: ErrorPath): number {
  const d = isoToDayNumber(s);
  if (d === undefined || d < isoToDayNumber(`${MIN_YEAR}-01-01`)! || d > isoToDayNumber(`${MAX_YEAR}-12-31`)!) {
    throw new SlaKitError("INVALID_CALENDAR", `Invalid date ${describe(s)} at ${formatPath(path)}: write a real local date "YYYY-MM-DD" between ${MIN_YEAR} and ${MAX_YEAR}.`, { path });
  }
  return d;
}

/** Validates a spec and builds its engine (the index is built lazily). */
export function compile(input: unknown): { spec: CalendarSpec; engine: Engine } {
  const spec = checkCalendarSpec(input);
  const timeZone = assertTimeZone(spec.timeZone, "INVALID_CALENDAR", ["timeZone"]);
  const week: (DayHours | undefined)[] = WEEKDAYS.map((d) => {
    const h = spec.week[d];
    return h === undefined ? undefined : parseHours(h, ["week", d]);
  });
  const holidays = new Set<number>();
  const holidayIndex = new Map<number, number>();
  (spec.holidays ?? []).forEach((h, i) => {
    const path = typeof h === "string" ? ["holidays", i] : ["holidays", i, "date"];
    const d = parseDate(typeof h === "string" ? h : h.date, path);
    holidays.add(d);
    holidayIndex.set(d, i);
  });
  const workdays = new Map<number, DayHours>();
  (spec.workdays ?? []).forEach((w, i) => {
    const path = typeof w === "string" ? ["workdays", i] : ["workdays", i, "date"];
    const d = parseDate(typeof w === "string" ? w : w.date, path);
    if (holidays.has(d)) {
      throw new SlaKitError("INVALID_CALENDAR", `${dayNumberToIso(d)} is both a holiday (holidays[${holidayIndex.get(d)}]) and a make-up working day (workdays[${i}]): keep only one.`, { path });
    }
    if (workdays.has(d)) {
      throw new SlaKitError("INVALID_CALENDAR", `${dayNumberToIso(d)} is listed twice as a make-up working day: keep only one entry.`, { path });
    }
    let hours: DayHours;
    if (typeof w !== "string" && w.hours !== undefined) hours = parseHours(w.hours, ["workdays", i, "hours"]);
    else {
      const mon = week[1];
      if (mon === undefined || mon.length === 0) {
        throw new SlaKitError("INVALID_CALENDAR", `Make-up working day ${dayNumberToIso(d)} has no hours and the calendar has no Monday hours to lend it: give it "hours" or set week.mon.`, { path: ["workdays", i] });
      }
      hours = mon;
    }
    workdays.set(d, hours);
  });
  const validFrom = spec.validFrom === undefined ? -Infinity : parseDate(spec.validFrom, ["validFrom"]);
  const validTo = spec.validTo === undefined ? Infinity : parseDate(spec.validTo, ["validTo"]);
  if (validFrom > validTo) {
    throw new SlaKitError("INVALID_CALENDAR", `validFrom (${spec.validFrom}) is after validTo (${spec.validTo}).`, { path: ["validFrom"] });
  }
  const beyondData = spec.beyondData ?? "error";
  const maxReachYears = spec.maxReachYears ?? DEFAULT_MAX_REACH_YEARS;
  if (!Number.isInteger(maxReachYears) || maxReachYears < 1 || maxReachYears > MAX_REACH_LIMIT) {
    throw new SlaKitError("INVALID_CALENDAR", `Invalid maxReachYears ${describe(maxReachYears)}: a whole number of years from 1 to ${MAX_REACH_LIMIT} (default ${DEFAULT_MAX_REACH_YEARS}).`, { path: ["maxReachYears"] });
  }
  const always =
    validFrom === -Infinity && validTo === Infinity && holidays.size === 0 && workdays.size === 0 &&
    week.every((h) => h !== undefined && h.some(([a, b]) => a === 0 && b >= 1440));
  // open minutes of the longest week, +1 h per day for DST, times 53 weeks, plus every make-up day
  const weekMinutes = week.reduce((sum, h) => sum + (h ?? []).reduce((m, [a, b]) => m + (b - a), 0), 0);
  const maxOpenPerYear = (53 * (weekMinutes + 7 * 60) + workdays.size * 2 * 1440) * MS_PER_MINUTE;
  const engine: Engine = {
    id: spec.id ?? "custom",
    timeZone,
    week,
    holidays,
    workdays,
    validFrom,
    validTo,
    beyondData,
    rangeTo: beyondData === "weekdays" ? Infinity : validTo,
    always,
    maxReachYears,
    maxOpenPerYear,
    y0: 0,
    y1: -1,
    lo: Infinity,
    hi: -Infinity,
    starts: new Float64Array(0),
    ends: new Float64Array(0),
    cum: new Float64Array(1),
    byDay: new Int32Array(0),
    day0: 0,
    days: new Int32Array(0),
    closes: new Float64Array(0),
  };
  return { spec, engine };
}

const engines = new WeakMap<object, Engine>();

export function register(cal: Calendar, engine: Engine): void {
  engines.set(cal, engine);
}

/** The engine of a calendar argument; compiles (and caches) a deserialised calendar's spec. */
export function engineOf(cal: unknown, path: ErrorPath = ["cal"]): Engine {
  if (typeof cal === "object" && cal !== null) {
    const e = engines.get(cal);
    if (e !== undefined) return e;
    const spec = (cal as { spec?: unknown }).spec;
    if ((cal as { kind?: unknown }).kind === "calendar" && spec !== undefined) {
      const c = compile(spec).engine;
      engines.set(cal, c);
      return c;
    }
  }
  throw new SlaKitError("INVALID_ARGUMENT", `Expected a Calendar at ${formatPath(path)} (from defineCalendar, alwaysOpen or chinaWorkCalendar), got ${describe(cal)}.`, { path });
}

// ---------------------------------------------------------------------------------------------
// Index building

function dayHours(e: Engine, day: number): DayHours | undefined {
  if (day > e.validTo) return day > e.rangeTo ? undefined : e.week[weekdayOf(day)];
  if (day < e.validFrom || e.holidays.has(day)) return undefined;
  const w = e.workdays.get(day);
  if (w !== undefined) return w;
  return e.week[weekdayOf(day)];
}

interface YearBlock {
  readonly pairs: Float64Array; // start, end, start, end ... (unmerged, in date order)
  readonly days: Int32Array;
  readonly closes: Float64Array;
}

const blocks = new WeakMap<Engine, Map<number, YearBlock>>();

function yearBlock(e: Engine, year: number): YearBlock {
  let m = blocks.get(e);
  if (m === undefined) blocks.set(e, (m = new Map()));
  const cached = m.get(year);
  if (cached !== undefined) {
    m.delete(year); // most recently used last
    m.set(year, cached);
    return cached;
  }
  // bounded: a long-lived process keeps at most the years one query may reach, plus slack
  if (m.size >= e.maxReachYears + 2 * INDEX_SPAN_MAX) m.delete(m.keys().next().value!);
  const first = Math.round(utcMs(year, 1, 1) / MS_PER_DAY);
  const last = Math.round(utcMs(year + 1, 1, 1) / MS_PER_DAY);
  const pairs: number[] = [];
  const days: number[] = [];
  const closes: number[] = [];
  for (let day = first; day < last; day++) {
    const hours = dayHours(e, day);
    if (hours === undefined || hours.length === 0) continue;
    const midnight = day * MS_PER_DAY;
    let close = -Infinity;
    for (const [s, en] of hours) {
      const a = wallToInstant(e.timeZone, midnight + s * MS_PER_MINUTE);
      const b = wallToInstant(e.timeZone, midnight + en * MS_PER_MINUTE);
      if (b <= a) continue; // resolved empty (DST)
      pairs.push(a, b);
      if (b > close) close = b;
    }
    if (close !== -Infinity) {
      days.push(day);
      closes.push(close);
    }
  }
  const block = { pairs: Float64Array.from(pairs), days: Int32Array.from(days), closes: Float64Array.from(closes) };
  m.set(year, block);
  return block;
}

function rebuild(e: Engine, y0: number, y1: number): void {
  const list: YearBlock[] = [];
  let nPairs = 0;
  let nDays = 0;
  for (let y = y0; y <= y1; y++) {
    const b = yearBlock(e, y);
    list.push(b);
    nPairs += b.pairs.length / 2;
    nDays += b.days.length;
  }
  const raw = new Float64Array(nPairs * 2);
  const days = new Int32Array(nDays);
  const closes = new Float64Array(nDays);
  let p = 0;
  let d = 0;
  for (const b of list) {
    raw.set(b.pairs, p * 2);
    p += b.pairs.length / 2;
    days.set(b.days, d);
    closes.set(b.closes, d);
    d += b.days.length;
  }
  let sorted = true; // the usual case: year blocks hold their intervals in order
  for (let i = 1; i < nPairs && sorted; i++) sorted = raw[2 * i - 2]! <= raw[2 * i]!;
  let order: Int32Array | undefined;
  if (!sorted) {
    const o = Array.from({ length: nPairs }, (_, i) => i);
    o.sort((i, j) => raw[2 * i]! - raw[2 * j]! || raw[2 * i + 1]! - raw[2 * j + 1]!);
    order = Int32Array.from(o);
  }
  const startsAll = new Float64Array(nPairs);
  const endsAll = new Float64Array(nPairs);
  let n = 0;
  for (let k = 0; k < nPairs; k++) {
    const i = order === undefined ? k : order[k]!;
    const s = raw[2 * i]!;
    const en = raw[2 * i + 1]!;
    if (n > 0 && s <= endsAll[n - 1]!) {
      if (en > endsAll[n - 1]!) endsAll[n - 1] = en; // overlapping or touching: union
    } else {
      startsAll[n] = s;
      endsAll[n] = en;
      n++;
    }
  }
  const starts = startsAll.slice(0, n);
  const ends = endsAll.slice(0, n);
  const cum = new Float64Array(starts.length + 1);
  for (let i = 0; i < starts.length; i++) cum[i + 1] = cum[i]! + (ends[i]! - starts[i]!);
  e.y0 = y0;
  e.y1 = y1;
  // intervals of dates outside [y0, y1] reach at most ~3 days into it (past-midnight hours, DST, skipped dates)
  e.lo = utcMs(y0, 1, 1) + 4 * MS_PER_DAY;
  e.hi = utcMs(y1 + 1, 1, 1) - 4 * MS_PER_DAY;
  e.starts = starts;
  e.ends = ends;
  e.cum = cum;
  bucketStarts(e);
  e.days = days;
  e.closes = closes;
}

/** The last instant the index answers for exactly. */
function coverHi(e: Engine): number {
  return e.hi;
}

const YEAR_OF_DAY = (day: number): number => new Date(day * MS_PER_DAY).getUTCFullYear();

function clampYear(e: Engine, y: number): number {
  let lo = MIN_YEAR - 1;
  let hi = MAX_YEAR + 1;
  if (e.validFrom !== -Infinity) lo = Math.max(lo, YEAR_OF_DAY(e.validFrom) - 1);
  if (e.rangeTo !== Infinity) hi = Math.min(hi, YEAR_OF_DAY(e.rangeTo) + 1);
  return Math.min(hi, Math.max(lo, y));
}

/** Makes the index answer exactly for every instant in [from, to]. */
export function cover(e: Engine, from: number, to: number): void {
  if (e.always || (from >= e.lo && to <= e.hi)) return;
  let y0 = clampYear(e, new Date(from).getUTCFullYear() - 1);
  let y1 = clampYear(e, new Date(to).getUTCFullYear() + 1);
  // extend the index when that stays small; otherwise index only the years this query touches
  // (year blocks stay cached), so cost never depends on what earlier queries did
  if (e.y1 >= e.y0 && Math.max(y1, e.y1) - Math.min(y0, e.y0) <= Math.max(INDEX_SPAN_MAX, y1 - y0)) {
    y0 = Math.min(y0, e.y0);
    y1 = Math.max(y1, e.y1);
  }
  if (y0 !== e.y0 || y1 !== e.y1) rebuild(e, y0, y1);
}

/** True when every instant up to `t` is answered exactly (or no dates beyond the index exist). */
function coversUpTo(e: Engine, t: number): boolean {
  return t <= coverHi(e) || clampYear(e, e.y1 + 1) === e.y1;
}

// ---------------------------------------------------------------------------------------------
// Validation of arguments

export function instantArg(e: Engine, value: unknown, name: string): number {
  const ms = toEpochMs(value, [name]);
  if (e.always) return ms;
  const day = localDayNumber(e.timeZone, ms);
  if (day < MIN_DAY || day > MAX_DAY) {
    throw outOfRange(e, `${name} ${new Date(ms).toISOString()} falls on ${dayNumberToIso(day)}, outside the years ${MIN_YEAR}-${MAX_YEAR} that calendars with hours answer for`, day, [name]);
  }
  if (e.validFrom !== -Infinity || e.rangeTo !== Infinity) {
    // a result may end exactly at (or an interval of validTo may run past midnight up to) the last
    // close: such an instant is a valid argument too, so results can be passed back in
    if (day < e.validFrom || (day > e.rangeTo && ms > lastEnd(e))) {
      throw outOfRange(e, `${name} ${new Date(ms).toISOString()} falls on ${dayNumberToIso(day)}`, day, [name]);
    }
  }
  return ms;
}

/** Instants of years MIN_YEAR..MAX_YEAR (+- a day of zone offset) are answered by the index. */
const MIN_DAY = /* @__PURE__ */ isoToDayNumber(`${MIN_YEAR}-01-01`)!;
const MAX_DAY = /* @__PURE__ */ isoToDayNumber(`${MAX_YEAR}-12-31`)!;

/** A result after the supported years is refused like an argument there (a close at 24:00 of the last date is fine). */
function supported(e: Engine, t: number, path: ErrorPath): number {
  if (localDayNumber(e.timeZone, t - 1) > MAX_DAY) {
    throw outOfRange(e, `The result lies after the year ${MAX_YEAR}, the last calendars with hours answer for`, MAX_DAY + 1, path);
  }
  return t;
}

/** The end of the last open interval of a date <= rangeTo (-Infinity when there is none). */
function lastEnd(e: Engine): number {
  if (e.rangeTo === Infinity) return Infinity;
  const pairs = yearBlock(e, YEAR_OF_DAY(e.rangeTo)).pairs;
  let end = -Infinity;
  for (let i = 1; i < pairs.length; i += 2) if (pairs[i]! > end) end = pairs[i]!;
  return end;
}

/** The end of the last open interval of the date validTo (intervals past midnight reach into the next date). */
export function dataEnd(e: Engine): number {
  let end = e.validTo * MS_PER_DAY; // at least validTo's local midnight, as wall ms
  for (const [, en] of dayHours(e, e.validTo) ?? []) end = Math.max(end, e.validTo * MS_PER_DAY + en * MS_PER_MINUTE);
  return wallToInstant(e.timeZone, end);
}

/**
 * CALENDAR_OUT_OF_RANGE for the local date `day`: names the calendar, its covered dates, the date
 * that was needed and both ways out. `details` is machine-readable, for callers that re-wrap it.
 */
export function outOfRange(e: Engine, what: string, day: number, path: ErrorPath): SlaKitError {
  const from = e.validFrom === -Infinity ? null : dayNumberToIso(e.validFrom);
  const to = e.validTo === Infinity ? null : dayNumberToIso(e.validTo);
  const needed = dayNumberToIso(day);
  const year = YEAR_OF_DAY(day);
  return new SlaKitError(
    "CALENDAR_OUT_OF_RANGE",
    `${what}, outside the dates calendar "${e.id}" covers (${from ?? "the beginning"} to ${to ?? "the end"}, local dates in ${e.timeZone}). ` +
      `Either add the holiday data of ${year} (chinaWorkCalendar({ years: [...] }), or "years" of the calendar in the policy; ` +
      `parseChinaHolidayNotice / \`sla-kit calendar import-notice\` read the State Council notice), ` +
      `or set beyondData: "weekdays" to assume plain weekdays after ${to ?? "the data"} (results are then provisional).`,
    {
      path,
      details: { calendar: e.id, timeZone: e.timeZone, validFrom: from, validTo: to, needed, year, remedies: ["years", "beyondData"] },
    },
  );
}

/** A query that would reach more than maxReachYears beyond its anchor: refused, never computed. */
export function tooFar(e: Engine, from: number, path: ErrorPath): SlaKitError {
  const day = localDayNumber(e.timeZone, Math.min(MAX_INSTANT, from)) + Math.ceil(e.maxReachYears * 365.25);
  return new SlaKitError(
    "CALENDAR_OUT_OF_RANGE",
    `The result lies more than ${e.maxReachYears} years after ${new Date(from).toISOString()} on calendar "${e.id}", ` +
      `the most one query may reach (CalendarSpec.maxReachYears, default ${DEFAULT_MAX_REACH_YEARS}): check the duration, or raise maxReachYears.`,
    { path, details: { calendar: e.id, timeZone: e.timeZone, maxReachYears: e.maxReachYears, needed: dayNumberToIso(day), reason: "maxReachYears" } },
  );
}

/** A result after the last instant a Date can hold (+275760-09-13). */
function beyondDates(e: Engine, from: number, path: ErrorPath): SlaKitError {
  return new SlaKitError("CALENDAR_OUT_OF_RANGE", `The result lies after +275760-09-13, the last date a JavaScript Date can hold (from ${new Date(Math.min(MAX_INSTANT, Math.max(-MAX_INSTANT, from))).toISOString()} on calendar "${e.id}").`, {
    path,
    details: { calendar: e.id, timeZone: e.timeZone, needed: "+275760-09-14", reason: "dateRange" },
  });
}

function neverOpen(e: Engine, from: number, path: ErrorPath): SlaKitError {
  return new SlaKitError(
    "CALENDAR_NEVER_OPEN",
    `The calendar has no open time within ${NEVER_OPEN_YEARS} years after ${new Date(from).toISOString()}${e.rangeTo === Infinity ? "" : " before its validTo"}: give it opening hours.`,
    { path },
  );
}

// ---------------------------------------------------------------------------------------------
// Primitive queries (callers have covered the instants)

/** Index spans longer than this get no day buckets (their queries search the whole index). */
const BUCKET_DAYS_MAX = 40 * 366;

/** Fills `byDay`, the day buckets {@link startsUpTo} starts from. */
function bucketStarts(e: Engine): void {
  const starts = e.starts;
  const n = starts.length;
  const day0 = n === 0 ? 0 : Math.floor(starts[0]! / MS_PER_DAY);
  const len = n === 0 ? 0 : Math.floor(starts[n - 1]! / MS_PER_DAY) - day0 + 2;
  const byDay = new Int32Array(len <= BUCKET_DAYS_MAX ? len : 0);
  for (let d = 0, i = 0; d < byDay.length; d++) {
    const t = (day0 + d) * MS_PER_DAY;
    while (i < n && starts[i]! <= t) i++;
    byDay[d] = i;
  }
  e.byDay = byDay;
  e.day0 = day0;
}

/** How many interval starts are <= t: `upperBound(e.starts, t)`, from the day's bucket (a few intervals a day). */
function startsUpTo(e: Engine, t: number): number {
  const d = Math.floor(t / MS_PER_DAY) - e.day0;
  const b = e.byDay;
  if (d >= 0 && d + 1 < b.length) {
    const starts = e.starts;
    let i = b[d]!;
    const end = b[d + 1]!;
    while (i < end && starts[i]! <= t) i++;
    return i;
  }
  return upperBound(e.starts, t);
}

/** Open time in the index before instant t. */
export function openBefore(e: Engine, t: number): number {
  if (e.always) return t;
  const i = startsUpTo(e, t);
  if (i === 0) return 0;
  const k = i - 1;
  return e.cum[k]! + Math.min(t, e.ends[k]!) - e.starts[k]!;
}

export function isOpen(e: Engine, t: number): boolean {
  if (e.always) return true;
  const i = startsUpTo(e, t) - 1;
  return i >= 0 && t < e.ends[i]!;
}

/** Grows the index forward from `from` until `enough(e)`, or throws. */
function growUntil(e: Engine, from: number, enough: () => boolean, needOpenAfter: number, path: ErrorPath): void {
  let lastOpenSeen = from;
  const anchorYear = new Date(from).getUTCFullYear();
  for (;;) {
    if (enough()) return;
    if (clampYear(e, e.y1 + 1) === e.y1) {
      // the index already reaches past validTo (or year MAX_YEAR): nothing more exists
      if (e.cum[e.cum.length - 1] === 0 && e.rangeTo !== Infinity) throw neverOpen(e, from, path);
      if (e.rangeTo === Infinity) {
        throw outOfRange(e, `The result lies after the year ${MAX_YEAR}, the last calendars with hours answer for`, MAX_DAY + 1, path);
      }
      throw outOfRange(e, `The result lies after ${dayNumberToIso(e.rangeTo)}`, e.rangeTo + 1, path);
    }
    if (e.y1 - anchorYear > e.maxReachYears) throw tooFar(e, from, path);
    const n = e.starts.length;
    if (n > 0 && e.ends[n - 1]! > needOpenAfter) lastOpenSeen = Math.max(lastOpenSeen, e.ends[n - 1]!);
    if (coverHi(e) - lastOpenSeen > NEVER_OPEN_YEARS * 366 * MS_PER_DAY) throw neverOpen(e, from, path);
    const y1 = clampYear(e, Math.min(anchorYear + e.maxReachYears + 1, e.y1 + Math.max(2, e.y1 - e.y0 + 1)));
    rebuild(e, e.y0, y1);
  }
}

/** The instant where open time since the index start reaches `target`, or NaN if beyond the index. */
function atOpen(e: Engine, target: number): number {
  const cum = e.cum;
  const n = e.starts.length;
  if (cum[n]! < target) return Number.NaN;
  // first k with cum[k + 1] >= target
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid + 1]! >= target) hi = mid;
    else lo = mid + 1;
  }
  const t = e.starts[lo]! + (target - cum[lo]!);
  return coversUpTo(e, t) ? t : Number.NaN;
}

/** Earliest t >= s with open time [s, t] >= d (d > 0). */
export function addOpen(e: Engine, s: number, d: number, path: ErrorPath): number {
  if (e.always) {
    if (s + d > MAX_INSTANT) throw beyondDates(e, s, path);
    return s + d;
  }
  // a duration longer than the calendar can hold within maxReachYears: refused at once
  if (d > e.maxOpenPerYear * (e.maxReachYears + 1)) throw tooFar(e, s, path);
  cover(e, s, s);
  let result = atOpen(e, openBefore(e, s) + d); // fast path: inside the index
  if (result === result) return supported(e, result, path);
  growUntil(e, s, () => (result = atOpen(e, openBefore(e, s) + d)) === result, s, path);
  return supported(e, result, path);
}

function firstOpen(e: Engine, t: number): number {
  const i = startsUpTo(e, t) - 1;
  if (i >= 0 && t < e.ends[i]!) return t;
  const next = e.starts[i + 1];
  return next !== undefined && coversUpTo(e, next) ? next : Number.NaN;
}

/** First instant >= t that is open. */
export function nextOpen(e: Engine, t: number, path: ErrorPath): number {
  if (e.always) return t;
  cover(e, t, t);
  let result = firstOpen(e, t);
  if (result === result) return supported(e, result, path);
  growUntil(e, t, () => (result = firstOpen(e, t)) === result, t, path);
  return supported(e, result, path);
}

/** Close of the `count`-th (0-based) business day on or after `day`, or NaN if beyond the index. */
function closeOf(e: Engine, day: number, count: number): number {
  const days = e.days;
  const k = lowerBound(days, day) + count;
  if (k >= days.length) return Number.NaN;
  const close = e.closes[k]!;
  return coversUpTo(e, close) ? close : Number.NaN;
}

/**
 * `addBusinessDays` in epoch ms on a checked start `s`: the close of the local date of `s` when
 * `n` is 0 and that date is a business day (else the next one's), otherwise of the `n`-th
 * business day after that date.
 */
export function closeAfterDays(e: Engine, s: number, n: number, path: ErrorPath): number {
  const day = localDayNumber(e.timeZone, s);
  return n === 0 ? businessDayFrom(e, day, 0, path) : businessDayFrom(e, day + 1, n - 1, path);
}

/** Close of business of the `count`-th (0-based) business day on or after local date `day`. */
export function businessDayFrom(e: Engine, day: number, count: number, path: ErrorPath): number {
  if (e.always) {
    // every date is a business day closing at local 24:00
    const close = (day + count + 1) * MS_PER_DAY;
    const r = Math.abs(close) <= MAX_INSTANT + 2 * MS_PER_DAY ? wallToInstant(e.timeZone, close) : Infinity;
    if (!(r <= MAX_INSTANT)) throw beyondDates(e, day * MS_PER_DAY, path);
    return r;
  }
  if (count > (e.maxReachYears + 1) * 366) throw tooFar(e, day * MS_PER_DAY, path);
  const t = day * MS_PER_DAY;
  cover(e, t, t);
  let result = closeOf(e, day, count);
  if (result === result) return supported(e, result, path);
  growUntil(e, t, () => (result = closeOf(e, day, count)) === result, t - MS_PER_DAY, path);
  return supported(e, result, path);
}

export function isBusinessDayNumber(e: Engine, day: number): boolean {
  if (e.always) return true;
  const block = yearBlock(e, YEAR_OF_DAY(day));
  return block.days[lowerBound(block.days, day)] === day;
}

export { MIN_YEAR, MAX_YEAR };
