/**
 * Calendar benchmark: sla-kit against moment-business-time and date-fns on the same work, in one
 * run, reported as ratios (never as assertions in tests). Run with `npm run bench`.
 *
 * Work: a Mon-Fri 09:00-12:00 + 13:30-18:00 calendar with the 2024-2026 China holidays, 1000
 * starts spread over 2024-2025:
 * - "add 4 h": add four business hours (sla-kit addBusinessTime vs moment-business-time addWorkingTime);
 * - "add 40 days of hours": 300 business hours, to show the cost does not grow with the duration;
 * - "add 3 days": addBusinessDays (sla-kit, with holidays) vs date-fns addBusinessDays (weekends only).
 * moment-business-time reads local time, so the bench pins TZ=UTC and gives sla-kit a UTC calendar.
 */
import { Bench } from "tinybench";
import moment from "moment";
import "moment-business-time";
import { addBusinessDays as dfAddBusinessDays } from "date-fns";
import { addBusinessDays, addBusinessTime, chinaHolidayYears, defineCalendar } from "../src/calendar/index.js";

if (process.env.TZ !== "UTC") {
  console.error("run with TZ=UTC (npm run bench does)");
  process.exit(1);
}

const hours = ["09:00-12:00", "13:30-18:00"];
const holidays = chinaHolidayYears.flatMap((y) => y.holidays.map((h) => h.date));
const workdays = chinaHolidayYears.flatMap((y) => y.workdays.map((w) => w.date));
const cal = defineCalendar({ timeZone: "UTC", week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours }, holidays, workdays });
moment.updateLocale("en", {
  workinghours: { 0: null, 1: ["09:00:00", "12:00:00", "13:30:00", "18:00:00"], 2: ["09:00:00", "12:00:00", "13:30:00", "18:00:00"], 3: ["09:00:00", "12:00:00", "13:30:00", "18:00:00"], 4: ["09:00:00", "12:00:00", "13:30:00", "18:00:00"], 5: ["09:00:00", "12:00:00", "13:30:00", "18:00:00"], 6: null },
  holidays,
} as moment.LocaleSpecification);

const N = 1000;
const starts = Array.from({ length: N }, (_, i) => Date.UTC(2024, 0, 2) + Math.floor((i * 2 * 365 * 86_400_000) / N) + (i % 37) * 60_000);
const startDates = starts.map((t) => new Date(t));
const H = 3_600_000;

// warm the index once, as a service does at start-up
addBusinessTime(cal, starts[0]!, H);

// agreement check: moment-business-time has no make-up working days, so it may only disagree
// where a make-up day lies between the start and the later of the two results
const makeUp = new Set(workdays);
let agree = 0;
let explained = 0;
for (const t of starts.slice(0, 200)) {
  const a = addBusinessTime(cal, t, 4 * H).getTime();
  const b = (moment(t) as unknown as { addWorkingTime(n: number, u: string): moment.Moment }).addWorkingTime(4, "hours").valueOf();
  if (a === b) agree++;
  else {
    for (let d = t - (t % 86_400_000); d <= Math.max(a, b); d += 86_400_000) {
      if (makeUp.has(new Date(d).toISOString().slice(0, 10))) {
        explained++;
        break;
      }
    }
  }
}

const bench = new Bench({ time: 500 });
let sink = 0;
let i = 0;
const next = () => (i = (i + 1) % N);
bench
  .add("sla-kit addBusinessTime 4 h", () => { sink += addBusinessTime(cal, starts[next()]!, 4 * H).getTime(); })
  .add("moment-business-time addWorkingTime 4 h", () => {
    sink += (moment(starts[next()]!) as unknown as { addWorkingTime(n: number, u: string): moment.Moment }).addWorkingTime(4, "hours").valueOf();
  })
  .add("sla-kit addBusinessTime 300 h", () => { sink += addBusinessTime(cal, starts[next()]!, 300 * H).getTime(); })
  .add("moment-business-time addWorkingTime 300 h", () => {
    sink += (moment(starts[next()]!) as unknown as { addWorkingTime(n: number, u: string): moment.Moment }).addWorkingTime(300, "hours").valueOf();
  })
  .add("sla-kit addBusinessDays 3", () => { sink += addBusinessDays(cal, starts[next()]!, 3).getTime(); })
  .add("date-fns addBusinessDays 3 (no holidays)", () => { sink += dfAddBusinessDays(startDates[next()]!, 3).getTime(); });

await bench.run();
const mean = (name: string): number => {
  const t = bench.tasks.find((x) => x.name === name);
  const r = t?.result as { latency?: { mean?: number }; mean?: number } | undefined;
  return r?.latency?.mean ?? r?.mean ?? Number.NaN;
};
console.table(bench.tasks.map((t) => ({ task: t.name, "mean µs": +(mean(t.name) * 1000).toFixed(3) })));
const ratio = (a: string, b: string) => (mean(b) / mean(a)).toFixed(1);
console.log(`agreement with moment-business-time on 4 h additions: ${agree}/200; of the ${200 - agree} differences, ${explained} span a make-up working day (which it does not model)`);
console.log(`addBusinessTime 4 h:   sla-kit is ${ratio("sla-kit addBusinessTime 4 h", "moment-business-time addWorkingTime 4 h")}x faster than moment-business-time`);
console.log(`addBusinessTime 300 h: sla-kit is ${ratio("sla-kit addBusinessTime 300 h", "moment-business-time addWorkingTime 300 h")}x faster than moment-business-time`);
console.log(`addBusinessDays 3:     sla-kit is ${ratio("sla-kit addBusinessDays 3", "date-fns addBusinessDays 3 (no holidays)")}x the speed of date-fns (which ignores holidays)`);
if (sink === 42) console.log("");
