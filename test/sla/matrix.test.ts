import { describe, expect, it } from "vitest";
import { dueAt, findTarget, robotIntegration2026 as P, cableOperatorNorms as C, type TargetQuery } from "../../src/sla/index.js";

/** A Shanghai wall time as an instant. */
const sh = (local: string): Date => new Date(`${local}+08:00`);
// Monday 2024-05-06 10:00 Shanghai: an ordinary working day right after the Labour Day holiday
// (2024-05-01..05 off; Saturday 2024-05-11 is a make-up working day).
const T0 = sh("2024-05-06T10:00:00");

type Row = [rule: string, query: TargetQuery, expected: string, sourceRef: string];
const q = (service: string, stage: string, dims: Partial<TargetQuery> = {}): TargetQuery => ({ service, stage, ...dims });

// Expected deadlines worked out by hand from docs/rules.md S2-S13 (T0 + the table's limit).
const rows: Row[] = [
  ["S2", q("consultation", "online-response", { tier: "core" }), "2024-05-06T10:05:00", "003 §6(1)"],
  ["S2", q("consultation", "online-response", { tier: "important" }), "2024-05-06T10:10:00", "003 §6(1)"],
  ["S2", q("consultation", "online-response", { tier: "ordinary" }), "2024-05-06T10:15:00", "003 §6(1)"],
  ["S3", q("consultation", "reply", { tier: "core" }), "2024-05-06T12:00:00", "003 §6(1)"],
  ["S3", q("consultation", "reply", { tier: "important" }), "2024-05-06T14:00:00", "003 §6(1)"],
  ["S3", q("consultation", "reply", { tier: "ordinary" }), "2024-05-06T18:00:00", "003 §6(1)"],
  ["S4", q("fault", "response", { tier: "core", urgency: "urgent" }), "2024-05-06T10:15:00", "003 §6(2)"],
  ["S4", q("fault", "handling", { tier: "core", urgency: "urgent" }), "2024-05-06T11:00:00", "003 §6(2)"],
  ["S4", q("fault", "resolution", { tier: "core", urgency: "urgent" }), "2024-05-06T14:00:00", "003 §6(2)"],
  ["S4", q("fault", "response", { tier: "important", urgency: "urgent" }), "2024-05-06T10:30:00", "003 §6(2)"],
  ["S4", q("fault", "handling", { tier: "important", urgency: "urgent" }), "2024-05-06T12:00:00", "003 §6(2)"],
  ["S4", q("fault", "resolution", { tier: "important", urgency: "urgent" }), "2024-05-06T16:00:00", "003 §6(2)"],
  ["S4", q("fault", "response", { tier: "ordinary", urgency: "urgent" }), "2024-05-06T11:00:00", "003 §6(2)"],
  ["S4", q("fault", "handling", { tier: "ordinary", urgency: "urgent" }), "2024-05-06T14:00:00", "003 §6(2)"],
  ["S4", q("fault", "resolution", { tier: "ordinary", urgency: "urgent" }), "2024-05-06T18:00:00", "003 §6(2)"],
  ["S5", q("fault", "response", { tier: "core", urgency: "general" }), "2024-05-06T10:30:00", "003 §6(2)"],
  ["S5", q("fault", "handling", { tier: "core", urgency: "general" }), "2024-05-06T12:00:00", "003 §6(2)"],
  ["S5", q("fault", "resolution", { tier: "core", urgency: "general" }), "2024-05-07T10:00:00", "003 §6(2)"],
  ["S5", q("fault", "response", { tier: "important", urgency: "general" }), "2024-05-06T11:00:00", "003 §6(2)"],
  ["S5", q("fault", "handling", { tier: "important", urgency: "general" }), "2024-05-06T14:00:00", "003 §6(2)"],
  ["S5", q("fault", "resolution", { tier: "important", urgency: "general" }), "2024-05-08T10:00:00", "003 §6(2)"],
  ["S5", q("fault", "response", { tier: "ordinary", urgency: "general" }), "2024-05-06T12:00:00", "003 §6(2)"],
  ["S5", q("fault", "handling", { tier: "ordinary", urgency: "general" }), "2024-05-06T16:00:00", "003 §6(2)"],
  ["S5", q("fault", "resolution", { tier: "ordinary", urgency: "general" }), "2024-05-09T10:00:00", "003 §6(2)"],
  ["S7", q("onsite", "arrival", { tier: "core", urgency: "urgent", location: "same-city" }), "2024-05-06T12:00:00", "003 §6(3)"],
  ["S7", q("onsite", "arrival", { tier: "important", urgency: "urgent", location: "same-city" }), "2024-05-06T14:00:00", "003 §6(3)"],
  ["S7", q("onsite", "arrival", { tier: "ordinary", urgency: "urgent", location: "same-city" }), "2024-05-06T18:00:00", "003 §6(3)"],
  ["S8", q("onsite", "departure", { tier: "core", urgency: "urgent", location: "other-city" }), "2024-05-06T14:00:00", "003 §6(3)"],
  ["S8", q("onsite", "arrival", { tier: "core", urgency: "urgent", location: "other-city" }), "2024-05-07T10:00:00", "003 §6(3)"],
  ["S8", q("onsite", "departure", { tier: "important", urgency: "urgent", location: "other-city" }), "2024-05-06T16:00:00", "003 §6(3)"],
  ["S8", q("onsite", "arrival", { tier: "important", urgency: "urgent", location: "other-city" }), "2024-05-07T22:00:00", "003 §6(3)"],
  ["S8", q("onsite", "departure", { tier: "ordinary", urgency: "urgent", location: "other-city" }), "2024-05-06T22:00:00", "003 §6(3)"],
  ["S8", q("onsite", "arrival", { tier: "ordinary", urgency: "urgent", location: "other-city" }), "2024-05-08T10:00:00", "003 §6(3)"],
  // business days: 1 = Tue 05-07, 2 = 05-08, 3 = 05-09, 4 = Fri 05-10, 5 = Sat 05-11 (make-up day),
  // 6 = Mon 05-13, 7 = 05-14, 8 = 05-15, 9 = 05-16, 10 = 05-17; close of business 18:00 (docs/rules.md T2)
  ["S10", q("requirement", "assessment", { tier: "core" }), "2024-05-07T18:00:00", "003 §6(4)"],
  ["S10", q("requirement", "assessment", { tier: "important" }), "2024-05-08T18:00:00", "003 §6(4)"],
  ["S10", q("requirement", "assessment", { tier: "ordinary" }), "2024-05-09T18:00:00", "003 §6(4)"],
  ["S10", q("requirement", "report", { tier: "core" }), "2024-05-08T18:00:00", "003 §6(4)"],
  ["S10", q("requirement", "report", { tier: "important" }), "2024-05-09T18:00:00", "003 §6(4)"],
  ["S10", q("requirement", "report", { tier: "ordinary" }), "2024-05-11T18:00:00", "003 §6(4)"],
  ["S11", q("complaint", "response", { tier: "core" }), "2024-05-06T10:15:00", "003 §6(5)"],
  ["S11", q("complaint", "investigation", { tier: "core" }), "2024-05-07T18:00:00", "003 §6(5)"],
  ["S11", q("complaint", "solution", { tier: "core" }), "2024-05-09T18:00:00", "003 §6(5)"],
  ["S11", q("complaint", "closure", { tier: "core" }), "2024-05-11T18:00:00", "003 §6(5)"],
  ["S11", q("complaint", "response", { tier: "important" }), "2024-05-06T10:30:00", "003 §6(5)"],
  ["S11", q("complaint", "investigation", { tier: "important" }), "2024-05-08T18:00:00", "003 §6(5)"],
  ["S11", q("complaint", "solution", { tier: "important" }), "2024-05-11T18:00:00", "003 §6(5)"],
  ["S11", q("complaint", "closure", { tier: "important" }), "2024-05-14T18:00:00", "003 §6(5)"],
  ["S11", q("complaint", "response", { tier: "ordinary" }), "2024-05-06T11:00:00", "003 §6(5)"],
  ["S11", q("complaint", "investigation", { tier: "ordinary" }), "2024-05-09T18:00:00", "003 §6(5)"],
  ["S11", q("complaint", "solution", { tier: "ordinary" }), "2024-05-14T18:00:00", "003 §6(5)"],
  ["S11", q("complaint", "closure", { tier: "ordinary" }), "2024-05-17T18:00:00", "003 §6(5)"],
  ["S12", q("complaint", "follow-up", { tier: "core" }), "2024-05-08T18:00:00", "003 §6(5)"],
  ["S12", q("complaint", "follow-up", { tier: "ordinary" }), "2024-05-08T18:00:00", "003 §6(5)"],
  ["S13", q("documents", "archive"), "2024-05-07T18:00:00", "003 §6(6)"],
  ["S13", q("documents", "archive", { tier: "important" }), "2024-05-07T18:00:00", "003 §6(6)"],
];

