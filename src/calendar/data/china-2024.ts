import { runs, type ChinaHolidayYear } from "./types.js";

/** docs/rules.md T6: mainland-China holidays 2024, from the State Council notice of 2023-10-25. */
export const china2024: ChinaHolidayYear = {
  year: 2024,
  source: { title: "国务院办公厅关于2024年部分节假日安排的通知", number: "国办发明电〔2023〕7号", published: "2023-10-25" },
  holidays: runs(
    ["2024-01", 1, 1, "New Year's Day 元旦"],
    ["2024-02", 10, 17, "Spring Festival 春节"],
    ["2024-04", 4, 6, "Qingming 清明节"],
    ["2024-05", 1, 5, "Labour Day 劳动节"],
    ["2024-06", 10, 10, "Dragon Boat 端午节"],
    ["2024-09", 15, 17, "Mid-Autumn 中秋节"],
    ["2024-10", 1, 7, "National Day 国庆节"],
  ),
  workdays: [
    { date: "2024-02-04", name: "Spring Festival make-up day" },
    { date: "2024-02-18", name: "Spring Festival make-up day" },
    { date: "2024-04-07", name: "Qingming make-up day" },
    { date: "2024-04-28", name: "Labour Day make-up day" },
    { date: "2024-05-11", name: "Labour Day make-up day" },
    { date: "2024-09-14", name: "Mid-Autumn make-up day" },
    { date: "2024-09-29", name: "National Day make-up day" },
    { date: "2024-10-12", name: "National Day make-up day" },
  ],
};
