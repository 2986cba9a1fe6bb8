/**
 * Exact evaluation of compiled rules, shared by evaluateRule and scorecard.
 * @internal
 */
import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe, formatPath } from "../_lib/instant.js";
import type { CompiledRule, FastRule } from "./_compile.js";
import { Q0, add, ceil, cmp, div, floor, max, min, mul, q, show, sub, toNumber, type Q } from "../_lib/rational.js";
import type { Ratio, RuleTrace, StepTrace } from "./types.js";

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

/** What the scaled-integer path decides; the trace text is rendered from the exact path on demand. */
export interface FastEvaluated {
  readonly points: number;
  readonly met: boolean;
  readonly outcome: string;
}

const MAX = Number.MAX_SAFE_INTEGER;
/** a * b when the product is a safe integer (so exact), else NaN: the caller falls back to BigInt. */
function m(a: number, b: number): number {
  const p = a * b;
  return p <= MAX && p >= -MAX ? p : Number.NaN;
}
/** True for NaN and for a sum beyond the safe integers (computed in doubles, so maybe rounded). */
function unsafe(x: number): boolean {
  return !(x <= MAX && x >= -MAX);
}

const ZERO_BELOW: FastEvaluated = { points: 0, met: false, outcome: "zero-below" };
const ZERO_BEYOND: FastEvaluated = { points: 0, met: false, outcome: "zero-beyond" };

/**
 * Evaluates a rule on the value `vn / vd` (integers, vd > 0) with the rule's numbers as integers
 * over `f.scale`: every product is an exact integer below 2^53, and the points are one correctly
 * rounded division, so the result is the double nearest the exact rational, as the BigInt path
 * gives. Returns null when an intermediate would leave the safe integers (use the BigInt path).
 */
export function evaluateFast(c: CompiledRule, f: FastRule, vn: number, vd: number): FastEvaluated | null {
  const vS = m(vn, f.scale); // the value over scale * vd, beside the rule's numbers times vd
  if (vS !== vS) return null;
  switch (f.kind) {
    case "linear": {
      if (f.zeroBelow !== null) {
        const z = m(f.zeroBelow, vd);
        if (z !== z) return null;
        if (vS < z) return ZERO_BELOW;
      }
      const t = m(f.target, vd);
      if (t !== t) return null;
      if (vS >= t) return { points: c.rule.points, met: true, outcome: "capped" };
      // points x value / target = (points * vn) / (vd * target): the scales cancel
      const n = m(f.points, vn);
      const d = m(vd, f.target);
      if (n !== n || d !== d) return null;
      return { points: n > 0 ? n / d : 0, met: false, outcome: "linear" };
    }
    case "threshold": {
      const t = m(f.value, vd);
      if (t !== t) return null;
      const op = (c.rule as { pass: { op: string } }).pass.op;
      const ok = op === ">=" ? vS >= t : op === ">" ? vS > t : op === "<=" ? vS <= t : vS < t;
      return ok ? { points: c.rule.points, met: true, outcome: "pass" } : { points: 0, met: false, outcome: "fail" };
    }
    case "steps": {
      const below = f.below;
      if (f.zeroBeyond !== null) {
        const z = m(f.zeroBeyond, vd);
        if (z !== z) return null;
        if (below ? vS < z : vS > z) return ZERO_BEYOND;
      }
      const st = f.steps;
      const first = m(st[0]!, vd);
      if (first !== first) return null;
      const met = below ? vS >= first : vS <= first;
      const prorata = f.rounding === "prorata";
      const ceil = f.rounding === "ceil";
      // deductions over scale (floor, ceil: whole units) or over vd * lcm * scale (prorata)
      let total = 0;
      for (let i = 0; i < st.length; i += 5) {
        const from = m(st[i]!, vd);
        const past = below ? from - vS : vS - from; // over scale * vd
        if (unsafe(past)) return null;
        if (past <= 0) break; // contiguous ranges: later ones cannot be reached either
        const range = m(st[i + 1]!, vd);
        if (range !== range) return null;
        const inside = past < range ? past : range;
        if (prorata) {
          total += m(m(inside, st[i + 3]!), st[i + 4]!);
        } else {
          const den = m(vd, st[i + 2]!); // units = inside / (vd * per)
          if (den !== den) return null;
          const rem = inside % den;
          const units = (inside - rem) / den + (ceil && rem !== 0 ? 1 : 0);
          total += m(units, st[i + 3]!);
        }
        if (unsafe(total)) return null;
      }
      let left: number;
      let d: number;
      if (prorata) {
        d = m(m(vd, f.lcm), f.scale);
        left = m(m(f.points, vd), f.lcm) - total;
      } else {
        d = f.scale;
        left = f.points - total;
      }
      if (d !== d || unsafe(left)) return null;
      return { points: left > 0 ? left / d : 0, met, outcome: total === 0 ? "full" : "deductions" };
    }
  }
}

