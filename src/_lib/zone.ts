/**
 * Time-zone arithmetic on epoch milliseconds, independent of the host TZ.
 * Offsets come from `Intl.DateTimeFormat` and are cached per zone as a table of transitions,
 * so the hot path (offset of an instant) is a binary search.
 * @internal
 */
import { SlaKitError, type ErrorCode, type ErrorPath } from "../errors.js";
import { describe } from "./instant.js";
import { upperBound } from "./search.js";

export const MS_PER_DAY = 86_400_000;
export const MS_PER_MINUTE = 60_000;

/**
 * One formatter per zone. Where the runtime knows `timeZoneName: "longOffset"` (ES2021; Node 20),
 * it prints the offset itself ("GMT+08:00", "GMT+08:05:43", "GMT"), one short string per
 * sample, about 4x cheaper than reading the wall time from `formatToParts`; elsewhere the wall
 * time is read and the offset computed from it.
 */
interface ZoneFormatter {
  readonly f: Intl.DateTimeFormat;
  readonly longOffset: boolean;
}
const formatters = new Map<string, ZoneFormatter>();

function formatter(timeZone: string): ZoneFormatter {
  let z = formatters.get(timeZone);
  if (z === undefined) {
    let f: Intl.DateTimeFormat;
    let longOffset = true;
    try {
      f = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    } catch {
      longOffset = false; // an unknown zone throws again here
      f = partsFormatter(timeZone);
    }
    z = { f, longOffset };
    formatters.set(timeZone, z);
  }
  return z;
}

/** The end of a `longOffset` text: "GMT", "GMT-05:00", "GMT+08:05:43". */
const LONG_OFFSET = /GMT(?:([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** True when `timeZone` is an IANA name (or "UTC") that this runtime knows. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || timeZone.length === 0) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Validates a zone, throwing `code` with `path` when it is not a known IANA name. */
export function assertTimeZone(timeZone: unknown, code: ErrorCode, path: ErrorPath): string {
  if (!isValidTimeZone(timeZone)) {
    throw new SlaKitError(
      code,
      `Unknown time zone ${describe(timeZone)}: use an IANA name such as "Asia/Shanghai", "America/New_York" or "UTC".`,
      { path },
    );
  }
  return timeZone;
}

/** Epoch ms of a UTC wall time; handles years 0-99 (Date.UTC maps them to 19xx). */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year >= 0 && year < 100) {
    const d = new Date(ms);
    d.setUTCFullYear(year);
    return d.getTime();
  }
  return ms;
}

/** Milliseconds of 400 Gregorian years. */
const CYCLE_MS = 146_097 * MS_PER_DAY;

/** The range of a JS Date: instants beyond it cannot be formatted. */
const MAX_INSTANT = 8.64e15;

/** Offset (local - UTC, in ms) of `timeZone` at instant `ms`, straight from Intl (clamped to the Date range). */
function intlOffset(timeZone: string, ms: number): number {
  const secondMs = Math.min(MAX_INSTANT, Math.max(-MAX_INSTANT, Math.floor(ms / 1000) * 1000));
  const z = formatter(timeZone);
  if (z.longOffset) {
    const m = LONG_OFFSET.exec(z.f.format(secondMs));
    if (m !== null) return m[1] === undefined ? 0 : (m[1] === "-" ? -1000 : 1000) * ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4] ?? 0));
    return wallOffset(partsFormatter(timeZone), secondMs);
  }
  return wallOffset(z.f, secondMs);
}

/** The wall-time formatter (where `longOffset` is unknown, or its text does not parse). */
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", era: "short" });
}

/** Offset from the wall time a formatter prints for `secondMs`. */
function wallOffset(f: Intl.DateTimeFormat, secondMs: number): number {
  const v: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of f.formatToParts(secondMs)) v[p.type] = p.value;
  const n = (k: Intl.DateTimeFormatPartTypes): number => Number(v[k] ?? 0);
  let y = n("year");
  const mo = n("month"), d = n("day"), h = n("hour"), mi = n("minute"), s = n("second");
  if (v.era?.startsWith("B")) y = 1 - y;
  // near the ends of the Date range the local wall time itself may lie outside it: shift by a
  // 400-year Gregorian cycle (same calendar) to compute it
  let wall = utcMs(y, mo, d, h, mi, s);
  if (Number.isNaN(wall)) wall = y < 0 ? utcMs(y + 400, mo, d, h, mi, s) - CYCLE_MS : utcMs(y - 400, mo, d, h, mi, s) + CYCLE_MS;
  return wall - secondMs;
}

