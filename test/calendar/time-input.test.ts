/**
 * Issue 13 "one time input everywhere" (docs/rules.md, Readings: time inputs): every public
 * function takes `Date | number | ISO-8601 string with an offset` alike, and a time without an
 * offset is an error that says how to fix it, never a reading in the host's zone. Run under three
 * host zones by `npm test`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addBusinessTime,
  alwaysOpen,
  businessTimeBetween,
  chinaWorkCalendar,
  defineCalendar,
  firstAssumedDate,
  isOpenAt,
  nextOpening,
} from "../../src/calendar/index.js";
import { dueAt, evaluateTicket, robotIntegration2026 } from "../../src/sla/index.js";
import { thrown, weekdays } from "./_fixture.js";

const china = chinaWorkCalendar();
const ny = defineCalendar({ timeZone: "America/New_York", week: weekdays("09:00-17:00") });
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2026, 10, 30);

/** The instant `ms` written with the offset `offsetMin` (minutes east of UTC), as a person would. */
function withOffset(ms: number, offsetMin: number): string {
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
  const sign = offsetMin < 0 ? "-" : "+";
  const a = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}



/** Each public instant-taking call, as a function of one instant input. */
const calls: Record<string, (t: Date | number | string) => unknown> = {
  addBusinessTime: (t) => addBusinessTime(china, t, 3 * 3_600_000).getTime(),
  addBusinessDays: (t) => addBusinessDays(china, t, 2).getTime(),
  isOpenAt: (t) => isOpenAt(ny, t),
  nextOpening: (t) => nextOpening(ny, t).getTime(),
  "businessTimeBetween (from)": (t) => businessTimeBetween(china, t, TO + 86_400_000),
  "businessTimeBetween (to)": (t) => businessTimeBetween(china, FROM, t),
  firstAssumedDate: (t) => firstAssumedDate(chinaWorkCalendar({ beyondData: "weekdays" }), FROM, t),
  dueAt: (t) => dueAt(robotIntegration2026, { service: "complaint", stage: "investigation", tier: "core" }, t).getTime(),
  "evaluateTicket asOf": (t) =>
    evaluateTicket(robotIntegration2026, { id: "T", service: "complaint", tier: "core", createdAt: FROM, events: [] }, { asOf: t }).stages.map((s) => s.status).join(),
};

describe("issue 13: one time input everywhere", () => {
  it("law: an ISO-8601 string with any offset gives the same answer as the Date and the epoch ms it names", () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM, max: TO }), fc.integer({ min: -12 * 60, max: 14 * 60 }), (ms, off) => {
        for (const [name, f] of Object.entries(calls)) {
          const want = f(ms);
          expect(f(new Date(ms)), name).toEqual(want);
          expect(f(withOffset(ms, off)), name).toEqual(want);
          expect(f(new Date(ms).toISOString()), name).toEqual(want);
        }
      }),
      { numRuns: 60 },
    );
  });

  it.each(["2026-01-05T10:00", "2026-01-05 10:00:00", "2026-01-05"])("a time without an offset (%s) is INVALID_ARGUMENT naming the fix, in every call", (text) => {
    for (const [name, f] of Object.entries(calls)) {
      const err = thrown(() => f(text));
      expect(err?.code, name).toBe("INVALID_ARGUMENT");
      expect(err?.message, name).toMatch(/no offset.*fromZonedTime/);
    }
  });

  it("text that is no time at all, or names an impossible date, is INVALID_ARGUMENT", () => {
    for (const text of ["tomorrow", "2026-02-30T10:00:00Z", "", "2026-01-05T25:00:00Z"]) {
      expect(thrown(() => addBusinessTime(alwaysOpen(), text, 0))?.code, text).toBe("INVALID_ARGUMENT");
    }
  });
});
