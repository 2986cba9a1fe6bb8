import { countFailures } from "./_failures.js";
import type { Failure, WeightedFailuresOptions } from "./types.js";

/**
 * Weighted failure count (rule K15-K16, 002 art. 30): each device's failures in a calendar month of
 * `options.timeZone` weigh 1, 2, 4, 8, ... (restarting each month, optionally capped); failures of a
 * force-majeure `group` count once, weight 1, per calendar month, but only when its written appeal
 * was accepted (`appealAccepted: true` on one of its failures, or the group listed in
 * `options.acceptedGroups`); a group without an accepted appeal counts like ordinary failures.
 * The total of {@link weightedFailuresBreakdown}, computed without building per-failure rows.
 *
 * Weights and sums are exact integers: a total beyond `Number.MAX_SAFE_INTEGER` (a device failing
 * 54 or more times in a month without a cap) is an `OUT_OF_SAFE_RANGE` error, never a wrong number.
 *
 * @throws SlaKitError `INVALID_INPUT` as {@link weightedFailuresBreakdown}; `OUT_OF_SAFE_RANGE` for a
 *   total no number holds exactly (set `options.cap`).
 * @example
 * ```ts
 * import { weightedFailures } from "sla-kit/kpi";
 *
 * weightedFailures(
 *   [
 *     { deviceId: "agg-1", at: "2026-03-02T10:00:00+08:00" },
 *     { deviceId: "agg-1", at: "2026-03-09T10:00:00+08:00" },
 *     { deviceId: "agg-2", at: "2026-03-20T04:00:00+08:00", group: "fibre-cut-0320", appealAccepted: true },
 *     { deviceId: "agg-3", at: "2026-03-20T04:05:00+08:00", group: "fibre-cut-0320" },
 *   ],
 *   { timeZone: "Asia/Shanghai" },
 * ); // 4 = 1 + 2 (agg-1) + 1 (the accepted fibre cut, once)
 * ```
 */
export function weightedFailures(failures: readonly Failure[], options: WeightedFailuresOptions): number {
  return countFailures(failures, options, false).total;
}
