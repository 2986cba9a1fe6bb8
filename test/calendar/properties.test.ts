/**
 * Property tests for sla-kit/calendar: the fast library must agree with the minute-by-minute
 * oracle (test/calendar/oracle.ts) on random calendars in random zones around DST transitions,
 * and must obey the laws of docs/rules.md "Readings: calendar".
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  addBusinessDays,
  addBusinessTime,
  businessTimeBetween,
  chinaWorkCalendar,
  defineCalendar,
  isBusinessDay,
  isOpenAt,
  nextOpening,
} from "../../src/calendar/index.js";
import type { Calendar, CalendarSpec, Weekday } from "../../src/calendar/index.js";
import * as O from "./oracle.js";
import { thrown, weekdays } from "./_fixture.js";

const { MINUTE, HOUR, DAY } = O;
const ZONES = [
  "UTC",
  "Asia/Shanghai",
  "America/New_York",
  "Europe/Paris",
  "America/Sao_Paulo",
  "Australia/Lord_Howe",
  "Pacific/Apia",
  "Asia/Kolkata",
  "Pacific/Chatham",
] as const;
const WEEK: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Transition instants (UTC) with the zone that has them. */
const TRANSITIONS: readonly { zone: string; at: number }[] = [
  { zone: "America/Sao_Paulo", at: Date.UTC(2018, 10, 4, 3) },
  { zone: "Europe/Paris", at: Date.UTC(2021, 9, 31, 1) },
  { zone: "America/New_York", at: Date.UTC(2024, 2, 10, 7) },
  { zone: "America/New_York", at: Date.UTC(2024, 10, 3, 6) },
  { zone: "Australia/Lord_Howe", at: Date.UTC(2024, 3, 6, 15) },
  { zone: "Australia/Lord_Howe", at: Date.UTC(2024, 9, 5, 15, 30) },
  { zone: "Pacific/Apia", at: Date.UTC(2011, 11, 30, 10) },
  { zone: "Pacific/Chatham", at: Date.UTC(2024, 8, 28, 14) },
];

const hm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** One "HH:MM-HH:MM" interval on a 15- or 30-minute grid; sometimes past midnight or to 24:00. */
const intervalArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(15, 30), fc.nat(), fc.nat(), fc.nat(9))
  .map(([g, a, b, kind]) => {
    const slots = 1440 / g;
    const s = (a % slots) * g;
    if (kind === 0) return `${hm(s)}-24:00`;
    if (kind === 1) {
      // past midnight: end before start
      if (s === 0) return "22:00-06:00";
      const e = (b % (s / g)) * g;
      return `${hm(s)}-${hm(e)}`;
    }
    // ordinary: start < end <= 24:00
    const e = s + (1 + (b % (slots - s / g))) * g;
    return `${hm(s)}-${e === 1440 ? "24:00" : hm(e)}`;
  });

/** Endpoints near the usual DST transition hours (gaps and repeats at 00:00-03:45). */
const DST_TIMES = ["00:00", "00:15", "00:30", "01:00", "01:30", "01:45", "02:00", "02:15", "02:30", "02:45", "03:00", "03:15", "03:45", "04:00", "23:00", "23:45"];
const dstIntervalArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...DST_TIMES), fc.constantFrom(...DST_TIMES, "24:00"))
  .filter(([a, b]) => a !== b && !(a === "00:00" && b === "24:00"))
  .map(([a, b]) => `${a}-${b}`);

const hoursArb: fc.Arbitrary<readonly string[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(["00:00-24:00"] as const) },
  { weight: 6, arbitrary: fc.array(intervalArb, { minLength: 1, maxLength: 3 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(intervalArb, dstIntervalArb), { minLength: 1, maxLength: 3 }) },
);

/** `CAL_PROP_SCALE=20 npx vitest run test/calendar` for a long bug hunt. */
const SCALE = Number(process.env["CAL_PROP_SCALE"] ?? "1");
const runs = (n: number): { numRuns: number } => ({ numRuns: Math.max(1, Math.round(n * SCALE)) });

