/**
 * Writes the text of a State Council holiday notice in the official format from one year of data
 * (the inverse of parseChinaHolidayNotice, written independently of it), for round-trip tests.
 */
import type { ChinaHolidayYear } from "../../src/calendar/index.js";

const NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const WD = "日一二三四五六";

const parts = (iso: string): [number, number, number] => iso.split("-").map(Number) as [number, number, number];
const weekday = (iso: string): string => WD[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;
const next = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** `annotate`: "周" (2025+ style) or "星期" or "" (the older style without weekdays). */
export function noticeText(y: ChinaHolidayYear, annotate: "周" | "星期" | "" = "周"): string {
  const ann = (iso: string): string => (annotate === "" ? "" : `（${annotate}${weekday(iso)}）`);
  const day = (iso: string, prev?: string): string => {
    const [yy, m, d] = parts(iso);
    const yearPrefix = yy !== y.year ? `${yy}年` : "";
    if (prev !== undefined && parts(prev)[1] === m && yearPrefix === "") return `${d}日`;
    return `${yearPrefix}${m}月${d}日`;
  };
  // paragraphs: holidays grouped by their Chinese name, in date order
  const groups: { zh: string; dates: string[] }[] = [];
  for (const h of y.holidays) {
    const zh = h.name.slice(h.name.lastIndexOf(" ") + 1);
    const g = groups.find((x) => x.zh === zh);
    if (g === undefined) groups.push({ zh, dates: [h.date] });
    else g.dates.push(h.date);
  }
  const shortOf: Record<string, string> = { 元旦: "New Year", 春节: "Spring Festival", 清明节: "Qingming", 劳动节: "Labour Day", 端午节: "Dragon Boat", 中秋节: "Mid-Autumn", 国庆节: "National Day" };
  const lines = [`国务院办公厅关于${y.year}年部分节假日安排的通知`];
  if (y.source.number !== undefined) lines.push(y.source.number);
  lines.push("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", `经国务院批准，现将${y.year}年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。`);
  groups.forEach((g, i) => {
    // consecutive runs
    const runs: string[][] = [];
    for (const d of g.dates) {
      const last = runs[runs.length - 1];
      if (last !== undefined && next(last[last.length - 1]!) === d) last.push(d);
      else runs.push([d]);
    }
    const off = runs
      .map((r) => (r.length === 1 ? `${day(r[0]!)}${ann(r[0]!)}` : `${day(r[0]!)}${ann(r[0]!)}至${day(r[r.length - 1]!, r[0])}${ann(r[r.length - 1]!)}`))
      .join("、");
    const short = shortOf[g.zh.split("、")[0]!]!;
    const on = y.workdays.filter((w) => w.name === `${short} make-up day`).map((w) => `${day(w.date)}${ann(w.date)}`);
    lines.push(`${NUM[i]}、${g.zh}：${off}放假调休，共${g.dates.length}天。${on.length > 0 ? `${on.join("、")}上班。` : ""}`);
  });
  const [py, pm, pd] = parts(y.source.published);
  lines.push("节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。", "国务院办公厅", `${py}年${pm}月${pd}日`);
  return lines.join("\n") + "\n";
}
