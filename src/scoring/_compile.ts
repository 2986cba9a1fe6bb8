/**
 * Semantic checks and compilation of scoring rules (after the zod shape check in schema.ts).
 * @internal
 */
import { SlaKitError, type ErrorPath } from "../errors.js";
import { POW10_NUM, cmp, decimalPlaces, q, sub, type Q } from "../_lib/rational.js";
import type { ScoringRule, StepRounding } from "./types.js";

export interface CompiledStep {
  readonly from: Q;
  readonly per: Q;
  readonly deduct: Q;
  /** |to - from| */
  readonly range: Q;
}

/**
 * A rule with every number as an integer over one power of ten (`scale`), when each has 9 or fewer
 * decimals and fits (see fastRule); evaluateRule computes with these in doubles (exact integers)
 * and falls back to the BigInt rationals when a product would leave the safe integers.
 */
export type FastRule =
  | { readonly kind: "linear"; readonly scale: number; readonly points: number; readonly target: number; readonly zeroBelow: number | null }
  | { readonly kind: "threshold"; readonly scale: number; readonly value: number }
  | {
      readonly kind: "steps";
      readonly scale: number;
      readonly points: number;
      readonly below: boolean;
      readonly rounding: StepRounding;
      readonly zeroBeyond: number | null;
      /** from, |to - from|, per, deduct and (prorata) lcm(per) / per of each step, flat: 5 numbers a step. */
      readonly steps: readonly number[];
      /** lcm of every step's per (1 unless prorata). */
      readonly lcm: number;
    };

export type CompiledRule = (
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
    }
) & { readonly fast: FastRule | null };

const MAX = Number.MAX_SAFE_INTEGER;

function gcdNum(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** The scaled-integer form of a valid rule, or null when a number has more than 9 decimals or a scaled one is unsafe. */
function fastRule(rule: ScoringRule): FastRule | null {
  const nums: number[] = [rule.points];
  if (rule.kind === "linear") nums.push(rule.target, ...(rule.zeroBelow === undefined ? [] : [rule.zeroBelow]));
  else if (rule.kind === "threshold") nums.push(rule.pass.value);
  else {
    for (const s of rule.steps) nums.push(s.from, s.to, s.per, s.deduct);
    if (rule.zeroBeyond !== undefined) nums.push(rule.zeroBeyond);
  }
  let places = 0;
  for (const x of nums) {
    const k = decimalPlaces(x);
    if (k < 0) return null;
    if (k > places) places = k;
  }
  const scale = POW10_NUM[places]!;
  let ok = true;
  // x * scale is exact: x = m / 10^k with k <= places, so x * scale = m * 10^(places - k); checked safe
  const at = (x: number): number => {
    const v = Math.round(x * scale);
    if (!(Math.abs(v) <= MAX)) ok = false;
    return v;
  };
  let fast: FastRule;
  if (rule.kind === "linear") {
    fast = { kind: "linear", scale, points: at(rule.points), target: at(rule.target), zeroBelow: rule.zeroBelow === undefined ? null : at(rule.zeroBelow) };
  } else if (rule.kind === "threshold") {
    fast = { kind: "threshold", scale, value: at(rule.pass.value) };
  } else {
    const below = rule.direction === "below";
    const prorata = rule.rounding === "prorata";
    let lcm = 1;
    for (const s of rule.steps) {
      const per = at(s.per);
      if (prorata) lcm = (lcm / gcdNum(lcm, per)) * per;
      if (!(lcm <= MAX)) return null;
    }
    const steps: number[] = [];
    for (const s of rule.steps) {
      const from = at(s.from);
      const per = at(s.per);
      const range = Math.abs(at(s.to) - from);
      if (!(range <= MAX)) ok = false;
      steps.push(from, range, per, at(s.deduct), lcm / per);
    }
    fast = { kind: "steps", scale, points: at(rule.points), below, rounding: rule.rounding, zeroBeyond: rule.zeroBeyond === undefined ? null : at(rule.zeroBeyond), steps, lcm };
  }
  return ok ? fast : null;
}

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
        fast: fastRule(rule),
      };
    }
    case "threshold":
      return { kind: "threshold", rule, points, op: rule.pass.op, value: q(rule.pass.value), fast: fastRule(rule) };
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
      return { kind: "steps", rule, points, below, steps, zeroBeyond, rounding: rule.rounding, fast: fastRule(rule) };
    }
  }
}
