/**
 * Issue 11: a policy file's calendars may name holiday-year files relative to the policy file; the
 * command reads them and inlines the objects before parsePolicy (the library takes objects only).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inlineCalendarFiles } from "../../src/cli/io.js";
import { robotIntegration2026 } from "../../src/sla/index.js";
import { cli, scratch } from "./_cli.js";

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

describe("diff of two policies that differ only in calendar data (issue 11)", () => {
  it("names the changed calendar, no target row, and lists the tickets whose deadlines move", async () => {
    const json = JSON.parse(JSON.stringify(robotIntegration2026)) as { version: string; calendars: Record<string, unknown> };
    json.version = "1.0.1";
    json.calendars["china-workdays"] = { builtin: "chinaWorkCalendar", hours: ["09:00-12:00", "13:00-17:00"] };
    const tickets = file("open-tickets.json", JSON.stringify([
      { id: "R-1", service: "requirement", tier: "core", createdAt: "2024-05-06T10:00:00+08:00", events: [] },
      { id: "F-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [] },
    ]));
    const r = await cli("diff", "robotIntegration2026", file("hours.json", JSON.stringify(json)), "--tickets", tickets, "--as-of", "2024-05-06T12:00:00+08:00");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Targets: 0 row(s) changed");
    expect(r.out).toContain("Calendars changed: china-workdays");
    expect(r.out).toContain(`${tickets}#R-1 assessment: dueAt "2024-05-07T10:00:00.000Z" -> "2024-05-07T09:00:00.000Z"`);
    expect(r.out).not.toContain("#F-1");
    expect((await cli("diff", "robotIntegration2026", join(dir, "hours.json"), "--tickets", tickets, "--as-of", "2024-05-06T12:00:00+08:00", "--fail-on", "change")).code).toBe(1);
    const j = JSON.parse((await cli("diff", "robotIntegration2026", join(dir, "hours.json"), "--tickets", tickets, "--as-of", "2024-05-06T12:00:00+08:00", "--reporter", "json")).out);
    expect(j.calendars).toEqual(["china-workdays"]);
    expect(j.targets).toEqual({});
  });
});

describe("a new year of holiday data: diff lists the tickets whose deadlines move (issue 11)", () => {
  const year2027 = {
    year: 2027,
    source: { title: "国务院办公厅关于2027年部分节假日安排的通知 (test data)", published: "2026-11-10" },
    holidays: [{ date: "2027-01-01", name: "New Year's Day" }],
    workdays: [],
  };
  const open = { id: "T-7", service: "complaint", tier: "ordinary", createdAt: "2026-12-18T10:00:00+08:00", events: [] };
  const asOf = "2026-12-20T10:00:00+08:00";
  it("before/after adding ./china-2027.json (relative to the policy file): closure goes unknown -> pending, nothing errors", async () => {
    mkdirSync(join(dir, "y2027"), { recursive: true });
    const json = JSON.parse(JSON.stringify(robotIntegration2026)) as { version: string; calendars: Record<string, unknown> };
    const oldFile = join(dir, "y2027", "old.json");
    writeFileSync(oldFile, JSON.stringify(json));
    writeFileSync(join(dir, "y2027", "china-2027.json"), JSON.stringify(year2027));
    json.version = "1.0.1";
    json.calendars["china-workdays"] = { builtin: "china", years: ["./china-2027.json"] };
    const newFile = join(dir, "y2027", "new.json");
    writeFileSync(newFile, JSON.stringify(json));
    const tickets = file("dec.json", JSON.stringify([open]));
    const r = await cli("diff", oldFile, newFile, "--tickets", tickets, "--as-of", asOf, "--fail-on", "flip");
    expect(r.out).toContain("Targets: 0 row(s) changed");
    expect(r.out).toContain("Calendars changed: china-workdays");
    expect(r.out).toMatch(/#T-7 closure: status "unknown" -> "pending" \(CALENDAR_OUT_OF_RANGE: .*2027-01-01/);
    expect(r.out).toContain('#T-7 closure: dueAt null -> "2027-01-04T10:00:00.000Z"');
    expect(r.out).not.toContain("errored");
    expect(r.code).toBe(1); // a status flipped
    const j = JSON.parse((await cli("diff", oldFile, newFile, "--tickets", tickets, "--as-of", asOf, "--reporter", "json")).out);
    expect(j.errored).toEqual([]);
    expect(j.counts["unknown -> pending"]).toBe(1);
    // validate reads the year file too
    expect((await cli("validate", newFile)).code).toBe(0);
  });
  it("explain prints an unknown stage's error; golden cases pin it", async () => {
    const t = file("t7.json", JSON.stringify(open));
    const r = await cli("explain", "robotIntegration2026", "--ticket", t, "--as-of", asOf);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/closure {2}unknown {2}due -\n {2}error CALENDAR_OUT_OF_RANGE: /);
    expect(r.out).toMatch(/solution {2}pending/);
    const cases = file("unknown.yaml", `policy: robotIntegration2026
cases:
  - id: S11 closure past the calendar's data is unknown, the other stages still evaluated
    kind: evaluateTicket
    asOf: ${asOf}
    input:
      ticket: { id: T-7, service: complaint, tier: ordinary, createdAt: 2026-12-18T10:00:00+08:00, events: [] }
    expect:
      stages:
        - { stage: solution, status: pending }
        - { stage: closure, status: unknown, dueAt: null, error: { code: CALENDAR_OUT_OF_RANGE } }
`);
    expect((await cli("check", cases)).code).toBe(0);
    const wrong = await cli("check", file("unknown2.yaml", readFileSync(cases, "utf8").replace("status: unknown", "status: pending")));
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('stages[stage=closure].status: expected "pending", got "unknown"');
  });
});
