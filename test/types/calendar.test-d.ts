/**
 * Type tests: the public signatures of `sla-kit/calendar` (docs/rules.md "Readings: calendar";
 * the contract of the first release with its amendments). Run by `npm test` (vitest typecheck).
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  addBusinessDays,
  addBusinessTime,
  alwaysOpen,
  businessTimeBetween,
  chinaWorkCalendar,
  coverage,
  defineCalendar,
  isBusinessDay,
  isOpenAt,
  nextOpening,
  parseChinaHolidayNotice,
  type Calendar,
  type CalendarSpec,
  type ChinaHolidayYear,
  type Hours,
} from "../../src/calendar/index.js";

describe("calendar signatures", () => {
  it("CalendarSpec: timeZone, week by weekday, holidays and make-up workdays, covered dates", () => {
    expectTypeOf<Hours>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<CalendarSpec["timeZone"]>().toEqualTypeOf<string>();
    expectTypeOf<Required<CalendarSpec["week"]>>().toHaveProperty("mon");
    expectTypeOf<keyof Required<CalendarSpec["week"]>>().toEqualTypeOf<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun">();
    expectTypeOf({ timeZone: "UTC", week: { mon: ["09:00-12:00", "13:30-18:00"] } }).toExtend<CalendarSpec>();
    expectTypeOf({ timeZone: "UTC", week: {}, holidays: ["2026-01-01", { date: "2026-01-02", name: "x" }], workdays: [{ date: "2026-01-04", hours: ["09:00-18:00"] }], validFrom: "2026-01-01", validTo: "2026-12-31" }).toExtend<CalendarSpec>();
    expectTypeOf({ timeZone: "UTC" }).not.toExtend<CalendarSpec>();
  });

  it("constructors return a Calendar", () => {
    expectTypeOf(defineCalendar).parameters.toEqualTypeOf<[spec: CalendarSpec]>();
    expectTypeOf(defineCalendar).returns.toEqualTypeOf<Calendar>();
    expectTypeOf(alwaysOpen).toBeCallableWith();
    expectTypeOf(alwaysOpen).toBeCallableWith("Asia/Shanghai");
    expectTypeOf(alwaysOpen).returns.toEqualTypeOf<Calendar>();
    expectTypeOf(chinaWorkCalendar).toBeCallableWith();
    expectTypeOf(chinaWorkCalendar).toBeCallableWith({ hours: ["09:00-12:00", "13:30-18:00"], timeZone: "Asia/Shanghai" });
    expectTypeOf(chinaWorkCalendar).toBeCallableWith({ beyondData: "weekdays" });
    expectTypeOf(chinaWorkCalendar).returns.toEqualTypeOf<Calendar>();
  });

  it("time inputs accept Date, epoch ms and ISO strings with an offset; outputs are Date; durations are ms numbers", () => {
    for (const f of [isOpenAt, nextOpening] as const) {
      expectTypeOf(f).parameter(0).toEqualTypeOf<Calendar>();
      expectTypeOf<Date>().toExtend<Parameters<typeof f>[1]>();
      expectTypeOf<number>().toExtend<Parameters<typeof f>[1]>();
      expectTypeOf<string>().toExtend<Parameters<typeof f>[1]>(); // ISO-8601 with an offset
    }
    expectTypeOf(isOpenAt).returns.toEqualTypeOf<boolean>();
    expectTypeOf(nextOpening).returns.toEqualTypeOf<Date>();
    expectTypeOf<string | Date | number>().toExtend<Parameters<typeof isBusinessDay>[1]>();
    expectTypeOf(isBusinessDay).returns.toEqualTypeOf<boolean>();

    expectTypeOf(addBusinessTime).toBeCallableWith(alwaysOpen(), new Date(), 3_600_000);
    expectTypeOf(addBusinessTime).toBeCallableWith(alwaysOpen(), 0, 0);
    expectTypeOf(addBusinessTime).toBeCallableWith(alwaysOpen(), "2026-01-05T09:00:00+08:00", 0);
    expectTypeOf(addBusinessTime).parameter(2).toEqualTypeOf<number>();
    expectTypeOf(addBusinessTime).returns.toEqualTypeOf<Date>();
    expectTypeOf(addBusinessDays).toBeCallableWith(alwaysOpen(), new Date(), 1);
    expectTypeOf(addBusinessDays).parameter(2).toEqualTypeOf<number>();
    expectTypeOf(addBusinessDays).returns.toEqualTypeOf<Date>();
    expectTypeOf(businessTimeBetween).toBeCallableWith(alwaysOpen(), new Date(), 0);
    expectTypeOf(businessTimeBetween).returns.toEqualTypeOf<number>();
  });

  it("no boolean flags and no string where a Calendar is expected", () => {
    expectTypeOf(isOpenAt).parameter(0).not.toEqualTypeOf<string>();
    // @ts-expect-error a calendar spec is not a Calendar: define it first
    isOpenAt({ timeZone: "UTC", week: {} }, 0);
  });

  it("amendments: coverage(cal) gives { from, to }; parseChinaHolidayNotice(text) gives a holiday year", () => {
    expectTypeOf(coverage).parameters.toEqualTypeOf<[cal: Calendar]>();
    expectTypeOf(coverage(alwaysOpen())).toHaveProperty("from").toEqualTypeOf<string | null>();
    expectTypeOf(coverage(alwaysOpen())).toHaveProperty("to").toEqualTypeOf<string | null>();
    expectTypeOf(parseChinaHolidayNotice).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(parseChinaHolidayNotice).returns.toEqualTypeOf<ChinaHolidayYear>();
  });
});