describe("robotIntegration2026: every timed row of docs/rules.md S2-S13 (anchor 2024-05-06 10:00 Shanghai)", () => {
  for (const [rule, query, expected, ref] of rows) {
    const dims = [query.tier, query.urgency, query.location].filter(Boolean).join("/");
    it(`${rule} ${ref}: ${query.service} ${query.stage} ${dims} -> ${expected}`, () => {
      expect(dueAt(P, query, T0).getTime()).toBe(sh(expected).getTime());
      expect(findTarget(P, query).sourceRef).toBe(ref);
    });
  }
});

describe("robotIntegration2026: rings and agreed rows", () => {
  it("S1 003 §6(1): phone answered within 3 / 5 / 6 rings", () => {
    expect(findTarget(P, q("consultation", "phone-answer", { tier: "core" })).within).toEqual({ rings: 3 });
    expect(findTarget(P, q("consultation", "phone-answer", { tier: "important" })).within).toEqual({ rings: 5 });
    expect(findTarget(P, q("consultation", "phone-answer", { tier: "ordinary" })).within).toEqual({ rings: 6 });
    expect(() => dueAt(P, q("consultation", "phone-answer", { tier: "core" }), T0)).toThrow(expect.objectContaining({ code: "NOT_A_TIME_TARGET" }));
  });
  it("S9 003 §6(3): remote-area on-site deadlines are agreed per ticket", () => {
    for (const tier of ["core", "important", "ordinary"]) {
      for (const stage of ["departure", "arrival"]) {
        const t = findTarget(P, q("onsite", stage, { tier, urgency: "urgent", location: "remote-area" }));
        expect(t.within).toEqual({ agreed: true });
        expect(t.sourceRef).toBe("003 §6(3)");
      }
    }
    expect(() => dueAt(P, q("onsite", "arrival", { tier: "core", urgency: "urgent", location: "remote-area" }), T0)).toThrow(
      expect.objectContaining({ code: "NOT_A_TIME_TARGET" }),
    );
  });
  it("S7/S8 003 §6(3): on-site rows are urgent-only; departure only applies away from the city", () => {
    expect(() => findTarget(P, q("onsite", "arrival", { tier: "core", urgency: "general", location: "same-city" }))).toThrow(
      expect.objectContaining({ code: "NO_MATCHING_TARGET" }),
    );
    expect(() => findTarget(P, q("onsite", "departure", { tier: "core", urgency: "urgent", location: "same-city" }))).toThrow(
      expect.objectContaining({ code: "NO_MATCHING_TARGET" }),
    );
  });
  it("S4 003 §6(2): findTarget returns the row as written plus compiled fields", () => {
    const t = findTarget(P, q("fault", "response", { tier: "core", urgency: "urgent" }));
    expect(t).toMatchObject({ service: "fault", tier: "core", urgency: "urgent", stage: "response", within: "PT15M", clock: "shanghai-24x7", sourceRef: "003 §6(2)", kind: "duration", withinMs: 15 * 60_000 });
    expect(P.targets[t.index]).toMatchObject({ service: "fault", tier: "core", urgency: "urgent", stage: "response" });
  });
  it("T1 003 §6: hour limits run 24x7 through nights, weekends and holidays", () => {
    // ordinary general fault, 72 h from Friday 2024-09-27 18:00 runs through the National Day holiday
    expect(dueAt(P, q("fault", "resolution", { tier: "ordinary", urgency: "general" }), sh("2024-09-27T18:00:00")).getTime()).toBe(sh("2024-09-30T18:00:00").getTime());
  });
});

