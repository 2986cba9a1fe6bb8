import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { expectError } from "../kpi/helpers.js";
import { assessPenalty, bonusAdjustment, bonusRules, finesByPerson, penaltyRules } from "../../src/scoring/index.js";

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isSlaKitError(e) ? [e.code, e.path] : e;
  }
  return null;
};

describe("penalties (002)", () => {
  it("M1 002 art. 9.6: attitude complaint 50-200 yuan per case stays a range without a severity", () => {
    const a = assessPenalty("M1", { count: 2, person: "wang" });
    expect(a.lines).toHaveLength(1);
    expect(a.lines[0]!.amount).toEqual({ minFen: 10000, maxFen: 40000 });
    expect(a.total).toEqual({ minFen: 10000, maxFen: 40000 });
  });
  it("M1 002 art. 9.6: severity picks the amount (low 50, high 200, medium 125, explicit fen)", () => {
    expect(assessPenalty("M1", { count: 1, person: "w", severity: "low" }).total).toEqual({ fen: 5000 });
    expect(assessPenalty("M1", { count: 1, person: "w", severity: "high" }).total).toEqual({ fen: 20000 });
    expect(assessPenalty("M1", { count: 1, person: "w", severity: "medium" }).total).toEqual({ fen: 12500 });
    expect(assessPenalty("M1", { count: 3, person: "w", severity: 10000 }).total).toEqual({ fen: 30000 });
    expect(codeOf(() => assessPenalty("M1", { count: 1, person: "w", severity: 30000 }))).toEqual(["INVALID_INPUT", ["input", "severity"]]);
  });
  it("M2 002 art. 15.5: entry error 50 yuan per case; BOSS error rate: supervisor 200 yuan per percentage point", () => {
    expect(assessPenalty("M2.entry-error", { count: 3, person: "op" }).total).toEqual({ fen: 15000 });
    const b = assessPenalty("M2.boss-error-rate", { count: 2, person: "sup" });
    expect(b.lines[0]).toMatchObject({ person: "sup", role: "supervisor", amount: { fen: 40000 } });
  });
  it("M2 002 art. 15.4: complaint rate over 1%: 50-200 yuan per case", () => {
    expect(assessPenalty("M2.complaint", { count: 1, person: "x" }).total).toEqual({ minFen: 5000, maxFen: 20000 });
  });
  it("M2 002 art. 15.6: failed inspection makes the supervisor jointly liable unless the department found it itself", () => {
    const a = assessPenalty("M2.inspection", { count: 1, person: "clerk", leader: "sup", severity: "low" });
    expect(a.lines.map((l) => [l.person, l.role, l.amount])).toEqual([
      ["clerk", "responsible", { fen: 5000 }],
      ["sup", "supervisor", { fen: 5000 }],
    ]);
    // 部门自行检查，未达标的由部门考核: no company fine for anyone
    const self = assessPenalty("M2.inspection", { count: 1, person: "clerk", leader: "sup", severity: "high", selfFound: true });
    expect(self.lines).toEqual([]);
    expect(self.total).toEqual({ fen: 0 });
    expect(self.trace.notes.join(" ")).toMatch(/department/);
    expectError(() => assessPenalty("M2.inspection", { count: 1, person: "clerk", selfFound: "yes" as never }), "INVALID_INPUT", ["input", "selfFound"]);
  });
  it("M3 002 art. 21.7: 30 yuan per time and 30 yuan for the direct leader, one line per person", () => {
    const a = assessPenalty("M3", { count: 1, person: "zhang", leader: "li" });
    expect(a.lines.map((l) => [l.person, l.role, l.amount])).toEqual([
      ["zhang", "responsible", { fen: 3000 }],
      ["li", "direct-leader", { fen: 3000 }],
    ]);
    expect(a.total).toEqual({ fen: 6000 });
    expect(a.trace.rule.sourceRef).toBe("002 art. 21.7");
    expect(codeOf(() => assessPenalty("M3", { count: 1, person: "zhang" }))).toEqual(["INVALID_INPUT", ["input", "leader"]]);
  });
  it("P8 002 art. 21.5: 50 yuan per late order; P9: 50-200 yuan per false order", () => {
    expect(assessPenalty("P8.late-order", { count: 4, person: "x" }).total).toEqual({ fen: 20000 });
    expect(assessPenalty("P9.false-order", { count: 1, person: "x" }).total).toEqual({ minFen: 5000, maxFen: 20000 });
  });
  it("rejects unknown rules and bad counts", () => {
    expect(codeOf(() => assessPenalty("M99", { count: 1, person: "x" }))).toEqual(["INVALID_INPUT", ["ruleId"]]);
    expect(codeOf(() => assessPenalty("M3", { count: 1.5, person: "x", leader: "y" }))).toEqual(["INVALID_INPUT", ["input", "count"]]);
  });
  it("every rule carries a sourceRef and integer fen", () => {
    for (const r of penaltyRules) {
      expect(r.sourceRef).toMatch(/^002 art\. /);
      const vals = "fen" in r.amount ? [r.amount.fen] : [r.amount.minFen, r.amount.maxFen];
      for (const v of vals) expect(Number.isSafeInteger(v)).toBe(true);
    }
  });
  it("law: a resolved amount lies inside the unresolved range, and totals scale with count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.constantFrom("low" as const, "medium" as const, "high" as const), (count, severity) => {
        const range = assessPenalty("M1", { count, person: "p" }).total;
        const picked = assessPenalty("M1", { count, person: "p", severity }).total;
        if (!("minFen" in range) || !("fen" in picked)) return false;
        return picked.fen >= range.minFen && picked.fen <= range.maxFen;
      }),
    );
  });
});

