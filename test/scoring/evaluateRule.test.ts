import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { evaluateRule, parseRule, safeParseRule, type ScoringRule, type StepsRule } from "../../src/scoring/index.js";

function codeOf(f: () => unknown): { code: string; path: readonly (string | number)[] } | undefined {
  try {
    f();
  } catch (e) {
    if (isSlaKitError(e)) return { code: e.code, path: e.path };
    throw e;
  }
  return undefined;
}

const linear: ScoringRule = { kind: "linear", points: 40, target: 0.98, zeroBelow: 0.9 };

describe("linear", () => {
  it("scores points x min(1, value / target), 0 strictly below zeroBelow", () => {
    expect(evaluateRule(linear, 0.98).points).toBe(40);
    expect(evaluateRule(linear, 1).points).toBe(40);
    expect(evaluateRule(linear, 0.9).points).toBeCloseTo((40 * 90) / 98, 12);
    expect(evaluateRule(linear, 0.8999).points).toBe(0);
    expect(evaluateRule(linear, 0.9).maxPoints).toBe(40);
  });
  it("without zeroBelow, negative values clamp to 0", () => {
    expect(evaluateRule({ kind: "linear", points: 10, target: 2 }, -1).points).toBe(0);
    expect(evaluateRule({ kind: "linear", points: 10, target: 2 }, 1).points).toBe(5);
  });
  it("uses a Ratio's exact numerator / denominator", () => {
    const r = evaluateRule({ kind: "linear", points: 30, target: 0.9 }, { numerator: 3, denominator: 10, value: 0.3 });
    expect(r.points).toBe(10);
    expect(r.trace.ratio).toEqual({ numerator: 3, denominator: 10 });
  });
});

describe("threshold", () => {
  const ops = [
    [">=", 0.999, 10],
    [">", 0.999, 0],
    ["<=", 0.999, 10],
    ["<", 0.999, 0],
  ] as const;
  for (const [op, v, pts] of ops) {
    it(`${op} at the boundary value`, () => {
      expect(evaluateRule({ kind: "threshold", points: 10, pass: { op, value: 0.999 } }, v).points).toBe(pts);
    });
  }
});

describe("steps: exact decimal arithmetic", () => {
  it("0.8% over a 0.5% start in 0.1% units is exactly 3 units", () => {
    const rule: StepsRule = {
      kind: "steps", points: 10, direction: "above", rounding: "floor",
      steps: [{ from: 0.005, to: 0.01, per: 0.001, deduct: 1 }],
    };
    expect(evaluateRule(rule, 0.008).points).toBe(7);
    expect(evaluateRule(rule, 0.008).trace.steps?.[0]?.units).toBe("3");
  });
  it("0.68 against a 0.70 start in 0.01 units is exactly 2 units (floor and ceil agree)", () => {
    for (const rounding of ["floor", "ceil", "prorata"] as const) {
      const rule: StepsRule = { kind: "steps", points: 10, direction: "below", rounding, steps: [{ from: 0.7, to: 0, per: 0.01, deduct: 1 }] };
      expect(evaluateRule(rule, 0.68).points).toBe(8);
    }
  });
  it("0.009 - 0.005 in 0.001 units is exactly 4", () => {
    const rule: StepsRule = { kind: "steps", points: 5, direction: "above", rounding: "ceil", steps: [{ from: 0.005, to: 0.01, per: 0.001, deduct: 1 }] };
    expect(evaluateRule(rule, 0.009).points).toBe(1);
  });
  it("floor counts whole units, ceil started units, prorata fractions", () => {
    const mk = (rounding: StepsRule["rounding"]): StepsRule => ({
      kind: "steps", points: 10, direction: "below", rounding, steps: [{ from: 2200, to: 1800, per: 100, deduct: 1 }],
    });
    expect(evaluateRule(mk("floor"), 2150).points).toBe(10);
    expect(evaluateRule(mk("ceil"), 2150).points).toBe(9);
    expect(evaluateRule(mk("prorata"), 2150).points).toBe(9.5);
  });
  it("rounding applies to each step range separately; a value beyond a step's to takes its full range", () => {
    const rule: StepsRule = {
      kind: "steps", points: 20, direction: "below", rounding: "ceil",
      steps: [{ from: 2200, to: 1800, per: 100, deduct: 1 }, { from: 1800, to: 1500, per: 100, deduct: 2 }],
    };
    // 1750: first range full (4 units -> 4), second 50 past -> ceil 1 unit -> 2
    expect(evaluateRule(rule, 1750).points).toBe(14);
  });
  it("zeroBeyond is strict: at it the item still scores, past it 0", () => {
    const rule: StepsRule = {
      kind: "steps", points: 10, direction: "above", rounding: "floor",
      steps: [{ from: 3, to: 5, per: 1, deduct: 5 }], zeroBeyond: 5,
    };
    expect(evaluateRule(rule, 5).points).toBe(0);
    const rule2: StepsRule = { ...rule, points: 20 };
    expect(evaluateRule(rule2, 5).points).toBe(10);
    expect(evaluateRule(rule2, 5.0001).points).toBe(0);
    expect(evaluateRule(rule2, 5.0001).trace.outcome).toBe("zero-beyond");
  });
  it("never below 0 points", () => {
    const rule: StepsRule = { kind: "steps", points: 3, direction: "below", rounding: "floor", steps: [{ from: 0.99, to: 0, per: 0.01, deduct: 2 }] };
    expect(evaluateRule(rule, 0.5).points).toBe(0);
  });
});

