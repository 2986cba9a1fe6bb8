import { assertCount, assertObject, invalid, makeRatio } from "./_internal.js";
import { weightedFailuresBreakdown } from "./weightedFailuresBreakdown.js";
import { describe } from "../_lib/instant.js";
import type { Failure, KpiTrace, Ratio, WeightedFailureRow } from "./types.js";

/** Options of {@link aggregationFailureRate}. */
export interface AggregationFailureRateOptions {
  /** Aggregation-layer devices under management in the month (the denominator). */
  readonly managedDevices: number;
  /** IANA zone whose calendar months group the failures. */
  readonly timeZone: string;
  /** The month "YYYY-MM" to measure; required when the failures span several months. */
  readonly month?: string;
  /** Cap of one failure's weight (K15). */
  readonly cap?: number;
  /** The appeal register of force-majeure groups (K16): when given, only these groups are accepted. */
  readonly acceptedGroups?: readonly string[];
}

/** Result of {@link aggregationFailureRate}: a {@link Ratio} plus the month, the counted rows and a trace. */
export interface AggregationFailureRate extends Ratio {
  /** The month measured, or null when there were no failures and no month was given. */
  readonly month: string | null;
  readonly rows: readonly WeightedFailureRow[];
  readonly trace: KpiTrace;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Aggregation-layer device failure rate of one month (rule K14, 002 art. 30): weighted failures
 * (K15 escalating weights, K16 force majeure counted once) over managed devices; target <= 1%.
 * The numerator is a weighted count, so the ratio may exceed 1.
 *
 * @throws SlaKitError `INVALID_INPUT`: `managedDevices` not a whole number (path
 *   `["options", "managedDevices"]`), a malformed `month`, failures spanning several months without
 *   `month`, and everything {@link weightedFailuresBreakdown} rejects.
 * @example
 * ```ts
 * import { aggregationFailureRate, checkTarget } from "sla-kit/kpi";
 *
 * const r = aggregationFailureRate(
 *   [
 *     { deviceId: "agg-7", at: new Date("2026-05-03T08:00:00+08:00") },
 *     { deviceId: "agg-7", at: new Date("2026-05-19T08:00:00+08:00") },
 *   ],
 *   { managedDevices: 400, timeZone: "Asia/Shanghai", month: "2026-05" },
 * );
 * [r.numerator, r.denominator, r.value]; // [3, 400, 0.0075]
 * checkTarget("K14", r).met;             // true (<= 1%)
 * ```
 */
export function aggregationFailureRate(failures: readonly Failure[], options: AggregationFailureRateOptions): AggregationFailureRate {
  const o = assertObject(options, ["options"], "options");
  const managed = assertCount(o.managedDevices, ["options", "managedDevices"], "a count of managed devices");
  if (o.month !== undefined && (typeof o.month !== "string" || !MONTH.test(o.month))) {
    invalid(`options.month must be a month "YYYY-MM", got ${describe(o.month)}.`, ["options", "month"]);
  }
  const b = weightedFailuresBreakdown(failures, {
    timeZone: o.timeZone as string,
    ...(o.cap === undefined ? {} : { cap: o.cap as number }),
    ...(o.acceptedGroups === undefined ? {} : { acceptedGroups: o.acceptedGroups as readonly string[] }),
  });
  let month: string | null = (o.month as string | undefined) ?? null;
  if (month === null && b.byMonth.length > 1) {
    invalid(
      `The failures span ${b.byMonth.length} months (${b.byMonth.map((m) => m.month).join(", ")}): pass options.month to say which month to measure.`,
      ["options", "month"],
    );
  }
  if (month === null && b.byMonth.length === 1) month = b.byMonth[0]!.month;
  const rows = month === null ? [] : b.rows.filter((r) => r.month === month);
  let weighted = 0;
  for (const r of rows) weighted += r.weight;
  // K14: weighted failures (K15, K16) / managed devices
  const rat = makeRatio(weighted, managed, "no managed devices: the failure rate is undefined");
  return {
    ...rat,
    month,
    rows,
    trace: {
      rule: "K14",
      sourceRef: "002 art. 30",
      inputs: { failures: failures.length, managedDevices: managed, timeZone: o.timeZone, month },
      steps: [
        ...b.trace.steps.filter((s) => s.step !== "total"),
        { step: "weighted failures in the month", detail: month ?? "no failures", value: weighted },
        { step: "divide by managed devices", detail: `${weighted} / ${managed}`, value: rat.value },
      ],
    },
  };
}
