/**
 * parseChinaHolidayNotice (issue 11, docs/rules.md T6): notices in the official format round-trip to
 * the shipped years; the weekday annotations and 共N天 are self-checks; broken texts name the paragraph.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chinaHolidayYears, chinaWorkCalendar, isBusinessDay, parseChinaHolidayNotice, type ChinaHolidayYear } from "../../src/calendar/index.js";
import type { SlaKitError } from "../../src/errors.js";
import { caught } from "./_fixture.js";
import { noticeText } from "./noticeText.js";

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const shipped = (year: number): ChinaHolidayYear => chinaHolidayYears.find((y) => y.year === year)!;


describe("T6 parseChinaHolidayNotice: round trip to the shipped data", () => {
  it.each([2024, 2025, 2026])("the checked-in notice for %i reads back to exactly the shipped year", (year) => {
    const via = shipped(year).source.via;
    expect(parseChinaHolidayNotice(fixture(`notice-${year}.txt`), via === undefined ? {} : { via })).toEqual(shipped(year));
  });

  it.each(["周", "星期", ""] as const)("every shipped year, written with annotations %j, reads back exactly", (style) => {
    for (const y of chinaHolidayYears) {
      const via = y.source.via;
      expect(parseChinaHolidayNotice(noticeText(y, style), via === undefined ? {} : { via })).toEqual(y);
    }
  });

  it("the result plugs into chinaWorkCalendar({ years }) unchanged", () => {
    const y = parseChinaHolidayNotice(fixture("notice-2026.txt"), { via: shipped(2026).source.via! });
    expect(chinaWorkCalendar({ years: [y] })).toBe(chinaWorkCalendar({ years: [shipped(2026)] }));
  });

  it("reads the older format without weekday annotations on the days off (the 2017 notice: 补休, 与周末连休, a range across months)", () => {
    const y = parseChinaHolidayNotice(fixture("notice-2017.txt"));
    expect(y.year).toBe(2017);
    expect(y.source).toEqual({ title: "国务院办公厅关于2017年部分节假日安排的通知", published: "2016-11-30" });
    const dates = (l: readonly { date: string }[]): string[] => l.map((d) => d.date);
    expect(dates(y.holidays).filter((d) => d < "2017-02-10")).toEqual([
      "2017-01-01", "2017-01-02", // 元旦 and its 补休 Monday
      "2017-01-27", "2017-01-28", "2017-01-29", "2017-01-30", "2017-01-31", "2017-02-01", "2017-02-02",
    ]);
    expect(y.holidays).toHaveLength(2 + 7 + 3 + 1 + 3 + 8);
    expect(dates(y.workdays)).toEqual(["2017-01-22", "2017-02-04", "2017-04-01", "2017-05-27", "2017-09-30"]);
    expect(y.holidays.at(-1)).toEqual({ date: "2017-10-08", name: "Mid-Autumn and National Day 中秋节、国庆节" });
  });

  it("reads a New Year block that starts in December of the year before, with or without 年", () => {
    const base = "国务院办公厅关于2008年部分节假日安排的通知\n{P}\n国务院办公厅\n2007年12月14日";
    for (const p of ["一、元旦：2007年12月30日（星期日）至2008年1月1日（星期二）放假，共3天。2007年12月29日（星期六）上班。", "一、元旦：12月30日至1月1日放假，共3天。12月29日（星期六）上班。"]) {
      const y = parseChinaHolidayNotice(base.replace("{P}", p));
      expect(y.holidays.map((h) => h.date)).toEqual(["2007-12-30", "2007-12-31", "2008-01-01"]);
      expect(y.workdays).toEqual([{ date: "2007-12-29", name: "New Year make-up day" }]);
    }
  });

  it("takes the year from the option when the title is missing, and the publication date from the option", () => {
    const y = parseChinaHolidayNotice("一、元旦：1月1日（周五）放假，共1天。", { year: 2027, published: "2026-11-20" });
    expect(y).toEqual({
      year: 2027,
      source: { title: "国务院办公厅关于2027年部分节假日安排的通知", published: "2026-11-20" },
      holidays: [{ date: "2027-01-01", name: "New Year's Day 元旦" }],
      workdays: [],
    });
    expect(isBusinessDay(chinaWorkCalendar({ years: [y] }), "2027-01-01")).toBe(false);
  });
});

describe("T6 parseChinaHolidayNotice: broken texts fail with INVALID_NOTICE naming the paragraph", () => {
  const good = fixture("notice-2026.txt");
  const broken = (from: string, to: string): string => {
    expect(good).toContain(from);
    return good.replace(from, to);
  };

  it.each<[string, string, string, string, RegExp]>([
    ["a wrong weekday on a day off", "2月15日（周日）", "2月15日（周一）", "二、春节", /2026-02-15 is a Sunday/],
    ["a wrong weekday on a make-up day", "1月4日（周日）上班", "1月4日（周六）上班", "一、元旦", /2026-01-04 is a Sunday/],
    ["a wrong day count", "共9天", "共8天", "二、春节", /共8天 but lists 9 days/],
    ["an unreadable sentence", "4月4日（周六）至6日（周一）放假调休", "4月4日至6日前后酌情放假", "三、清明节", /cannot read/],
    ["a date that does not exist", "6月19日（周五）", "6月31日（周五）", "五、端午节", /not a real date/],
    ["a range that runs backwards", "9月25日（周五）至27日（周日）", "9月27日（周日）至25日（周五）", "六、中秋节", /does not run forward/],
    ["dates without 放假 or 上班", "5月9日（周六）上班", "5月9日（周六）", "四、劳动节", /neither 放假 nor 上班/],
  ])("%s", (_what, from, to, paragraph, message) => {
    const e = caught(() => parseChinaHolidayNotice(broken(from, to)));
    expect(e.code).toBe("INVALID_NOTICE");
    expect(e.details).toMatchObject({ paragraph });
    expect(e.message).toContain(`Paragraph ${paragraph}`);
    expect(e.message).toMatch(message);
  });

  it("no year: INVALID_NOTICE asking for --year; a year option that contradicts the title too", () => {
    const e = caught(() => parseChinaHolidayNotice(good.replace(/^.*通知\n/, "")));
    expect(e.code).toBe("INVALID_NOTICE");
    expect(e.message).toContain("--year");
    expect(caught(() => parseChinaHolidayNotice(good, { year: 2027 })).path).toEqual(["options", "year"]);
  });

  it("no publication date, no paragraphs, inconsistent data, non-string input", () => {
    expect(caught(() => parseChinaHolidayNotice(good.replace("2025年11月4日", ""))).message).toContain("publication date");
    expect(caught(() => parseChinaHolidayNotice("关于2026年部分节假日安排的通知\n2025年11月4日")).message).toContain("no numbered holiday paragraphs");
    // a make-up day on a weekday reads but is not valid data
    expect(caught(() => parseChinaHolidayNotice(broken("1月4日（周日）上班", "1月5日（周一）上班"))).code).toBe("INVALID_NOTICE");
    expect(caught(() => parseChinaHolidayNotice(42 as never)).code).toBe("INVALID_ARGUMENT");
  });

  it("any single-character corruption of a paragraph fails with INVALID_NOTICE or reads the same days on the same weekdays (never a TypeError)", () => {
    const lines = good.split("\n");
    const numbered = lines.map((l, i) => [l, i] as const).filter(([l]) => /^[一二三四五六七]、/.test(l));
    fc.assert(
      fc.property(fc.constantFrom(...numbered), fc.nat(), fc.constantFrom(..."0123456789日月至、，。周一二三四五六天共放假上班"), ([line, i], pos, ch) => {
        const p = pos % line.length;
        const copy = [...lines];
        copy[i] = line.slice(0, p) + ch + line.slice(p + 1);
        let result: unknown;
        try {
          result = parseChinaHolidayNotice(copy.join("\n"), { via: shipped(2026).source.via! });
        } catch (e) {
          result = e;
        }
        if (result instanceof Error) expect((result as SlaKitError).code).toBe("INVALID_NOTICE");
        else {
          // read: identical, or a change the self-checks cannot see (a date moved by whole weeks,
          // e.g. 2月 -> 3月 in 2026): the same number of days on the same weekdays
          const wd = (y: ChinaHolidayYear): string => [...y.holidays, ...y.workdays].map((d) => new Date(`${d.date}T00:00:00Z`).getUTCDay()).sort().join("");
          const r = result as ChinaHolidayYear;
          if (JSON.stringify(r) !== JSON.stringify(shipped(2026))) expect(wd(r)).toBe(wd(shipped(2026)));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