describe("bonus adjustments (003 §16)", () => {
  it("M4 003 §16(1): compliance 100% and rating excellent: +10% to +20% of the monthly bonus", () => {
    const a = bonusAdjustment("M4", { bonusFen: 300_000, evidence: { complianceRate: { numerator: 40, denominator: 40, value: 1 }, rating: "excellent" } });
    expect(a.applies).toBe(true);
    expect(a.direction).toBe("reward");
    expect(a.amountFen).toEqual({ minFen: 30_000, maxFen: 60_000 });
    expect(bonusAdjustment("M4", { bonusFen: 300_000, severity: "high" }).amountFen).toBe(60_000);
    expect(bonusAdjustment("M4", { bonusFen: 300_000, severity: 15 }).amountFen).toBe(45_000);
  });
  it("M4 003 §16(1): 39 of 40 on time does not qualify", () => {
    const a = bonusAdjustment("M4", { bonusFen: 300_000, evidence: { complianceRate: { numerator: 39, denominator: 40, value: 0.975 }, rating: "excellent" } });
    expect(a.applies).toBe(false);
    expect(a.amountFen).toBe(0);
    expect(a.trace.checks.join(" ")).toMatch(/false/);
  });
  it("M5 003 §16(1): first in the ranking: +5% to +10% of the department bonus", () => {
    expect(bonusAdjustment("M5", { bonusFen: 1_000_000, evidence: { rank: 1 } }).amountFen).toEqual({ minFen: 50_000, maxFen: 100_000 });
    expect(bonusAdjustment("M5", { bonusFen: 1_000_000, evidence: { rank: 2 } }).applies).toBe(false);
  });
  it("M6 003 §16(2): first overdue without harm: verbal warning, -5%", () => {
    const a = bonusAdjustment("M6", { bonusFen: 500_000, evidence: { overdueCount: 1 } });
    expect(a).toMatchObject({ applies: true, level: "first", direction: "deduction", amountFen: 25_000, action: "verbal warning" });
  });
  it("M6 003 §16(2): repeated or upsetting overdue: written warning, -10% to -30%", () => {
    const a = bonusAdjustment("M6", { bonusFen: 500_000, evidence: { overdueCount: 1, customerUpset: true } });
    expect(a).toMatchObject({ level: "repeated", amountFen: { minFen: 50_000, maxFen: 150_000 }, action: "written warning" });
    expect(bonusAdjustment("M6", { bonusFen: 500_000, level: "repeated", severity: "medium" }).amountFen).toBe(100_000);
  });
  it("M6 003 §16(2) 首次: first in the history passed in, not the first of a month", () => {
    // one overdue this month, but one already earlier in the history: repeated
    expect(bonusAdjustment("M6", { bonusFen: 500_000, evidence: { overdueCount: 1, priorOverdueCount: 1 } }).level).toBe("repeated");
    expect(bonusAdjustment("M6", { bonusFen: 500_000, evidence: { overdueCount: 1, priorOverdueCount: 0 } }).level).toBe("first");
    expect(bonusAdjustment("M6", { bonusFen: 500_000, evidence: { overdueCount: 0, priorOverdueCount: 3 } }).applies).toBe(false);
    const a = bonusAdjustment("M6", { bonusFen: 500_000, evidence: { overdueCount: 1, priorOverdueCount: 2 } });
    expect(a.trace.checks.join(" ")).toMatch(/priorOverdueCount 2/);
    expectError(() => bonusAdjustment("M6", { bonusFen: 1, evidence: { overdueCount: 1, priorOverdueCount: -1 } }), "INVALID_INPUT", ["input", "evidence", "priorOverdueCount"]);
  });
  it("evidence null is no evidence (never a TypeError); a non-object is INVALID_INPUT", () => {
    const a = bonusAdjustment("M4", { bonusFen: 100_000, evidence: null as never });
    expect(a.applies).toBe(true);
    expect(a.trace.evidence).toBeNull();
    expectError(() => bonusAdjustment("M4", { bonusFen: 1, evidence: 5 as never }), "INVALID_INPUT", ["input", "evidence"]);
  });
  it("M6 003 §16(2): serious: demerit, no percentage in the document", () => {
    const a = bonusAdjustment("M6", { bonusFen: 500_000, level: "serious" });
    expect(a.amountFen).toBeNull();
    expect(a.action).toMatch(/demerit/);
    expect(codeOf(() => bonusAdjustment("M6", { bonusFen: 1 }))).toEqual(["INVALID_INPUT", ["input", "level"]]);
  });
  it("M7 003 §16(2): department compliance below 80%: -10%; 80% itself does not trigger it", () => {
    expect(bonusAdjustment("M7", { bonusFen: 2_000_000, evidence: { complianceRate: 0.79 } }).amountFen).toBe(200_000);
    expect(bonusAdjustment("M7", { bonusFen: 2_000_000, evidence: { complianceRate: 0.8 } }).applies).toBe(false);
  });
  it("rounds to whole fen with the named mode", () => {
    expect(bonusAdjustment("M7", { bonusFen: 15, rounding: "half-up" }).amountFen).toBe(2); // 1.5
    expect(bonusAdjustment("M7", { bonusFen: 15, rounding: "half-even" }).amountFen).toBe(2);
    expect(bonusAdjustment("M7", { bonusFen: 25, rounding: "half-even" }).amountFen).toBe(2); // 2.5
    expect(bonusAdjustment("M7", { bonusFen: 15, rounding: "floor" }).amountFen).toBe(1);
    expect(codeOf(() => bonusAdjustment("M7", { bonusFen: 1.5 }))).toEqual(["INVALID_INPUT", ["input", "bonusFen"]]);
  });
  it("every bonus rule cites 003 §16", () => {
    for (const r of bonusRules) expect(r.sourceRef).toMatch(/^003 §16/);
  });
});

