/**
 * Issue 11: a policy file's calendars may name holiday-year files relative to the policy file; the
 * command reads them and inlines the objects before parsePolicy (the library takes objects only).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inlineCalendarFiles } from "../../src/cli/io.js";
import { scratch } from "./_cli.js";

const { dir, file } = scratch("sla-kit-calendars-");

describe("calendar year files in policy files (issue 11)", () => {
  const year2027 = { year: 2027, source: "State Council notice (test data)", holidays: [], workdays: [] };
  it("reads ./china-2027.json relative to the policy file (JSON or YAML) and keeps inline years", () => {
    mkdirSync(join(dir, "policies", "data"), { recursive: true });
    writeFileSync(join(dir, "policies", "data", "china-2027.json"), JSON.stringify(year2027));
    writeFileSync(join(dir, "policies", "data", "china-2028.yaml"), "year: 2028\nsource: test\nholidays: []\nworkdays: []\n");
    const policyFile = join(dir, "policies", "p.json");
    const inline = { year: 2029, source: "inline", holidays: [], workdays: [] };
    const data = { id: "p", calendars: { "china-workdays": { builtin: "china", years: ["./data/china-2027.json", "data/china-2028.yaml", inline] }, other: { timeZone: "UTC" } } };
    const out = inlineCalendarFiles(data, policyFile) as typeof data;
    expect(out.calendars["china-workdays"].years).toEqual([year2027, { year: 2028, source: "test", holidays: [], workdays: [] }, inline]);
    expect(out.calendars.other).toBe(data.calendars.other);
    // the input is not mutated
    expect(data.calendars["china-workdays"].years[0]).toBe("./data/china-2027.json");
  });
  it("a missing or malformed year file is a usage error naming the file", () => {
    const policyFile = file("q.json", "{}");
    expect(() => inlineCalendarFiles({ calendars: { c: { builtin: "china", years: ["./nope.json"] } } }, policyFile)).toThrow(/nope\.json: cannot read \(ENOENT\)/);
    file("bad.json", "{ year: 2027 }");
    expect(() => inlineCalendarFiles({ calendars: { c: { builtin: "china", years: ["bad.json"] } } }, policyFile)).toThrow(/bad\.json:1:3: malformed JSON/);
  });
  it("a calendar named __proto__ stays data (own property), nothing is polluted", () => {
    const data = JSON.parse('{"calendars": {"__proto__": {"builtin": "china", "years": []}}}') as unknown;
    const out = inlineCalendarFiles(data, file("r.json", "{}")) as { calendars: object };
    expect(Object.hasOwn(out.calendars, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>)["builtin"]).toBeUndefined();
  });
});
