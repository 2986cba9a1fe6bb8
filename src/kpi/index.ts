/**
 * `sla-kit/kpi`: exact rates, reliability, escalating failure weights with force majeure,
 * SLA compliance roll-ups and the KPI catalogue of rule K1-K23.
 * @module
 */
export type {
  Failure,
  ForceMajeureGroup,
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
export { downtime, type Downtime, type DowntimeOptions } from "./downtime.js";
export { outagePer100Hours, type OutagePer100Hours } from "./outagePer100Hours.js";
export { BACKBONE_YEAR_MS, HUNDRED_HOURS_MS } from "./constants.js";
export { complianceRate } from "./complianceRate.js";
export type { ComplianceOptions, ComplianceUnit } from "./_tally.js";
export { overdueRate } from "./overdueRate.js";
export { causeRecordedRate } from "./causeRecordedRate.js";
export { rollup, type RollupOptions } from "./rollup.js";
export { kpiDefinitions } from "./kpiDefinitions.js";
export { checkTarget } from "./checkTarget.js";
export { meanRating } from "./meanRating.js";
export { signalQuality, type SignalCheck, type SignalLimits, type SignalMeasurement, type SignalQuality } from "./signalQuality.js";