interface Scenario {
  readonly spec: CalendarSpec;
  readonly anchor: number; // minute-grid instant the window is centred on
}

/** A window centre: near a DST transition of the chosen zone, or a normal time in any zone. */
const anchorArb: fc.Arbitrary<{ zone: string; at: number }> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRANSITIONS) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2019, 0, 1) / MINUTE, max: Date.UTC(2026, 11, 1) / MINUTE })).map(
      ([zone, m]) => ({ zone, at: m * MINUTE }),
    ),
  },
  // A transition instant in another zone is just a normal time there.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ZONES), fc.constantFrom(...TRANSITIONS)).map(([zone, t]) => ({ zone, at: t.at })) },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    anchor: anchorArb,
    week: fc.tuple(...WEEK.map(() => fc.option(hoursArb, { freq: 4 }))),
    special: fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.nat(2), fc.option(hoursArb, { freq: 2 })), { maxLength: 4 }),
  })
  .map(({ anchor, week, special }) => {
    const w: Partial<Record<Weekday, readonly string[]>> = {};
    WEEK.forEach((k, i) => {
      const h = week[i];
      if (h !== null && h !== undefined) w[k] = h;
    });
    const centre = O.localDateOf(anchor.zone, anchor.at);
    const holidays: string[] = [];
    const workdays: ({ date: string; hours?: readonly string[] } | string)[] = [];
    const used = new Set<string>();
    for (const [dd, kind, hours] of special) {
      const date = O.addDays(centre, dd);
      if (used.has(date)) continue;
      used.add(date);
      if (kind === 0) holidays.push(date);
      else if (hours !== null) workdays.push({ date, hours });
      else if (w.mon !== undefined) workdays.push(kind === 1 ? date : { date });
      else holidays.push(date);
    }
    const spec: CalendarSpec = { timeZone: anchor.zone, week: w, holidays, workdays };
    return { spec, anchor: anchor.at };
  });

/** A minute-grid instant within +-`days` of the anchor. */
const offsetArb = (days: number): fc.Arbitrary<number> => fc.integer({ min: (-days * DAY) / MINUTE, max: (days * DAY) / MINUTE }).map((m) => m * MINUTE);

const cals = new WeakMap<CalendarSpec, Calendar>();
function cal(spec: CalendarSpec): Calendar {
  let c = cals.get(spec);
  if (c === undefined) {
    c = defineCalendar(spec);
    cals.set(spec, c);
  }
  return c;
}

const isoOf = (t: number | undefined): string => (t === undefined ? "undefined" : new Date(t).toISOString());
const errCode = (f: () => unknown): string | undefined => thrown(f)?.code;

let comparisons = 0;

