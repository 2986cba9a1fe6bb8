import { SlaKitError } from "../errors.js";
import { LazyRuleTrace, evaluateCompiled, evaluateFast, readValue } from "./_evaluate.js";
import { POW10_NUM, decimalPlaces, toFiniteNumber } from "../_lib/rational.js";
import { compiledRule } from "./schema.js";
import type { Ratio, RuleResult, RuleTrace, ScoringRule } from "./types.js";

/**
 * Scores one value with one rule, exactly (decimal inputs are read from their shortest decimal
 * text and computed as BigInt rationals; the result is the nearest double).
 *
 * - `linear`: `points * min(1, value / target)`, 0 when `value < zeroBelow` (`zeroBelow` itself is
 *   scored); a negative value without `zeroBelow` scores 0, never negative points.
 * - `threshold`: `points` when `value <op> pass.value`, else 0.
 * - `steps`: deducts `deduct` for every `per` that the value is past `from` inside each step range
 *   (`floor` whole units, `ceil` started units, `prorata` fractions; per range), never below 0;
 *   past `zeroBeyond` (strictly) the item scores 0.
 *
 * The rule is validated on first use and its compiled form cached per rule object (rules are
 * treated as immutable data). A `Ratio` is scored from its exact `numerator / denominator`.
 * When every number (rule and value) has 9 or fewer decimals the same exact result is computed
 * with scaled integers. The trace's `arithmetic` and `steps` are rendered when first read or
 * serialised (`JSON.stringify`); the other trace fields are plain properties.
 *
 * @throws SlaKitError `INVALID_RULE` (with the path into the rule), `MISSING_VALUE` (a Ratio whose
 * value is null), `INVALID_INPUT` (a value that is not a finite number or a Ratio).
 * @example
 * ```ts
 * import { evaluateRule } from "sla-kit/scoring";
 *
 * // docs/rules.md P10 (002 art. 21.6): 30-min response share below 70%: minus 0.5 per point short
 * const rule = { kind: "steps", points: 10, direction: "below", rounding: "floor",
 *   steps: [{ from: 0.70, to: 0, per: 0.01, deduct: 0.5 }] } as const;
 * console.log(evaluateRule(rule, 0.68).points); // 9 (exactly 2 units short)
 * ```
 */
export function evaluateRule(rule: ScoringRule, value: number | Ratio): RuleResult {
  const c = compiledRule(rule);
  const f = c.fast;
  if (f !== null) {
    // scaled integers: the value as vn / vd when it (or a Ratio's numerator and denominator) has <= 9 decimals
    let vn = Number.NaN;
    let vd = 1;
    let num: unknown = value;
    let ratio: { numerator: number; denominator: number } | undefined;
    if (typeof value === "number") {
      const k = decimalPlaces(value);
      if (k >= 0) {
        vd = POW10_NUM[k]!;
        vn = Math.round(value * vd);
      }
    } else if (typeof value === "object" && value !== null && "value" in value && value.value !== null) {
      const { numerator: n, denominator: d } = value;
      const kn = typeof n === "number" ? decimalPlaces(n) : -1;
      const kd = typeof d === "number" && d !== 0 ? decimalPlaces(d) : -1;
      if (kn >= 0 && kd >= 0) {
        // n / d = (n * 10^kn) * 10^kd / ((d * 10^kd) * 10^kn)
        vn = Math.round(n * POW10_NUM[kn]!) * POW10_NUM[kd]!;
        vd = Math.round(d * POW10_NUM[kd]!) * POW10_NUM[kn]!;
        if (vd < 0) {
          vn = -vn;
          vd = -vd;
        }
        if (!(Math.abs(vn) <= Number.MAX_SAFE_INTEGER && vd <= Number.MAX_SAFE_INTEGER)) vn = Number.NaN;
        num = value.value;
        ratio = { numerator: n, denominator: d };
      }
    }
    const r = vn === vn ? evaluateFast(c, f, vn, vd) : null;
    if (r !== null) return { points: r.points, met: r.met, maxPoints: c.rule.points, trace: new LazyRuleTrace(c, num as number, ratio, r.outcome) as RuleTrace };
  }
  const v = readValue(value, ["value"]);
  if (typeof v === "string") {
    throw new SlaKitError("MISSING_VALUE", `No value to score${c.rule.id ? ` for rule ${c.rule.id}` : ""}: ${v}. Supply a measured value.`, {
      path: ["value"],
    });
  }
  const r = evaluateCompiled(c, v);
  return { points: toFiniteNumber(r.points, "OUT_OF_SAFE_RANGE", ["rule", "points"], "The points"), met: r.met, maxPoints: c.rule.points, trace: r.trace };
}