describe("errors", () => {
  it("a Ratio with value null throws MISSING_VALUE", () => {
    expect(codeOf(() => evaluateRule(linear, { numerator: 0, denominator: 0, value: null, reason: "no surveys" }))).toEqual({
      code: "MISSING_VALUE",
      path: ["value"],
    });
  });
  it("NaN or a string value throws INVALID_INPUT", () => {
    expect(codeOf(() => evaluateRule(linear, NaN))?.code).toBe("INVALID_INPUT");
    expect(codeOf(() => evaluateRule(linear, "0.9" as unknown as number))?.code).toBe("INVALID_INPUT");
  });
  it("unknown kinds are INVALID_RULE at ['kind']", () => {
    expect(codeOf(() => evaluateRule({ kind: "curve", points: 1 } as unknown as ScoringRule, 1))).toEqual({ code: "INVALID_RULE", path: ["kind"] });
  });
  it("P2 002 art. 9.4: a step table with the 1600-1500 gap fails validation at the step that does not meet its predecessor", () => {
    const r = safeParseRule({
      kind: "steps", points: 10, direction: "below", rounding: "floor", zeroBeyond: 1500,
      steps: [{ from: 2200, to: 1800, per: 100, deduct: 1 }, { from: 1800, to: 1600, per: 100, deduct: 2 }],
    });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.path).toEqual(["zeroBeyond"]);
    const gap = safeParseRule({
      kind: "steps", points: 10, direction: "below", rounding: "floor",
      steps: [{ from: 2200, to: 1800, per: 100, deduct: 1 }, { from: 1600, to: 1500, per: 100, deduct: 2 }],
    });
    expect(gap.success ? null : gap.error.path).toEqual(["steps", 1, "from"]);
  });
  it("overlaps and wrong sides have paths", () => {
    expect(
      codeOf(() => parseRule({
        kind: "steps", points: 10, direction: "below", rounding: "floor",
        steps: [{ from: 2200, to: 1800, per: 100, deduct: 1 }, { from: 1900, to: 1500, per: 100, deduct: 2 }],
      })),
    ).toEqual({ code: "INVALID_RULE", path: ["steps", 1, "from"] });
    expect(
      codeOf(() => parseRule({ kind: "steps", points: 10, direction: "above", rounding: "floor", steps: [{ from: 5, to: 3, per: 1, deduct: 1 }] })),
    ).toEqual({ code: "INVALID_RULE", path: ["steps", 0, "to"] });
    expect(codeOf(() => parseRule({ kind: "linear", points: 1, target: 0 }))).toEqual({ code: "INVALID_RULE", path: ["target"] });
    expect(codeOf(() => parseRule({ kind: "linear", points: -1, target: 1 }))?.path).toEqual(["points"]);
    expect(codeOf(() => parseRule({ kind: "steps", points: 1, direction: "below", rounding: "round", steps: [{ from: 1, to: 0, per: 1, deduct: 1 }] }))?.path).toEqual(["rounding"]);
    expect(codeOf(() => parseRule({ kind: "linear", points: 1, target: 1, zeroBelw: 0.5 }))?.code).toBe("INVALID_RULE");
  });
  it("docs/rules.md 'INVALID_RULE with its path': an unknown key's path names the key", () => {
    expect(codeOf(() => parseRule({ kind: "linear", points: 1, target: 1, zeroBelw: 0.5 }))).toEqual({ code: "INVALID_RULE", path: ["zeroBelw"] });
    expect(codeOf(() => evaluateRule({ kind: "threshold", points: 1, pass: { op: ">=", value: 1, x: 1 } } as unknown as ScoringRule, 1))).toEqual({
      code: "INVALID_RULE",
      path: ["pass", "x"],
    });
  });
});

