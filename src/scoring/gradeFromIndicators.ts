import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { Ratio } from "../kpi/types.js";
import { readValue } from "./_evaluate.js";
import { cmp, div, q, show } from "../_lib/rational.js";
import type { Grade } from "./types.js";
import { share01, shareThresholds } from "./_shares.js";

/** One indicator's result: did it meet its standard? (`checkTarget` results fit: `met` null means no data.) */
export interface IndicatorResult {
  readonly id: string;
  /** True when it meets its standard; null (no data, e.g. an empty ratio) counts as not met. */
  readonly met: boolean | null;
}

/** Options of {@link gradeFromIndicators}: the numbers behind the words of 000 §3(4). */
export interface GradeOptions {
  /** Customer satisfaction rate in [0, 1]; `excellent` needs it (absent or null -> at most `good`). */
  readonly satisfaction?: number | Ratio;
  /** "Very high" satisfaction for `excellent` (default 0.95: inclusive). */
  readonly veryHighSatisfaction?: number;
  /** "Most" indicators met for `good` (default 0.8 of the indicators: inclusive). */
  readonly mostShare?: number;
  /** "Basically meet" for `qualified` (default 0.6 of the indicators: inclusive). */
  readonly basicShare?: number;
}

/** Result of {@link gradeFromIndicators}. */
export interface GradeResult {
  readonly grade: Grade;
  readonly met: number;
  readonly total: number;
  /** met / total */
  readonly share: number;
  /** Indicators not met (including those with `met: null`, no data). */
  readonly failed: readonly string[];
  readonly trace: { readonly sourceRef: "000 §3(4)"; readonly thresholds: Required<Omit<GradeOptions, "satisfaction">>; readonly steps: readonly string[] };
}

/**
 * The grade of 000 §3(4) (docs/rules.md G1) from indicator results:
 * `excellent` when every indicator is met and satisfaction is very high (>= 0.95 by default);
 * `good` when most are met (>= 80% by default); `qualified` when they are basically met (>= 60% by
 * default); `unqualified` otherwise (several indicators fail). The thresholds are options; the
 * defaults are the library's documented choice.
 *
 * @throws SlaKitError `INVALID_INPUT` (no indicators, bad thresholds, duplicate ids).
 * @example
 * ```ts
 * import { gradeFromIndicators } from "sla-kit/scoring";
 *
 * const r = gradeFromIndicators(
 *   [{ id: "response", met: true }, { id: "resolution", met: true }],
 *   { satisfaction: 0.97 },
 * );
 * console.log(r.grade); // excellent
 * ```
 */
export function gradeFromIndicators(results: readonly IndicatorResult[], options?: GradeOptions): GradeResult {
  if (!Array.isArray(results) || results.length === 0) {
    throw new SlaKitError("INVALID_INPUT", "gradeFromIndicators needs at least one indicator result { id, met }.", { path: ["results"] });
  }
  const veryHighSatisfaction = share01(options?.veryHighSatisfaction, "veryHighSatisfaction", 0.95);
  const { mostShare, basicShare } = shareThresholds(options);
  const seen = new Set<string>();
  const failed: string[] = [];
  results.forEach((r, i) => {
    if (typeof r !== "object" || r === null || typeof r.id !== "string" || (typeof r.met !== "boolean" && r.met !== null)) {
      throw new SlaKitError("INVALID_INPUT", `results[${i}] must be { id: string, met: boolean | null } (e.g. a checkTarget result), got ${describe(r)}.`, { path: ["results", i] });
    }
    if (seen.has(r.id)) throw new SlaKitError("INVALID_INPUT", `Duplicate indicator "${r.id}".`, { path: ["results", i, "id"] });
    seen.add(r.id);
    if (r.met !== true) failed.push(r.id); // null: no data, so not shown to meet its standard
  });
  const total = results.length;
  const met = total - failed.length;
  const share = div(q(met), q(total));
  const steps: string[] = [`${met} of ${total} indicators met = ${show(share)}`];
  let grade: Grade;
  if (met === total) {
    const s = options?.satisfaction === undefined ? "no satisfaction given" : readValue(options.satisfaction, ["options", "satisfaction"]);
    if (typeof s === "string") {
      steps.push(`all met, but satisfaction is unknown (${s}): cannot confirm "very high", so good`);
      grade = "good";
    } else if (cmp(s.q, q(veryHighSatisfaction)) >= 0) {
      steps.push(`all met and satisfaction ${show(s.q)} >= ${veryHighSatisfaction}: excellent`);
      grade = "excellent";
    } else {
      steps.push(`all met, satisfaction ${show(s.q)} < ${veryHighSatisfaction}: good`);
      grade = "good";
    }
  } else if (cmp(share, q(mostShare)) >= 0) {
    steps.push(`${show(share)} >= mostShare ${mostShare}: good`);
    grade = "good";
  } else if (cmp(share, q(basicShare)) >= 0) {
    steps.push(`${show(share)} >= basicShare ${basicShare}: qualified`);
    grade = "qualified";
  } else {
    steps.push(`${show(share)} < basicShare ${basicShare}: unqualified (failed: ${failed.join(", ")})`);
    grade = "unqualified";
  }
  return {
    grade,
    met,
    total,
    share: met / total,
    failed,
    trace: { sourceRef: "000 §3(4)", thresholds: { veryHighSatisfaction, mostShare, basicShare }, steps },
  };
}