/**
 * Offset transitions of one zone within one UTC year, found by sampling Intl once a day and
 * bisecting each change to the second. Tables grow year by year as queries touch years; each
 * zone keeps at most {@link ZONE_YEARS_KEPT} years (least recently used dropped), so neither a
 * far-off query nor a long-lived process makes them grow without end.
 */
interface YearTable {
  readonly at: readonly number[]; // transition instants within the year
  readonly offset: readonly number[]; // offset[0] holds from the year's start, offset[i] from at[i - 1]
}

/** Years of offset tables kept per zone. */
const ZONE_YEARS_KEPT = 256;
const tables = new Map<string, Map<number, YearTable>>();
/** Sampling step before 1970: zones never change offset twice within a day. */
const SAMPLE = 24 * 3_600_000;
/**
 * Sampling step from 1970: every change is found (a step over several changes finds each), except
 * a change and its reversal within one week, which the time-zone database has not had since 1970.
 */
const SAMPLE_MODERN = 7 * SAMPLE;

/** Start of a UTC year, clamped to the Date range (Date.UTC is NaN beyond it). */
function yearStart(year: number): number {
  const ms = utcMs(year, 1, 1);
  return Number.isNaN(ms) ? (year < 0 ? -MAX_INSTANT : MAX_INSTANT) : Math.min(MAX_INSTANT, Math.max(-MAX_INSTANT, ms));
}

function buildYear(timeZone: string, year: number): YearTable {
  const from = yearStart(year);
  const to = yearStart(year + 1);
  const step = year >= 1970 ? SAMPLE_MODERN : SAMPLE;
  const at: number[] = [];
  const offset: number[] = [intlOffset(timeZone, from)];
  let prevT = from;
  let prevO = offset[0]!;
  for (let t = from + step; prevT < to; t += step) {
    const tt = Math.min(t, to);
    const o = intlOffset(timeZone, tt);
    // several changes may lie between two samples: find each in turn
    while (o !== prevO && o === o) {
      // bisect in seconds: offset(lo) = prevO, offset(hi) != prevO
      let lo = Math.floor(prevT / 1000);
      let hi = Math.floor(tt / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffset(timeZone, mid * 1000) === prevO) lo = mid;
        else hi = mid;
      }
      const now = intlOffset(timeZone, hi * 1000);
      if (hi * 1000 < to) {
        at.push(hi * 1000);
        offset.push(now);
      }
      prevO = now;
      prevT = hi * 1000;
    }
    prevT = tt;
  }
  return { at, offset };
}

function yearTable(timeZone: string, year: number): YearTable {
  let zone = tables.get(timeZone);
  if (zone === undefined) tables.set(timeZone, (zone = new Map()));
  let t = zone.get(year);
  if (t === undefined) {
    t = buildYear(timeZone, year);
    if (zone.size >= ZONE_YEARS_KEPT) zone.delete(zone.keys().next().value!);
  } else zone.delete(year); // most recently used last
  zone.set(year, t);
  return t;
}

/** The UTC year of an instant (clamped to the Date range). */
function utcYear(ms: number): number {
  return new Date(Math.min(MAX_INSTANT, Math.max(-MAX_INSTANT, ms))).getUTCFullYear();
}

/** Offset (local - UTC, in ms) of `timeZone` at instant `ms`. */
export function offsetAt(timeZone: string, ms: number): number {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return 0;
  if (timeZone !== memo.zone || !(ms >= memo.from && ms < memo.to)) memo = recall(timeZone, ms);
  const t = memo.table;
  // offset[i] holds from at[i - 1]: the number of transitions <= ms picks it
  return t.offset[upperBound(t.at, ms)]!;
}

/**
 * `offsetAt(timeZone, ms)` and the instants `[from, to)` around `ms` (within its UTC year) over
 * which `offsetAt` gives that same offset: callers cache a reading for the whole span.
 */
