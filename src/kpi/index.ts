/**
 * `sla-kit/kpi`: exact rates, reliability, escalating failure weights with force majeure,
 * SLA compliance roll-ups and the KPI catalogue of docs/rules.md K1-K18.
 * @module
 */
export type {
  Failure,
  KpiDefinition,
  KpiKind,
  KpiTarget,
  KpiTrace,
  KpiTraceStep,
  Outage,
  Ratio,
  RollupKey,
  RollupRow,
  RoundingMode,
  TargetCheck,
  TargetOp,
  WeightedFailureRow,
  WeightedFailuresBreakdown,
  WeightedFailuresOptions,
} from "./types.js";
export { ratio } from "./ratio.js";
export { rate } from "./rate.js";
export { combineRatios } from "./combineRatios.js";
export { formatRatio, type FormatRatioOptions } from "./formatRatio.js";
export { failureWeight } from "./failureWeight.js";
export { weightedFailures } from "./weightedFailures.js";
export { weightedFailuresBreakdown } from "./weightedFailuresBreakdown.js";
export { aggregationFailureRate, type AggregationFailureRate, type AggregationFailureRateOptions } from "./aggregationFailureRate.js";
export { reliability, type Reliability } from "./reliability.js";
export { downtime, type Downtime } from "./downtime.js";
export { outagePer100Hours, type OutagePer100Hours } from "./outagePer100Hours.js";
export { BACKBONE_YEAR_MS, HUNDRED_HOURS_MS } from "./constants.js";
export { complianceRate } from "./complianceRate.js";
export { overdueRate } from "./overdueRate.js";
export { rollup, type RollupOptions } from "./rollup.js";
export { kpiDefinitions } from "./kpiDefinitions.js";
export { checkTarget } from "./checkTarget.js";
export { meanRating } from "./meanRating.js";
