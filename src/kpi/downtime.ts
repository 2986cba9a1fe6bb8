import { assertArray, assertObject, invalid } from "./_internal.js";
import { toEpochMs, type Instant } from "../_lib/instant.js";
import type { KpiTrace, Outage } from "./types.js";

/** Result of {@link downtime}. */
export interface Downtime {
  /** Length of the union of the outages inside the period, ms. */
  readonly downtimeMs: number;
  /** Length of the period, ms. */
  readonly periodMs: number;
  /** The merged, clipped outage intervals, in time order. */
  readonly intervals: readonly { readonly from: Date; readonly to: Date }[];
  readonly trace: KpiTrace;
}

/**
 * Downtime of a period from outage intervals (docs/rules.md K10-K12): each outage `[from, to)` is clipped
 * to the period, overlapping or touching outages are merged so no instant counts twice, and the
 * union's length is returned with the period's length, ready for `reliability`.
 * An outage with `to` null or absent is still ongoing and runs to the period's end.
 *
 * @throws SlaKitError `INVALID_INPUT`: an invalid instant (path `["outages", i, "from"]`, ...,
 *   `["period", "to"]`), an outage or period that ends before it starts.
 * @example
 * ```ts
 * import { downtime, reliability } from "sla-kit/kpi";
 *
 * const d = downtime(
 *   [
 *     { from: new Date("2026-01-01T10:00:00Z"), to: new Date("2026-01-01T10:30:00Z") },
 *     { from: new Date("2026-01-01T10:20:00Z"), to: new Date("2026-01-01T11:00:00Z") }, // overlaps
 *   ],
 *   { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-02T00:00:00Z") },
 * );
 * d.downtimeMs;               // 3600000 (one hour, not 70 minutes)
 * reliability(d).value;       // 0.9583333333333334
 * ```
 */
export function downtime(outages: readonly Outage[], period: { readonly from: Instant; readonly to: Instant }): Downtime {
  assertArray(outages, ["outages"], "outages");
  const p = assertObject(period, ["period"], "period");
  const pFrom = toEpochMs(p.from, ["period", "from"], "INVALID_INPUT");
  const pTo = toEpochMs(p.to, ["period", "to"], "INVALID_INPUT");
  if (pTo < pFrom) invalid(`period.to is before period.from: swap them.`, ["period", "to"]);
  const spans: [number, number][] = [];
  for (let i = 0; i < outages.length; i++) {
    const o = assertObject(outages[i], ["outages", i], `outages[${i}]`);
    const from = toEpochMs(o.from, ["outages", i, "from"], "INVALID_INPUT");
    const to = o.to === undefined || o.to === null ? Infinity : toEpochMs(o.to, ["outages", i, "to"], "INVALID_INPUT");
    if (to < from) invalid(`outages[${i}] ends before it starts: to must be at or after from.`, ["outages", i, "to"]);
    const a = Math.max(from, pFrom);
    const b = Math.min(to, pTo);
    if (b > a) spans.push([a, b]);
  }
  // K10-K12: merge overlapping outages so no instant counts twice
  spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const intervals: { from: Date; to: Date }[] = [];
  let total = 0;
  let curA = 0;
  let curB = -Infinity;
  const flush = (): void => {
    if (curB > curA) {
      intervals.push({ from: new Date(curA), to: new Date(curB) });
      total += curB - curA;
    }
  };
  for (const [a, b] of spans) {
    if (a <= curB) {
      if (b > curB) curB = b;
    } else {
      flush();
      curA = a;
      curB = b;
    }
  }
  flush();
  return {
    downtimeMs: total,
    periodMs: pTo - pFrom,
    intervals,
    trace: {
      rule: "K11",
      sourceRef: "002 art. 22-24",
      inputs: { outages: outages.length, from: new Date(pFrom), to: new Date(pTo) },
      steps: [
        { step: "clip outages to the period", value: spans.length },
        { step: "merge overlapping outages", detail: `${intervals.length} disjoint interval(s)`, value: total },
      ],
    },
  };
}