export function offsetSpan(timeZone: string, ms: number): { offset: number; from: number; to: number } {
  const offset = offsetAt(timeZone, ms);
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return { offset, from: -Infinity, to: Infinity };
  const at = memo.table.at; // offsetAt left the year of ms in the memo
  const i = upperBound(at, ms);
  return { offset, from: i === 0 ? memo.from : at[i - 1]!, to: i === at.length ? memo.to : at[i]! };
}

interface YearMemo {
  readonly zone: string;
  readonly from: number;
  readonly to: number;
  readonly table: YearTable;
}

/** The last year table used (most queries stay within one year of one zone). */
let memo: YearMemo = { zone: "", from: 0, to: -1, table: { at: [], offset: [0] } };
/** The last few year tables used, for queries that move between a few years (a batch of tickets). */
const recent: YearMemo[] = [memo, memo, memo, memo];
let recentNext = 0;

/** The year memo of `ms` in `timeZone`: one of the recent ones, else made (and kept in place of the oldest). */
function recall(timeZone: string, ms: number): YearMemo {
  for (let i = 0; i < recent.length; i++) {
    const m = recent[i]!;
    if (m.zone === timeZone && ms >= m.from && ms < m.to) return m;
  }
  const y = utcYear(ms);
  const m: YearMemo = { zone: timeZone, from: yearStart(y), to: yearStart(y + 1), table: yearTable(timeZone, y) };
  recent[recentNext] = m;
  recentNext = (recentNext + 1) % recent.length;
  return m;
}

/**
 * The instant of a local wall time given as "wall ms" (the wall time read as if it were UTC),
 * resolved like Temporal's `disambiguation: "compatible"`: a repeated time takes the earlier
 * instant, a skipped time is moved forward by the length of the gap.
 */
export function wallToInstant(timeZone: string, wall: number): number {
  const before = offsetAt(timeZone, wall - 2 * MS_PER_DAY);
  const after = offsetAt(timeZone, wall + 2 * MS_PER_DAY);
  const c1 = wall - before;
  const ok1 = offsetAt(timeZone, c1) === before;
  if (before === after) {
    if (ok1) return c1;
    const o = offsetAt(timeZone, wall);
    const c = wall - o;
    if (offsetAt(timeZone, c) === o) return c;
    return c1;
  }
  const c2 = wall - after;
  const ok2 = offsetAt(timeZone, c2) === after;
  if (ok1 && ok2) return Math.min(c1, c2);
  if (ok1) return c1;
  if (ok2) return c2;
  // gap: shift forward by the gap length, i.e. read the wall time with the offset before it
  return c1;
}

/** Local wall time of an instant, as "wall ms" (local fields read as UTC). */
export function instantToWall(timeZone: string, ms: number): number {
  return ms + offsetAt(timeZone, ms);
}

/** Day number (days since 1970-01-01) of the local date of instant `ms` in `timeZone`. */
export function localDayNumber(timeZone: string, ms: number): number {
  return Math.floor(instantToWall(timeZone, ms) / MS_PER_DAY);
}

/** Weekday of a day number: 0 = Sunday ... 6 = Saturday (day 0, 1970-01-01, was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** "YYYY-MM-DD" of a day number. */
export function dayNumberToIso(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const ys = y >= 0 && y < 10000 ? String(y).padStart(4, "0") : String(y);
  return `${ys}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a "YYYY-MM-DD" string, or undefined when it is not a real date. */
export function isoToDayNumber(s: string): number | undefined {
  const m = ISO_DATE.exec(s);
  if (m === null) return undefined;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const ms = utcMs(y, mo, d);
  const back = new Date(ms);
  if (back.getUTCMonth() + 1 !== mo || back.getUTCDate() !== d) return undefined;
  return Math.round(ms / MS_PER_DAY);
}

/** The local "YYYY-MM-DD" of an instant in `timeZone`. */
export function localDateOf(timeZone: string, ms: number): string {
  return dayNumberToIso(localDayNumber(timeZone, ms));
}

/** Local year and month (1-12) of an instant in `timeZone`. */
export function localYearMonth(timeZone: string, ms: number): { year: number; month: number } {
  const d = new Date(instantToWall(timeZone, ms));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}
