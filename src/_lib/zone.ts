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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

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

/** Offset (local - UTC, in ms) of `timeZone` at instant `ms`, straight from Intl. */
function intlOffset(timeZone: string, ms: number): number {
  const secondMs = Math.floor(ms / 1000) * 1000;
  const parts = formatter(timeZone).formatToParts(secondMs);
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, bc = false;
  for (const p of parts) {
    switch (p.type) {
      case "year": y = Number(p.value); break;
      case "month": mo = Number(p.value); break;
      case "day": d = Number(p.value); break;
      case "hour": h = Number(p.value); break;
      case "minute": mi = Number(p.value); break;
      case "second": s = Number(p.value); break;
      case "era": bc = p.value.startsWith("B"); break;
    }
  }
  if (bc) y = 1 - y;
  return utcMs(y, mo, d, h, mi, s) - secondMs;
}

/**
 * Per-zone table of offset transitions over a span of years, built by sampling Intl every
 * 6 hours and bisecting each change to the second.
 */
interface ZoneTable {
  from: number; // first instant covered
  to: number; // last instant covered
  at: number[]; // transition instants (offset[i] holds from at[i])
  offset: number[]; // offset[0] holds before at[0]
}

const tables = new Map<string, ZoneTable>();
const SAMPLE = 24 * 3_600_000; // zones never change offset twice within a day

function buildTable(timeZone: string, from: number, to: number): ZoneTable {
  const at: number[] = [];
  const offset: number[] = [intlOffset(timeZone, from)];
  let prevT = from;
  let prevO = offset[0]!;
  for (let t = from + SAMPLE; ; t += SAMPLE) {
    const tt = Math.min(t, to);
    const o = intlOffset(timeZone, tt);
    if (o !== prevO) {
      // bisect in seconds: offset(lo) = prevO, offset(hi) = o
      let lo = Math.floor(prevT / 1000);
      let hi = Math.floor(tt / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffset(timeZone, mid * 1000) === prevO) lo = mid;
        else hi = mid;
      }
      at.push(hi * 1000);
      offset.push(o);
      prevO = o;
    }
    prevT = tt;
    if (tt >= to) break;
  }
  return { from, to, at, offset };
}

const YEAR_MS = 365.2425 * MS_PER_DAY;

function tableFor(timeZone: string, ms: number): ZoneTable {
  let t = tables.get(timeZone);
  if (t === undefined || ms < t.from || ms > t.to) {
    // cover whole years around the instant, growing the existing span
    const y = Math.floor(ms / YEAR_MS) + 1970;
    let fromY = y - 1;
    let toY = y + 2;
    if (t !== undefined) {
      fromY = Math.min(fromY, Math.floor(t.from / YEAR_MS) + 1970);
      toY = Math.max(toY, Math.floor(t.to / YEAR_MS) + 1970 + 1);
    }
    t = buildTable(timeZone, utcMs(fromY, 1, 1) - 2 * MS_PER_DAY, utcMs(toY, 1, 1) + 2 * MS_PER_DAY);
    tables.set(timeZone, t);
  }
  return t;
}

/** Offset (local - UTC, in ms) of `timeZone` at instant `ms`. */
export function offsetAt(timeZone: string, ms: number): number {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return 0;
  const t = tableFor(timeZone, ms);
  // offset[i] holds from at[i - 1]: the number of transitions <= ms picks it
  return t.offset[upperBound(t.at, ms)]!;
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
