/**
 * Type tests: the public signatures of `sla-kit/scoring` (docs/rules.md "Readings: scoring").
 * Run by `npm test` (vitest typecheck).
 */
import { describe, expectTypeOf, it } from "vitest";
import type { Ratio } from "../../src/kpi/index.js";
import { evaluateRule, scorecard, type Scorecard, type ScoringRule } from "../../src/scoring/index.js";

describe("scoring signatures", () => {
  it("ScoringRule is linear | threshold | steps, each with its fields", () => {
    expectTypeOf<ScoringRule["kind"]>().toEqualTypeOf<"linear" | "threshold" | "steps">();
    expectTypeOf({ kind: "linear", points: 45, target: 0.98, zeroBelow: 0.9 } as const).toExtend<ScoringRule>();
    expectTypeOf({ kind: "threshold", points: 10, pass: { op: ">=", value: 0.999 } } as const).toExtend<ScoringRule>();
    expectTypeOf({ kind: "steps", points: 10, direction: "below", rounding: "floor", zeroBeyond: 1500, steps: [{ from: 2200, to: 1800, per: 100, deduct: 1 }] } as const).toExtend<ScoringRule>();
    expectTypeOf({ kind: "steps", points: 10, direction: "below", steps: [] } as const).not.toExtend<ScoringRule>(); // rounding is required (P14)
    expectTypeOf<Extract<ScoringRule, { kind: "threshold" }>["pass"]["op"]>().toEqualTypeOf<">=" | ">" | "<=" | "<">();
    expectTypeOf<Extract<ScoringRule, { kind: "steps" }>["rounding"]>().toEqualTypeOf<"floor" | "ceil" | "prorata">();
    expectTypeOf<Extract<ScoringRule, { kind: "steps" }>["direction"]>().toEqualTypeOf<"below" | "above">();
  });

  it("evaluateRule(rule, value: number | Ratio): { points, maxPoints, trace }", () => {
    expectTypeOf(evaluateRule).parameter(0).toEqualTypeOf<ScoringRule>();
    expectTypeOf(evaluateRule).parameter(1).toEqualTypeOf<number | Ratio>();
    expectTypeOf(evaluateRule).returns.toHaveProperty("points").toEqualTypeOf<number>();
    expectTypeOf(evaluateRule).returns.toHaveProperty("maxPoints").toEqualTypeOf<number>();
    expectTypeOf(evaluateRule).returns.toHaveProperty("trace");
  });

  it("scorecard(card, values): { total, maxTotal, items, grade?, trace }", () => {
    expectTypeOf(scorecard).parameter(0).toEqualTypeOf<Scorecard>();
    const r = scorecard({} as Scorecard, {});
    expectTypeOf(r.total).toEqualTypeOf<number>();
    expectTypeOf(r.maxTotal).toEqualTypeOf<number>();
    expectTypeOf(r.items).toExtend<readonly unknown[]>();
    expectTypeOf(r.grade).toEqualTypeOf<string | undefined>();
    expectTypeOf(r).toHaveProperty("trace");
    expectTypeOf(scorecard).toBeCallableWith({} as Scorecard, { satisfaction: 0.98, callbackRate: { numerator: 9, denominator: 10, value: 0.9 } });
  });
});
