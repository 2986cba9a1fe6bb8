import { runs, type ChinaHolidayYear } from "./types.js";

/** docs/rules.md T6: mainland-China holidays 2026, from the State Council notice of 2025-11-04. */
export const china2026: ChinaHolidayYear = {
  year: 2026,
  source: { title: "国务院办公厅关于2026年部分节假日安排的通知", published: "2025-11-04", via: "Xinhua release of 2025-11-04" },
  holidays: runs(
    ["2026-01", 1, 3, "New Year's Day 元旦"],
    ["2026-02", 15, 23, "Spring Festival 春节"],
    ["2026-04", 4, 6, "Qingming 清明节"],
    ["2026-05", 1, 5, "Labour Day 劳动节"],
    ["2026-06", 19, 21, "Dragon Boat 端午节"],
    ["2026-09", 25, 27, "Mid-Autumn 中秋节"],
    ["2026-10", 1, 7, "National Day 国庆节"],
  ),
  workdays: [
    { date: "2026-01-04", name: "New Year make-up day" },
    { date: "2026-02-14", name: "Spring Festival make-up day" },
    { date: "2026-02-28", name: "Spring Festival make-up day" },
    { date: "2026-05-09", name: "Labour Day make-up day" },
    { date: "2026-09-20", name: "National Day make-up day" },
    { date: "2026-10-10", name: "National Day make-up day" },
  ],
};
