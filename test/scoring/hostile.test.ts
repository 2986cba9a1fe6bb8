import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { weightedFailures } from "../../src/kpi/index.js";
import { assessPenalty, bonusAdjustment, callCentreCard, gradeDistribution, scorecard, weightedEvaluation, type Scorecard } from "../../src/scoring/index.js";
import { expectError } from "../kpi/helpers.js";

const DICT = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "a|b", "prototype"];
const keyArb = fc.oneof(fc.constantFrom(...DICT), fc.string({ maxLength: 6 }));
const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(",");

/** Calls f; returns "ok", or the SlaKitError code; any other throw fails the property. */
function outcome(f: () => unknown): string {
  try {
    f();
    return "ok";
  } catch (e) {
    if (isSlaKitError(e)) return e.code;
    throw e;
  }
}

describe("issue 14: user-chosen names are data, never prototype keys", () => {
  it("gradeDistribution([{ grade: 'good', item: '__proto__' }]) counts the item and leaves Object.prototype alone", () => {
    const before = protoKeys();
    const d = gradeDistribution([{ grade: "good", item: "__proto__", person: "constructor" }, { grade: "excellent", item: "toString" }]);
    expect(protoKeys()).toBe(before);
    expect(({} as Record<string, unknown>).good).toBeUndefined();
    expect(Object.keys(d.byItem)).toEqual(["__proto__", "toString"]);
    expect(d.byItem["__proto__"]).toEqual({ excellent: 0, good: 1, qualified: 0, unqualified: 0 });
    expect(d.byPerson["constructor"]).toEqual({ excellent: 0, good: 1, qualified: 0, unqualified: 0 });
    expect(JSON.parse(JSON.stringify(d)).byItem.toString.excellent).toBe(1);
    expectError(() => gradeDistribution([{ grade: "good", item: 5 as never }]), "INVALID_INPUT", ["records", 0, "item"]);
    expectError(() => gradeDistribution([null as never]), "INVALID_INPUT", ["records", 0]);
  });
  it("weightedEvaluation with evaluator 'toString' keeps its score; an evaluator without an own weight is INVALID_INPUT", () => {
    const r = weightedEvaluation(
      [
        { evaluator: "toString", dimension: "attitude", score: 90 },
        { evaluator: "customer", dimension: "__proto__", score: 70 },
      ],
      { evaluators: { toString: 1, customer: 1 }, dimensions: { __proto__: 1 } as never },
    );
    expect(r.score).toBe(80);
    expect(r.byEvaluator["toString"]).toBe(90);
    expectError(() => weightedEvaluation([{ evaluator: "toString", dimension: "a", score: 1 }], { evaluators: { customer: 1 } }), "INVALID_INPUT", ["scores", 0, "evaluator"]);
  });
  it("card options: a points key 'toString' is an unknown item, not an inherited one", () => {
    expectError(() => callCentreCard({ points: { toString: 5 } as never }), "INVALID_INPUT", ["points", "toString"]);
  });
  it("law: gradeDistribution counts every record under its own key, whatever the names, and never touches Object.prototype", () => {
    const before = protoKeys();
    fc.assert(
      fc.property(fc.array(fc.record({ grade: fc.constantFrom("excellent", "good", "qualified", "unqualified" as const), item: keyArb, person: keyArb }), { maxLength: 20 }), (records) => {
        const d = gradeDistribution(records);
        const sum = (t: Record<string, Record<string, number>>) => Object.keys(t).reduce((n, k) => n + Object.values(t[k]!).reduce((a, b) => a + b, 0), 0);
        return sum(d.byItem) === records.length && sum(d.byPerson) === records.length && protoKeys() === before;
      }),
    );
  });
  it("law: weightedEvaluation with one evaluator of any name gives that evaluator's mean score", () => {
    fc.assert(
      fc.property(keyArb, keyArb, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }), (ev, dim, scores) => {
        const r = weightedEvaluation(scores.map((score) => ({ evaluator: ev, dimension: dim, score })), { evaluators: Object.fromEntries([[ev, 1]]) });
        return Math.abs(r.score! - scores.reduce((a, b) => a + b, 0) / scores.length) < 1e-9;
      }),
    );
  });
});