/**
 * The trace of a rule scored on the fast path: the numbers are kept and the text (`arithmetic`,
 * `steps`) is rendered by the exact BigInt path the first time it is read, serialised (`toJSON`)
 * or inspected; rendered, it is the same as an eager trace.
 */
export const LazyRuleTrace = /* @__PURE__ */ withInspect(class LazyRuleTrace {
  declare readonly kind: RuleTrace["kind"];
  declare readonly value: number;
  declare readonly ruleId?: string;
  declare readonly sourceRef?: string;
  declare readonly interpretation?: string;
  declare readonly ratio?: { readonly numerator: number; readonly denominator: number };
  declare readonly outcome: string;
  readonly #c: CompiledRule;
  #full: RuleTrace | undefined;

  constructor(c: CompiledRule, value: number, ratio: { readonly numerator: number; readonly denominator: number } | undefined, outcome: string) {
    const w = this as { -readonly [K in keyof RuleTrace]: RuleTrace[K] };
    const r = c.rule;
    w.kind = c.kind;
    w.value = value;
    if (r.id !== undefined) w.ruleId = r.id;
    if (r.sourceRef !== undefined) w.sourceRef = r.sourceRef;
    if (r.interpretation !== undefined) w.interpretation = r.interpretation;
    if (ratio !== undefined) w.ratio = ratio;
    w.outcome = outcome;
    this.#c = c;
    this.#full = undefined;
  }

  /** The eager trace, computed once by the exact path. */
  #render(): RuleTrace {
    if (this.#full === undefined) {
      const ratio = this.ratio;
      const v: ReadValue = ratio === undefined ? { q: q(this.value), num: this.value } : { q: div(q(ratio.numerator), q(ratio.denominator)), num: this.value, ratio };
      this.#full = evaluateCompiled(this.#c, v).trace;
    }
    return this.#full;
  }

  /** Per-range deductions (steps rules only). */
  get steps(): readonly StepTrace[] | undefined {
    return this.#render().steps;
  }

  /** The arithmetic, one step per line. */
  get arithmetic(): readonly string[] {
    return this.#render().arithmetic;
  }

  /** The trace as plain data, the same as an eagerly built one (JSON.stringify calls this). */
  toJSON(): RuleTrace {
    return this.#render();
  }
});
export type LazyRuleTrace = InstanceType<typeof LazyRuleTrace>;

/**
 * console.log / util.inspect in Node show the rendered trace (no node: import needed). A call
 * marked pure (not a statement beside the class), so a bundle without rule traces drops the class.
 */
function withInspect<T extends abstract new (...args: never[]) => { toJSON(): unknown }>(cls: T): T {
  Object.defineProperty(cls.prototype, Symbol.for("nodejs.util.inspect.custom"), {
    value(this: { toJSON(): unknown }) {
      return this.toJSON();
    },
  });
  return cls;
}