describe("calendar agrees with the minute-by-minute oracle", () => {
  it("isOpenAt, isBusinessDay, nextOpening", () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(offsetArb(3), { minLength: 1, maxLength: 6 }), ({ spec, anchor }, offs) => {
        const c = cal(spec);
        for (const off of offs) {
          const t = anchor + off;
          expect(isOpenAt(c, t), `isOpenAt ${isoOf(t)}`).toBe(O.isOpenAt(spec, t));
          expect(isOpenAt(c, new Date(t)), `isOpenAt(Date) ${isoOf(t)}`).toBe(O.isOpenAt(spec, t));
          const day = O.localDateOf(spec.timeZone, t);
          expect(isBusinessDay(c, day), `isBusinessDay ${day}`).toBe(O.isBusinessDay(spec, day));
          expect(isBusinessDay(c, t), `isBusinessDay(instant) ${isoOf(t)}`).toBe(O.isBusinessDay(spec, day));
          const next = O.nextOpening(spec, t, 8);
          if (next !== undefined) expect(isoOf(nextOpening(c, t).getTime()), `nextOpening ${isoOf(t)}`).toBe(isoOf(next));
          comparisons += 5;
        }
      }),
      runs(250),
    );
  });

  it("businessTimeBetween (both orders)", () => {
    fc.assert(
      fc.property(scenarioArb, offsetArb(2), fc.integer({ min: -2 * 1440, max: 2 * 1440 }), ({ spec, anchor }, off, len) => {
        const c = cal(spec);
        const a = anchor + off;
        const b = a + len * MINUTE;
        const want = O.businessTimeBetween(spec, a, b);
        expect(businessTimeBetween(c, a, b), `between ${isoOf(a)} .. ${isoOf(b)}`).toBe(want);
        expect(businessTimeBetween(c, new Date(b), new Date(a)), `between ${isoOf(b)} .. ${isoOf(a)}`).toBe(0 - want);
        comparisons += 2;
      }),
      runs(400),
    );
  });

  it("addBusinessTime", () => {
    fc.assert(
      fc.property(scenarioArb, offsetArb(2), fc.double({ min: 0, max: 1, noNaN: true }), ({ spec, anchor }, off, frac) => {
        const c = cal(spec);
        const s = anchor + off;
        const total = O.businessTimeBetween(spec, s, s + 3 * DAY);
        const d = Math.floor((frac * total) / MINUTE) * MINUTE;
        const want = O.addBusinessTime(spec, s, d, 3 * DAY);
        expect(want, "oracle finds a result inside the window").not.toBeUndefined();
        expect(isoOf(addBusinessTime(c, s, d).getTime()), `addBusinessTime ${isoOf(s)} + ${d / MINUTE} min`).toBe(isoOf(want));
        comparisons++;
      }),
      runs(400),
    );
  });

  it("addBusinessDays (n = 0..3)", () => {
    fc.assert(
      fc.property(scenarioArb, offsetArb(3), fc.nat(3), ({ spec, anchor }, off, n) => {
        const c = cal(spec);
        const s = anchor + off;
        const want = O.addBusinessDays(spec, s, n, 60);
        if (want === undefined) return; // sparse calendar; covered by the never-open tests
        expect(isoOf(addBusinessDays(c, s, n).getTime()), `addBusinessDays ${isoOf(s)} + ${n}`).toBe(isoOf(want));
        comparisons++;
      }),
      runs(400),
    );
  });

  it("ran thousands of comparisons", () => {
    // Only meaningful when the file runs as a whole (the default).
    if (comparisons > 0) expect(comparisons).toBeGreaterThan(2000);
  });
});

