import { runs, type ChinaHolidayYear } from "./types.js";

/** docs/rules.md T6: mainland-China holidays 2025, from the State Council notice of 2024-11-12. */
export const china2025: ChinaHolidayYear = {
  year: 2025,
  source: { title: "国务院办公厅关于2025年部分节假日安排的通知", number: "国办发明电〔2024〕12号", published: "2024-11-12" },
  holidays: runs(
    ["2025-01", 1, 1, "New Year's Day 元旦"],
    ["2025-01", 28, 31, "Spring Festival 春节"],
    ["2025-02", 1, 4, "Spring Festival 春节"],
    ["2025-04", 4, 6, "Qingming 清明节"],
    ["2025-05", 1, 5, "Labour Day 劳动节"],
    ["2025-05", 31, 31, "Dragon Boat 端午节"],
    ["2025-06", 1, 2, "Dragon Boat 端午节"],
    ["2025-10", 1, 8, "National Day and Mid-Autumn 国庆节、中秋节"],
  ),
  workdays: [
    { date: "2025-01-26", name: "Spring Festival make-up day" },
    { date: "2025-02-08", name: "Spring Festival make-up day" },
    { date: "2025-04-27", name: "Labour Day make-up day" },
    { date: "2025-09-28", name: "National Day make-up day" },
    { date: "2025-10-11", name: "National Day make-up day" },
  ],
};
