import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { dayNumberToIso, isoToDayNumber, weekdayOf } from "../_lib/zone.js";
import { checkChinaHolidayYear, isRecord, onlyKeys, own } from "./_checks.js";
import type { ChinaHolidayYear } from "./data/types.js";

/** Options of {@link parseChinaHolidayNotice}. */
export interface ParseChinaHolidayNoticeOptions {
  /** The year the notice is for; required when the text has no title 关于YYYY年部分节假日安排的通知. */
  readonly year?: number;
  /** Publication date `"YYYY-MM-DD"`, when the text lacks the date line under 国务院办公厅. */
  readonly published?: string;
  /** Where the text was read (e.g. `"gov.cn, 2026-11-20"`), kept as `source.via`. */
  readonly via?: string;
}

const NUMERALS = "一二三四五六七八九十";
const WEEKDAY_CHARS = "日一二三四五六"; // index = day of week (0 = Sunday); 天 = 日
const WEEKDAY_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** English names of the statutory holidays: [in a holiday's name, in a make-up day's name]. */
const FESTIVALS: Readonly<Record<string, readonly [string, string]>> = {
  元旦: ["New Year's Day", "New Year"],
  春节: ["Spring Festival", "Spring Festival"],
  清明节: ["Qingming", "Qingming"],
  劳动节: ["Labour Day", "Labour Day"],
  端午节: ["Dragon Boat", "Dragon Boat"],
  中秋节: ["Mid-Autumn", "Mid-Autumn"],
  国庆节: ["National Day", "National Day"],
};

// plain strings (no String.raw) and a RegExp built by a pure call: bundles without this parser drop it
const ANNOT = "(?:[（(](?:周|星期)([日天一二三四五六])[）)])?";
const DATE = "(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日";
const END = "(?:(?:(\\d{4})年)?(?:(\\d{1,2})月)?(\\d{1,2})日)";
/* @__NO_SIDE_EFFECTS__ */
const rangeRe = (): RegExp => new RegExp(`^${DATE}${ANNOT}(?:(?:至|—|－|-|～|~)${END}${ANNOT})?`);
const RANGE = rangeRe();
const KEYWORD = /^(放假调休|放假|与周末连休|补休|上班)$/;

interface Paragraph {
  readonly label: string; // e.g. "二、春节"
  readonly festival: string;
  readonly body: string;
}

function noticeError(message: string, path: ErrorPath, details?: unknown): SlaKitError {
  return new SlaKitError("INVALID_NOTICE", message, details === undefined ? { path } : { path, details });
}

/** Full-width digits and punctuation variants to the forms the grammar reads. */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u3000]+/g, "");
}


/**
 * Reads the text of a State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知)
 * into a {@link ChinaHolidayYear} for `chinaWorkCalendar({ years })` or a policy's `years`.
 *
 * It reads the numbered paragraphs `一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。`
 * (ranges with 至, single days, 与周末连休, 补休, several 上班 days separated by 、, an explicit
 * `YYYY年` for a date in another year; a December date in the 元旦 paragraph is in the year
 * before), and the older format without weekday annotations. Two self-checks: every weekday
 * annotation（周四）/（星期日）must match its date, and every `共N天` must equal the paragraph's days
 * off. Sentences starting with 鼓励 are advice and skipped. Any disagreement, an unreadable
 * sentence, a missing year or publication date is `INVALID_NOTICE` naming the paragraph
 * (`details: { paragraph, sentence }`). Review the result before you use it.
 *
 * @example
 * ```ts
 * import { parseChinaHolidayNotice } from "sla-kit/calendar";
 * const y = parseChinaHolidayNotice(`国务院办公厅关于2026年部分节假日安排的通知
 * 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
 * 国务院办公厅
 * 2025年11月4日`);
 * console.log(y.year, y.source.published, y.holidays.map((h) => h.date), y.workdays[0]);
 * // 2026 2025-11-04 [ '2026-01-01', '2026-01-02', '2026-01-03' ] { date: '2026-01-04', name: 'New Year make-up day' }
 * try { parseChinaHolidayNotice("关于2026年部分节假日安排的通知\n一、元旦：1月1日（周五）放假，共1天。\n2025年11月4日"); }
 * catch (e) { console.log(e.code, e.details.paragraph); } // INVALID_NOTICE 一、元旦
 * ```
 */
