/**
 * Shared types of the `kpi` domain.
 * @module
 */
import type { Instant } from "../_lib/instant.js";

/** An exact ratio of two counts; `value` is null (with a `reason`) when the denominator is 0. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
  readonly reason?: string;
}

/** One step of a KPI trace: what was computed, in words and numbers. */
export interface KpiTraceStep {
  readonly step: string;
  readonly detail?: string;
  readonly value?: unknown;
}

/** Why a KPI result came out as it did: the rule, its source clause, inputs and arithmetic. */
export interface KpiTrace {
  /** Rule ID of docs/rules.md (e.g. "K15") or function name. */
  readonly rule: string;
  /** Clause of the source document, e.g. "002 art. 30". */
  readonly sourceRef: string;
  readonly inputs?: unknown;
  readonly steps: readonly KpiTraceStep[];
}

/** A device failure for weighted failure counting (docs/rules.md K14-K16). */
export interface Failure {
  /** The failed device. */
  readonly deviceId: string;
  /** When it failed (instant). */
  readonly at: Instant;
  /**
   * Accepted force-majeure group (one large-area event, e.g. a cut fibre): failures sharing it
   * count once (K16, docs/rules.md), unless `appealAccepted: false` or `options.acceptedGroups` says
   * its appeal was not accepted.
   */
  readonly group?: string;
  /** Outcome of the force-majeure appeal of `group` (K16); absent means accepted unless `options.acceptedGroups` omits the group. */
  readonly appealAccepted?: boolean;
}

/** Options of weighted failure counting. */
export interface WeightedFailuresOptions {
  /** IANA time zone whose calendar months group the failures (e.g. "Asia/Shanghai"). */
  readonly timeZone: string;
  /** Upper bound of one failure's weight (policy cap on 2^(n-1)); integer >= 1. */
  readonly cap?: number;
  /**
   * The appeal register (K16): when given, only these groups (and groups with `appealAccepted:
   * true`) are accepted; the others count like ordinary failures. When absent, every `group` is
   * accepted unless one of its failures has `appealAccepted: false`.
   */
  readonly acceptedGroups?: readonly string[];
}

/** One counted failure (or one accepted force-majeure group) of a breakdown. */
export interface WeightedFailureRow {
  /** The device, or null for an accepted force-majeure group. */
  readonly deviceId: string | null;
  /** The force-majeure group named on the failure (accepted or not), or null. */
  readonly group: string | null;
  /** True for the single row of an accepted force-majeure group (K16). */
  readonly forceMajeure: boolean;
  /** Local calendar month "YYYY-MM" in `options.timeZone`. */
  readonly month: string;
  /** n-th failure of the device in that month (1 for a force-majeure group). */
  readonly nth: number;
  /** Weight 2^(n-1), capped (K15); 1 for a force-majeure group (K16). */
  readonly weight: number;
  /** Instant of the failure (first failure of the group for a force-majeure row). */
  readonly at: Date;
  /** Positions in the input array this row stands for (several for a force-majeure group). */
  readonly indices: readonly number[];
}

/** Result of `weightedFailuresBreakdown`. */
export interface WeightedFailuresBreakdown {
  readonly total: number;
  /** Totals per local month "YYYY-MM", months ascending. */
  readonly byMonth: readonly { readonly month: string; readonly total: number }[];
  /** Rows sorted by month, then device/group, then nth. */
  readonly rows: readonly WeightedFailureRow[];
  readonly trace: KpiTrace;
}

/** An outage interval; `to` null or absent means still ongoing (clipped to the period's end). */
export interface Outage {
  readonly from: Instant;
  readonly to?: Instant | null;
}

/** Rounding modes of {@link formatRatio}. */
export type RoundingMode = "half-up" | "half-even" | "floor" | "ceil";

/** Comparison of a KPI target. */
export type TargetOp = ">=" | ">" | "<=" | "<" | "==";

/** A KPI target: the value must satisfy `value op target.value`. */
export interface KpiTarget {
  readonly op: TargetOp;
  readonly value: number;
  /** Unit of `value`: a fraction (0.98 = 98%), a count, milliseconds, or a 1-5 score. */
  readonly unit: "fraction" | "count" | "ms" | "score";
}

/** The shape of a KPI's value, which decides what `checkTarget` accepts. */
export type KpiKind =
  /** A share of counts: numerator <= denominator. */
  | "rate"
  /** A ratio that may exceed 1 (weighted failures per device, downtime per operating time). */
  | "ratio"
  /** A plain count per period. */
  | "count"
  /** A mean (sum / count), e.g. of 1-5 ratings. */
  | "mean"
  /** A duration in ms. */
  | "duration"
  /** A counting rule without a target of its own. */
  | "rule";

/** One row of {@link kpiDefinitions}. */
export interface KpiDefinition {
  /** Unique ID: the docs/rules.md rule ID, with a letter when one rule holds several targets ("K9a"). */
  readonly id: string;
  /** The docs/rules.md rule ID ("K9"). */
  readonly ruleId: string;
  readonly name: string;
  /** Name in the source document. */
  readonly nameZh: string;
  readonly kind: KpiKind;
  /** The formula in words. */
  readonly formula: string;
  /** What the numerator counts (null when not a ratio). */
  readonly numerator: string | null;
  /** What the denominator counts (null when not a ratio). */
  readonly denominator: string | null;
  /** Target, or null when the source sets none. */
  readonly target: KpiTarget | null;
  /** Library function that computes it, when there is one. */
  readonly computedBy: string | null;
  readonly sourceRef: string;
  /** Interpretation the library takes where the text is ambiguous. */
  readonly note?: string;
}

/** Result of `checkTarget`. */
export interface TargetCheck {
  readonly id: string;
  /** True/false against the target; null when the value is missing (empty denominator) or there is no target. */
  readonly met: boolean | null;
  readonly value: number | null;
  readonly target: KpiTarget | null;
  readonly trace: KpiTrace;
}

/** Keys `rollup` can group by. */
export type RollupKey = "assignee" | "department" | "tier" | "service" | "stage" | "month" | "quarter" | "year";

/** One tidy row of `rollup`. Grouping fields are present only when grouped by; a missing value is null. */
export interface RollupRow {
  readonly assignee?: string | null;
  readonly department?: string | null;
  readonly tier?: string | null;
  readonly service?: string;
  readonly stage?: string;
  /** "YYYY-MM", "YYYY-Qn" or "YYYY" of the ticket's local creation date, when grouped by time. */
  readonly period?: string;
  /** Evaluations (tickets) that contributed stages to the row. */
  readonly tickets: number;
  readonly met: number;
  readonly breached: number;
  readonly overdue: number;
  /** met + breached + overdue. */
  readonly counted: number;
  /** Stages pending, warning or not-applicable (not counted). */
  readonly notCounted: number;
  readonly complianceRate: Ratio;
  readonly overdueRate: Ratio;
  /** `complianceRate.value`, flat for `console.table` and plotting (unrounded; null when nothing counted). */
  readonly complianceValue: number | null;
  /** `overdueRate.value`, flat for `console.table` and plotting. */
  readonly overdueValue: number | null;
}