describe("M8 002 art. 15.4 个人罚款计入KPI考核: finesByPerson", () => {
  it("M8: sums each person's lines exactly, ranges stay ranges, joint lines count for the leader", () => {
    const r = finesByPerson([
      assessPenalty("M2.complaint", { count: 2, person: "zhou", severity: "low" }),
      assessPenalty("M3", { count: 1, person: "zhou", leader: "wu" }),
      assessPenalty("M1", { count: 1, person: "wu" }),
    ]);
    expect(r.people).toEqual([
      { person: "wu", total: { minFen: 8000, maxFen: 23000 }, lines: 2, ruleIds: ["M1", "M3"] },
      { person: "zhou", total: { fen: 13000 }, lines: 2, ruleIds: ["M2.complaint", "M3"] },
    ]);
    expect(r.trace).toMatchObject({ ruleId: "M8", sourceRef: "002 art. 15.4" });
    expect(finesByPerson([]).people).toEqual([]);
  });
  it("M8: user-chosen names such as __proto__ or toString are people like any other", () => {
    const r = finesByPerson([assessPenalty("M3", { count: 1, person: "__proto__", leader: "toString" })]);
    expect(r.people.map((p) => p.person)).toEqual(["__proto__", "toString"]);
    expect(({} as Record<string, unknown>).fen).toBeUndefined();
  });
  it("M8: malformed assessments are INVALID_INPUT; sums beyond a safe integer are OUT_OF_SAFE_RANGE", () => {
    expectError(() => finesByPerson("x" as never), "INVALID_INPUT", ["assessments"]);
    expectError(() => finesByPerson([{ lines: [{ person: "a", ruleId: "M1", amount: { fen: -1 } }] } as never]), "INVALID_INPUT", ["assessments", 0, "lines", 0]);
    const big = { lines: [{ person: "a", ruleId: "M1", amount: { fen: Number.MAX_SAFE_INTEGER } }] } as never;
    expectError(() => finesByPerson([big, big]), "OUT_OF_SAFE_RANGE", ["assessments"]);
  });
});
