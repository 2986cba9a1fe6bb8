/** Day keys of a calendar's weekly pattern. */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/**
 * Opening hours of one day, e.g. `["09:00-12:00", "13:30-18:00"]`. `"00:00-24:00"` is the whole
 * day; an interval whose end is before its start (`"22:00-06:00"`) runs past midnight and belongs
 * to the date it starts on.
 */
export type Hours = readonly string[];

/** A holiday: a local date `"YYYY-MM-DD"`, optionally named. */
export type HolidaySpec = string | { readonly date: string; readonly name?: string };

/** A make-up working day (调休): a local date, with its own hours or (by default) Monday's. */
export type WorkdaySpec = string | { readonly date: string; readonly hours?: Hours; readonly name?: string };

/** A business calendar as plain JSON data. See {@link defineCalendar}. */
export interface CalendarSpec {
  readonly id?: string;
  /** IANA time zone, e.g. `"Asia/Shanghai"`; all dates and hours are local to it. */
  readonly timeZone: string;
  /** Weekly opening hours; a missing day is closed. */
  readonly week: Partial<Record<Weekday, Hours>>;
  readonly holidays?: readonly HolidaySpec[];
  readonly workdays?: readonly WorkdaySpec[];
  /** First covered local date; instants before it throw `CALENDAR_OUT_OF_RANGE`. */
  readonly validFrom?: string;
  /**
   * Last local date of the calendar's data. After it, `beyondData` decides: `"error"` (the
   * default) throws `CALENDAR_OUT_OF_RANGE`; `"weekdays"` follows the weekly hours, with no
   * holidays and no make-up days (results that use such dates are assumptions: see `coverage`).
   */
  readonly validTo?: string;
  /** What dates after `validTo` mean (default `"error"`). See {@link BeyondData}. */
  readonly beyondData?: BeyondData;
  /**
   * How many years one query may reach beyond its anchor (default 100, at most 1000): a result
   * further away (a huge duration, a calendar with little open time, `businessTimeBetween` over
   * centuries) is `CALENDAR_OUT_OF_RANGE` at once instead of minutes of work. Instants are
   * answered for years 1000-9999 (`alwaysOpen` calendars: every instant a `Date` can hold).
   */
  readonly maxReachYears?: number;
}

/**
 * What a calendar answers for local dates after its `validTo`: `"error"` throws
 * `CALENDAR_OUT_OF_RANGE` (never guesses); `"weekdays"` assumes the weekly hours with no holidays
 * and no make-up days, so a deadline past the data is provisional until the data is extended.
 */
export type BeyondData = "error" | "weekdays";

/**
 * A compiled, validated calendar. Plain data on the outside (`JSON.stringify` gives its spec);
 * the precomputed interval index lives in a private cache keyed by the object.
 */
export interface Calendar {
  readonly kind: "calendar";
  readonly id: string;
  readonly timeZone: string;
  readonly spec: CalendarSpec;
}
