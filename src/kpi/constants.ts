/**
 * Fixed periods of the KPI formulas.
 * @module
 */

/**
 * The year of the backbone reliability formula (rule K12, 002 art. 24): 24 h x 365 d in ms
 * (31 536 000 000), whatever the calendar year's length.
 *
 * @example
 * ```ts
 * import { BACKBONE_YEAR_MS, reliability } from "sla-kit/kpi";
 *
 * reliability({ downtimeMs: 43.8 * 3_600_000, periodMs: BACKBONE_YEAR_MS }).value; // 0.995
 * ```
 */
export const BACKBONE_YEAR_MS = 24 * 365 * 3_600_000; // K12: 002 art. 24 "(24小时×365天)"

/**
 * 100 hours of operation in ms, the base of the centre outage KPI (rule K10, 002 art. 22:
 * at most 36 s per 100 h).
 *
 * @example
 * ```ts
 * import { HUNDRED_HOURS_MS } from "sla-kit/kpi";
 *
 * HUNDRED_HOURS_MS; // 360000000
 * ```
 */
export const HUNDRED_HOURS_MS = 100 * 3_600_000; // K10
