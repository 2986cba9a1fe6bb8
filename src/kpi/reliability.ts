import { assertCount, assertObject, invalid, makeRatio } from "./_internal.js";
import type { KpiTrace, Ratio } from "./types.js";

/** Result of {@link reliability}: the uptime {@link Ratio} `(period - downtime) / period` with a trace. */
export interface Reliability extends Ratio {
  readonly trace: KpiTrace;
}

/**
 * Reliability `1 - downtime / period` (rule K11 core network >= 99.9%, 002 art. 23; K12
 * backbone >= 99.5% over 24 h x 365 d, 002 art. 24, see `BACKBONE_YEAR_MS`; any period works),
 * as the exact ratio `(periodMs - downtimeMs) / periodMs`. A period of 0 gives `value: null`.
 * The result of `downtime(...)` can be passed straight in.
 *
 * @param input.downtimeMs - total outage in whole ms (merge overlapping outages first: `downtime`).
 * @param input.periodMs - length of the period in whole ms.
 * @throws SlaKitError `INVALID_INPUT`: not whole non-negative ms (path `["downtimeMs"]` /
 *   `["periodMs"]`), or downtime longer than the period (path `["downtimeMs"]`).
 * @example
 * ```ts
 * import { reliability } from "sla-kit/kpi";
 *
 * const r = reliability({ downtimeMs: 60_000, periodMs: 100 * 60_000 });
 * [r.numerator, r.denominator, r.value]; // [5940000, 6000000, 0.99]
 * reliability({ downtimeMs: 0, periodMs: 0 }).value; // null
 * ```
 */
export function reliability(input: { readonly downtimeMs: number; readonly periodMs: number }): Reliability {
  const o = assertObject(input, [], "reliability input");
  const down = assertCount(o.downtimeMs, ["downtimeMs"], "a duration in whole milliseconds");
  const period = assertCount(o.periodMs, ["periodMs"], "a duration in whole milliseconds");
  if (down > period) {
    invalid(`downtimeMs (${down}) is longer than periodMs (${period}): downtime must lie within the period (clip it, e.g. with downtime()).`, ["downtimeMs"], { downtimeMs: down, periodMs: period });
  }
  // K11/K12: 1 - downtime / period, kept as the exact ratio (period - downtime) / period
  const r = makeRatio(period - down, period, "the period is empty (periodMs 0): reliability is undefined");
  return {
    ...r,
    trace: {
      rule: "K11",
      sourceRef: "002 art. 23-24",
      inputs: { downtimeMs: down, periodMs: period },
      steps: [{ step: "1 - downtime / period", detail: `(${period} - ${down}) / ${period}`, value: r.value }],
    },
  };
}