describe("T2 Civil Code arts. 201-203: business days around 2024-2026 holidays", () => {
  // requirement assessment: core 1, important 2, ordinary 3 business days
  const assess = (tier: string, at: Date): number => dueAt(P, q("requirement", "assessment", { tier }), at).getTime();
  it("T2 Friday 2024-09-27 18:00: 1/2/3 business days -> 09-29 (make-up Sunday), 09-30, 10-08 at 18:00", () => {
    const at = sh("2024-09-27T18:00:00");
    expect(assess("core", at)).toBe(sh("2024-09-29T18:00:00").getTime());
    expect(assess("important", at)).toBe(sh("2024-09-30T18:00:00").getTime());
    expect(assess("ordinary", at)).toBe(sh("2024-10-08T18:00:00").getTime());
  });
  it("T2 start on a holiday (2024-10-03): the first business day after is 2024-10-08", () => {
    expect(assess("core", sh("2024-10-03T10:00:00"))).toBe(sh("2024-10-08T18:00:00").getTime());
  });
  it("T2 start after close of business: the start day is still not counted", () => {
    expect(assess("core", sh("2024-05-06T20:00:00"))).toBe(sh("2024-05-07T18:00:00").getTime());
    expect(assess("core", sh("2024-05-06T00:30:00"))).toBe(sh("2024-05-07T18:00:00").getTime());
  });
  it("T2 Spring Festival 2025: Friday 01-24 -> 01-26 (make-up Sunday), 01-27, 02-05", () => {
    const at = sh("2025-01-24T09:30:00");
    expect(assess("core", at)).toBe(sh("2025-01-26T18:00:00").getTime());
    expect(assess("important", at)).toBe(sh("2025-01-27T18:00:00").getTime());
    expect(assess("ordinary", at)).toBe(sh("2025-02-05T18:00:00").getTime());
  });
  it("T2 Spring Festival 2026: Friday 02-13 -> 02-14 (make-up Saturday), 02-24, 02-25", () => {
    const at = sh("2026-02-13T11:00:00");
    expect(assess("core", at)).toBe(sh("2026-02-14T18:00:00").getTime());
    expect(assess("important", at)).toBe(sh("2026-02-24T18:00:00").getTime());
    expect(assess("ordinary", at)).toBe(sh("2026-02-25T18:00:00").getTime());
  });
  it("T2 ordinary complaint closure (10 business days) across National Day 2024", () => {
    // from Wed 2024-09-25: 09-26, 09-27, 09-29, 09-30, 10-08, 10-09, 10-10, 10-11, 10-12 (make-up Sat), 10-14
    expect(dueAt(P, q("complaint", "closure", { tier: "ordinary" }), sh("2024-09-25T15:00:00")).getTime()).toBe(sh("2024-10-14T18:00:00").getTime());
  });
  it("T6: a deadline outside the shipped holiday years is an error, not a guess", () => {
    expect(() => dueAt(P, q("requirement", "assessment", { tier: "core" }), sh("2023-06-01T10:00:00"))).toThrow(expect.objectContaining({ code: "CALENDAR_OUT_OF_RANGE" }));
  });
});

