import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addBusinessTime,
  alwaysOpen,
  businessTimeBetween,
  chinaWorkCalendar,
  defineCalendar,
  isBusinessDay,
  isOpenAt,
  nextOpening,
  type CalendarSpec,
} from "../../src/calendar/index.js";
import { isSlaKitError } from "../../src/errors.js";
import { caught, H, M } from "./_fixture.js";

const at = (s: string) => new Date(s);
const iso = (d: Date) => d.toISOString();

const LUNCH = ["09:00-12:00", "13:30-18:00"];
const office = defineCalendar({
  id: "sh-office",
  timeZone: "Asia/Shanghai",
  week: { mon: LUNCH, tue: LUNCH, wed: LUNCH, thu: LUNCH, fri: LUNCH },
  holidays: ["2025-10-01", { date: "2025-10-02", name: "National Day" }],
  workdays: ["2025-09-28", { date: "2025-10-11", hours: ["10:00-16:00"] }],
});

const throwsCode = (fn: () => unknown, code: string): void => expect(caught(fn).code).toBe(code);

describe("T3 weekly hours with a lunch break (Asia/Shanghai)", () => {
  it("a duration that ends exactly at close lands on the close, not the next opening", () => {
    expect(iso(addBusinessTime(office, at("2025-09-29T17:00:00+08:00"), H))).toBe("2025-09-29T10:00:00.000Z");
    expect(iso(addBusinessTime(office, at("2025-09-29T11:00:00+08:00"), H))).toBe("2025-09-29T04:00:00.000Z"); // 12:00 lunch start
  });
  it("zero duration returns the start itself, even when closed", () => {
    const sat = at("2025-10-04T03:00:00+08:00");
    expect(addBusinessTime(office, sat, 0).getTime()).toBe(sat.getTime());
    expect(businessTimeBetween(office, sat, sat)).toBe(0);
  });
  it("a start inside the lunch break counts from 13:30", () => {
    expect(iso(addBusinessTime(office, at("2025-09-29T12:40:00+08:00"), 30 * M))).toBe("2025-09-29T06:00:00.000Z"); // 14:00
  });
  it("a start before opening counts from 09:00; after close from the next opening", () => {
    expect(iso(addBusinessTime(office, at("2025-09-29T07:00:00+08:00"), 30 * M))).toBe("2025-09-29T01:30:00.000Z");
    expect(iso(addBusinessTime(office, at("2025-09-29T20:00:00+08:00"), 30 * M))).toBe("2025-09-30T01:30:00.000Z");
  });
  it("a start on a weekend or holiday counts from the next working morning", () => {
    // Sat 2025-09-27 -> Sun 2025-09-28 is a make-up working day (Monday's hours)
    expect(iso(addBusinessTime(office, at("2025-09-27T10:00:00+08:00"), H))).toBe("2025-09-28T02:00:00.000Z");
    // Wed 2025-10-01 holiday, Thu 10-02 holiday -> Fri 10-03 09:00 + 1 h
    expect(iso(addBusinessTime(office, at("2025-10-01T10:00:00+08:00"), H))).toBe("2025-10-03T02:00:00.000Z");
  });
  it("a make-up day with its own hours uses them", () => {
    expect(isOpenAt(office, at("2025-10-11T09:30:00+08:00"))).toBe(false);
    expect(isOpenAt(office, at("2025-10-11T10:00:00+08:00"))).toBe(true);
    expect(iso(addBusinessTime(office, at("2025-10-11T09:00:00+08:00"), 6 * H))).toBe("2025-10-11T08:00:00.000Z"); // 16:00
  });
  it("intervals are half-open: open at the opening minute, closed at the closing one", () => {
    expect(isOpenAt(office, at("2025-09-29T09:00:00+08:00"))).toBe(true);
    expect(isOpenAt(office, at("2025-09-29T12:00:00+08:00"))).toBe(false);
    expect(isOpenAt(office, at("2025-09-29T17:59:59.999+08:00"))).toBe(true);
    expect(isOpenAt(office, at("2025-09-29T18:00:00+08:00"))).toBe(false);
  });
  it("a holiday in the middle of a multi-week duration is skipped", () => {
    // 2025-09-22 (Mon) 09:00 + 20 working days x 7.5 h. Working days from 09-22: 22-26 (5), 28 (make-up Sun),
    // 29, 30 (8), then 10-01/02 holidays, 10-03 (9), 10-06..10 (14), 10-11 make-up Sat with 6 h hours, ...
    const start = at("2025-09-22T09:00:00+08:00");
    const d = 20 * 7.5 * H;
    const end = addBusinessTime(office, start, d);
    expect(businessTimeBetween(office, start, end)).toBe(d);
    // by hand: 14 full days (09-22..10-10 without holidays) = 105 h, 10-11 gives 6 h -> 111 h,
    // remaining 39 h = 5 full days 10-13..10-17 (37.5 h) + 1.5 h on 10-20 -> 10:30
    expect(iso(end)).toBe("2025-10-20T02:30:00.000Z");
  });
  it("businessTimeBetween is negative when to < from", () => {
    const a = at("2025-09-29T09:00:00+08:00");
    const b = at("2025-09-29T18:00:00+08:00");
    expect(businessTimeBetween(office, a, b)).toBe(7.5 * H);
    expect(businessTimeBetween(office, b, a)).toBe(-7.5 * H);
  });
  it("nextOpening returns the instant itself when open", () => {
    const t = at("2025-09-29T10:00:00+08:00");
    expect(nextOpening(office, t).getTime()).toBe(t.getTime());
    expect(iso(nextOpening(office, at("2025-09-29T12:15:00+08:00")))).toBe("2025-09-29T05:30:00.000Z");
  });
});

