/**
 * Pins the test oracle (test/calendar/oracle.ts) on hand-checked cases, so that the oracle and
 * the library cannot be wrong in the same way unnoticed. Every expectation here is worked out by
 * hand from the zone rules (tzdb) and docs/rules.md, not from any code's output.
 */
import { describe, expect, it } from "vitest";
import * as O from "./oracle.js";

const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());
const at = (zone: string, local: string): string | undefined => iso(O.resolveWall(zone, O.wallOfIso(local)));
const Z = (s: string): number => Date.parse(s);

describe("oracle: wall time -> instant (Temporal 'compatible')", () => {
  it("America/New_York spring gap 02:30 -> shifted forward to 03:30 EDT = 07:30Z", () => {
    expect(at("America/New_York", "2024-03-10T02:30")).toBe("2024-03-10T07:30:00.000Z");
    expect(at("America/New_York", "2024-03-10T02:00")).toBe("2024-03-10T07:00:00.000Z");
    expect(at("America/New_York", "2024-03-10T03:00")).toBe("2024-03-10T07:00:00.000Z");
    expect(at("America/New_York", "2024-03-10T01:59")).toBe("2024-03-10T06:59:00.000Z");
  });
  it("America/New_York fall overlap 01:30 -> earlier (EDT) 05:30Z", () => {
    expect(at("America/New_York", "2024-11-03T01:30")).toBe("2024-11-03T05:30:00.000Z");
    expect(at("America/New_York", "2024-11-03T02:00")).toBe("2024-11-03T07:00:00.000Z");
    expect(at("America/New_York", "2024-11-03T00:59")).toBe("2024-11-03T04:59:00.000Z");
  });
  it("America/Sao_Paulo 2018-11-04 midnight does not exist -> 01:00 -02 = 03:00Z", () => {
    expect(at("America/Sao_Paulo", "2018-11-04T00:00")).toBe("2018-11-04T03:00:00.000Z");
    expect(at("America/Sao_Paulo", "2018-11-04T00:45")).toBe("2018-11-04T03:45:00.000Z");
    expect(at("America/Sao_Paulo", "2018-11-04T01:00")).toBe("2018-11-04T03:00:00.000Z");
    expect(at("America/Sao_Paulo", "2018-11-03T23:59")).toBe("2018-11-04T02:59:00.000Z");
  });
  it("Pacific/Apia 2011-12-30 (skipped day) 09:00 -> with the old offset -10 = 19:00Z", () => {
    expect(at("Pacific/Apia", "2011-12-30T09:00")).toBe("2011-12-30T19:00:00.000Z");
    expect(at("Pacific/Apia", "2011-12-30T00:00")).toBe("2011-12-30T10:00:00.000Z");
    expect(at("Pacific/Apia", "2011-12-31T00:00")).toBe("2011-12-30T10:00:00.000Z");
    expect(at("Pacific/Apia", "2011-12-29T23:00")).toBe("2011-12-30T09:00:00.000Z");
  });
  it("Australia/Lord_Howe half-hour DST: gap 02:00-02:30 and overlap 01:30-02:00", () => {
    expect(at("Australia/Lord_Howe", "2024-10-06T02:15")).toBe("2024-10-05T15:45:00.000Z");
    expect(at("Australia/Lord_Howe", "2024-10-06T02:30")).toBe("2024-10-05T15:30:00.000Z");
    // 2024-04-07 02:00 +11 -> 01:30 +10:30: 01:45 repeats, the earlier is +11.
    expect(at("Australia/Lord_Howe", "2024-04-07T01:45")).toBe("2024-04-06T14:45:00.000Z");
    expect(at("Australia/Lord_Howe", "2024-04-07T02:00")).toBe("2024-04-06T15:30:00.000Z");
  });
  it("Europe/Paris fall overlap 02:30 -> CEST (+02) 00:30Z; Pacific/Chatham +12:45 gap; Asia/Kolkata +05:30", () => {
    expect(at("Europe/Paris", "2021-10-31T02:30")).toBe("2021-10-31T00:30:00.000Z");
    expect(at("Europe/Paris", "2021-03-28T02:30")).toBe("2021-03-28T01:30:00.000Z");
    // Chatham 2024-09-29 02:45 +12:45 -> 03:45 +13:45
    expect(at("Pacific/Chatham", "2024-09-29T03:00")).toBe("2024-09-28T14:15:00.000Z");
    expect(at("Pacific/Chatham", "2024-09-29T02:44")).toBe("2024-09-28T13:59:00.000Z");
    expect(at("Asia/Kolkata", "2024-01-01T09:00")).toBe("2024-01-01T03:30:00.000Z");
    expect(at("UTC", "2024-02-29T23:59")).toBe("2024-02-29T23:59:00.000Z");
  });
  it("local date of an instant", () => {
    expect(O.localDateOf("Asia/Shanghai", Z("2024-01-01T16:00:00Z"))).toBe("2024-01-02");
    expect(O.localDateOf("America/New_York", Z("2024-01-01T04:59:00Z"))).toBe("2023-12-31");
    expect(O.weekdayOf("2024-01-01")).toBe("mon");
    expect(O.addDays("2024-02-28", 2)).toBe("2024-03-01");
  });
});

