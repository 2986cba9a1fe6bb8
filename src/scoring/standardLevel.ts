import { SlaKitError } from "../errors.js";
import type { Ratio } from "../kpi/types.js";
import { readValue } from "./_evaluate.js";
import { cmp, q, show } from "../_lib/rational.js";

/** The three standard levels of 001 §1.3 (docs/rules.md G5), and `below-basic`. */
export type StandardLevel = "excellent" | "improved" | "basic" | "below-basic";

/** A standard in three levels: the value that reaches each (inclusive). */
export interface ThreeLevelStandard {
  readonly id?: string;
  readonly sourceRef?: string;
  /** `higher-better` (rates, ratings) or `lower-better` (durations, error rates). */
  readonly direction: "higher-better" | "lower-better";
  readonly basic: number;
  readonly improved: number;
  readonly excellent: number;
}

/** Result of {@link standardLevel}. */
export interface StandardLevelResult {
  readonly level: StandardLevel;
  readonly trace: { readonly standardId?: string; readonly sourceRef: string; readonly value: number; readonly steps: readonly string[] };
}

/**
 * Which of the three standard levels of 001 §1.3 (basic, improved, excellent; docs/rules.md G5) a value
 * reaches. Bounds are inclusive (`>=` for `higher-better`, `<=` for `lower-better`).
 *
 * @throws SlaKitError `INVALID_RULE` (levels out of order), `MISSING_VALUE`, `INVALID_INPUT`.
 * @example
 * ```ts
 * import { standardLevel } from "sla-kit/scoring";
 *
 * // 001 §1.3: satisfaction score of at least 4.5 as the basic standard
 * const s = { direction: "higher-better", basic: 4.5, improved: 4.7, excellent: 4.9 } as const;
 * console.log(standardLevel(4.8, s).level); // improved
 * ```
 */
export function standardLevel(value: number | Ratio, standard: ThreeLevelStandard): StandardLevelResult {
  const hi = standard?.direction === "higher-better";
  if (!hi && standard?.direction !== "lower-better") {
    throw new SlaKitError("INVALID_RULE", 'standard.direction must be "higher-better" or "lower-better".', { path: ["direction"] });
  }
  for (const k of ["basic", "improved", "excellent"] as const) {
    if (typeof standard[k] !== "number" || !Number.isFinite(standard[k])) {
      throw new SlaKitError("INVALID_RULE", `standard.${k} must be a finite number.`, { path: [k] });
    }
  }
  const b = q(standard.basic);
  const i = q(standard.improved);
  const e = q(standard.excellent);
  const ordered = hi ? cmp(b, i) <= 0 && cmp(i, e) <= 0 : cmp(b, i) >= 0 && cmp(i, e) >= 0;
  if (!ordered) {
    throw new SlaKitError("INVALID_RULE", `The levels must get ${hi ? "higher" : "lower"} from basic to improved to excellent.`, { path: ["improved"] });
  }
  const v = readValue(value, ["value"]);
  if (typeof v === "string") throw new SlaKitError("MISSING_VALUE", `No value: ${v}.`, { path: ["value"] });
  const reaches = (t: typeof b) => (hi ? cmp(v.q, t) >= 0 : cmp(v.q, t) <= 0);
  const op = hi ? ">=" : "<=";
  const level: StandardLevel = reaches(e) ? "excellent" : reaches(i) ? "improved" : reaches(b) ? "basic" : "below-basic";
  const steps = [
    `value ${show(v.q)} ${op} excellent ${standard.excellent}: ${reaches(e)}`,
    `value ${show(v.q)} ${op} improved ${standard.improved}: ${reaches(i)}`,
    `value ${show(v.q)} ${op} basic ${standard.basic}: ${reaches(b)}`,
  ];
  const trace = { sourceRef: standard.sourceRef ?? "001 §1.3", value: v.num, steps };
  return { level, trace: standard.id === undefined ? trace : { ...trace, standardId: standard.id } };
}