export function parseChinaHolidayNotice(text: string, options: ParseChinaHolidayNoticeOptions = {}): ChinaHolidayYear {
  if (typeof text !== "string") throw new SlaKitError("INVALID_ARGUMENT", `Expected the notice text as a string, got ${describe(text)}.`, { path: ["text"] });
  if (!isRecord(options)) throw new SlaKitError("INVALID_ARGUMENT", `Expected options { year?, published?, via? }, got ${describe(options)}.`, { path: ["options"] });
  onlyKeys(options, ["year", "published", "via"], ["options"], "INVALID_ARGUMENT");
  const t = normalise(text);

  const titleMatch = /(?:国务院办公厅)?关于(\d{4})年部分节假日安排的通知/.exec(t);
  const titleYear = titleMatch === null ? undefined : Number(titleMatch[1]);
  const optYear = own(options, "year");
  if (optYear !== undefined && (typeof optYear !== "number" || !Number.isInteger(optYear) || optYear < 1001 || optYear > 9999)) {
    throw new SlaKitError("INVALID_ARGUMENT", `Invalid year ${describe(optYear)}: pass a whole year such as 2027.`, { path: ["options", "year"] });
  }
  if (optYear !== undefined && titleYear !== undefined && optYear !== titleYear) {
    throw noticeError(`The notice is for ${titleYear} (its title says so) but year ${optYear} was asked for: drop the year option or check the file.`, ["options", "year"]);
  }
  const year = (optYear as number | undefined) ?? titleYear;
  if (year === undefined) {
    throw noticeError(`The notice has no year: its title "国务院办公厅关于YYYY年部分节假日安排的通知" is missing. Pass { year } (CLI: --year).`, ["text"]);
  }
  const title = `国务院办公厅关于${year}年部分节假日安排的通知`;
  const number = /国办发明电[〔［[(（]\d{4}[〕］\])）]\d+号/.exec(t)?.[0];
  let published = own(options, "published") as string | undefined;
  if (published === undefined) {
    const lines = [...t.matchAll(/^(\d{4})年(\d{1,2})月(\d{1,2})日$/gm)];
    const last = lines[lines.length - 1];
    if (last === undefined) {
      throw noticeError(`The notice has no publication date (the line "YYYY年M月D日" under 国务院办公厅). Include it, or pass { published: "YYYY-MM-DD" }.`, ["text"]);
    }
    published = `${last[1]}-${last[2]!.padStart(2, "0")}-${last[3]!.padStart(2, "0")}`;
  }
  const via = own(options, "via") as string | undefined;

  const paragraphs: Paragraph[] = [];
  for (const m of t.matchAll(new RegExp(`^([${NUMERALS}]+)、([^：:\\n]{1,20})[：:](.*)$`, "gm"))) {
    paragraphs.push({ label: `${m[1]}、${m[2]}`, festival: m[2]!, body: m[3]! });
  }
  paragraphs.forEach((p, i) => {
    const n = p.label.slice(0, p.label.indexOf("、"));
    if (n !== NUMERALS[i]) throw noticeError(`Paragraph ${p.label}: expected paragraph ${NUMERALS[i] ?? i + 1}、 here (paragraphs are numbered 一、二、三、... in order); is one missing?`, ["text"], { paragraph: p.label });
  });
  for (const line of t.split("\n")) {
    if (/\d{1,2}月\d{1,2}日/.test(line) && /放假|上班|补休|连休/.test(line) && !paragraphs.some((p) => line.endsWith(p.body) && line.includes(p.label))) {
      const start = line.slice(0, 12);
      throw noticeError(`The line "${start}..." names holiday dates but is not a numbered paragraph ("一、元旦：..."): fix its number so it is read.`, ["text"], { paragraph: start });
    }
  }
  if (paragraphs.length === 0) {
    throw noticeError(`The notice has no numbered holiday paragraphs ("一、元旦：1月1日放假，共1天。"): is this the right text?`, ["text"]);
  }

  const holidays: { date: string; name: string }[] = [];
  const workdays: { date: string; name: string }[] = [];
  for (const p of paragraphs) {
    const { off, on } = readParagraph(p, year);
    const parts = p.festival.split("、");
    const en = parts.map((f) => {
      const names = Object.prototype.hasOwnProperty.call(FESTIVALS, f) ? FESTIVALS[f] : undefined;
      if (names === undefined) {
        throw noticeError(`Paragraph ${p.label}: unknown holiday "${f}" (the statutory ones are ${Object.keys(FESTIVALS).join("、")})`, ["text"], { paragraph: p.label });
      }
      return names;
    });
    const holidayName = `${en.map((x) => x[0]).join(" and ")} ${p.festival}`;
    const workdayName = `${en[0]![1]} make-up day`;
    for (const d of off) holidays.push({ date: dayNumberToIso(d), name: holidayName });
    for (const d of on) workdays.push({ date: dayNumberToIso(d), name: workdayName });
  }
  const byDate = (a: { date: string }, b: { date: string }): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  holidays.sort(byDate);
  workdays.sort(byDate);
  const source = { title, ...(number === undefined ? {} : { number }), published, ...(via === undefined ? {} : { via }) };
  try {
    return checkChinaHolidayYear({ year, source, holidays, workdays }, []);
  } catch (e) {
    if (e instanceof SlaKitError) throw noticeError(`The notice reads as inconsistent data: ${e.message}`, ["text"], { data: e.path });
    throw e;
  }
}

