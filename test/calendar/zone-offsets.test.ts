/**
 * Zone offsets (src/_lib/zone.ts) are read from Intl's `longOffset` text (issue 15, cheaper per
 * sample); they must equal the offsets computed from the wall time Intl prints, to the second.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { offsetAt, offsetSpan } from "../../src/_lib/zone.js";

/** Offset from the wall time Intl prints (the method used before `longOffset`). */
function wallOffset(timeZone: string, ms: number): number {
  const s = Math.floor(ms / 1000) * 1000;
  const f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", era: "short" });
  const p = Object.fromEntries(f.formatToParts(s).map((x) => [x.type, x.value]));
  const d = new Date(Date.UTC(2000, Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)));
  d.setUTCFullYear(p.era?.startsWith("B") ? 1 - Number(p.year) : Number(p.year));
  return d.getTime() - s;
}

const ZONES = ["Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Africa/Casablanca", "America/St_Johns", "Pacific/Chatham", "Europe/Dublin", "UTC"];

describe("zone offsets from Intl longOffset", () => {
  it("local mean time keeps its seconds: Shanghai in 1900 is +08:05:43", () => {
    expect(offsetAt("Asia/Shanghai", Date.UTC(1900, 0, 1))).toBe(((8 * 60 + 5) * 60 + 43) * 1000);
    expect(offsetAt("Asia/Shanghai", Date.UTC(2025, 0, 1))).toBe(8 * 3_600_000);
  });
  it("equal the offsets of Intl's wall time, 1850-2100 and far instants, half-hour and DST zones", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.oneof(fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: -8.6e15, max: 8.6e15 })), (tz, ms) => {
        expect(offsetAt(tz, ms)).toBe(wallOffset(tz, ms));
      }),
      { numRuns: 300 },
    );
  });
  it("stay exact when queries move back and forth between a few years and zones (the recent-years memo)", () => {
    // a batch of tickets from 2024-2026 read in two zones: each year's table is recalled, never mixed up
    const years = [1987, 2024, 2025, 2026, 2027];
    const query = fc.tuple(fc.constantFrom("America/New_York", "Asia/Shanghai", "Europe/London"), fc.constantFrom(...years), fc.integer({ min: 0, max: 365 * 86_400_000 - 1 }));
    fc.assert(
      fc.property(fc.array(query, { minLength: 1, maxLength: 40 }), (qs) => {
        for (const [tz, y, into] of qs) {
          const ms = Date.UTC(y, 0, 1) + into;
          const want = wallOffset(tz, ms);
          expect(offsetAt(tz, ms)).toBe(want);
          const span = offsetSpan(tz, ms);
          expect(span.offset).toBe(want);
          expect(span.from <= ms && ms < span.to).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