describe("T2 addBusinessDays: start day not counted, close of the n-th business day (Civil Code 201-203)", () => {
  const cn = chinaWorkCalendar();
  const fri = at("2024-09-27T18:00:00+08:00");
  it("2024-09-27 (Fri) 18:00 + 1, 2, 3 business days: Sunday make-up day, Monday, after National Day", () => {
    expect(iso(addBusinessDays(cn, fri, 1))).toBe("2024-09-29T10:00:00.000Z");
    expect(iso(addBusinessDays(cn, fri, 2))).toBe("2024-09-30T10:00:00.000Z");
    expect(iso(addBusinessDays(cn, fri, 3))).toBe("2024-10-08T10:00:00.000Z");
  });
  it("n = 0 is literal: the close of the start date when it is a business day, even after close", () => {
    expect(iso(addBusinessDays(cn, at("2024-09-27T23:00:00+08:00"), 0))).toBe("2024-09-27T10:00:00.000Z");
    expect(iso(addBusinessDays(cn, at("2024-10-03T10:00:00+08:00"), 0))).toBe("2024-10-08T10:00:00.000Z");
  });
  it("the start's local date is taken in the calendar's zone, whatever the host TZ", () => {
    // 2024-09-29T17:00Z is 2024-09-30 01:00 in Shanghai: start day Monday 09-30 -> +1 = 10-08
    expect(iso(addBusinessDays(cn, at("2024-09-29T17:00:00Z"), 1))).toBe("2024-10-08T10:00:00.000Z");
  });
  it("Spring Festival 2025 and its make-up days", () => {
    // Fri 2025-01-24: +1 = Sun 01-26 (make-up), +2 = Mon 01-27, +3 = Wed 02-05 (01-28..02-04 off)
    const s = at("2025-01-24T10:00:00+08:00");
    expect([1, 2, 3].map((n) => iso(addBusinessDays(cn, s, n)))).toEqual([
      "2025-01-26T10:00:00.000Z",
      "2025-01-27T10:00:00.000Z",
      "2025-02-05T10:00:00.000Z",
    ]);
  });
  it("New Year 2026: 01-01..01-03 off, Sunday 01-04 worked", () => {
    const s = at("2025-12-31T15:00:00+08:00");
    expect(iso(addBusinessDays(cn, s, 1))).toBe("2026-01-04T10:00:00.000Z");
  });
  it("close of business of a whole-day calendar is local 24:00", () => {
    expect(iso(addBusinessDays(alwaysOpen("Asia/Shanghai"), at("2024-05-06T10:00:00+08:00"), 1))).toBe("2024-05-07T16:00:00.000Z");
  });
  it("close of business of an interval past midnight is its end on the next date", () => {
    const night = defineCalendar({ timeZone: "UTC", week: { mon: ["22:00-06:00"], tue: ["22:00-06:00"] } });
    // Sun 2024-05-05 + 1 -> Monday's interval 22:00 Mon to 06:00 Tue
    expect(iso(addBusinessDays(night, at("2024-05-05T12:00:00Z"), 1))).toBe("2024-05-07T06:00:00.000Z");
    expect(isBusinessDay(night, "2024-05-06")).toBe(true);
    expect(isBusinessDay(night, "2024-05-08")).toBe(false);
    // open Wednesday 03:00 because of Tuesday's interval
    expect(isOpenAt(night, at("2024-05-08T03:00:00Z"))).toBe(true);
  });
  it("an interval past midnight belongs to its start date: a holiday that date removes it, a holiday next day does not cut it", () => {
    const night = defineCalendar({ timeZone: "UTC", week: { mon: ["22:00-06:00"], tue: ["22:00-06:00"] }, holidays: ["2024-05-06"] });
    expect(isOpenAt(night, at("2024-05-06T23:00:00Z"))).toBe(false);
    const night2 = defineCalendar({ timeZone: "UTC", week: { mon: ["22:00-06:00"] }, holidays: ["2024-05-07"] });
    expect(isOpenAt(night2, at("2024-05-07T05:00:00Z"))).toBe(true);
  });
});