describe("docs/rules.md scoring readings (pinned examples)", () => {
  const p2 = (rounding: StepsRule["rounding"]): StepsRule => ({
    kind: "steps", points: 10, direction: "below", rounding, zeroBeyond: 1500,
    steps: [{ from: 2200, to: 1800, per: 100, deduct: 1 }, { from: 1800, to: 1500, per: 100, deduct: 2 }],
  });
  it("P2 002 art. 9.4 + P14: 2050 is 1.5 units short: floor 1, ceil 2, prorata 1.5", () => {
    expect(evaluateRule(p2("floor"), 2050).points).toBe(9);
    expect(evaluateRule(p2("ceil"), 2050).points).toBe(8);
    expect(evaluateRule(p2("prorata"), 2050).points).toBe(8.5);
  });
  it("P2 + P14: 1750 takes the first range in full (4 x 1) and 0.5 unit of the second (x 2), rounded per range", () => {
    expect(evaluateRule(p2("floor"), 1750).points).toBe(10 - 4 - 0);
    expect(evaluateRule(p2("ceil"), 1750).points).toBe(10 - 4 - 2);
    expect(evaluateRule(p2("prorata"), 1750).points).toBe(10 - 4 - 1);
  });
  it("P2: zeroBeyond 1500 itself is scored (not zeroed); 1499.99 scores 0 by zeroBeyond", () => {
    const at = evaluateRule(p2("prorata"), 1500);
    expect([at.points, at.trace.outcome]).toEqual([0, "deductions"]);
    const past = evaluateRule(p2("prorata"), 1499.99);
    expect([past.points, past.trace.outcome]).toEqual([0, "zero-beyond"]);
    expect(evaluateRule(p2("floor"), 2200).points).toBe(10);
  });
  it("P13 002 art. 23: above 3 failures minus 5 per failure, more than 5 scores 0 (5 itself is scored)", () => {
    const p13: StepsRule = { kind: "steps", points: 10, direction: "above", rounding: "floor", zeroBeyond: 5, steps: [{ from: 3, to: 5, per: 1, deduct: 5 }] };
    expect([3, 4, 5, 6].map((v) => evaluateRule(p13, v).trace.outcome)).toEqual(["full", "deductions", "deductions", "zero-beyond"]);
    expect([3, 4, 5, 6].map((v) => evaluateRule(p13, v).points)).toEqual([10, 5, 0, 0]);
  });
  it("docs/rules.md exact decimals: 0.3 meets >= 0.3 exactly; 0.1 + 0.2 (text 0.30000000000000004) is past 0.3", () => {
    const ge: ScoringRule = { kind: "threshold", points: 2, pass: { op: ">=", value: 0.3 } };
    const lt: ScoringRule = { kind: "threshold", points: 2, pass: { op: "<", value: 0.3 } };
    expect(evaluateRule(ge, 0.3).points).toBe(2);
    expect(evaluateRule(lt, 0.3).points).toBe(0);
    expect(evaluateRule(lt, 0.1 + 0.2).points).toBe(0);
    expect(evaluateRule({ kind: "threshold", points: 2, pass: { op: "<=", value: 0.3 } }, 0.1 + 0.2).points).toBe(0);
  });
});

