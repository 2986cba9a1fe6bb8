/**
 * evaluateRule computes in scaled integers when every number has 9 or fewer decimals and renders
 * its trace lazily; these properties hold it to the frozen pre-rewrite implementation
 * (bench/_legacy, BigInt rationals throughout): same points (bit for bit), met flag, outcome and
 * rendered trace, on random rules and values, including more than 9 decimals and huge values.
 */
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { evaluateRule, type ScoringRule, type StepsRule } from "../../src/scoring/index.js";
import type { Ratio } from "../../src/kpi/index.js";
import { legacyEvaluateRule } from "../../bench/_legacy/evaluateRule.js";

/** Decimals with 0-12 places, sometimes huge or tiny, as a user's data may hold. */
const decimal = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.integer({ min: 0, max: 6 })).map(([n, k]) => n / 10 ** k) },
  { weight: 2, arbitrary: fc.tuple(fc.integer(), fc.integer({ min: 7, max: 12 })).map(([n, k]) => n / 10 ** k) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e18, max: 1e18 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e15, 2 ** 53, 1e300, -1e300, 5e-324, 0.1 + 0.2, 123456789.12345679, 1e-9, 1e-10) },
);
const positive = decimal.map((x) => Math.abs(x)).filter((x) => x > 0);
const nonNeg = decimal.map((x) => Math.abs(x));

const linear = fc.record({ points: nonNeg, target: positive, zeroBelow: fc.option(decimal, { nil: undefined }) }).map(
  ({ points, target, zeroBelow }): ScoringRule => ({ kind: "linear", points, target, ...(zeroBelow === undefined ? {} : { zeroBelow }) }),
);
const threshold = fc.record({ points: nonNeg, op: fc.constantFrom(">=" as const, ">" as const, "<=" as const, "<" as const), value: decimal }).map(
  ({ points, op, value }): ScoringRule => ({ kind: "threshold", points, pass: { op, value } }),
);
const steps = fc
  .record({
    dir: fc.constantFrom("below" as const, "above" as const),
    start: decimal,
    widths: fc.array(positive, { minLength: 1, maxLength: 3 }),
    pers: fc.array(positive, { minLength: 3, maxLength: 3 }),
    deducts: fc.array(nonNeg, { minLength: 3, maxLength: 3 }),
    points: nonNeg,
    rounding: fc.constantFrom("floor" as const, "ceil" as const, "prorata" as const),
    beyond: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  })
  .map(({ dir, start, widths, pers, deducts, points, rounding, beyond }): StepsRule | null => {
    const sign = dir === "below" ? -1 : 1;
    const list: StepsRule["steps"][number][] = [];
    let from = start;
    for (let i = 0; i < widths.length; i++) {
      const to = from + sign * widths[i]!;
      if (to === from || !Number.isFinite(to)) return null; // the width vanished in the sum
      list.push({ from, to, per: pers[i]!, deduct: deducts[i]! });
      from = to;
    }
    const rule: StepsRule = { kind: "steps", points, direction: dir, rounding, steps: list };
    return beyond === undefined ? rule : { ...rule, zeroBeyond: from }; // at the last step's to
  })
  .filter((r): r is StepsRule => r !== null);
const rule = fc.oneof(linear, threshold, steps);
const value: fc.Arbitrary<number | Ratio> = fc.oneof(
  { weight: 4, arbitrary: decimal },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.oneof(fc.integer({ min: -1000, max: 1000 }), decimal), fc.oneof(fc.integer({ min: -1000, max: 1000 }), decimal)).map(([n, d]) => ({ numerator: n, denominator: d, value: d === 0 ? null : n / d }) as Ratio),
  },
);

/** The result as the user sees it when serialised, or the error code and path. */
function outcome(f: () => ReturnType<typeof evaluateRule>): string {
  try {
    const r = f();
    return JSON.stringify([Object.is(r.points, -0) ? "-0" : r.points, r.met, r.maxPoints, r.trace, r.trace.outcome, r.trace.arithmetic, r.trace.steps ?? null]);
  } catch (e) {
    if (isSlaKitError(e)) return `${e.code} ${JSON.stringify(e.path)}`;
    throw e;
  }
}