/** Days off and make-up working days (day numbers) of one paragraph, with both self-checks. */
function readParagraph(p: Paragraph, year: number): { off: number[]; on: number[] } {
  const fail: (why: string, sentence?: string) => never = (why, sentence) => {
    throw noticeError(`Paragraph ${p.label}: ${why}${sentence === undefined ? "" : ` (in "${sentence}")`}. Check the text against the notice.`, ["text"], {
      paragraph: p.label,
      ...(sentence === undefined ? {} : { sentence }),
    });
  };
  const newYearBlock = p.festival.includes("元旦");
  const off: number[] = [];
  const on: number[] = [];
  let count: number | undefined;
  for (const sentence of p.body.split(/[。；;]/)) {
    if (sentence === "" || sentence.startsWith("鼓励")) continue;
    for (const clause of sentence.split(/[，,]/)) {
      if (clause === "") continue;
      const total = /^(?:共|合计)(\d+)天$/.exec(clause);
      if (total !== null) {
        if (count !== undefined) fail("two day counts 共N天", sentence);
        count = Number(total[1]);
        continue;
      }
      if (KEYWORD.test(clause) || clause === "调休") continue;
      let rest = clause;
      const dates: number[] = [];
      for (;;) {
        const m = RANGE.exec(rest);
        if (m === null) fail(`cannot read "${rest}" (expected a date such as 1月1日, a range 1月1日至3日, 放假, 上班 or 共N天)`, sentence);
        const y0 = m[1] === undefined ? (newYearBlock && Number(m[2]) === 12 ? year - 1 : year) : Number(m[1]);
        const start = dayOf(y0, Number(m[2]), Number(m[3]), fail, sentence);
        checkWeekday(start, m[4], fail, sentence);
        let end = start;
        if (m[7] !== undefined) {
          const mo = m[6] === undefined ? Number(m[2]) : Number(m[6]);
          const y1 = m[5] !== undefined ? Number(m[5]) : mo < Number(m[2]) ? y0 + 1 : y0;
          end = dayOf(y1, mo, Number(m[7]), fail, sentence);
          checkWeekday(end, m[8], fail, sentence);
          if (end < start || end - start > 30) fail(`the range ${m[0]} does not run forward within a month`, sentence);
        }
        for (let d = start; d <= end; d++) dates.push(d);
        rest = rest.slice(m[0].length);
        if (rest.startsWith("、")) {
          rest = rest.slice(1);
          continue;
        }
        break;
      }
      if (rest === "上班") on.push(...dates);
      else if (KEYWORD.test(rest)) off.push(...dates);
      else if (rest === "") fail(`"${clause}" says neither 放假 nor 上班`, sentence);
      else fail(`cannot read "${rest}" after the dates (expected 放假, 放假调休, 与周末连休, 补休 or 上班)`, sentence);
    }
  }
  if (off.length === 0) fail("no days off (放假) found");
  if (count !== undefined && count !== off.length) {
    fail(`the notice says 共${count}天 but lists ${off.length} days off (${off.map(dayNumberToIso).join(", ")})`);
  }
  return { off, on };
}

function dayOf(y: number, m: number, d: number, fail: (why: string, s?: string) => never, sentence: string): number {
  const day = isoToDayNumber(`${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
  if (day === undefined) fail(`${y}年${m}月${d}日 is not a real date`, sentence);
  return day;
}

function checkWeekday(day: number, annot: string | undefined, fail: (why: string, s?: string) => never, sentence: string): void {
  if (annot === undefined) return;
  const said = annot === "天" ? 0 : WEEKDAY_CHARS.indexOf(annot);
  const real = weekdayOf(day);
  if (said !== real) {
    fail(`${dayNumberToIso(day)} is a ${WEEKDAY_EN[real]} (周${WEEKDAY_CHARS[real]}), but the notice says 周${annot}: a date or the weekday is wrong`, sentence);
  }
}
