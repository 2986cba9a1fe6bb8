/**
 * Hostile input for the calendar (issue 14): far-off dates never cost more than the years they
 * touch, queries reach at most maxReachYears, alwaysOpen is exact over the whole Date range, and
 * only SlaKitError escapes.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addBusinessTime,
  alwaysOpen,
  businessTimeBetween,
  chinaWorkCalendar,
  defineCalendar,
  isBusinessDay,
  isOpenAt,
  nextOpening,
} from "../../src/calendar/index.js";
import { SlaKitError } from "../../src/errors.js";
import { H, weekdays } from "./_fixture.js";

const MAX = 8.64e15;
const WEEKDAYS = weekdays("09:00-18:00");
const ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Pacific/Chatham", "Australia/Lord_Howe", "America/Sao_Paulo"] as const;

/** Runs f; returns its value, or the SlaKitError code. Anything else thrown fails the test. */
function outcome(f: () => unknown): unknown {
  try {
    const r = f();
    if (r instanceof Date) expect(Number.isNaN(r.getTime())).toBe(false);
    if (typeof r === "number") expect(Number.isFinite(r)).toBe(true);
    return r;
  } catch (e) {
    expect(e).toBeInstanceOf(SlaKitError);
    return (e as SlaKitError).code;
  }
}

describe("alwaysOpen over the whole Date range (issue 14)", () => {
  it("is open and additive at +-8.64e15", () => {
    expect(isOpenAt(alwaysOpen(), MAX)).toBe(true);
    expect(isOpenAt(alwaysOpen(), -MAX)).toBe(true);
    expect(businessTimeBetween(alwaysOpen(), 0, MAX)).toBe(MAX);
    expect(businessTimeBetween(alwaysOpen("Asia/Shanghai"), -MAX, MAX)).toBe(2 * MAX);
    expect(nextOpening(alwaysOpen("America/New_York"), -MAX).getTime()).toBe(-MAX);
    expect(isBusinessDay(alwaysOpen("America/New_York"), -MAX)).toBe(true);
    expect(addBusinessTime(alwaysOpen(), MAX - Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).getTime()).toBe(MAX);
  });

  it("a result past the Date range is CALENDAR_OUT_OF_RANGE, never an Invalid Date", () => {
    expect(outcome(() => addBusinessTime(alwaysOpen("Asia/Shanghai"), MAX - 10, 30))).toBe("CALENDAR_OUT_OF_RANGE");
    expect(outcome(() => addBusinessDays(alwaysOpen("Asia/Shanghai"), MAX - 86_400_000, 3))).toBe("CALENDAR_OUT_OF_RANGE");
  });

  it("property: in every zone, between = elapsed time and add = plus, for any instants", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: -MAX, max: MAX }), fc.integer({ min: -MAX, max: MAX }), (zone, a, b) => {
        const c = alwaysOpen(zone);
        expect(businessTimeBetween(c, a, b)).toBe(b - a);
        expect(isOpenAt(c, a)).toBe(true);
        const lo = Math.min(a, b);
        if (Math.abs(b - a) <= Number.MAX_SAFE_INTEGER) expect(addBusinessTime(c, lo, Math.abs(b - a)).getTime()).toBe(Math.max(a, b));
        expect(typeof outcome(() => addBusinessDays(c, a, 1))).not.toBe("number");
      }),
      { numRuns: 200 },
    );
  });
});

describe("calendars with hours: years 1000-9999, only SlaKitError (issue 14)", () => {
  const sh = defineCalendar({ timeZone: "Asia/Shanghai", week: WEEKDAYS });

  it("nextOpening never reports NaN-NaN-NaN; far instants are CALENDAR_OUT_OF_RANGE naming the date", () => {
    for (const at of [MAX, -MAX, Date.UTC(9999, 11, 31, 12), Date.UTC(10000, 0, 1)]) {
      try {
        nextOpening(sh, at);
      } catch (e) {
        expect(e).toBeInstanceOf(SlaKitError);
        expect((e as SlaKitError).code).toBe("CALENDAR_OUT_OF_RANGE");
        expect((e as SlaKitError).message).not.toContain("NaN");
        expect(JSON.stringify((e as SlaKitError).details)).not.toContain("NaN");
        continue;
      }
      throw new Error(`nextOpening(${at}) should throw`);
    }
    expect(nextOpening(sh, Date.UTC(9999, 5, 1)).toISOString()).toBe("9999-06-01T01:00:00.000Z");
  });

  it("property: any instant of the Date range in any zone gives a correct answer or a SlaKitError (no Intl RangeError)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.oneof(fc.integer({ min: -MAX, max: MAX }), fc.constantFrom(MAX, -MAX, MAX - 1, -MAX + 1)), (zone, t) => {
        const c = defineCalendar({ timeZone: zone, week: WEEKDAYS });
        outcome(() => isOpenAt(c, t));
        outcome(() => isBusinessDay(c, t));
        outcome(() => nextOpening(c, t));
        outcome(() => addBusinessTime(c, t, H));
        outcome(() => addBusinessDays(c, t, 2));
        outcome(() => businessTimeBetween(c, t, Date.UTC(2024, 0, 1)));
        outcome(() => isBusinessDay(alwaysOpen(zone), t));
        outcome(() => addBusinessDays(alwaysOpen(zone), t, 1));
      }),
      { numRuns: 150 },
    );
  });

  it("bad arguments to the constructors are INVALID_ARGUMENT, never a TypeError", () => {
    expect(outcome(() => chinaWorkCalendar(null as never))).toBe("INVALID_ARGUMENT");
    expect(outcome(() => alwaysOpen(Object.create(null) as never))).toBe("INVALID_ARGUMENT");
    expect(outcome(() => alwaysOpen(42 as never))).toBe("INVALID_ARGUMENT");
  });
});

