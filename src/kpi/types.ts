/**
 * Shared types of the `kpi` domain.
 * @module
 */
import type { TimeInput } from "../sla/types.js";

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
  /** Rule ID (docs/rules.md) (e.g. "K15") or function name. */
  readonly rule: string;
  /** Clause of the source document, e.g. "002 art. 30". */
  readonly sourceRef: string;
  readonly inputs?: unknown;
  readonly steps: readonly KpiTraceStep[];
}

/** A device failure for weighted failure counting (rule K14-K16). */
export interface Failure {
  /** The failed device. */
  readonly deviceId: string;
  /** When it failed: a Date, epoch ms or an ISO-8601 string with an offset. */
  readonly at: TimeInput;
  /**
   * Force-majeure group (one large-area event, e.g. a cut fibre): its failures count once per month
   * (K16) only when its written appeal was accepted (`appealAccepted: true`, or the group listed in
   * `options.acceptedGroups`); otherwise they count like ordinary failures.
   */
  readonly group?: string | null;
  /** Outcome of the written appeal of `group` (K16); absent means not (yet) accepted unless `options.acceptedGroups` lists it. */
  readonly appealAccepted?: boolean | null;
}

/** Options of weighted failure counting. */
export interface WeightedFailuresOptions {
  /** IANA time zone whose calendar months group the failures (e.g. "Asia/Shanghai"). */
  readonly timeZone: string;
  /** Upper bound of one failure's weight (policy cap on 2^(n-1)); integer >= 1. */
  readonly cap?: number;
  /**
   * The register of accepted written appeals (K16): these groups (and groups with
   * `appealAccepted: true`) count once per month; every other group counts like ordinary failures.
   */
  readonly acceptedGroups?: readonly string[];
}

/** One counted failure (or one accepted force-majeure group) of a breakdown. */
export interface WeightedFailureRow {
  /** The device, or null for an accepted force-majeure group. */
  readonly deviceId: string | null;
  /** The force-majeure group named on the failure (accepted or not), or null. */
  readonly group: string | null;
  /** True for the single row of an accepted force-majeure group in a month (K16). */
  readonly forceMajeure: boolean;
  /** Whether the row's group had an accepted appeal; null when the failure names no group. */
  readonly appealAccepted: boolean | null;
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
  /** Each force-majeure group named on a failure, with its appeal outcome (K16). */
  readonly groups: readonly ForceMajeureGroup[];
  readonly trace: KpiTrace;
}

/** A force-majeure group of a {@link WeightedFailuresBreakdown} and its appeal (K16, 002 art. 30). */
export interface ForceMajeureGroup {
  readonly group: string;
  /** True when its written appeal was accepted: it counts once per month. */
  readonly appealAccepted: boolean;
  /** What decided: an `appealAccepted` flag on a failure, the `acceptedGroups` register, or nothing (not accepted). */
  readonly decidedBy: "flag" | "register" | "none";
  /** Failures naming the group. */
  readonly failures: number;
  /** Local months "YYYY-MM" its failures fall in (an accepted group counts once in each). */
  readonly months: readonly string[];
}

/** An outage interval; `to` null or absent means still ongoing (clipped to the period's end). */
export interface Outage {
  readonly from: TimeInput;
  readonly to?: TimeInput | null;
  /** What failed; `"group-equipment"` and `"egress"` are outside the core network (K22, 002 art. 23). */
  readonly cause?: string | null;
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
  /** Unique ID: the rule ID of docs/rules.md, with a letter when one rule holds several targets ("K9a"). */
  readonly id: string;
  /** The rule ID ("K9"). */
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
  /**
   * For KPIs counted from ticket evaluations: what one count is. `"ticket"`: a work order (pass
   * `{ unit: "ticket" }` to `complianceRate`/`rollup`); `"stage"`: a stage of a ticket.
   */
  readonly unit?: "ticket" | "stage";
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
  /** What met/breached/overdue/counted/notCounted count: stages or work orders (`options.unit`). */
  readonly unit: "stage" | "ticket";
  /** Evaluations (tickets) that contributed stages to the row. */
  readonly tickets: number;
  readonly met: number;
  readonly breached: number;
  readonly overdue: number;
  /** met + breached + overdue. */
  readonly counted: number;
  /** Stages pending, warning or not-applicable (not counted); with unit "ticket", tickets without a decided stage. */
  readonly notCounted: number;
  /** Stages whose deadline could not be computed (status "unknown"): in neither numerator nor denominator. */
  readonly unknown: number;
  /** Stages with a consented renegotiated deadline (W2, 003 §8(2)). */
  readonly renegotiated: number;
  readonly complianceRate: Ratio;
  readonly overdueRate: Ratio;
  /** `complianceRate.value`, flat for `console.table` and plotting (unrounded; null when nothing counted). */
  readonly complianceValue: number | null;
  /** `overdueRate.value`, flat for `console.table` and plotting. */
  readonly overdueValue: number | null;
}
