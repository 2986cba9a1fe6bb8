/** `sla-kit calendar <sub-command>`: calendar data tools (import-notice). */
import { parseChinaHolidayNotice, type ParseChinaHolidayNoticeOptions } from "../calendar/index.js";
import { UsageError, readText } from "./io.js";
import { parse, type Io } from "./commands.js";


/** The default of --max-bytes here: a real notice is about 2 kB. */
const MAX_NOTICE_BYTES = 1_000_000;

export const calendarUsage = `Usage: sla-kit calendar import-notice <file|-> [--year <Y>] [--published <YYYY-MM-DD>] [--via <text>]

Reads the text of a State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知; a file,
or - for stdin, UTF-8) and prints the year as JSON, for review before you add it to a policy's
calendar "years" or to chinaWorkCalendar({ years }). The weekday annotations（周四）and the 共N天
counts of the notice are checked; a disagreement names the paragraph.
  --year <Y>               the year, when the text has no title
  --published <YYYY-MM-DD> the publication date, when the text lacks the date line
  --via <text>             where you read the text (kept as source.via)
  --max-bytes <n>          refuse input larger than n bytes (default ${MAX_NOTICE_BYTES})
Exit: 0 printed, 2 usage error or a notice that does not read (INVALID_NOTICE).`;

export async function calendar(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h") {
    io.out(calendarUsage);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== "import-notice") throw new UsageError(`Unknown calendar command ${JSON.stringify(sub)}.\n\n${calendarUsage}`);
  const { values, positionals } = parse(rest, { year: { type: "string" }, published: { type: "string" }, via: { type: "string" } }, calendarUsage, MAX_NOTICE_BYTES);
  if (values.help === true) {
    io.out(calendarUsage);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`Give exactly one notice file (or - for stdin).\n\n${calendarUsage}`);
  const options: { -readonly [K in keyof ParseChinaHolidayNoticeOptions]: ParseChinaHolidayNoticeOptions[K] } = {};
  if (typeof values.year === "string") {
    if (!/^\d{4}$/.test(values.year)) throw new UsageError(`--year ${JSON.stringify(values.year)}: give a year such as 2027.`);
    options.year = Number(values.year);
  }
  if (typeof values.published === "string") options.published = values.published;
  if (typeof values.via === "string") options.via = values.via;
  const year = parseChinaHolidayNotice(readText(positionals[0]!, "the notice as a UTF-8 text file, or - for stdin"), options);
  io.out(JSON.stringify(year, null, 2));
  return 0;
}
