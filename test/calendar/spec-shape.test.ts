/**
 * The calendar entry checks CalendarSpec shapes by hand (no zod, issue 15); the zod schema
 * (calendarSpecSchema, for JSON Schema and policy files) must accept exactly the same shapes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCalendarSpec } from "../../src/calendar/index.js";
import { calendarSpecSchema } from "../../src/calendar/schema.js";
import { isSlaKitError } from "../../src/errors.js";

const anyValue = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.array(fc.string({ maxLength: 12 }), { maxLength: 2 }));
const hours = fc.oneof(fc.array(fc.constantFrom("09:00-17:00", "22:00-06:00", "x"), { maxLength: 2 }), anyValue);
const entry = (withHours: boolean) =>
  fc.oneof(
    fc.constantFrom("2024-01-01", "nope"),
    fc.record({ date: fc.oneof(fc.constant("2024-01-01"), anyValue), name: fc.oneof(fc.string({ maxLength: 4 }), anyValue), ...(withHours ? { hours } : {}) }, { requiredKeys: ["date"] }),
    anyValue,
  );
const specArb = fc.record(
  {
    id: fc.oneof(fc.constantFrom("a", ""), anyValue),
    timeZone: fc.oneof(fc.constant("UTC"), anyValue),
    week: fc.oneof(fc.record({ mon: hours, sat: hours, monday: hours }, { requiredKeys: [] }), anyValue),
    holidays: fc.oneof(fc.array(entry(false), { maxLength: 2 }), anyValue),
    workdays: fc.oneof(fc.array(entry(true), { maxLength: 2 }), anyValue),
    validFrom: fc.oneof(fc.constant("2024-01-01"), anyValue),
    beyondData: fc.oneof(fc.constantFrom("error", "weekdays", "guess"), anyValue),
    maxReachYears: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.string({ maxLength: 2 }), fc.constant(null)),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

describe("parseCalendarSpec (hand-written) and calendarSpecSchema (zod) accept the same shapes", () => {
  it("property: same verdict on random specs; a rejection is INVALID_CALENDAR with a path", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const zodOk = calendarSpecSchema.safeParse(spec).success;
        let handOk = true;
        try {
          parseCalendarSpec(spec);
        } catch (e) {
          expect(isSlaKitError(e, "INVALID_CALENDAR")).toBe(true);
          handOk = false;
        }
        expect(handOk).toBe(zodOk);
      }),
      { numRuns: 2000 },
    );
  });
});