describe("cableOperatorNorms: docs/rules.md S20-S25 (24x7, from 2024-05-06 10:00 Shanghai)", () => {
  const cases: Row[] = [
    ["S20", q("work-order", "response"), "2024-05-06T10:30:00", "002 art. 18"],
    ["S20", q("work-order", "completion"), "2024-05-07T10:00:00", "002 art. 18"],
    ["S21", q("vip-fault", "response"), "2024-05-06T10:20:00", "002 art. 19"],
    ["S21", q("vip-fault", "resolution"), "2024-05-06T16:00:00", "002 art. 19"],
    ["S21", q("vip-business", "response"), "2024-05-06T11:00:00", "002 art. 19"],
    ["S21", q("vip-business", "completion"), "2024-05-06T22:00:00", "002 art. 19"],
    ["S22", q("backbone-fault", "arrival"), "2024-05-06T10:40:00", "002 art. 25"],
    ["S22", q("backbone-fault", "repair"), "2024-05-06T12:00:00", "002 art. 25"],
    ["S22", q("aggregation-fault", "arrival"), "2024-05-06T11:00:00", "002 art. 25"],
    ["S22", q("aggregation-fault", "repair"), "2024-05-06T12:00:00", "002 art. 25"],
    ["S22", q("access-fault", "response"), "2024-05-06T10:30:00", "002 art. 25"],
    ["S22", q("access-fault", "repair"), "2024-05-07T10:00:00", "002 art. 25"],
    ["S23", q("hot-standby", "switch"), "2024-05-06T10:05:00", "002 art. 26"],
    ["S23", q("cold-standby", "replacement"), "2024-05-06T10:20:00", "002 art. 26"],
    ["S23", q("single-channel", "source-switch"), "2024-05-06T10:05:00", "002 art. 26"],
    ["S23", q("single-channel", "fault-cleared"), "2024-05-06T10:30:00", "002 art. 26"],
    ["S24", q("boss-lan-fault", "resolution", { urgency: "general" }), "2024-05-06T11:00:00", "002 art. 32"],
    ["S24", q("boss-lan-fault", "resolution", { urgency: "major" }), "2024-05-06T13:00:00", "002 art. 32"],
    ["S24", q("call-system-fault", "resolution", { urgency: "general" }), "2024-05-06T10:30:00", "002 art. 33"],
    ["S24", q("call-system-fault", "resolution", { urgency: "major" }), "2024-05-06T12:00:00", "002 art. 33"],
    ["S25", q("forum", "reply"), "2024-05-06T14:00:00", "002 art. 8"],
  ];
  for (const [rule, query, expected, ref] of cases) {
    it(`${rule} ${ref}: ${query.service} ${query.stage} ${query.urgency ?? ""} -> ${expected}`, () => {
      expect(dueAt(C, query, T0).getTime()).toBe(sh(expected).getTime());
      expect(findTarget(C, query).sourceRef).toBe(ref);
    });
  }
});
