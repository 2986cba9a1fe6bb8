/**
 * The built-in data is encoded for size (issue 15: pure builders a bundler can drop, compact runs
 * of holiday dates); what users receive must not change. The fixture is the JSON of each object as
 * the plain encoding produced it (key order included), written once before the re-encoding.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chinaHolidayYears } from "../../src/calendar/index.js";
import { cableOperatorNorms, robotIntegration2026 } from "../../src/sla/index.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/builtin-data.json", import.meta.url), "utf8")) as {
  chinaHolidayYears: unknown;
  robotIntegration2026: unknown;
  cableOperatorNorms: unknown;
  hashes: { robotIntegration2026: string; cableOperatorNorms: string };
};

describe("built-in data, byte for byte as before its size-minded encoding", () => {
  it("T6 chinaHolidayYears: every year, date, name and notice, in the same order and key order", () => {
    expect(JSON.stringify(chinaHolidayYears)).toBe(JSON.stringify(fixture.chinaHolidayYears));
    expect(chinaHolidayYears.map((y) => [y.year, y.holidays.length, y.workdays.length])).toEqual([
      [2024, 28, 8],
      [2025, 28, 5],
      [2026, 33, 6],
    ]);
  });

  it("S1-S14 robotIntegration2026: the same policy JSON (rows, notes, calendars) and hash", () => {
    expect(JSON.stringify(robotIntegration2026)).toBe(JSON.stringify(fixture.robotIntegration2026));
    expect(robotIntegration2026.hash).toBe(fixture.hashes.robotIntegration2026);
    expect(robotIntegration2026.targets.filter((r) => r.note !== undefined).map((r) => r.id)).toEqual(["S4:fault:handling:core-urgent"]);
  });

  it("S20-S25 cableOperatorNorms: the same policy JSON and hash", () => {
    expect(JSON.stringify(cableOperatorNorms)).toBe(JSON.stringify(fixture.cableOperatorNorms));
    expect(cableOperatorNorms.hash).toBe(fixture.hashes.cableOperatorNorms);
  });
});
