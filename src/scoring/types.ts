/**
 * Types of the scoring domain: rules, rule results, scorecards, grades and money.
 * @module
 */
import type { Ratio } from "../kpi/types.js";

export type { Ratio };

/** Fields every rule may carry for traces (never used by the arithmetic). */
export interface RuleMeta {
  /** Rule id shown in traces, e.g. `"P1"`. */
  readonly id?: string;
  /** Source clause, e.g. `"002 art. 9.3"`. */
  readonly sourceRef?: string;
  /** Human-readable name. */
  readonly name?: string;
  /** Free text. */
  readonly description?: string;
  /** The reading the rule takes where its source is ambiguous (copied into the trace). */
  readonly interpretation?: string;
}

/** `points * min(1, value / target)`; 0 when `value < zeroBelow`. */
export interface LinearRule extends RuleMeta {
  readonly kind: "linear";
  readonly points: number;
  readonly target: number;
  readonly zeroBelow?: number;
}

/** `points` when `value <op> pass.value`, else 0. */
export interface ThresholdRule extends RuleMeta {
  readonly kind: "threshold";
  readonly points: number;
  readonly pass: { readonly op: ">=" | ">" | "<=" | "<"; readonly value: number };
}

/** One band of a steps rule: `deduct` per `per` that the value is past `from`, up to `to`. */
export interface Step {
  readonly from: number;
  readonly to: number;
  readonly per: number;
  readonly deduct: number;
}

/** How units of a step are counted (docs/rules.md P14): whole units, started units or pro rata. */
export type StepRounding = "floor" | "ceil" | "prorata";

/** Per-unit deductions over contiguous step ranges; 0 points past `zeroBeyond`. */
export interface StepsRule extends RuleMeta {
  readonly kind: "steps";
  readonly points: number;
  readonly direction: "below" | "above";
  readonly steps: readonly Step[];
  readonly zeroBeyond?: number;
  readonly rounding: StepRounding;
}

/** A declarative scoring rule (JSON data). */
export type ScoringRule = LinearRule | ThresholdRule | StepsRule;

/** What one step range contributed, in a steps trace. */
export interface StepTrace {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  readonly per: number;
  readonly deduct: number;
  /** How far the value is past `from` inside this range (exact decimal text). */
  readonly past: string;
  /** Units counted after rounding (exact decimal text or n/d). */
  readonly units: string;
  /** Points deducted by this range. */
  readonly deducted: number;
}

/** Why a rule gave the points it gave. */
export interface RuleTrace {
  readonly ruleId?: string;
  readonly sourceRef?: string;
  readonly interpretation?: string;
  readonly kind: ScoringRule["kind"];
  /** The value as a number. */
  readonly value: number;
  /** Present when the value came from a `Ratio`: its exact numerator and denominator were used. */
  readonly ratio?: { readonly numerator: number; readonly denominator: number };
  /** What decided the result, e.g. `"zero-below"`, `"linear"`, `"capped"`, `"pass"`, `"fail"`, `"zero-beyond"`, `"deductions"`. */
  readonly outcome: string;
  /** Per-range deductions (steps rules only). */
  readonly steps?: readonly StepTrace[];
  /** The arithmetic, one step per line. */
  readonly arithmetic: readonly string[];
}

/** Result of {@link evaluateRule}. */
export interface RuleResult {
  readonly points: number;
  /**
   * The value meets the rule's standard (000 §3(4) "达到标准要求"): a linear rule's target reached,
   * a threshold passed, a steps rule's first step not reached. Full points with floor rounding
   * (2150 calls against 2200) are not "met".
   */
  readonly met: boolean;
  readonly maxPoints: number;
  readonly trace: RuleTrace;
}

/** One item of a scorecard. */
export interface ScorecardItem {
  readonly id: string;
  readonly name?: string;
  readonly rule: ScoringRule;
  /** Multiplier of the item's points in the total (default 1). */
  readonly weight?: number;
}

/** A grade band: the first band (in order) whose `minTotal` the total reaches gives the grade. */
export interface GradeBand {
  readonly grade: string;
  readonly minTotal: number;
}

/** A scorecard: items with rules, optional grade bands over the weighted total. */
export interface Scorecard {
  readonly id: string;
  readonly name: string;
  readonly sourceRef?: string;
  readonly items: readonly ScorecardItem[];
  /** Bands in descending order of `minTotal`; the total below every band gets no grade. */
  readonly grades?: readonly GradeBand[];
}

/** Values per item id; `undefined` (or absent) means missing. */
export type ScorecardValues = Readonly<Record<string, number | Ratio | undefined>>;

/** A scored item of a {@link ScorecardResult}. */
export interface ScoredItem {
  readonly id: string;
  readonly name?: string;
  readonly status: "scored";
  readonly points: number;
  readonly maxPoints: number;
  readonly weight: number;
  /** `points * weight`, what the item adds to the total. */
  readonly weightedPoints: number;
  /** The value meets the item's standard (see {@link RuleResult.met}); used to cap the grade (G1). */
  readonly met: boolean;
  readonly trace: RuleTrace;
}

/** An item without a value (or with a Ratio whose value is null): reported, never scored 0. */
export interface MissingItem {
  readonly id: string;
  readonly name?: string;
  readonly status: "missing";
  readonly maxPoints: number;
  readonly weight: number;
  readonly reason: string;
}

/** Result of {@link scorecard}. */
export interface ScorecardResult {
  readonly cardId: string;
  /** Weighted sum of the scored items only (missing items add nothing; see `complete`). */
  readonly total: number;
  /** Weighted maximum of every item of the card, scored or not. */
  readonly maxTotal: number;
  /** Weighted maximum of the scored items only. */
  readonly scoredMaxTotal: number;
  /** True when no item is missing. */
  readonly complete: boolean;
  readonly items: readonly (ScoredItem | MissingItem)[];
  /** Ids of the missing items. */
  readonly missing: readonly string[];
  /**
   * Grade from the card's bands, capped by the indicators met (G1, 000 §3(4)): `excellent` needs
   * every indicator met, `good` at least `mostShare` of them, `qualified` at least `basicShare`.
   * Only when the card has bands and no item is missing.
   */
  readonly grade?: string;
  /** The band the total reached before the cap, when the cap lowered it. */
  readonly gradeByPoints?: string;
  /** Indicators behind the cap: the card's scored items and `options.indicators`. */
  readonly indicators: { readonly met: number; readonly total: number; readonly missed: readonly string[] };
  readonly trace: {
    readonly cardId: string;
    readonly sourceRef?: string;
    readonly arithmetic: readonly string[];
    readonly notes: readonly string[];
    /** The G1 cap applied to a graded card: the highest grade its indicators allow, and the shares used. */
    readonly grading?: { readonly ruleId: "G1"; readonly sourceRef: "000 §3(4)"; readonly cap: Grade; readonly mostShare: number; readonly basicShare: number };
  };
}

/** The four grades of 000 §3(4) (G1). */
export type Grade = "excellent" | "good" | "qualified" | "unqualified";

/** Rounding of money to whole fen: `half-up` rounds halves away from zero, `half-even` to the even fen. */
export type MoneyRounding = "floor" | "ceil" | "half-up" | "half-even";

/**
 * What picks an amount inside a range: `low` = the minimum, `high` = the maximum, `medium` = the
 * midpoint (rounded to fen), or an explicit number (fen for money ranges, percent for bonus ranges)
 * that must lie inside the range.
 */
export type Severity = "low" | "medium" | "high" | number;
