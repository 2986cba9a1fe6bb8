import { assertCount, assertObject, invalid, makeRatio } from "./_internal.js";
import { HUNDRED_HOURS_MS } from "./constants.js";
import type { KpiTrace, Ratio } from "./types.js";

/** Result of {@link outagePer100Hours}: downtime / operating time, and the same in seconds per 100 h. */
export interface OutagePer100Hours extends Ratio {
  /** Outage seconds per 100 hours of operation (value x 360 000), or null for no operating time. */
  readonly secondsPer100Hours: number | null;
  readonly trace: KpiTrace;
}

/**
 * Centre outage rate (rule K10, 002 art. 22: at most 36 s per 100 h of operation): the exact
 * ratio `downtimeMs / operationMs`, and `secondsPer100Hours` for display. 36 s per 100 h is the
 * ratio 0.0001, the K10 target in `kpiDefinitions`.
 *
 * @throws SlaKitError `INVALID_INPUT`: not whole non-negative ms (path `["downtimeMs"]` /
 *   `["operationMs"]`), or more downtime than operating time.
 * @example
 * ```ts
 * import { checkTarget, outagePer100Hours } from "sla-kit/kpi";
 *
 * const r = outagePer100Hours({ downtimeMs: 72_000, operationMs: 200 * 3_600_000 });
 * r.secondsPer100Hours;      // 36
 * checkTarget("K10", r).met; // true
 * ```
 */
export function outagePer100Hours(input: { readonly downtimeMs: number; readonly operationMs: number }): OutagePer100Hours {
  const o = assertObject(input, [], "outage input");
  const down = assertCount(o.downtimeMs, ["downtimeMs"], "a duration in whole milliseconds");
  const op = assertCount(o.operationMs, ["operationMs"], "a duration in whole milliseconds");
  if (down > op) invalid(`downtimeMs (${down}) exceeds operationMs (${op}): the outage must lie within the operating time.`, ["downtimeMs"]);
  // K10: outage / operating time; 36 s per 100 h = 0.0001
  const r = makeRatio(down, op, "no operating time (operationMs 0): the outage rate is undefined");
  const secondsPer100Hours = op === 0 ? null : (down * (HUNDRED_HOURS_MS / 1000)) / op;
  return {
    ...r,
    secondsPer100Hours,
    trace: {
      rule: "K10",
      sourceRef: "002 art. 22",
      inputs: { downtimeMs: down, operationMs: op },
      steps: [
        { step: "downtime / operating time", detail: `${down} / ${op}`, value: r.value },
        { step: "seconds per 100 h", detail: "value x 360000 s", value: secondsPer100Hours },
      ],
    },
  };
}
