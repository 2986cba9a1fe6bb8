/**
 * fromZonedTime against an independent oracle: for a wall time, every offset on a 15-minute grid
 * from -14h to +14h is tried and the instants whose wall time (read straight from Intl) equals it
 * are kept; "compatible" takes the earliest, and a skipped wall time is read with the offset in
 * force a day before (moved forward by the gap).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromZonedTime } from "../../src/calendar/index.js";
import { isSlaKitError } from "../../src/errors.js";

const ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu", "Asia/Shanghai", "UTC"];
const MIN = 60_000;
const HOUR = 60 * MIN;

const fmts = new Map<string, Intl.DateTimeFormat>();
/** Wall time of an instant in a zone, as ms of the same fields read as UTC (Intl only). */
function wallOf(zone: string, ms: number): number {
  let f = fmts.get(zone);
  if (!f) fmts.set(zone, (f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" })));
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + (ms % 1000 + 1000) % 1000;
}

function oracle(zone: string, wall: number): number {
  const hits: number[] = [];
  for (let o = -14 * HOUR; o <= 14 * HOUR; o += 15 * MIN) if (wallOf(zone, wall - o) === wall) hits.push(wall - o);
  if (hits.length > 0) return Math.min(...hits);
  // skipped: read with the offset before the gap
  const before = wallOf(zone, wall - 36 * HOUR) - (wall - 36 * HOUR);
  return wall - before;
}

const text = (wall: number): string => new Date(wall).toISOString().slice(0, 19);

/** Instants (to the hour) where the zone's offset changes in [fromYear, toYear). */
function transitions(zone: string, fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  let prev = wallOf(zone, Date.UTC(fromYear, 0, 1)) - Date.UTC(fromYear, 0, 1);
  const off = (t: number): number => wallOf(zone, t) - t;
  for (let t = Date.UTC(fromYear, 0, 1); t < Date.UTC(toYear, 0, 1); t += 6 * HOUR) {
    const o = off(t);
    if (o !== prev) {
      let lo = t - 6 * HOUR, hi = t; // bisect to the minute
      while (hi - lo > MIN) {
        const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN;
        if (off(mid) === prev) lo = mid;
        else hi = mid;
      }
      out.push(hi);
    }
    prev = o;
  }
  return out;
}

describe("fromZonedTime: DST-correct wall time -> instant", () => {
  it("matches the brute-force Intl oracle at random wall times 2015-2035 in zones with odd offsets and DST", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2015, 0, 1) / MIN, max: Date.UTC(2035, 0, 1) / MIN }), (zone, minute) => {
        const wall = minute * MIN;
        expect(fromZonedTime(text(wall), zone).getTime()).toBe(oracle(zone, wall));
      }),
      { numRuns: 100 },
    );
  });

  for (const zone of ZONES.filter((z) => z !== "UTC" && z !== "Asia/Shanghai" && z !== "Asia/Kathmandu")) {
    it(`matches the oracle every 15 minutes around each 2026 transition of ${zone} (gaps and overlaps)`, () => {
      const ts = transitions(zone, 2026, 2027);
      expect(ts.length).toBeGreaterThanOrEqual(2);
      for (const t of ts) {
        const w = Math.floor(wallOf(zone, t) / (15 * MIN)) * 15 * MIN;
        for (let wall = w - 2 * HOUR; wall <= w + 2 * HOUR; wall += 15 * MIN) {
          expect([text(wall), fromZonedTime(text(wall), zone).toISOString()]).toEqual([text(wall), new Date(oracle(zone, wall)).toISOString()]);
        }
      }
    });
  }

  it("reads a repeated time as the earlier instant and moves a skipped one forward by the gap (compatible)", () => {
    // Europe/London: 2026-03-29 01:00 GMT -> 02:00 BST; 2026-10-25 02:00 BST -> 01:00 GMT
    expect(fromZonedTime("2026-03-29 01:30", "Europe/London").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(fromZonedTime("2026-10-25 01:30", "Europe/London").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    // Lord Howe shifts by 30 minutes
    expect(fromZonedTime("2026-10-04 02:15", "Australia/Lord_Howe").toISOString()).toBe(new Date(oracle("Australia/Lord_Howe", Date.UTC(2026, 9, 4, 2, 15))).toISOString());
  });

  it("does not depend on the host TZ and keeps milliseconds; an explicit offset wins over the zone", () => {
    expect(fromZonedTime("2026-07-01T12:00:00.250", "Asia/Shanghai").toISOString()).toBe("2026-07-01T04:00:00.250Z");
    expect(fromZonedTime("2026-07-01T12:00:00+02:00", "Asia/Shanghai").toISOString()).toBe("2026-07-01T10:00:00.000Z");
    expect(fromZonedTime("2026-07-01", "America/New_York").toISOString()).toBe("2026-07-01T04:00:00.000Z");
  });

  it("rejects texts that are not local date-times, impossible dates and unknown zones with INVALID_ARGUMENT and a path", () => {
    for (const bad of ["", "07/01/2026", "2026-02-29 10:00", "2026-04-31", "2026-01-01 24:00", "2026-01-01T10:60"]) {
      let err: unknown;
      try { fromZonedTime(bad, "UTC", { path: ["rows", 3, "createdAt"] }); } catch (e) { err = e; }
      expect(isSlaKitError(err, "INVALID_ARGUMENT"), bad).toBe(true);
      expect((err as { path: unknown }).path).toEqual(["rows", 3, "createdAt"]);
    }
    expect(() => fromZonedTime("2026-01-01", "Mars/Olympus")).toThrow(/Unknown time zone/);
    expect(() => fromZonedTime(42 as unknown as string, "UTC")).toThrow(/local date-time/);
  });
});
