import { assertCount, assertObject, invalid } from "./_internal.js";
import { cmp as cmpQ, frac, q } from "../_lib/rational.js";
import { kpiDefinitions } from "./kpiDefinitions.js";
import { describe } from "../_lib/instant.js";
import type { KpiDefinition, Ratio, TargetCheck, TargetOp } from "./types.js";

const OPS: readonly TargetOp[] = [">=", ">", "<=", "<", "=="];

function resolve(kpi: string | KpiDefinition): KpiDefinition {
  if (typeof kpi === "string") {
    const d = kpiDefinitions.find((x) => x.id === kpi);
    if (d !== undefined) return d;
    const subs = kpiDefinitions.filter((x) => x.ruleId === kpi).map((x) => x.id);
    if (subs.length > 0) invalid(`${kpi} has several targets: name one of ${subs.join(", ")}.`, ["kpi"], { candidates: subs });
    invalid(`Unknown KPI ${describe(kpi)}: use an id of kpiDefinitions (K1, K2, ..., K18c) or pass a definition.`, ["kpi"]);
  }
  const d = assertObject(kpi, ["kpi"], "kpi");
  if (typeof d.id !== "string" || d.id === "") invalid(`kpi.id must be a non-empty string.`, ["kpi", "id"]);
  if (d.target !== null) {
    const t = assertObject(d.target, ["kpi", "target"], "kpi.target (or null)");
    if (!OPS.includes(t.op as TargetOp)) invalid(`kpi.target.op must be one of ${OPS.join(" ")}, got ${describe(t.op)}.`, ["kpi", "target", "op"]);
    if (typeof t.value !== "number" || !Number.isFinite(t.value)) invalid(`kpi.target.value must be a finite number, got ${describe(t.value)}.`, ["kpi", "target", "value"]);
  }
  return kpi;
}

function holds(cmp: -1 | 0 | 1, op: TargetOp): boolean {
  switch (op) {
    case ">=": return cmp >= 0;
    case ">": return cmp > 0;
    case "<=": return cmp <= 0;
    case "<": return cmp < 0;
    case "==": return cmp === 0;
  }
}

/**
 * Checks a KPI value against its target (rule K1-K23, see {@link kpiDefinitions}): a
 * {@link Ratio} is compared exactly (`numerator / denominator` against the target's decimal, on
 * integers, so 49/50 meets ">= 0.98"), a number as it is. `met` is null when the ratio is empty
 * (`value: null`) or the KPI has no target (K15, K16, K17a-b), with the reason in the trace.
 *
 * Counts (K4, K13) and durations (K18c) are numbers; a Ratio for K4 (calls / agents) is the mean
 * per agent. For a `rate` KPI a Ratio's numerator cannot exceed its denominator and a number must
 * lie in 0..1.
 *
 * @param kpi - an id of `kpiDefinitions` ("K2", "K9a", ...) or a definition of your own.
 * @param value - the measured value.
 * @throws SlaKitError `INVALID_INPUT`: unknown id or a rule ID with several targets (path
 *   `["kpi"]`), a malformed value (path `["value", ...]`), a rate above 1, a count not whole.
 * @example
 * ```ts
 * import { checkTarget, ratio } from "sla-kit/kpi";
 *
 * checkTarget("K2", ratio(49, 50)).met;   // true  (98% >= 98%)
 * checkTarget("K2", ratio(97, 100)).met;  // false
 * checkTarget("K4", 2150).met;            // false (< 2200 calls)
 * checkTarget("K13", 3).met;              // true  (<= 3 egress failures)
 * checkTarget("K2", ratio(0, 0)).met;     // null  (nothing measured)
 * ```
 */
export function checkTarget(kpi: string | KpiDefinition, value: Ratio | number): TargetCheck {
  const def = resolve(kpi);
  const target = def.target;
  let shown: number | null;
  let cmp: -1 | 0 | 1 | null = null;
  let detail: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) invalid(`value must be a finite number, got ${describe(value)}.`, ["value"]);
    if (value < 0) invalid(`value must not be negative, got ${value}.`, ["value"]);
    if (def.kind === "count") assertCount(value, ["value"], "a count");
    if (def.kind === "rate" && value > 1) invalid(`${def.id} is a rate of counts: value must lie in 0..1, got ${value}.`, ["value"]);
    shown = value;
    if (target !== null) cmp = value < target.value ? -1 : value > target.value ? 1 : 0;
    detail = `${value}`;
  } else {
    const r = assertObject(value, ["value"], "value (a Ratio or a number)");
    const n = assertCount(r.numerator, ["value", "numerator"]);
    const d = assertCount(r.denominator, ["value", "denominator"]);
    if (def.kind === "rate" && n > d) {
      invalid(`${def.id} is a rate of counts: numerator (${n}) cannot exceed denominator (${d}).`, ["value", "numerator"]);
    }
    shown = d === 0 ? null : n / d;
    if (d !== 0 && target !== null) cmp = cmpQ(frac(n, d), q(target.value));
    detail = `${n}/${d}`;
  }
  let met: boolean | null = null;
  let why: string;
  if (target === null) why = `${def.id} has no target in its source (${def.sourceRef})`;
  else if (cmp === null) why = "empty ratio (denominator 0): nothing to compare";
  else {
    met = holds(cmp, target.op);
    why = `${detail} ${target.op} ${target.value}`;
  }
  return {
    id: def.id,
    met,
    value: shown,
    target,
    trace: {
      rule: def.ruleId,
      sourceRef: def.sourceRef,
      inputs: { kpi: def.id, value: typeof value === "number" ? value : { numerator: value.numerator, denominator: value.denominator } },
      steps: [{ step: target === null || cmp === null ? "no comparison" : "compare with target (exact)", detail: why, value: met }],
    },
  };
}
