import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkTarget, kpiDefinitions, meanRating, rate, ratio, type KpiDefinition } from "../../src/kpi/index.js";
import { expectError } from "./helpers.js";

describe("kpiDefinitions: every KPI of docs/rules.md K1-K18 as data", () => {
  it("covers K1 to K18 with unique ids and a sourceRef each", () => {
    const rules = new Set(kpiDefinitions.map((d) => d.ruleId));
    for (let k = 1; k <= 18; k++) expect(rules.has(`K${k}`), `K${k}`).toBe(true);
    const ids = kpiDefinitions.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of kpiDefinitions) expect(d.sourceRef).toMatch(/^00[0-3] /);
  });
  it("is frozen", () => {
    expect(Object.isFrozen(kpiDefinitions)).toBe(true);
    expect(Object.isFrozen(kpiDefinitions[0])).toBe(true);
  });
});

describe("checkTarget per K-ID (targets from docs/rules.md section 4 and the source clauses)", () => {
  it("K1 002 art. 4: satisfaction rate >= 98% (call centre)", () => {
    expect(checkTarget("K1", rate(98, 100)).met).toBe(true);
    expect(checkTarget("K1", rate(979, 1000)).met).toBe(false);
  });
  it("K2 002 art. 5: dispatch accuracy >= 98%, compared exactly (49/50 is 98%)", () => {
    expect(checkTarget("K2", ratio(49, 50)).met).toBe(true);
    expect(checkTarget("K2", ratio(97, 100)).met).toBe(false);
    expect(checkTarget("K2", ratio(0, 0)).met).toBeNull();
  });
  it("K3 002 art. 6: effective callback rate >= 90%", () => {
    expect(checkTarget("K3", rate(9, 10)).met).toBe(true);
    expect(checkTarget("K3", rate(89, 100)).met).toBe(false);
  });
  it("K4 002 art. 7: >= 2200 calls per agent per month", () => {
    expect(checkTarget("K4", 2200).met).toBe(true);
    expect(checkTarget("K4", 2199).met).toBe(false);
    expect(checkTarget("K4", ratio(6600, 3)).met).toBe(true); // 3 agents, mean 2200
    expectError(() => checkTarget("K4", 2200.5), "INVALID_INPUT", ["value"]);
  });
  it("K5 002 art. 11: complaint rate <= 1% of customers served", () => {
    expect(checkTarget("K5", ratio(10, 1000)).met).toBe(true);
    expect(checkTarget("K5", ratio(11, 1000)).met).toBe(false);
  });
  it("K6 002 art. 13: entry accuracy 100%; BOSS entry error rate <= 1%", () => {
    expect(checkTarget("K6a", rate(500, 500)).met).toBe(true);
    expect(checkTarget("K6a", rate(499, 500)).met).toBe(false);
    expect(checkTarget("K6b", rate(5, 500)).met).toBe(true);
    expect(checkTarget("K6b", rate(6, 500)).met).toBe(false);
    expectError(() => checkTarget("K6", 1), "INVALID_INPUT", ["kpi"]);
  });
  it("K7 002 art. 17: in-network rate (normal hosts + broadband) / (registered) >= 80%", () => {
    expect(checkTarget("K7", rate(700 + 100, 900 + 100)).met).toBe(true);
    expect(checkTarget("K7", rate(700 + 99, 900 + 100)).met).toBe(false);
  });
  it("K8 002 art. 17: collective-unit and VIP churn <= 2%", () => {
    expect(checkTarget("K8", rate(2, 100)).met).toBe(true);
    expect(checkTarget("K8", rate(3, 100)).met).toBe(false);
  });
  it("K9 002 art. 20-21: first-time fix TV >= 99%, two-way >= 95%, timely >= 99%, 30-min response >= 70%", () => {
    expect(checkTarget("K9a", rate(99, 100)).met).toBe(true);
    expect(checkTarget("K9a", rate(98, 100)).met).toBe(false);
    expect(checkTarget("K9b", rate(95, 100)).met).toBe(true);
    expect(checkTarget("K9b", rate(94, 100)).met).toBe(false);
    expect(checkTarget("K9c", rate(99, 100)).met).toBe(true);
    expect(checkTarget("K9d", rate(7, 10)).met).toBe(true);
    expect(checkTarget("K9d", rate(69, 100)).met).toBe(false);
  });
  it("K10 002 art. 22: <= 36 s per 100 h is the ratio 0.0001", () => {
    expect(checkTarget("K10", ratio(36_000, 360_000_000)).met).toBe(true);
    expect(checkTarget("K10", ratio(36_001, 360_000_000)).met).toBe(false);
  });
  it("K11 002 art. 23: core network reliability >= 99.9%", () => {
    expect(checkTarget("K11", ratio(999, 1000)).met).toBe(true);
    expect(checkTarget("K11", ratio(9989, 10000)).met).toBe(false);
  });
  it("K12 002 art. 24: backbone reliability >= 99.5%", () => {
    expect(checkTarget("K12", ratio(995, 1000)).met).toBe(true);
    expect(checkTarget("K12", 0.994).met).toBe(false);
  });
  it("K13 002 art. 23: <= 3 egress failures a month", () => {
    expect(checkTarget("K13", 3).met).toBe(true);
    expect(checkTarget("K13", 4).met).toBe(false);
    expectError(() => checkTarget("K13", -1), "INVALID_INPUT", ["value"]);
  });
  it("K14 002 art. 30: aggregation failure rate <= 1% (weighted numerator may exceed devices)", () => {
    expect(checkTarget("K14", ratio(1, 100)).met).toBe(true);
    expect(checkTarget("K14", ratio(15, 10)).met).toBe(false);
  });
  it("K15 / K16 002 art. 30: counting rules without a target of their own give met null", () => {
    const c = checkTarget("K15", 1);
    expect(c.met).toBeNull();
    expect(c.trace.steps[0]!.detail).toMatch(/no target/);
    expect(checkTarget("K16", 1).met).toBeNull();
  });
  it("K17 003 §15: compliance and overdue rates have no target of their own", () => {
    expect(checkTarget("K17a", rate(8, 10)).met).toBeNull();
    expect(checkTarget("K17b", rate(2, 10)).met).toBeNull();
  });
  it("K18 001 §1.3: mean rating >= 4.5, resolution rate >= 95%, response <= 24 h", () => {
    const r = meanRating([5, 4, 5, 4]);
    expect(r).toEqual({ numerator: 18, denominator: 4, value: 4.5 });
    expect(checkTarget("K18a", r).met).toBe(true);
    expect(checkTarget("K18a", meanRating([5, 4, 4, 4])).met).toBe(false);
    expect(meanRating([]).value).toBeNull();
    expect(checkTarget("K18b", rate(95, 100)).met).toBe(true);
    expect(checkTarget("K18b", rate(94, 100)).met).toBe(false);
    expect(checkTarget("K18c", 24 * 3_600_000).met).toBe(true);
    expect(checkTarget("K18c", 24 * 3_600_000 + 1).met).toBe(false);
  });
  it("K18: ratings must be whole numbers 1-5", () => {
    expectError(() => meanRating([5, 0]), "INVALID_INPUT", [1]);
    expectError(() => meanRating([4.5]), "INVALID_INPUT", [0]);
    expectError(() => meanRating([6]), "INVALID_INPUT", [0]);
  });
});

