/**
 * A frozen copy of `evaluateRule` as it was before the scaled-integer compilation (commit 869a094):
 * the reference the scoring bench measures against and the property test compares with. Never
 * change it; private to bench/ and test/.
 */
import { SlaKitError } from "../../src/errors.js";
import { scoringRuleSchema } from "../../src/scoring/schema.js";
import type { Ratio, RuleResult, ScoringRule } from "../../src/scoring/types.js";
import { compileRule, type CompiledRule } from "./_compile.js";
import { evaluateCompiled, readValue } from "./_evaluate.js";
import { toFiniteNumber } from "./rational.js";

const compiled = new WeakMap<object, CompiledRule>();

function compiledRule(rule: unknown): CompiledRule {
  if (typeof rule === "object" && rule !== null) {
    const hit = compiled.get(rule);
    if (hit !== undefined) return hit;
  }
  const r = scoringRuleSchema.safeParse(rule);
  if (!r.success) throw new SlaKitError("INVALID_RULE", "Invalid scoring rule.", { path: [] });
  const c = compileRule(r.data as ScoringRule, []);
  if (typeof rule === "object" && rule !== null) compiled.set(rule, c);
  return c;
}

/** evaluateRule before the rewrite. */
export function legacyEvaluateRule(rule: ScoringRule, value: number | Ratio): RuleResult {
  const c = compiledRule(rule);
  const v = readValue(value, ["value"]);
  if (typeof v === "string") {
    throw new SlaKitError("MISSING_VALUE", `No value to score${c.rule.id ? ` for rule ${c.rule.id}` : ""}: ${v}. Supply a measured value.`, {
      path: ["value"],
    });
  }
  const r = evaluateCompiled(c, v);
  return { points: toFiniteNumber(r.points, "OUT_OF_SAFE_RANGE", ["rule", "points"], "The points"), met: r.met, maxPoints: c.rule.points, trace: r.trace };
}