describe("laws", () => {
  const decimal = fc.integer({ min: 0, max: 100_000 }).map((n) => n / 10_000); // 0..10 in 4-place decimals
  const stepsArb = fc
    .record({
      dir: fc.constantFrom("below" as const, "above" as const),
      start: fc.integer({ min: 0, max: 500 }),
      widths: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 3 }),
      pers: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 3, maxLength: 3 }),
      deducts: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 3 }),
      rounding: fc.constantFrom("floor" as const, "ceil" as const, "prorata" as const),
      points: fc.integer({ min: 0, max: 100 }),
      zb: fc.boolean(),
    })
    .map(({ dir, start, widths, pers, deducts, rounding, points, zb }): StepsRule => {
      const sign = dir === "below" ? -1 : 1;
      let from = dir === "below" ? start + 1000 : start;
      const steps = widths.map((w, i) => {
        const s = { from: from / 100, to: (from + sign * w) / 100, per: pers[i]! / 100, deduct: deducts[i]! / 2 };
        from += sign * w;
        return s;
      });
      const base = { kind: "steps" as const, points, direction: dir, steps, rounding };
      return zb ? { ...base, zeroBeyond: steps[steps.length - 1]!.to } : base;
    });

  it("every rule scores within [0, points]", () => {
    fc.assert(
      fc.property(stepsArb, decimal, (rule, v) => {
        const r = evaluateRule(rule, v);
        return r.points >= 0 && r.points <= rule.points && r.maxPoints === rule.points;
      }),
    );
  });
  it("steps scores are monotone in the right direction (more past the start never scores more)", () => {
    fc.assert(
      fc.property(stepsArb, decimal, decimal, (rule, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const pl = evaluateRule(rule, lo).points;
        const ph = evaluateRule(rule, hi).points;
        return rule.direction === "below" ? pl <= ph : pl >= ph;
      }),
    );
  });
  it("steps deductions are additive across ranges: the sum of per-range deductions when not clamped", () => {
    fc.assert(
      fc.property(stepsArb, decimal, (rule, v) => {
        const big = { ...rule, points: 1_000_000 };
        const { zeroBeyond: _z, ...noZero } = big;
        const whole = 1_000_000 - evaluateRule(noZero, v).points;
        let sum = 0;
        for (const s of rule.steps) {
          const single: StepsRule = { ...noZero, steps: [s] };
          sum += 1_000_000 - evaluateRule(single, v).points;
        }
        return Math.abs(whole - sum) < 1e-6;
      }),
    );
  });
  it("linear is monotone non-decreasing and continuous above its floor", () => {
    const rule: ScoringRule = { kind: "linear", points: 45, target: 0.98, zeroBelow: 0.9 };
    fc.assert(
      fc.property(fc.integer({ min: 9000, max: 10_000 }), (n) => {
        const v = n / 10_000;
        const p = evaluateRule(rule, v).points;
        const next = evaluateRule(rule, (n + 1) / 10_000).points;
        return next >= p && next - p <= (45 / 0.98) * 0.0001 + 1e-9;
      }),
    );
  });
  it("threshold and linear are bounded and monotone for random rules", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 100 }), decimal, decimal, (t, pts, a, b) => {
        const rule: ScoringRule = { kind: "linear", points: pts, target: t / 100, zeroBelow: t / 200 };
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const pl = evaluateRule(rule, lo).points;
        const ph = evaluateRule(rule, hi).points;
        return pl <= ph && pl >= 0 && ph <= pts;
      }),
    );
  });
});
