/**
 * Calendar data lifecycle (issue 11, docs/rules.md T6): extra China holiday years, beyondData,
 * coverage/firstAssumedDate and the CALENDAR_OUT_OF_RANGE error contents.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addBusinessTime,
  businessTimeBetween,
  chinaHolidayYears,
  chinaWorkCalendar,
  coverage,
  defineCalendar,
  firstAssumedDate,
  isBusinessDay,
  isOpenAt,
  nextOpening,
  parseChinaHolidayYear,
  type CalendarSpec,
  type ChinaHolidayYear,
} from "../../src/calendar/index.js";
import { SlaKitError } from "../../src/errors.js";
import { caught, DAY, H, weekdays } from "./_fixture.js";
import { chinaHolidayYearSchema } from "../../src/calendar/schema.js";
import * as O from "./oracle.js";



/** A made-up 2027 for the tests (not an official notice). */
const y2027: ChinaHolidayYear = {
  year: 2027,
  source: { title: "国务院办公厅关于2027年部分节假日安排的通知", published: "2026-11-20" },
  holidays: [
    { date: "2027-01-01", name: "New Year's Day 元旦" },
    { date: "2027-02-08", name: "Spring Festival 春节" },
  ],
  workdays: [{ date: "2027-02-20", name: "Spring Festival make-up day" }],
};

describe("T6 chinaWorkCalendar({ years })", () => {
  it("extends validTo to the last year and applies its holidays and make-up days", () => {
    const cn = chinaWorkCalendar({ years: [y2027] });
    expect(coverage(cn)).toEqual({ from: "2024-01-01", to: "2027-12-31", beyondData: "error" });
    expect(isBusinessDay(cn, "2027-01-01")).toBe(false); // holiday (a Friday)
    expect(isBusinessDay(cn, "2027-02-20")).toBe(true); // make-up Saturday
    expect(isBusinessDay(cn, "2027-02-21")).toBe(false); // plain Sunday
    // the ticket of issue 11: created 2026-12-18, 15 business days -> lands in 2027, past New Year's Day
    expect(addBusinessDays(cn, new Date("2026-12-18T10:00:00+08:00"), 15).toISOString()).toBe("2027-01-11T10:00:00.000Z");
    expect(() => addBusinessDays(chinaWorkCalendar(), new Date("2026-12-18T10:00:00+08:00"), 15)).toThrow(SlaKitError);
  });

  it("returns the same object for equal options, a different one for other years", () => {
    expect(chinaWorkCalendar({ years: [y2027] })).toBe(chinaWorkCalendar({ years: [{ ...y2027 }] }));
    expect(chinaWorkCalendar({ years: [y2027] })).not.toBe(chinaWorkCalendar());
  });

  it("accepts a shipped year given again with the same dates (e.g. a reviewed import)", () => {
    const again = JSON.parse(JSON.stringify(chinaHolidayYears[2])) as ChinaHolidayYear;
    expect(coverage(chinaWorkCalendar({ years: [again, y2027] })).to).toBe("2027-12-31");
  });

  it("a year given twice is INVALID_CALENDAR naming both", () => {
    const e = caught(() => chinaWorkCalendar({ years: [y2027, { ...y2027, source: { ...y2027.source, published: "2026-12-01" } }] }));
    expect(e.code).toBe("INVALID_CALENDAR");
    expect(e.path).toEqual(["years", 1, "year"]);
    expect(e.message).toContain("years[0]");
    expect(e.message).toContain("years[1]");
  });

  it("a shipped year with other dates is INVALID_CALENDAR naming the shipped data and the entry", () => {
    const moved = { ...chinaHolidayYears[2]!, holidays: chinaHolidayYears[2]!.holidays.slice(1) };
    const e = caught(() => chinaWorkCalendar({ years: [moved] }));
    expect(e.code).toBe("INVALID_CALENDAR");
    expect(e.path).toEqual(["years", 0]);
    expect(e.message).toMatch(/years\[0\].*chinaHolidayYears/);
  });

  it("a gap between years is INVALID_CALENDAR (2027 missing)", () => {
    const e = caught(() => chinaWorkCalendar({ years: [{ ...y2027, year: 2028, holidays: [], workdays: [] }] }));
    expect(e.code).toBe("INVALID_CALENDAR");
    expect(e.message).toContain("2027 is missing");
  });

  it.each<[string, unknown, readonly (string | number)[]]>([
    ["not an object", 2027, ["years", 0]],
    ["a bad year", { ...y2027, year: 2027.5 }, ["years", 0, "year"]],
    ["no source", { ...y2027, source: undefined }, ["years", 0, "source"]],
    ["a bad published date", { ...y2027, source: { ...y2027.source, published: "2026-02-30" } }, ["years", 0, "source", "published"]],
    ["an unknown key", { ...y2027, holiday: [] }, ["years", 0, "holiday"]],
    ["a bad date", { ...y2027, holidays: [{ date: "2027-13-01", name: "x" }] }, ["years", 0, "holidays", 0, "date"]],
    ["a date of another year", { ...y2027, holidays: [{ date: "2028-01-01", name: "x" }] }, ["years", 0, "holidays", 0, "date"]],
    ["a date twice", { ...y2027, workdays: [{ date: "2027-01-01", name: "x" }] }, ["years", 0, "workdays", 0, "date"]],
    ["a make-up day on a weekday", { ...y2027, workdays: [{ date: "2027-01-04", name: "x" }] }, ["years", 0, "workdays", 0, "date"]],
    ["a nameless holiday", { ...y2027, holidays: [{ date: "2027-01-01" }] }, ["years", 0, "holidays", 0, "name"]],
  ])("rejects %s with INVALID_CALENDAR and the path into years", (_what, bad, path) => {
    const e = caught(() => chinaWorkCalendar({ years: [bad as ChinaHolidayYear] }));
    expect(e.code).toBe("INVALID_CALENDAR");
    expect(e.path).toEqual(path);
    // the same checks without chinaWorkCalendar, paths relative to the year
    expect(caught(() => parseChinaHolidayYear(bad)).path).toEqual(path.slice(2));
  });

  it("bad options are INVALID_ARGUMENT, never a TypeError", () => {
    expect(caught(() => chinaWorkCalendar(null as never)).code).toBe("INVALID_ARGUMENT");
    expect(caught(() => chinaWorkCalendar({ yeras: [] } as never)).path).toEqual(["yeras"]);
    expect(caught(() => chinaWorkCalendar({ years: "2027" } as never)).path).toEqual(["years"]);
  });

  it("chinaHolidayYearSchema accepts every shipped year and parseChinaHolidayYear returns it unchanged", () => {
    for (const y of chinaHolidayYears) {
      expect(chinaHolidayYearSchema.safeParse(JSON.parse(JSON.stringify(y))).success).toBe(true);
      expect(parseChinaHolidayYear(JSON.parse(JSON.stringify(y)))).toEqual(y);
    }
    expect(chinaHolidayYearSchema.safeParse({ ...y2027, year: "2027" }).success).toBe(false);
  });
});

