/**
 * Money helpers: ranges, severities, rounding to fen.
 * @internal
 */
import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe, formatPath } from "../_lib/instant.js";
import { add, div, mul, q, roundInt, toSafeInteger, type Q } from "../_lib/rational.js";
import type { MoneyRounding, Severity } from "./types.js";

export function checkRounding(r: unknown, path: ErrorPath): MoneyRounding {
  if (r === undefined) return "half-up";
  if (r === "floor" || r === "ceil" || r === "half-up" || r === "half-even") return r;
  throw new SlaKitError("INVALID_INPUT", `rounding must be "floor", "ceil", "half-up" or "half-even", got ${describe(r)}.`, { path });
}

export function checkNonNeg(x: unknown, path: ErrorPath, integer: boolean): number {
  if (typeof x !== "number" || !Number.isFinite(x) || x < 0 || (integer && !Number.isSafeInteger(x))) {
    throw new SlaKitError(
      "INVALID_INPUT",
      `${formatPath(path)} must be a ${integer ? "non-negative safe integer" : "finite number >= 0"}, got ${describe(x)}.`,
      { path },
    );
  }
  return x;
}

/**
 * Picks a value in [min, max] for a severity. Returns the exact rational and a description.
 * `unit` names the unit of an explicit number in messages ("fen", "%").
 */
export function pick(min: number, max: number, severity: Severity, unit: string, path: ErrorPath): { value: Q; how: string } {
  if (severity === "low") return { value: q(min), how: `severity low -> minimum ${min} ${unit}` };
  if (severity === "high") return { value: q(max), how: `severity high -> maximum ${max} ${unit}` };
  if (severity === "medium") {
    const mid = div(add(q(min), q(max)), q(2));
    return { value: mid, how: `severity medium -> midpoint (${min} + ${max}) / 2 ${unit}` };
  }
  if (typeof severity === "number" && Number.isFinite(severity)) {
    if (severity < min || severity > max) {
      throw new SlaKitError("INVALID_INPUT", `The amount ${severity} ${unit} is outside the rule's range ${min}-${max} ${unit}.`, { path });
    }
    return { value: q(severity), how: `explicit ${severity} ${unit}` };
  }
  throw new SlaKitError("INVALID_INPUT", `severity must be "low", "medium", "high" or a number, got ${describe(severity)}.`, { path });
}

/** round(a x b) to whole fen; OUT_OF_SAFE_RANGE at `path` when beyond a safe integer. */
export function fen(a: Q, b: Q, rounding: MoneyRounding, path: ErrorPath): number {
  return toSafeInteger(roundInt(mul(a, b), rounding), "OUT_OF_SAFE_RANGE", path, "The amount in fen");
}

/** The rule with `id` from a rule table, and an object `input`; INVALID_INPUT naming the known ids otherwise. */
export function ruleAndInput<R extends { readonly id: string }>(rules: readonly R[], id: string, input: unknown, what: string, shape: string): R {
  const rule = rules.find((r) => r.id === id);
  if (rule === undefined) {
    throw new SlaKitError("INVALID_INPUT", `Unknown ${what} rule ${describe(id)}; known: ${rules.map((r) => r.id).join(", ")}.`, { path: ["ruleId"] });
  }
  if (typeof input !== "object" || input === null) {
    throw new SlaKitError("INVALID_INPUT", `input must be an object ${shape}, got ${describe(input)}.`, { path: ["input"] });
  }
  return rule;
}
