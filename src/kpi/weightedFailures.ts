import { weightedFailuresBreakdown } from "./weightedFailuresBreakdown.js";
import type { Failure, WeightedFailuresOptions } from "./types.js";

/**
 * Weighted failure count (docs/rules.md K15-K16, 002 art. 30): each device's failures in a calendar
 * month of `options.timeZone` weigh 1, 2, 4, 8, ... (restarting each month, optionally capped);
 * failures sharing an accepted force-majeure `group` count once, weight 1, in the month of the
 * group's first failure (a bare `group` is accepted, as in docs/rules.md; `appealAccepted: false` or an
 * `options.acceptedGroups` register without it makes it count normally). The total of
 * {@link weightedFailuresBreakdown}, which also gives the per-failure rows and a trace.
 *
 * @throws SlaKitError `INVALID_INPUT` as {@link weightedFailuresBreakdown}.
 * @example
 * ```ts
 * import { weightedFailures } from "sla-kit/kpi";
 *
 * weightedFailures(
 *   [
 *     { deviceId: "agg-1", at: new Date("2026-03-02T10:00:00+08:00") },
 *     { deviceId: "agg-1", at: new Date("2026-03-09T10:00:00+08:00") },
 *     { deviceId: "agg-2", at: new Date("2026-03-20T04:00:00+08:00"), group: "fibre-cut-0320", appealAccepted: true },
 *     { deviceId: "agg-3", at: new Date("2026-03-20T04:05:00+08:00"), group: "fibre-cut-0320" },
 *   ],
 *   { timeZone: "Asia/Shanghai" },
 * ); // 4 = 1 + 2 (agg-1) + 1 (the accepted fibre cut, once)
 * ```
 */
export function weightedFailures(failures: readonly Failure[], options: WeightedFailuresOptions): number {
  return weightedFailuresBreakdown(failures, options).total;
}
