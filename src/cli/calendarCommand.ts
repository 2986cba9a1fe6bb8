/** `sla-kit calendar <sub-command>`: calendar data tools (import-notice). */
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseChinaHolidayNotice, type ParseChinaHolidayNoticeOptions } from "../calendar/index.js";
import { UsageError } from "./io.js";
import type { Io } from "./commands.js";


/** The largest notice text read (a real notice is about 2 kB). */
const MAX_NOTICE_BYTES = 1_000_000;

export const calendarUsage = `Usage: sla-kit calendar import-notice <file|-> [--year <Y>] [--published <YYYY-MM-DD>] [--via <text>]

Reads the text of a State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知; a file,
or - for stdin, UTF-8) and prints the year as JSON, for review before you add it to a policy's
calendar "years" or to chinaWorkCalendar({ years }). The weekday annotations（周四）and the 共N天
counts of the notice are checked; a disagreement names the paragraph.
  --year <Y>               the year, when the text has no title
  --published <YYYY-MM-DD> the publication date, when the text lacks the date line
  --via <text>             where you read the text (kept as source.via)
Exit: 0 printed, 2 usage error or a notice that does not read (INVALID_NOTICE).`;

function readNotice(file: string): string {
  try {
    if (file !== "-") {
      const st = statSync(file);
      if (!st.isFile()) throw new UsageError(`${file}: not a regular file.`);
      if (st.size > MAX_NOTICE_BYTES) throw new UsageError(`${file}: ${st.size} bytes is more than a notice (limit ${MAX_NOTICE_BYTES}).`);
    }
    const bytes = readFileSync(file === "-" ? 0 : file);
    if (bytes.length > MAX_NOTICE_BYTES) throw new UsageError(`${file}: more than ${MAX_NOTICE_BYTES} bytes, not a notice.`);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new UsageError(`${file}: not UTF-8 text (save the notice as UTF-8).`);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
}

export async function calendar(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h") {
    io.out(calendarUsage);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== "import-notice") throw new UsageError(`Unknown calendar command ${JSON.stringify(sub)}.\n\n${calendarUsage}`);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { year: { type: "string" }, published: { type: "string" }, via: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${calendarUsage}`);
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.out(calendarUsage);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`Give exactly one notice file (or - for stdin).\n\n${calendarUsage}`);
  const options: { -readonly [K in keyof ParseChinaHolidayNoticeOptions]: ParseChinaHolidayNoticeOptions[K] } = {};
  if (values.year !== undefined) {
    if (!/^\d{4}$/.test(values.year)) throw new UsageError(`--year ${JSON.stringify(values.year)}: give a year such as 2027.`);
    options.year = Number(values.year);
  }
  if (values.published !== undefined) options.published = values.published;
  if (values.via !== undefined) options.via = values.via;
  const year = parseChinaHolidayNotice(readNotice(positionals[0]!), options);
  io.out(JSON.stringify(year, null, 2));
  return 0;
}