describe("calendar laws (docs/rules.md 'Readings: calendar')", () => {
  const msOffsetArb = (days: number): fc.Arbitrary<number> => fc.integer({ min: -days * DAY, max: days * DAY });

  it("additivity: between(a,c) = between(a,b) + between(b,c), any order, ms precision", () => {
    fc.assert(
      fc.property(scenarioArb, msOffsetArb(4), msOffsetArb(4), msOffsetArb(4), ({ spec, anchor }, x, y, z) => {
        const c = cal(spec);
        const [a, b, d] = [anchor + x, anchor + y, anchor + z];
        expect(businessTimeBetween(c, a, d)).toBe(businessTimeBetween(c, a, b) + businessTimeBetween(c, b, d));
      }),
      runs(300),
    );
  });

  it("antisymmetry and between(a, a) = 0", () => {
    fc.assert(
      fc.property(scenarioArb, msOffsetArb(4), msOffsetArb(4), ({ spec, anchor }, x, y) => {
        const c = cal(spec);
        expect(businessTimeBetween(c, anchor + x, anchor + y)).toBe(0 - businessTimeBetween(c, anchor + y, anchor + x));
        expect(businessTimeBetween(c, anchor + x, anchor + x)).toBe(0);
      }),
      runs(200),
    );
  });

  it("addBusinessTime: between(s, add(s, d)) = d, minimal (1 ms earlier is < d), d = 0 returns s", () => {
    fc.assert(
      fc.property(scenarioArb, msOffsetArb(2), fc.integer({ min: 0, max: 3 * DAY }), ({ spec, anchor }, off, raw) => {
        const c = cal(spec);
        const s = anchor + off;
        expect(addBusinessTime(c, s, 0).getTime()).toBe(s);
        const avail = businessTimeBetween(c, s, s + 4 * DAY);
        if (avail === 0) return;
        const d = raw % (avail + 1);
        const t = addBusinessTime(c, s, d).getTime();
        expect(t).toBeGreaterThanOrEqual(s);
        expect(businessTimeBetween(c, s, t)).toBe(d);
        if (d > 0) {
          expect(businessTimeBetween(c, s, t - 1)).toBeLessThan(d);
          expect(businessTimeBetween(c, s, t - MINUTE)).toBeLessThan(d);
          // the last millisecond before the result is open
          expect(isOpenAt(c, t - 1)).toBe(true);
        }
      }),
      runs(300),
    );
  });

  it("addBusinessTime is monotone in start and in duration", () => {
    fc.assert(
      fc.property(
        scenarioArb,
        msOffsetArb(2),
        fc.integer({ min: 0, max: DAY }),
        fc.integer({ min: 0, max: 12 * HOUR }),
        fc.integer({ min: 0, max: 12 * HOUR }),
        ({ spec, anchor }, off, shift, d1, d2) => {
          const c = cal(spec);
          const s = anchor + off;
          const avail = businessTimeBetween(c, s + shift, s + shift + 5 * DAY);
          const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
          if (hi > avail) return;
          expect(addBusinessTime(c, s, lo).getTime()).toBeLessThanOrEqual(addBusinessTime(c, s, hi).getTime());
          expect(addBusinessTime(c, s, lo).getTime()).toBeLessThanOrEqual(addBusinessTime(c, s + shift, lo).getTime());
        },
      ),
      runs(200),
    );
  });

  it("addBusinessTime composes: add(add(s, d1), d2) = add(s, d1 + d2) when d1 > 0", () => {
    fc.assert(
      fc.property(scenarioArb, msOffsetArb(2), fc.integer({ min: 1, max: 10 * HOUR }), fc.integer({ min: 0, max: 10 * HOUR }), ({ spec, anchor }, off, d1, d2) => {
        const c = cal(spec);
        const s = anchor + off;
        if (businessTimeBetween(c, s, s + 5 * DAY) < d1 + d2) return;
        expect(addBusinessTime(c, addBusinessTime(c, s, d1), d2).getTime()).toBe(addBusinessTime(c, s, d1 + d2).getTime());
      }),
      runs(200),
    );
  });

  it("addBusinessDays lands on the close of a business day", () => {
    fc.assert(
      fc.property(scenarioArb, offsetArb(3), fc.nat(3), ({ spec, anchor }, off, n) => {
        const c = cal(spec);
        const s = anchor + off;
        if (O.addBusinessDays(spec, s, n + 1, 60) === undefined) return;
        const r = addBusinessDays(c, s, n).getTime();
        // (not monotone in n as instants: a past-midnight close can be later than the next day's)
        const r1 = addBusinessDays(c, s, n + 1).getTime();
        expect(O.addBusinessDays(spec, s, n + 1, 60)).toBe(r1);
        // r is the end of an interval of a business day, and the close of that day
        const ivs = O.intervalsAround(spec, r, r).filter((iv) => iv.end === r);
        expect(ivs.length, `${isoOf(r)} is the end of an open interval`).toBeGreaterThan(0);
        expect(ivs.some((iv) => O.closeOf(spec, iv.date) === r)).toBe(true);
        expect(isOpenAt(c, r - 1)).toBe(true);
        // closed at r, unless another interval starts exactly there (or overlaps it)
        if (isOpenAt(c, r)) expect(O.intervalsAround(spec, r, r).some((iv) => iv.start <= r && r < iv.end)).toBe(true);
      }),
      runs(200),
    );
  });
});

