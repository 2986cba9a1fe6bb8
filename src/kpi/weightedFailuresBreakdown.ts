import { countFailures } from "./_failures.js";
import type { Failure, WeightedFailuresBreakdown, WeightedFailuresOptions } from "./types.js";

/**
 * Weighted failure count with its breakdown (rule K14-K16, 002 art. 30):
 * - each device's failures are numbered per calendar month of `options.timeZone` (a failure at
 *   23:30 local on the 31st belongs to that month whatever the host TZ), and the n-th weighs
 *   `failureWeight(n, { cap })` = 1, 2, 4, 8, ... (K15); the count restarts each month;
 * - failures of a force-majeure `group` count as ONE failure of weight 1 per calendar month, and
 *   advance no device's count (K16), only when the group's written appeal was accepted (002 art. 30
 *   "可通过书面申诉的方式计算为单次故障"): `appealAccepted: true` on one of its failures, or the group
 *   listed in `options.acceptedGroups` (the appeal register). A group without an accepted appeal
 *   (no flag, or `appealAccepted: false`) counts like ordinary failures. The same group label in a
 *   later month is a separate event there. `groups` lists each group with its appeal outcome;
 * - weights and sums are exact: a weight or total beyond `Number.MAX_SAFE_INTEGER` (the 54th failure
 *   of a device in a month without a cap) is `OUT_OF_SAFE_RANGE`, never a rounded number.
 *
 * Rows are sorted by month, then device (force-majeure groups after devices), then nth; the
 * result does not depend on the input order.
 *
 * @throws SlaKitError `INVALID_INPUT`: not an array, a failure without a non-empty `deviceId`,
 *   an invalid `at` (path `["failures", i, "at"]`), an empty `group`, conflicting appeal flags
 *   within a group, an unknown time zone (path `["options", "timeZone"]`), a bad `cap`;
 *   `OUT_OF_SAFE_RANGE` as above. `at` may be a Date, epoch ms or an ISO-8601 string with an offset.
 * @example
 * ```ts
 * import { weightedFailuresBreakdown } from "sla-kit/kpi";
 *
 * const b = weightedFailuresBreakdown(
 *   [
 *     { deviceId: "agg-1", at: new Date("2026-03-02T10:00:00+08:00") },
 *     { deviceId: "agg-1", at: new Date("2026-03-31T23:30:00+08:00") }, // still March in Shanghai
 *     { deviceId: "agg-1", at: "2026-04-01T09:00:00+08:00" },            // April: weights restart
 *   ],
 *   { timeZone: "Asia/Shanghai" },
 * );
 * b.total;                                    // 4  (1 + 2, then 1)
 * b.rows.map((r) => [r.month, r.nth, r.weight]); // [["2026-03", 1, 1], ["2026-03", 2, 2], ["2026-04", 1, 1]]
 * ```
 */
export function weightedFailuresBreakdown(
  failures: readonly Failure[],
  options: WeightedFailuresOptions,
): WeightedFailuresBreakdown {
  const c = countFailures(failures, options, true);
  return {
    total: c.total,
    byMonth: c.byMonth,
    rows: c.rows!,
    groups: c.groups,
    trace: {
      rule: "K15",
      sourceRef: "002 art. 30",
      inputs: {
        failures: (failures as readonly unknown[]).length,
        timeZone: c.timeZone,
        cap: c.cap ?? null,
        acceptedGroups: c.groups.filter((g) => g.appealAccepted).map((g) => g.group),
      },
      steps: c.steps,
    },
  };
}