describe("evaluateRule scaled-integer path (P1-P14) against the BigInt-rational implementation", () => {
  it("same points, met, outcome and rendered trace on random rules and values (<= 9 and > 9 decimals, huge values, Ratios)", () => {
    fc.assert(
      fc.property(rule, value, (r, v) => {
        // a rule that fails validation fails the same way in both; skip those
        expect(outcome(() => evaluateRule(r, v))).toBe(outcome(() => legacyEvaluateRule(r, v)));
      }),
      { numRuns: 2000, endOnFailure: true },
    );
  });
  it("the built-in card rules agree on a grid of 4-place values", () => {
    const rules: ScoringRule[] = [
      { kind: "linear", id: "P1", sourceRef: "002 art. 9.3", points: 45, target: 0.98, zeroBelow: 0.9 },
      { kind: "steps", id: "P2", points: 10, direction: "below", rounding: "floor", zeroBeyond: 1500, steps: [{ from: 2200, to: 1800, per: 100, deduct: 1 }, { from: 1800, to: 1500, per: 100, deduct: 2 }] },
      { kind: "steps", id: "P10", points: 10, direction: "below", rounding: "prorata", steps: [{ from: 0.7, to: 0, per: 0.01, deduct: 0.5 }] },
      { kind: "threshold", id: "P7", points: 10, pass: { op: ">=", value: 0.999 } },
    ];
    for (const r of rules) {
      for (let i = 0; i <= 1000; i++) {
        const v = i * 0.001 + (r.kind === "steps" && r.id === "P2" ? 1400 + i * 0.9 : 0);
        expect(outcome(() => evaluateRule(r, v))).toBe(outcome(() => legacyEvaluateRule(r, v)));
      }
    }
  });
});

describe("P1-P14 lazy trace", () => {
  const p10: StepsRule = { kind: "steps", id: "P10", sourceRef: "002 art. 21.6", points: 10, direction: "below", rounding: "floor", steps: [{ from: 0.7, to: 0, per: 0.01, deduct: 0.5 }] };
  it("renders the same text when read, serialised or spread through JSON, and reads the same twice", () => {
    const r = evaluateRule(p10, 0.68);
    expect(r.points).toBe(9);
    expect(r.trace.arithmetic).toEqual(["step 0 (0.7 -> 0): 0.02 past from = 2 units of 0.01, floor -> 2; x 0.5 = 1 deducted", "10 - 1 = 9"]);
    expect(r.trace.arithmetic).toBe(r.trace.arithmetic);
    const plain = JSON.parse(JSON.stringify(r)) as { trace: Record<string, unknown> };
    expect(Object.keys(plain.trace)).toEqual(["kind", "value", "ruleId", "sourceRef", "outcome", "steps", "arithmetic"]);
    expect(plain.trace.steps).toEqual([{ index: 0, from: 0.7, to: 0, per: 0.01, deduct: 0.5, past: "0.02", units: "2", deducted: 1 }]);
  });
  it("P10 console.log / util.inspect show the rendered trace (the hook on the class, hidden and fixed)", () => {
    const r = evaluateRule(p10, 0.68);
    expect(r.trace.constructor.name).toBe("LazyRuleTrace");
    expect(inspect(r.trace, { depth: 4 })).toContain("10 - 1 = 9");
    const proto = Object.getPrototypeOf(r.trace) as object;
    const hook = Object.getOwnPropertyDescriptor(proto, Symbol.for("nodejs.util.inspect.custom"));
    expect(hook).toMatchObject({ enumerable: false, writable: false, configurable: false });
    expect((hook?.value as (this: unknown) => unknown).call(r.trace)).toEqual(JSON.parse(JSON.stringify(r.trace)));
  });
  it("a rule with more than 9 decimals takes the BigInt path and gives the same result shape", () => {
    const r = evaluateRule({ kind: "linear", points: 10, target: 0.1234567891 }, 0.1);
    expect(r.trace.outcome).toBe("linear");
    expect(r.trace.arithmetic[0]).toContain("0.1234567891");
  });
});
