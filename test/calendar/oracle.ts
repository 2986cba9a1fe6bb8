/**
 * Test-only reference implementation of the calendar semantics of docs/rules.md ("Readings: calendar" and
 * "Pinned details of calendar"). Slow and obviously correct on purpose:
 *
 * - wall time -> instant is found by brute force from `Intl.DateTimeFormat` (every instant on a
 *   15-minute grid within +-15 h whose local wall time equals the target; the earliest wins; in a
 *   gap the wall time is shifted forward by the gap, i.e. resolved with the offset in force
 *   before the transition) - Temporal's `disambiguation: "compatible"`;
 * - business time is counted MINUTE BY MINUTE (no cumulative arrays, no binary search).
 *
 * It never uses local-time `Date` methods (only `Date.UTC`, `getUTC*` and `Intl` with an
 * explicit `timeZone`), so it does not depend on the host TZ either.
 *
 * It does not import anything from src/ (independent of src/calendar/_engine.ts and
 * src/_lib/zone.ts).
 */

/** Same shape as the public `CalendarSpec` (kept local so the oracle stays independent). */
export interface OracleSpec {
  readonly timeZone: string;
  readonly week: Partial<Record<OracleWeekday, readonly string[]>>;
  readonly holidays?: readonly (string | { readonly date: string; readonly name?: string })[];
  readonly workdays?: readonly (string | { readonly date: string; readonly hours?: readonly string[]; readonly name?: string })[];
  readonly validFrom?: string;
  readonly validTo?: string;
  /** "weekdays": dates after validTo have the weekly hours, no holidays, no make-up days. */
  readonly beyondData?: "error" | "weekdays";
}

export type OracleWeekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** A resolved open interval `[start, end)` in epoch ms, with the local date it belongs to. */
export interface OracleInterval {
  readonly date: string;
  readonly start: number;
  readonly end: number;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const QUARTER = 15 * MINUTE;

// ---------------------------------------------------------------------------------------------
// Zone arithmetic from Intl only
// ---------------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const wallCache = new Map<string, number>();

/**
 * The local wall-clock time of instant `t` in `timeZone`, written as "wall ms": the epoch ms
 * that `Date.UTC` gives for the local year, month, day, hour, minute, second.
 */
export function wallOf(timeZone: string, t: number): number {
  const key = `${timeZone}|${t}`;
  const hit = wallCache.get(key);
  if (hit !== undefined) return hit;
  const parts = formatter(timeZone).formatToParts(new Date(t));
  const get = (type: string): number => {
    const p = parts.find((x) => x.type === type);
    if (p === undefined) throw new Error(`oracle: no ${type} in ${JSON.stringify(parts)}`);
    return Number(p.value);
  };
  const hour = get("hour") % 24;
  const ms = ((t % 1000) + 1000) % 1000;
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), hour, get("minute"), get("second"), ms);
  wallCache.set(key, wall);
  return wall;
}

/** UTC offset (ms) of `timeZone` at instant `t`. */
export function offsetOf(timeZone: string, t: number): number {
  return wallOf(timeZone, t) - t;
}

/** Wall ms of local date `"YYYY-MM-DD"` at `minutes` after its midnight (1440 = next midnight). */
export function wallMs(date: string, minutes = 0): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) throw new Error(`oracle: bad date ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + minutes * MINUTE;
}

/** Wall ms of `"YYYY-MM-DDTHH:MM"`. */
export function wallOfIso(local: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (m === null) throw new Error(`oracle: bad local time ${local}`);
  return wallMs(m[1] as string, Number(m[2]) * 60 + Number(m[3]));
}

const resolveCache = new Map<string, number>();

/**
 * Instant of wall time `wall` (wall ms) in `timeZone`, resolved like Temporal's
 * `disambiguation: "compatible"`: the earliest matching instant when the wall time repeats; when
 * it does not exist, the wall time shifted forward by the gap, `wall - offset(before the gap)`.
 */
export function resolveWall(timeZone: string, wall: number): number {
  const key = `${timeZone}|${wall}`;
  const hit = resolveCache.get(key);
  if (hit !== undefined) return hit;
  let result: number | undefined;
  for (let k = -60; k <= 60; k++) {
    const t = wall + k * QUARTER; // instants in [W-15h, W+15h] on a 15-min grid
    const off = offsetOf(timeZone, t);
    if (off % QUARTER !== 0) throw new Error(`oracle: offset ${off} of ${timeZone} at ${t} is not a multiple of 15 min`);
    if (wallOf(timeZone, t) === wall) {
      result = t; // increasing k: the first hit is the earliest
      break;
    }
  }
  if (result === undefined) {
    // A gap: use the offset in force a day before (before the transition).
    result = wall - offsetOf(timeZone, wall - DAY);
  }
  resolveCache.set(key, result);
  return result;
}

/** `"YYYY-MM-DD"` of wall ms. */
export function isoOfWall(wall: number): string {
  const d = new Date(wall);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + 1;
  const da = d.getUTCDate();
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(da).padStart(2, "0")}`;
}

/** Local date of instant `t` in `timeZone`. */
export function localDateOf(timeZone: string, t: number): string {
  return isoOfWall(wallOf(timeZone, t));
}

/** `date` plus `n` days. */
export function addDays(date: string, n: number): string {
  return isoOfWall(wallMs(date) + n * DAY);
}

const WEEKDAYS: readonly OracleWeekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** Weekday of a local date. */
export function weekdayOf(date: string): OracleWeekday {
  return WEEKDAYS[new Date(wallMs(date)).getUTCDay()] as OracleWeekday;
}

// ---------------------------------------------------------------------------------------------
// Calendar semantics
// ---------------------------------------------------------------------------------------------

