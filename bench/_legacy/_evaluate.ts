/** Frozen copy (bench/_legacy, commit 869a094) of src/. Never change it.
 *
 * Exact evaluation of compiled rules, shared by evaluateRule and scorecard.
 * @internal
 */
import { SlaKitError, type ErrorPath } from "../../src/errors.js";
import { describe, formatPath } from "../../src/_lib/instant.js";
import type { CompiledRule } from "./_compile.js";
import { Q0, add, ceil, cmp, div, floor, max, min, mul, q, show, sub, toNumber, type Q } from "./rational.js";
import type { Ratio, RuleTrace, StepTrace } from "../../src/scoring/types.js";

export interface ReadValue {
  readonly q: Q;
  readonly num: number;
  readonly ratio?: { readonly numerator: number; readonly denominator: number };
}

/** Reads `number | Ratio`; returns a string reason when the value is missing (Ratio value null). */
export function readValue(value: unknown, path: ErrorPath): ReadValue | string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new SlaKitError("INVALID_INPUT", `The value at ${formatPath(path)} must be a finite number, got ${value}.`, { path });
    }
    return { q: q(value), num: value };
  }
  if (typeof value === "object" && value !== null && "value" in value) {
    const r = value as Ratio;
    if (r.value === null) return r.reason ?? "the ratio's denominator is 0";
    const { numerator: n, denominator: d } = r;
    if (typeof n === "number" && typeof d === "number" && Number.isFinite(n) && Number.isFinite(d) && d !== 0) {
      return { q: div(q(n), q(d)), num: r.value, ratio: { numerator: n, denominator: d } };
    }
    if (typeof r.value === "number" && Number.isFinite(r.value)) return { q: q(r.value), num: r.value };
  }
  throw new SlaKitError(
    "INVALID_INPUT",
    `The value at ${formatPath(path)} must be a finite number or a Ratio ({ numerator, denominator, value }), got ${describe(value)}.`,
    { path },
  );
}

export interface Evaluated {
  readonly points: Q;
  /** The value meets the rule's standard: linear value >= target, threshold passed, no step reached. */
  readonly met: boolean;
  readonly trace: RuleTrace;
}

function baseTrace(c: CompiledRule, v: ReadValue) {
  const r = c.rule;
  const t: { -readonly [K in keyof Omit<RuleTrace, "outcome" | "arithmetic" | "steps">]: RuleTrace[K] } = {
    kind: c.kind,
    value: v.num,
  };
  if (r.id !== undefined) t.ruleId = r.id;
  if (r.sourceRef !== undefined) t.sourceRef = r.sourceRef;
  if (r.interpretation !== undefined) t.interpretation = r.interpretation;
  if (v.ratio !== undefined) t.ratio = v.ratio;
  return t;
}

const OPS = {
  ">=": (k: number) => k >= 0,
  ">": (k: number) => k > 0,
  "<=": (k: number) => k <= 0,
  "<": (k: number) => k < 0,
} as const;

/** Evaluates a compiled rule on an exact value. */
export function evaluateCompiled(c: CompiledRule, v: ReadValue): Evaluated {
  const x = v.q;
  const vText = v.ratio ? `${v.ratio.numerator}/${v.ratio.denominator}` : show(x);
  switch (c.kind) {
    case "linear": {
      if (c.zeroBelow !== undefined && cmp(x, c.zeroBelow) < 0) {
        return {
          points: Q0,
          met: false,
          trace: { ...baseTrace(c, v), outcome: "zero-below", arithmetic: [`value ${vText} < zeroBelow ${show(c.zeroBelow)}: 0 points`] },
        };
      }
      const share = div(x, c.target);
      if (cmp(share, { n: 1n, d: 1n }) >= 0) {
        return {
          points: c.points,
          met: true,
          trace: {
            ...baseTrace(c, v),
            outcome: "capped",
            arithmetic: [`value ${vText} / target ${show(c.target)} = ${show(share)} >= 1: full ${show(c.points)} points`],
          },
        };
      }
      const raw = mul(c.points, share);
      const points = max(Q0, raw);
      const arithmetic = [`${show(c.points)} x min(1, ${vText} / ${show(c.target)}) = ${show(c.points)} x ${show(share)} = ${show(raw)} ≈ ${toNumber(raw)}`];
      if (raw.n < 0n) arithmetic.push("negative: clamped to 0");
      return { points, met: false, trace: { ...baseTrace(c, v), outcome: "linear", arithmetic } };
    }
    case "threshold": {
      const ok = OPS[c.op](cmp(x, c.value));
      return {
        points: ok ? c.points : Q0,
        met: ok,
        trace: {
          ...baseTrace(c, v),
          outcome: ok ? "pass" : "fail",
          arithmetic: [`value ${vText} ${c.op} ${show(c.value)} is ${ok}: ${ok ? show(c.points) : "0"} points`],
        },
      };
    }
    case "steps": {
      const below = c.below;
      if (c.zeroBeyond !== undefined && (below ? cmp(x, c.zeroBeyond) < 0 : cmp(x, c.zeroBeyond) > 0)) {
        return {
          points: Q0,
          met: false,
          trace: {
            ...baseTrace(c, v),
            outcome: "zero-beyond",
            arithmetic: [`value ${vText} ${below ? "<" : ">"} zeroBeyond ${show(c.zeroBeyond)}: 0 points`],
          },
        };
      }
      const steps: StepTrace[] = [];
      const arithmetic: string[] = [];
      let total = Q0;
      const first = c.steps[0];
      const met = first === undefined || (below ? cmp(x, first.from) >= 0 : cmp(x, first.from) <= 0);
      const src = c.rule.kind === "steps" ? c.rule.steps : [];
      for (let i = 0; i < c.steps.length; i++) {
        const s = c.steps[i]!;
        const past = below ? sub(s.from, x) : sub(x, s.from);
        if (past.n <= 0n) break; // contiguous ranges: later ones cannot be reached either
        const inside = min(past, s.range);
        const rawUnits = div(inside, s.per);
        const units = c.rounding === "floor" ? floor(rawUnits) : c.rounding === "ceil" ? ceil(rawUnits) : rawUnits;
        const deducted = mul(units, s.deduct);
        total = add(total, deducted);
        const row = src[i]!;
        steps.push({
          index: i,
          from: row.from,
          to: row.to,
          per: row.per,
          deduct: row.deduct,
          past: show(inside),
          units: show(units),
          deducted: toNumber(deducted),
        });
        arithmetic.push(
          `step ${i} (${row.from} -> ${row.to}): ${show(inside)} past from = ${show(rawUnits)} units of ${row.per}` +
            `${c.rounding === "prorata" ? "" : `, ${c.rounding} -> ${show(units)}`}; x ${row.deduct} = ${show(deducted)} deducted`,
        );
      }
      const left = sub(c.points, total);
      const points = max(Q0, left);
      arithmetic.push(`${show(c.points)} - ${show(total)} = ${show(left)}${left.n < 0n ? ": clamped to 0" : ""}`);
      return {
        points,
        met,
        trace: { ...baseTrace(c, v), outcome: total.n === 0n ? "full" : "deductions", steps, arithmetic },
      };
    }
  }
}