describe("oracle: calendar semantics", () => {
  const ny = (hours: readonly string[]): O.OracleSpec => ({ timeZone: "America/New_York", week: { sun: hours } });

  it("DST day intervals: 01:00-03:00 on the spring-forward Sunday is 1 h; 02:00-03:00 is empty", () => {
    expect(O.dayIntervals(ny(["01:00-03:00"]), "2024-03-10")).toEqual([
      { date: "2024-03-10", start: Z("2024-03-10T06:00:00Z"), end: Z("2024-03-10T07:00:00Z") },
    ]);
    expect(O.dayIntervals(ny(["02:00-03:00"]), "2024-03-10")).toEqual([]);
    expect(O.isBusinessDay(ny(["02:00-03:00"]), "2024-03-10")).toBe(false);
    expect(O.businessTimeBetween(ny(["01:00-03:00"]), Z("2024-03-10T00:00:00Z"), Z("2024-03-11T00:00:00Z"))).toBe(O.HOUR);
  });
  it("DST day intervals: 01:00-02:00 on the fall-back Sunday is 2 h; 00:00-24:00 is 25 h", () => {
    expect(O.businessTimeBetween(ny(["01:00-02:00"]), Z("2024-11-03T00:00:00Z"), Z("2024-11-04T00:00:00Z"))).toBe(2 * O.HOUR);
    expect(O.businessTimeBetween(ny(["00:00-24:00"]), Z("2024-11-03T00:00:00Z"), Z("2024-11-05T00:00:00Z"))).toBe(25 * O.HOUR);
    expect(O.closeOf(ny(["00:00-24:00"]), "2024-11-03")).toBe(Z("2024-11-04T05:00:00Z"));
  });
  it("Apia: hours on the skipped 2011-12-30 shift forward (Friday 09:00-17:00 -> 19:00Z..03:00Z)", () => {
    const spec: O.OracleSpec = { timeZone: "Pacific/Apia", week: { fri: ["09:00-17:00"] } };
    expect(O.dayIntervals(spec, "2011-12-30")).toEqual([
      { date: "2011-12-30", start: Z("2011-12-30T19:00:00Z"), end: Z("2011-12-31T03:00:00Z") },
    ]);
  });

  const utc: O.OracleSpec = {
    timeZone: "UTC",
    week: { mon: ["09:00-12:00", "13:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"], sun: ["22:00-06:00"] },
    holidays: ["2024-01-09", { date: "2024-01-10", name: "x" }],
    workdays: ["2024-01-13", { date: "2024-01-20", hours: ["10:00-11:00"] }],
  };
  it("weekly hours, holidays, make-up days (Monday's hours or their own), past midnight", () => {
    expect(O.dayIntervals(utc, "2024-01-08").map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ["2024-01-08T09:00:00.000Z", "2024-01-08T12:00:00.000Z"],
      ["2024-01-08T13:00:00.000Z", "2024-01-08T17:00:00.000Z"],
    ]);
    expect(O.isBusinessDay(utc, "2024-01-09")).toBe(false);
    expect(O.isBusinessDay(utc, "2024-01-10")).toBe(false);
    expect(O.businessTimeBetween(utc, Z("2024-01-13T00:00:00Z"), Z("2024-01-14T00:00:00Z"))).toBe(7 * O.HOUR);
    expect(O.businessTimeBetween(utc, Z("2024-01-20T00:00:00Z"), Z("2024-01-21T00:00:00Z"))).toBe(O.HOUR);
    // Sunday 2024-01-07 22:00 - Monday 06:00 belongs to Sunday; its close is Monday 06:00.
    expect(O.closeOf(utc, "2024-01-07")).toBe(Z("2024-01-08T06:00:00Z"));
    expect(O.isOpenAt(utc, Z("2024-01-08T05:59:00Z"))).toBe(true);
    expect(O.isOpenAt(utc, Z("2024-01-08T06:00:00Z"))).toBe(false);
    expect(O.isOpenAt(utc, Z("2024-01-08T09:00:00Z"))).toBe(true);
    expect(O.isOpenAt(utc, Z("2024-01-08T12:00:00Z"))).toBe(false);
  });
  it("addBusinessTime / addBusinessDays / nextOpening by hand", () => {
    // Friday 2024-01-05 16:00 + 2 h: 1 h Friday, Sunday 22:00 opens -> Sunday 23:00.
    expect(iso(O.addBusinessTime(utc, Z("2024-01-05T16:00:00Z"), 2 * O.HOUR))).toBe("2024-01-07T23:00:00.000Z");
    // Uses up the last open minute of Friday: lands on the close.
    expect(iso(O.addBusinessTime(utc, Z("2024-01-05T16:00:00Z"), O.HOUR))).toBe("2024-01-05T17:00:00.000Z");
    expect(iso(O.addBusinessTime(utc, Z("2024-01-05T18:00:00Z"), 0))).toBe("2024-01-05T18:00:00.000Z");
    expect(iso(O.addBusinessDays(utc, Z("2024-01-05T10:00:00Z"), 0))).toBe("2024-01-05T17:00:00.000Z");
    expect(iso(O.addBusinessDays(utc, Z("2024-01-05T20:00:00Z"), 0))).toBe("2024-01-05T17:00:00.000Z");
    // Friday + 1 business day: Saturday closed, Sunday's 22:00-06:00 -> Monday 06:00.
    expect(iso(O.addBusinessDays(utc, Z("2024-01-05T10:00:00Z"), 1))).toBe("2024-01-08T06:00:00.000Z");
    // Monday 2024-01-08 + 1: Tue/Wed holidays, Thursday 17:00.
    expect(iso(O.addBusinessDays(utc, Z("2024-01-08T10:00:00Z"), 1))).toBe("2024-01-11T17:00:00.000Z");
    expect(iso(O.nextOpening(utc, Z("2024-01-08T12:30:00Z")))).toBe("2024-01-08T13:00:00.000Z");
    expect(iso(O.nextOpening(utc, Z("2024-01-08T10:30:00Z")))).toBe("2024-01-08T10:30:00.000Z");
  });
  it("validFrom/validTo: dates outside have no hours", () => {
    const spec: O.OracleSpec = { ...utc, validFrom: "2024-01-08", validTo: "2024-01-08" };
    expect(O.isCovered(spec, "2024-01-07")).toBe(false);
    expect(O.isBusinessDay(spec, "2024-01-08")).toBe(true);
    expect(O.isBusinessDay(spec, "2024-01-11")).toBe(false);
  });
});