function parseHm(s: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (m === null) throw new Error(`oracle: bad time ${s}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function dateOfEntry(e: string | { readonly date: string }): string {
  return typeof e === "string" ? e : e.date;
}

/** Is `date` inside `validFrom..validTo` (inclusive)? */
export function isCovered(spec: OracleSpec, date: string): boolean {
  if (spec.validFrom !== undefined && date < spec.validFrom) return false;
  if (spec.validTo !== undefined && date > spec.validTo && spec.beyondData !== "weekdays") return false;
  return true;
}

/** The hours that apply on local `date` (after holidays and make-up days). */
export function hoursOf(spec: OracleSpec, date: string): readonly string[] {
  if (!isCovered(spec, date)) return [];
  if (spec.validTo !== undefined && date > spec.validTo) return spec.week[weekdayOf(date)] ?? [];
  for (const h of spec.holidays ?? []) if (dateOfEntry(h) === date) return [];
  for (const w of spec.workdays ?? []) {
    if (dateOfEntry(w) === date) {
      if (typeof w !== "string" && w.hours !== undefined) return w.hours;
      const mon = spec.week.mon;
      if (mon === undefined) throw new Error("oracle: make-up day without hours and no Monday hours");
      return mon;
    }
  }
  return spec.week[weekdayOf(date)] ?? [];
}

/**
 * The resolved, non-empty open intervals that belong to local `date` (an interval past midnight
 * belongs to the date it starts on).
 */
export function dayIntervals(spec: OracleSpec, date: string): OracleInterval[] {
  const out: OracleInterval[] = [];
  for (const h of hoursOf(spec, date)) {
    const [a, b] = h.split("-");
    const s = parseHm(a as string);
    let e = parseHm(b as string);
    if (e < s) e += 1440; // past midnight: ends on the next date
    const start = resolveWall(spec.timeZone, wallMs(date, s));
    const end = resolveWall(spec.timeZone, wallMs(date, e));
    if (end > start) out.push({ date, start, end });
  }
  return out;
}

/** A business day has open time. */
export function isBusinessDay(spec: OracleSpec, date: string): boolean {
  return dayIntervals(spec, date).length > 0;
}

/** Close of business of `date`: the latest end of its intervals (undefined when closed). */
export function closeOf(spec: OracleSpec, date: string): number | undefined {
  let close: number | undefined;
  for (const iv of dayIntervals(spec, date)) if (close === undefined || iv.end > close) close = iv.end;
  return close;
}

/** Every interval that may touch `[from, to]`. */
export function intervalsAround(spec: OracleSpec, from: number, to: number): OracleInterval[] {
  const first = addDays(localDateOf(spec.timeZone, from), -2);
  const last = addDays(localDateOf(spec.timeZone, to), 1);
  const out: OracleInterval[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(...dayIntervals(spec, d));
  return out;
}

function assertMinute(t: number, what: string): void {
  if (t % MINUTE !== 0) throw new Error(`oracle: ${what} ${t} is not on the minute grid`);
}

function openIn(ivs: readonly OracleInterval[], t: number): boolean {
  for (const iv of ivs) if (iv.start <= t && t < iv.end) return true;
  return false;
}

/** Is the calendar open at instant `t`? */
export function isOpenAt(spec: OracleSpec, t: number): boolean {
  return openIn(intervalsAround(spec, t, t), t);
}

/** Open ms between two minute-grid instants, counted minute by minute; negative when `to < from`. */
export function businessTimeBetween(spec: OracleSpec, from: number, to: number): number {
  assertMinute(from, "from");
  assertMinute(to, "to");
  if (to < from) return 0 - businessTimeBetween(spec, to, from); // 0 - x: never -0
  const ivs = intervalsAround(spec, from, to);
  let minutes = 0;
  for (let m = from; m < to; m += MINUTE) if (openIn(ivs, m)) minutes++;
  return minutes * MINUTE;
}

/**
 * Earliest `t >= start` with `businessTimeBetween(start, t) >= ms`, walking minute by minute for
 * at most `horizonMs`; `undefined` when the horizon is reached first.
 */
export function addBusinessTime(spec: OracleSpec, start: number, ms: number, horizonMs = 10 * DAY): number | undefined {
  assertMinute(start, "start");
  assertMinute(ms, "ms");
  if (ms === 0) return start;
  const ivs = intervalsAround(spec, start, start + horizonMs);
  let need = ms / MINUTE;
  for (let m = start; m < start + horizonMs; m += MINUTE) {
    if (openIn(ivs, m)) {
      need--;
      if (need === 0) return m + MINUTE;
    }
  }
  return undefined;
}

/** Earliest open instant `>= t` within `horizonDays` days (undefined when none). */
export function nextOpening(spec: OracleSpec, t: number, horizonDays = 40): number | undefined {
  const ivs = intervalsAround(spec, t, t + horizonDays * DAY);
  let best: number | undefined;
  for (const iv of ivs) {
    if (iv.end <= t) continue;
    const c = Math.max(iv.start, t);
    if (best === undefined || c < best) best = c;
  }
  return best;
}

/**
 * Close of the n-th business day after the local date of `start` (n = 0: of the start date when
 * it is a business day, else of the next one). Looks `horizonDays` days ahead; undefined when
 * none is found.
 */
export function addBusinessDays(spec: OracleSpec, start: number, n: number, horizonDays = 400): number | undefined {
  const d0 = localDateOf(spec.timeZone, start);
  let d = n === 0 ? d0 : addDays(d0, 1);
  let left = n === 0 ? 0 : n - 1;
  for (let i = 0; i < horizonDays; i++, d = addDays(d, 1)) {
    const close = closeOf(spec, d);
    if (close === undefined) continue;
    if (left === 0) return close;
    left--;
  }
  return undefined;
}