describe("chinaWorkCalendar agrees with the oracle reading its own spec", () => {
  const variants = [chinaWorkCalendar(), chinaWorkCalendar({ hours: ["09:00-12:00", "13:30-18:00"] }), chinaWorkCalendar({ hours: ["20:00-02:00"], timeZone: "America/New_York" })];
  const first = Date.UTC(2024, 0, 3) / MINUTE;
  const last = Date.UTC(2026, 11, 20) / MINUTE;
  it("isOpenAt, businessTimeBetween, addBusinessTime, addBusinessDays around 2024-2026", () => {
    fc.assert(
      fc.property(fc.constantFrom(...variants), fc.integer({ min: first, max: last }), fc.integer({ min: 0, max: 3 * 1440 }), fc.nat(3), (c, m, len, n) => {
        const spec = c.spec as O.OracleSpec;
        const s = m * MINUTE;
        const t = s + len * MINUTE;
        expect(isOpenAt(c, s), `isOpenAt ${isoOf(s)}`).toBe(O.isOpenAt(spec, s));
        const between = O.businessTimeBetween(spec, s, t);
        expect(businessTimeBetween(c, s, t), `between ${isoOf(s)} .. ${isoOf(t)}`).toBe(between);
        expect(isoOf(addBusinessTime(c, s, between).getTime())).toBe(isoOf(O.addBusinessTime(spec, s, between, 3 * DAY)));
        expect(isoOf(addBusinessDays(c, s, n).getTime()), `addBusinessDays ${isoOf(s)} + ${n}`).toBe(isoOf(O.addBusinessDays(spec, s, n, 30)));
        comparisons += 4;
      }),
      runs(150),
    );
  });
});

describe("validFrom / validTo and never-open calendars", () => {
  it("instants on uncovered dates throw CALENDAR_OUT_OF_RANGE; covered ones agree with the oracle", () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: -3, max: 0 }), fc.integer({ min: 0, max: 3 }), offsetArb(5), ({ spec, anchor }, f, t, off) => {
        const centre = O.localDateOf(spec.timeZone, anchor);
        const bounded: CalendarSpec = { ...spec, validFrom: O.addDays(centre, f), validTo: O.addDays(centre, t) };
        const c = cal(bounded);
        const x = anchor + off;
        // an instant after validTo up to the last close of a covered date counts as covered (results can be passed back in)
        const lastClose = Math.max(-Infinity, ...O.intervalsAround(bounded, x - 3 * DAY, x + 3 * DAY).map((i) => i.end));
        const covered = O.isCovered(bounded, O.localDateOf(bounded.timeZone, x)) || (O.localDateOf(bounded.timeZone, x) > bounded.validTo! && x <= lastClose);
        if (!covered) {
          expect(errCode(() => isOpenAt(c, x))).toBe("CALENDAR_OUT_OF_RANGE");
          expect(errCode(() => businessTimeBetween(c, anchor, x))).toBe("CALENDAR_OUT_OF_RANGE");
          expect(errCode(() => addBusinessTime(c, x, 0))).toBe("CALENDAR_OUT_OF_RANGE");
          expect(errCode(() => addBusinessDays(c, x, 0))).toBe("CALENDAR_OUT_OF_RANGE");
          return;
        }
        expect(isOpenAt(c, x)).toBe(O.isOpenAt(bounded, x));
        const [a, b] = anchor <= x ? [anchor, x] : [x, anchor];
        expect(businessTimeBetween(c, a, b)).toBe(O.businessTimeBetween(bounded, a, b));
        // addBusinessTime: inside the covered dates (the last close is fine), else out of range
        const d = 2 * HOUR;
        const want = O.addBusinessTime(bounded, a, d, 9 * DAY);
        const code = errCode(() => addBusinessTime(c, a, d));
        if (want === undefined) expect(code === "CALENDAR_OUT_OF_RANGE" || code === "CALENDAR_NEVER_OPEN").toBe(true);
        else expect(isoOf(addBusinessTime(c, a, d).getTime())).toBe(isoOf(want));
        const wantDays = O.addBusinessDays(bounded, a, 1, 20);
        if (wantDays === undefined) {
          const cd = errCode(() => addBusinessDays(c, a, 1));
          expect(cd === "CALENDAR_OUT_OF_RANGE" || cd === "CALENDAR_NEVER_OPEN").toBe(true);
        } else expect(isoOf(addBusinessDays(c, a, 1).getTime())).toBe(isoOf(wantDays));
      }),
      runs(150),
    );
  });

  it("a calendar with no open time: false / 0 / s, and searches throw CALENDAR_NEVER_OPEN", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), offsetArb(400), (zone, off) => {
        const spec: CalendarSpec = { timeZone: zone, week: {} };
        const c = cal(spec);
        const s = Date.UTC(2024, 0, 1) + off;
        expect(isOpenAt(c, s)).toBe(false);
        expect(isBusinessDay(c, s)).toBe(false);
        expect(businessTimeBetween(c, s, s + 30 * DAY)).toBe(0);
        expect(addBusinessTime(c, s, 0).getTime()).toBe(s);
        expect(errCode(() => addBusinessTime(c, s, MINUTE))).toBe("CALENDAR_NEVER_OPEN");
        expect(errCode(() => nextOpening(c, s))).toBe("CALENDAR_NEVER_OPEN");
        expect(errCode(() => addBusinessDays(c, s, 0))).toBe("CALENDAR_NEVER_OPEN");
      }),
      runs(20),
    );
  });
});