describe("checkTarget: validation, custom definitions, laws", () => {
  it("rejects an impossible rate, unknown ids, malformed values", () => {
    expectError(() => checkTarget("K2", { numerator: 51, denominator: 50, value: 1.02 }), "INVALID_INPUT", ["value", "numerator"]);
    expectError(() => checkTarget("K2", 1.2), "INVALID_INPUT", ["value"]);
    expectError(() => checkTarget("K99", 1), "INVALID_INPUT", ["kpi"]);
    expectError(() => checkTarget("K2", Number.NaN), "INVALID_INPUT", ["value"]);
    expectError(() => checkTarget("K2", { numerator: 1.5, denominator: 2, value: 0.75 }), "INVALID_INPUT", ["value", "numerator"]);
  });
  it("accepts a custom definition (business hall satisfaction 95%, 002 art. 11)", () => {
    const hall: KpiDefinition = { ...kpiDefinitions[0]!, id: "K1-hall", target: { op: ">=", value: 0.95, unit: "fraction" }, sourceRef: "002 art. 11" };
    const c = checkTarget(hall, rate(95, 100));
    expect(c.met).toBe(true);
    expect(c.trace.sourceRef).toBe("002 art. 11");
    expectError(() => checkTarget({ ...hall, target: { op: "~" as never, value: 1, unit: "fraction" } }, 1), "INVALID_INPUT", ["kpi", "target", "op"]);
  });
  it("law: for '>=' targets, met is monotone in the numerator and exact at the boundary", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (d, a) => {
        const n = a % (d + 1);
        const met = checkTarget("K2", ratio(n, d)).met!;
        // exact: n/d >= 98/100  <=>  100 n >= 98 d
        if (met !== 100 * n >= 98 * d) return false;
        return n === d || !met || checkTarget("K2", ratio(n + 1, d)).met === true;
      }),
    );
  });
});