describe("maxReachYears: a query reaches at most so far beyond its anchor (issue 14)", () => {
  const sparse = defineCalendar({ timeZone: "America/New_York", week: { sun: ["01:00-02:00"] } });

  it("20 years of business time on a sparse calendar is refused at once with the limit in details", () => {
    try {
      addBusinessTime(sparse, Date.UTC(2024, 0, 1), 20 * 365 * 24 * H);
      throw new Error("should throw");
    } catch (e) {
      expect(e).toBeInstanceOf(SlaKitError);
      expect((e as SlaKitError).code).toBe("CALENDAR_OUT_OF_RANGE");
      expect((e as SlaKitError).path).toEqual(["start"]);
      expect((e as SlaKitError).details).toMatchObject({ maxReachYears: 100, reason: "maxReachYears" });
    }
  });

  it("businessTimeBetween over more than maxReachYears is refused; within it answers", () => {
    const c = defineCalendar({ timeZone: "UTC", week: WEEKDAYS, maxReachYears: 5 });
    expect(outcome(() => businessTimeBetween(c, Date.UTC(2024, 0, 1), Date.UTC(2030, 0, 1)))).toBe("CALENDAR_OUT_OF_RANGE");
    expect(outcome(() => businessTimeBetween(c, Date.UTC(2030, 0, 1), Date.UTC(2024, 0, 1)))).toBe("CALENDAR_OUT_OF_RANGE");
    expect(businessTimeBetween(c, Date.UTC(2024, 0, 1), Date.UTC(2028, 0, 1))).toBeGreaterThan(0);
    // 20 years on a 9-18 calendar need ~78 years of dates: fine with the default, refused with 5
    expect(outcome(() => addBusinessTime(c, Date.UTC(2024, 0, 1), 20 * 365 * 24 * H))).toBe("CALENDAR_OUT_OF_RANGE");
    expect(outcome(() => addBusinessDays(c, Date.UTC(2024, 0, 1), 10 * 366))).toBe("CALENDAR_OUT_OF_RANGE");
  });

  it("maxReachYears is validated", () => {
    for (const bad of [0, 1.5, 1001, Number.NaN]) {
      expect(outcome(() => defineCalendar({ timeZone: "UTC", week: WEEKDAYS, maxReachYears: bad }))).toBe("INVALID_CALENDAR");
    }
  });

  it("property: a result within reach equals the result with a larger reach (the limit never changes an answer)", () => {
    const small = defineCalendar({ timeZone: "Asia/Shanghai", week: WEEKDAYS, maxReachYears: 3 });
    const large = defineCalendar({ timeZone: "Asia/Shanghai", week: WEEKDAYS, maxReachYears: 1000 });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2200, 0, 1) }), fc.integer({ min: 0, max: 4 * 2340 * H }), (s, d) => {
        const a = outcome(() => addBusinessTime(small, s, d));
        const b = addBusinessTime(large, s, d);
        if (a === "CALENDAR_OUT_OF_RANGE") expect(b.getTime() - s).toBeGreaterThan(2 * 365 * 86_400_000);
        else expect((a as Date).getTime()).toBe(b.getTime());
      }),
      { numRuns: 100 },
    );
  });
});

describe("no lasting cost from hostile calls (issue 14): a child process measures ratios, not wall-clock limits", () => {
  it("after dueAt-like calls anchored in 2224 and 9999 and 20 years of business time, a normal call costs what it costs in a fresh process", () => {
    const script = join(fileURLToPath(new URL(".", import.meta.url)), "fixtures", "hostile-sequence.ts");
    const r = spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { fresh: number; after: number; hostile: Record<string, number | string> };
    // every hostile call answered (a value or a SlaKitError), none hung
    expect(Object.values(out.hostile).every((v) => typeof v === "number" || v.startsWith("SlaKitError"))).toBe(true);
    // generous: the normal call after the hostile ones within 5x of (fresh + 1 ms noise floor)
    expect(out.after).toBeLessThan(5 * (out.fresh + 1));
  }, 150_000);
});