describe("T6 chinaWorkCalendar: 2024-2026 as data, out of range is an error", () => {
  const cn = chinaWorkCalendar();
  it("knows make-up days and holidays of each shipped year", () => {
    expect(isBusinessDay(cn, "2024-02-04")).toBe(true); // Sunday make-up
    expect(isBusinessDay(cn, "2024-02-12")).toBe(false); // Spring Festival Monday
    expect(isBusinessDay(cn, "2025-04-27")).toBe(true);
    expect(isBusinessDay(cn, "2025-10-08")).toBe(false);
    expect(isBusinessDay(cn, "2026-02-28")).toBe(true);
    expect(isBusinessDay(cn, "2026-10-07")).toBe(false);
  });
  it("queries outside 2024-2026 throw CALENDAR_OUT_OF_RANGE", () => {
    throwsCode(() => isBusinessDay(cn, "2023-12-29"), "CALENDAR_OUT_OF_RANGE");
    throwsCode(() => addBusinessTime(cn, at("2027-01-04T10:00:00+08:00"), H), "CALENDAR_OUT_OF_RANGE");
    throwsCode(() => addBusinessDays(cn, at("2026-12-30T10:00:00+08:00"), 5), "CALENDAR_OUT_OF_RANGE");
    // 2023-12-31 16:30Z is already 2024-01-01 in Shanghai: covered
    expect(isOpenAt(cn, at("2023-12-31T16:30:00Z"))).toBe(false);
  });
  it("a result exactly at the last close is fine, and can be passed back in", () => {
    const s = at("2026-12-30T10:00:00+08:00");
    const last = addBusinessDays(cn, s, 1);
    expect(iso(last)).toBe("2026-12-31T10:00:00.000Z");
    expect(businessTimeBetween(cn, s, last)).toBe(17 * H);
    expect(isOpenAt(cn, last)).toBe(false);
    const night = defineCalendar({ timeZone: "UTC", week: { fri: ["22:00-06:00"] }, validFrom: "2024-01-05", validTo: "2024-01-05" });
    const end = addBusinessTime(night, Date.UTC(2024, 0, 5, 12), 8 * H);
    expect(iso(end)).toBe("2024-01-06T06:00:00.000Z");
    expect(businessTimeBetween(night, Date.UTC(2024, 0, 5, 12), end)).toBe(8 * H);
    expect(addBusinessTime(night, end, 0).getTime()).toBe(end.getTime());
    throwsCode(() => isOpenAt(night, end.getTime() + 1), "CALENDAR_OUT_OF_RANGE");
  });
  it("returns the same calendar object for the same options", () => {
    expect(chinaWorkCalendar()).toBe(chinaWorkCalendar({ hours: ["09:00-18:00"] }));
  });
});

