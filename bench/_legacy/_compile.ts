/** Frozen copy (bench/_legacy, commit 869a094) of src/. Never change it.
 *
 * Semantic checks and compilation of scoring rules (after the zod shape check in schema.ts).
 * @internal
 */
import { SlaKitError, type ErrorPath } from "../../src/errors.js";
import { cmp, q, sub, type Q } from "./rational.js";
import type { ScoringRule, StepRounding } from "../../src/scoring/types.js";

export interface CompiledStep {
  readonly from: Q;
  readonly per: Q;
  readonly deduct: Q;
  /** |to - from| */
  readonly range: Q;
}

export type CompiledRule =
  | { readonly kind: "linear"; readonly rule: ScoringRule; readonly points: Q; readonly target: Q; readonly zeroBelow: Q | undefined }
  | { readonly kind: "threshold"; readonly rule: ScoringRule; readonly points: Q; readonly op: ">=" | ">" | "<=" | "<"; readonly value: Q }
  | {
      readonly kind: "steps";
      readonly rule: ScoringRule;
      readonly points: Q;
      readonly below: boolean;
      readonly steps: readonly CompiledStep[];
      readonly zeroBeyond: Q | undefined;
      readonly rounding: StepRounding;
    };

function invalid(message: string, path: ErrorPath): never {
  throw new SlaKitError("INVALID_RULE", message, { path });
}

/** Checks what zod cannot express (sides, contiguity, coverage) and precompiles rationals. */
export function compileRule(rule: ScoringRule, base: ErrorPath): CompiledRule {
  const points = q(rule.points);
  switch (rule.kind) {
    case "linear": {
      const target = q(rule.target);
      if (target.n <= 0n) invalid(`A linear rule needs a target > 0, got ${rule.target}.`, [...base, "target"]);
      return {
        kind: "linear",
        rule,
        points,
        target,
        zeroBelow: rule.zeroBelow === undefined ? undefined : q(rule.zeroBelow),
      };
    }
    case "threshold":
      return { kind: "threshold", rule, points, op: rule.pass.op, value: q(rule.pass.value) };
    case "steps": {
      const below = rule.direction === "below";
      const steps: CompiledStep[] = [];
      let prevTo: Q | undefined;
      for (let i = 0; i < rule.steps.length; i++) {
        const s = rule.steps[i]!;
        const from = q(s.from);
        const to = q(s.to);
        const per = q(s.per);
        const c = cmp(from, to);
        if (below ? c <= 0 : c >= 0) {
          invalid(
            below
              ? `Step ${i} of a "below" rule must run downwards (from > to), got from ${s.from} to ${s.to}.`
              : `Step ${i} of an "above" rule must run upwards (from < to), got from ${s.from} to ${s.to}.`,
            [...base, "steps", i, "to"],
          );
        }
        if (per.n <= 0n) invalid(`Step ${i} needs per > 0, got ${s.per}.`, [...base, "steps", i, "per"]);
        if (prevTo !== undefined) {
          const k = cmp(from, prevTo);
          if (k !== 0) {
            const gap = below ? k < 0 : k > 0;
            invalid(
              `Step ${i} must start where step ${i - 1} ends (${rule.steps[i - 1]!.to}), got from ${s.from}: ` +
                `${gap ? "a gap leaves values unscored" : "the ranges overlap"}. List steps in order from the start, with no gaps or overlaps.`,
              [...base, "steps", i, "from"],
            );
          }
        }
        prevTo = to;
        steps.push({ from, per, deduct: q(s.deduct), range: below ? sub(from, to) : sub(to, from) });
      }
      let zeroBeyond: Q | undefined;
      if (rule.zeroBeyond !== undefined) {
        zeroBeyond = q(rule.zeroBeyond);
        const first = steps[0]!.from;
        const last = prevTo!;
        // zeroBeyond must lie within [last to, first from] (in the rule's direction)
        const uncovered = below ? cmp(zeroBeyond, last) < 0 : cmp(zeroBeyond, last) > 0;
        if (uncovered) {
          invalid(
            `zeroBeyond ${rule.zeroBeyond} leaves the range between the last step's to (${rule.steps[rule.steps.length - 1]!.to}) ` +
              `and it uncovered; extend the last step or add one up to zeroBeyond.`,
            [...base, "zeroBeyond"],
          );
        }
        const before = below ? cmp(zeroBeyond, first) > 0 : cmp(zeroBeyond, first) < 0;
        if (before) {
          invalid(`zeroBeyond ${rule.zeroBeyond} lies before the first step's from (${rule.steps[0]!.from}).`, [...base, "zeroBeyond"]);
        }
      }
      return { kind: "steps", rule, points, below, steps, zeroBeyond, rounding: rule.rounding };
    }
  }
}