describe("T6 beyondData", () => {
  const assumed = chinaWorkCalendar({ beyondData: "weekdays" });

  it('"error" (default) throws CALENDAR_OUT_OF_RANGE naming the calendar, its range, the date needed and both ways out', () => {
    const cn = chinaWorkCalendar();
    const e = caught(() => addBusinessDays(cn, new Date("2026-12-30T10:00:00+08:00"), 5));
    expect(e.code).toBe("CALENDAR_OUT_OF_RANGE");
    expect(e.path).toEqual(["start"]);
    expect(e.details).toMatchObject({ calendar: "china-work", validFrom: "2024-01-01", validTo: "2026-12-31", needed: "2027-01-01", year: 2027 });
    expect(e.message).toContain("china-work");
    expect(e.message).toContain("years");
    expect(e.message).toContain('beyondData: "weekdays"');
    const arg = caught(() => businessTimeBetween(cn, new Date("2026-12-30T10:00:00+08:00"), new Date("2027-03-01T10:00:00+08:00")));
    expect(arg.path).toEqual(["to"]);
    expect(arg.details).toMatchObject({ needed: "2027-03-01" });
    expect(caught(() => addBusinessTime(cn, new Date("2026-12-31T17:00:00+08:00"), 2 * H)).path).toEqual(["start"]);
    expect(caught(() => isBusinessDay(cn, "2023-12-31")).details).toMatchObject({ needed: "2023-12-31" });
  });

  it('"weekdays" answers after validTo with the weekly hours and no holidays', () => {
    expect(isBusinessDay(assumed, "2027-01-01")).toBe(true); // Friday: really a holiday, assumed open
    expect(isBusinessDay(assumed, "2027-01-02")).toBe(false);
    expect(isBusinessDay(assumed, "2026-10-01")).toBe(false); // data still applies inside the range
    expect(addBusinessDays(assumed, new Date("2026-12-30T10:00:00+08:00"), 5).toISOString()).toBe("2027-01-06T10:00:00.000Z");
    expect(isOpenAt(assumed, new Date("2099-06-01T10:00:00+08:00"))).toBe(true); // a Monday
    expect(() => isBusinessDay(assumed, "2023-12-31")).toThrow(SlaKitError); // before the data: still an error
    expect(coverage(assumed)).toEqual({ from: "2024-01-01", to: "2026-12-31", beyondData: "weekdays" });
  });

  it("firstAssumedDate tells which results rest on an assumption", () => {
    const start = new Date("2026-12-28T10:00:00+08:00");
    expect(firstAssumedDate(assumed, start, addBusinessDays(assumed, start, 3))).toBe(null); // 2026-12-31
    expect(firstAssumedDate(assumed, start, addBusinessDays(assumed, start, 4))).toBe("2027-01-01");
    expect(firstAssumedDate(assumed, new Date("2027-03-01T00:00:00+08:00"), start)).toBe("2027-01-01");
    expect(firstAssumedDate(assumed, new Date("2027-03-01T00:00:00+08:00"), new Date("2027-03-02T00:00:00+08:00"))).toBe("2027-03-01");
    // a 24:00 close of the last date is still data
    const day = defineCalendar({ timeZone: "Asia/Shanghai", week: { thu: ["00:00-24:00"] }, validTo: "2026-12-31", beyondData: "weekdays" });
    const close = addBusinessDays(day, new Date("2026-12-31T10:00:00+08:00"), 0);
    expect(close.toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(firstAssumedDate(day, new Date("2026-12-31T10:00:00+08:00"), close)).toBe(null);
    expect(firstAssumedDate(chinaWorkCalendar(), start, start)).toBe(null);
  });

  it("agrees with the oracle across validTo, and the laws hold across it (additivity, inverse)", () => {
    const zones = ["UTC", "Asia/Shanghai", "America/New_York", "Australia/Lord_Howe"] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: -6 * 24 * 4, max: 6 * 24 * 4 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 40 * 60 }),
        (zone, shape, qs, minutes) => {
          const weeks: CalendarSpec["week"][] = [
            weekdays("09:00-18:00"),
            { sat: ["22:00-06:00"], sun: ["00:00-24:00"] },
            { mon: ["00:00-24:00"], wed: ["01:30-02:30", "13:00-14:00"] },
            { fri: ["20:00-24:00"] },
          ];
          const spec: CalendarSpec = {
            timeZone: zone,
            week: weeks[shape]!,
            holidays: ["2024-11-01", "2024-11-04"],
            workdays: [{ date: "2024-11-02", hours: ["10:00-12:00"] }],
            validTo: "2024-11-04",
            beyondData: "weekdays",
          };
          const c = defineCalendar(spec);
          const anchor = O.resolveWall(zone, O.wallMs("2024-11-04", 12 * 60));
          const [a, b, x] = qs.map((q) => anchor + q * 15 * 60_000) as [number, number, number];
          expect(isOpenAt(c, a)).toBe(O.isOpenAt(spec, a));
          expect(businessTimeBetween(c, a, b)).toBe(O.businessTimeBetween(spec, a, b));
          expect(businessTimeBetween(c, a, x)).toBe(businessTimeBetween(c, a, b) + businessTimeBetween(c, b, x));
          const d = minutes * 60_000;
          const t = addBusinessTime(c, a, d).getTime();
          expect(businessTimeBetween(c, a, t)).toBe(d);
          const want = O.addBusinessTime(spec, a, d, 20 * DAY);
          if (want !== undefined) expect(t).toBe(want);
          const next = O.nextOpening(spec, a, 10);
          if (next !== undefined) expect(nextOpening(c, a).getTime()).toBe(next);
        },
      ),
      { numRuns: 300 },
    );
  });
});