describe("T5 DST: wall times resolve like Temporal 'compatible', results never depend on the host TZ", () => {
  it("America/New_York 2024-03-10: 02:00-03:00 does not exist", () => {
    const ny = defineCalendar({ timeZone: "America/New_York", week: { sun: ["01:00-04:00"] } });
    // 01:00 EST (06:00Z) to 04:00 EDT (08:00Z): 2 hours of open time
    expect(businessTimeBetween(ny, at("2024-03-10T00:00:00-05:00"), at("2024-03-11T00:00:00-04:00"))).toBe(2 * H);
    expect(iso(addBusinessTime(ny, at("2024-03-10T00:00:00-05:00"), 90 * M))).toBe("2024-03-10T07:30:00.000Z");
    // an interval starting inside the gap starts at the shifted instant (02:30 -> 03:30 EDT)
    const gap = defineCalendar({ timeZone: "America/New_York", week: { sun: ["02:30-05:00"] } });
    expect(iso(nextOpening(gap, at("2024-03-10T00:00:00-05:00")))).toBe("2024-03-10T07:30:00.000Z");
  });
  it("America/New_York 2024-11-03: 01:00-03:00 spans 3 hours; a whole day has 25", () => {
    const ny = defineCalendar({ timeZone: "America/New_York", week: { sun: ["01:00-03:00"] } });
    expect(businessTimeBetween(ny, at("2024-11-03T00:00:00-04:00"), at("2024-11-04T00:00:00-05:00"))).toBe(3 * H);
    expect(iso(addBusinessDays(ny, at("2024-11-02T12:00:00-04:00"), 1))).toBe("2024-11-03T08:00:00.000Z");
    const allDay = defineCalendar({ timeZone: "America/New_York", week: { sun: ["00:00-24:00"] } });
    expect(businessTimeBetween(allDay, at("2024-11-02T12:00:00-04:00"), at("2024-11-05T00:00:00-05:00"))).toBe(25 * H);
    // 01:30 occurs twice: compatible takes the earlier (EDT) instant
    const half = defineCalendar({ timeZone: "America/New_York", week: { sun: ["01:30-02:00"] } });
    expect(iso(nextOpening(half, at("2024-11-03T00:00:00-04:00")))).toBe("2024-11-03T05:30:00.000Z");
    expect(businessTimeBetween(half, at("2024-11-03T00:00:00-04:00"), at("2024-11-04T00:00:00-05:00"))).toBe(90 * M);
  });
  it("Europe/Paris 2021-10-31: 02:00-03:00 repeats", () => {
    const paris = defineCalendar({ timeZone: "Europe/Paris", week: { sun: ["02:30-03:30"] } });
    // 02:30 -> earlier (CEST, 00:30Z); 03:30 CET = 02:30Z -> 2 hours
    expect(iso(nextOpening(paris, at("2021-10-30T12:00:00Z")))).toBe("2021-10-31T00:30:00.000Z");
    expect(businessTimeBetween(paris, at("2021-10-30T12:00:00Z"), at("2021-11-01T00:00:00Z"))).toBe(2 * H);
  });
  it("America/Sao_Paulo 2018-11-04: midnight does not exist, the day opens at 01:00", () => {
    const sp = defineCalendar({ timeZone: "America/Sao_Paulo", week: { sun: ["00:00-24:00"] } });
    expect(iso(nextOpening(sp, at("2018-11-03T12:00:00-03:00")))).toBe("2018-11-04T03:00:00.000Z");
    expect(businessTimeBetween(sp, at("2018-11-03T12:00:00-03:00"), at("2018-11-06T00:00:00-02:00"))).toBe(23 * H);
    expect(iso(addBusinessDays(sp, at("2018-11-03T12:00:00-03:00"), 1))).toBe("2018-11-05T02:00:00.000Z");
  });
  it("Pacific/Apia 2011-12-30 does not exist: its hours shift forward onto 12-31 and overlap once", () => {
    const apia = defineCalendar({ timeZone: "Pacific/Apia", week: { thu: ["09:00-17:00"], fri: ["09:00-17:00"], sat: ["09:00-17:00"] } });
    // Thu 12-29 09:00-17:00 at -10 (19:00Z-03:00Z); Fri 12-30 shifted = Sat 12-31 09:00-17:00 at +14 (19:00Z-03:00Z) once
    expect(businessTimeBetween(apia, at("2011-12-29T00:00:00-10:00"), at("2012-01-01T00:00:00+14:00"))).toBe(16 * H);
    expect(isBusinessDay(apia, "2011-12-30")).toBe(true);
    expect(iso(addBusinessDays(apia, at("2011-12-29T12:00:00-10:00"), 1))).toBe("2011-12-31T03:00:00.000Z");
  });
  it("Australia/Lord_Howe: 30-minute DST", () => {
    const lh = defineCalendar({ timeZone: "Australia/Lord_Howe", week: { sun: ["01:00-04:00"] } });
    // 2024-10-06: 02:00 -> 02:30 (+10:30 -> +11): 3 h of wall time is 2.5 h
    expect(businessTimeBetween(lh, at("2024-10-05T12:00:00Z"), at("2024-10-06T12:00:00Z"))).toBe(2.5 * H);
    // 2024-04-07: 02:00 -> 01:30 (+11 -> +10:30): 3.5 h
    expect(businessTimeBetween(lh, at("2024-04-06T12:00:00Z"), at("2024-04-07T12:00:00Z"))).toBe(3.5 * H);
  });
});