describe("issue 14: results are finite and exact, or a SlaKitError", () => {
  it("weightedFailures at 1,024 failures of one device is OUT_OF_SAFE_RANGE, never Infinity", () => {
    const fs = Array.from({ length: 1024 }, (_, k) => ({ deviceId: "d", at: Date.UTC(2026, 0, 1) + k }));
    expectError(() => weightedFailures(fs, { timeZone: "UTC" }), "OUT_OF_SAFE_RANGE");
  });
  it("scorecard with points 1e308 on two items is OUT_OF_SAFE_RANGE, never Infinity", () => {
    const card: Scorecard = {
      id: "huge", name: "Huge",
      items: [
        { id: "a", rule: { kind: "threshold", points: 1e308, pass: { op: ">=", value: 0 } } },
        { id: "b", rule: { kind: "threshold", points: 1e308, pass: { op: ">=", value: 0 } } },
      ],
    };
    expectError(() => scorecard(card, { a: 1, b: 1 }), "OUT_OF_SAFE_RANGE", ["card"]);
    expect(scorecard({ ...card, items: [card.items[0]!] }, { a: 1 }).total).toBe(1e308);
  });
  it("assessPenalty with a huge count is OUT_OF_SAFE_RANGE, never a non-safe-integer fen", () => {
    expectError(() => assessPenalty("M3", { count: 1e15, person: "a", leader: "b" }), "OUT_OF_SAFE_RANGE", ["input", "count"]);
    expect(assessPenalty("M3", { count: 1e9, person: "a", leader: "b" }).total).toEqual({ fen: 6e12 });
  });
  it("bonusAdjustment('M4', { evidence: null }) is no evidence, never a TypeError; a Symbol in evidence is no TypeError either", () => {
    expect(bonusAdjustment("M4", { bonusFen: 100, evidence: null as never }).applies).toBe(true);
    expect(outcome(() => bonusAdjustment("M4", { bonusFen: 100, evidence: { rating: Symbol("x") as never } }))).toBe("ok");
  });
  it("law: assessPenalty amounts are safe integers or OUT_OF_SAFE_RANGE for every count", () => {
    fc.assert(
      fc.property(fc.constantFrom("M1", "M2.entry-error", "M3", "P8.late-order"), fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })), fc.constantFrom("low", "medium", "high" as const), (id, count, severity) => {
        let r;
        try {
          r = assessPenalty(id, { count, person: "p", leader: "l", severity });
        } catch (e) {
          return isSlaKitError(e) && e.code === "OUT_OF_SAFE_RANGE";
        }
        const fens = [r.total, ...r.lines.map((l) => l.amount)].flatMap((a) => ("fen" in a ? [a.fen] : [a.minFen, a.maxFen]));
        return fens.every((x) => Number.isSafeInteger(x));
      }),
    );
  });
  it("law: scorecard totals are finite for any finite points and weights, or OUT_OF_SAFE_RANGE", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ points: fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }), weight: fc.double({ min: 0, max: 1e6, noNaN: true }) }), { minLength: 1, maxLength: 4 }), (items) => {
        const card: Scorecard = { id: "c", name: "C", items: items.map((it, k) => ({ id: `i${k}`, weight: it.weight, rule: { kind: "threshold", points: it.points, pass: { op: ">=", value: 0 } } })) };
        const values = Object.fromEntries(items.map((_, k) => [`i${k}`, 1]));
        try {
          const r = scorecard(card, values);
          return Number.isFinite(r.total) && Number.isFinite(r.maxTotal) && r.items.every((i) => i.status !== "scored" || Number.isFinite(i.weightedPoints));
        } catch (e) {
          return isSlaKitError(e) && (e.code === "OUT_OF_SAFE_RANGE" || e.code === "INVALID_RULE");
        }
      }),
    );
  });
});