describe("host time zone independence", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("no local-time Date method and no Intl formatter without timeZone is used", () => {
    const methods = [
      "getFullYear",
      "getMonth",
      "getDate",
      "getDay",
      "getHours",
      "getMinutes",
      "getSeconds",
      "getTimezoneOffset",
      "setFullYear",
      "setMonth",
      "setDate",
      "setHours",
      "setMinutes",
      "toString",
      "toDateString",
      "toTimeString",
      "toLocaleString",
      "toLocaleDateString",
      "toLocaleTimeString",
    ] as const;
    const spies = methods.map((m) => vi.spyOn(Date.prototype, m));
    const RealDTF = Intl.DateTimeFormat;
    const missingZone: unknown[] = [];
    const Wrapped = function (this: unknown, locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
      if (options?.timeZone === undefined) missingZone.push(options);
      return new RealDTF(locales, options);
    } as unknown as typeof Intl.DateTimeFormat;
    Object.assign(Wrapped, RealDTF);
    vi.spyOn(Intl, "DateTimeFormat").mockImplementation(Wrapped as never);

    // Zones not used elsewhere, so any per-zone cache is filled inside the spied section.
    for (const zone of ["Asia/Kathmandu", "America/St_Johns", "Europe/Dublin"]) {
      const c = defineCalendar({
        timeZone: zone,
        week: { mon: ["09:00-17:00"], tue: ["22:00-06:00"], wed: ["00:00-24:00"], fri: ["01:30-03:15"] },
        holidays: ["2024-03-13"],
        workdays: ["2024-03-16"],
      });
      const s = Date.UTC(2024, 2, 9, 12);
      isOpenAt(c, s);
      isBusinessDay(c, "2024-03-11");
      isBusinessDay(c, s);
      nextOpening(c, s);
      businessTimeBetween(c, s, s + 40 * DAY);
      addBusinessTime(c, s, 30 * HOUR);
      addBusinessDays(c, s, 5);
    }
    for (const [i, spy] of spies.entries()) expect(spy, `Date.prototype.${methods[i]}`).not.toHaveBeenCalled();
    expect(missingZone).toEqual([]);
  });

  it("pinned results do not depend on process TZ (same values under every TZ run)", () => {
    // Worked out by hand: New York, Mon-Fri 09:00-17:00; Friday 2024-03-08 16:00 EST + 2 h
    // -> 1 h Friday, Monday 2024-03-11 opens 09:00 EDT (13:00Z) -> 14:00Z.
    const c = defineCalendar({ timeZone: "America/New_York", week: weekdays("09:00-17:00") });
    expect(addBusinessTime(c, Date.UTC(2024, 2, 8, 21), 2 * HOUR).toISOString()).toBe("2024-03-11T14:00:00.000Z");
    expect(addBusinessDays(c, Date.UTC(2024, 2, 8, 21), 1).toISOString()).toBe("2024-03-11T21:00:00.000Z");
    expect(businessTimeBetween(c, Date.UTC(2024, 2, 8, 0), Date.UTC(2024, 2, 12, 0))).toBe(16 * HOUR);
  });
});