describe("bad input gets a SlaKitError with a code and a path", () => {
  const base: CalendarSpec = { timeZone: "UTC", week: { mon: ["09:00-17:00"] } };
  it.each([
    [{ ...base, timeZone: "Mars/Olympus" }, ["timeZone"]],
    [{ ...base, week: { mon: ["9-17"] } }, ["week", "mon", 0]],
    [{ ...base, week: { mon: ["09:00-09:00"] } }, ["week", "mon", 0]],
    [{ ...base, week: { mon: ["24:00-10:00"] } }, ["week", "mon", 0]],
    [{ ...base, week: { mon: ["09:00-24:30"] } }, ["week", "mon", 0]],
    [{ ...base, holidays: ["2024-02-30"] }, ["holidays", 0]],
    [{ ...base, holidays: ["2024-05-01"], workdays: ["2024-05-01"] }, ["workdays", 0]],
    [{ timeZone: "UTC", week: { sat: ["09:00-12:00"] }, workdays: ["2024-05-05"] }, ["workdays", 0]],
    [{ ...base, validFrom: "2025-01-01", validTo: "2024-01-01" }, ["validFrom"]],
    [{ ...base, week: { monday: ["09:00-17:00"] } }, ["week"]],
  ] as const)("INVALID_CALENDAR for %j", (spec, path) => {
    let caught: unknown;
    try {
      defineCalendar(spec as unknown as CalendarSpec);
    } catch (e) {
      caught = e;
    }
    expect(isSlaKitError(caught, "INVALID_CALENDAR")).toBe(true);
    expect((caught as { path: unknown }).path).toEqual(path);
  });
  it("INVALID_ARGUMENT for Invalid Date, NaN, bad day strings, bad n", () => {
    throwsCode(() => addBusinessTime(office, new Date("nope"), H), "INVALID_ARGUMENT");
    throwsCode(() => isOpenAt(office, Number.NaN), "INVALID_ARGUMENT");
    throwsCode(() => isBusinessDay(office, "2025-13-01"), "INVALID_ARGUMENT");
    throwsCode(() => addBusinessDays(office, 0, -1), "INVALID_ARGUMENT");
    throwsCode(() => addBusinessDays(office, 0, 1.5), "INVALID_ARGUMENT");
    throwsCode(() => isOpenAt({} as never, 0), "INVALID_ARGUMENT");
  });
  it("INVALID_DURATION for negative, fractional or unsafe durations", () => {
    throwsCode(() => addBusinessTime(office, 0, -1), "INVALID_DURATION");
    throwsCode(() => addBusinessTime(office, 0, 0.5), "INVALID_DURATION");
    throwsCode(() => addBusinessTime(office, 0, Number.POSITIVE_INFINITY), "INVALID_DURATION");
  });
  it("a calendar that is never open is valid but every search throws CALENDAR_NEVER_OPEN instead of looping", () => {
    const never = defineCalendar({ timeZone: "UTC", week: {} });
    expect(isOpenAt(never, 0)).toBe(false);
    expect(isBusinessDay(never, "2024-01-01")).toBe(false);
    expect(businessTimeBetween(never, 0, 1e12)).toBe(0);
    expect(addBusinessTime(never, 5, 0).getTime()).toBe(5);
    throwsCode(() => addBusinessTime(never, 0, 1), "CALENDAR_NEVER_OPEN");
    throwsCode(() => nextOpening(never, 0), "CALENDAR_NEVER_OPEN");
    throwsCode(() => addBusinessDays(never, 0, 1), "CALENDAR_NEVER_OPEN");
    const bounded = defineCalendar({ timeZone: "UTC", week: {}, validFrom: "2024-01-01", validTo: "2024-12-31" });
    throwsCode(() => nextOpening(bounded, Date.UTC(2024, 5, 1)), "CALENDAR_NEVER_OPEN");
  });
});

describe("cost does not grow with the duration", () => {
  it("a 10-year duration on a business calendar is exact and consistent", () => {
    const weekdays = defineCalendar({ timeZone: "Europe/Paris", week: { mon: LUNCH, tue: LUNCH, wed: LUNCH, thu: LUNCH, fri: LUNCH } });
    const s = at("2024-01-01T00:00:00Z");
    const d = 10 * 260 * 7.5 * H;
    const end = addBusinessTime(weekdays, s, d);
    expect(businessTimeBetween(weekdays, s, end)).toBe(d);
    expect(end.getUTCFullYear()).toBe(2033);
  });
});

describe("chinaWorkCalendar agrees with the independent package chinese-days on every date 2024-2026", () => {
  // chinese-days' functions read dates in the host zone (wrong west of UTC), so compare with its
  // data file: statutory holidays and make-up working days, as the State Council published them.
  const require = createRequire(import.meta.url);
  const data = require("chinese-days/dist/chinese-days.json") as { holidays: Record<string, string>; workdays: Record<string, string> };
  const cn = chinaWorkCalendar();
  it("isBusinessDay === (weekday and not a holiday) or a make-up working day", () => {
    const mismatches: string[] = [];
    for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const weekday = new Date(t).getUTCDay() % 6 !== 0;
      const expected = day in data.workdays || (weekday && !(day in data.holidays));
      if (isBusinessDay(cn, day) !== expected) mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
  });
});
