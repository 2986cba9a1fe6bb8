import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { makeCard, resolvePoints, resolveRounding, ROUNDING_NOTE, type BuiltinCardOptions } from "./_cards.js";
import type { Scorecard } from "./types.js";

/** Item ids of {@link networkCard}. */
export type NetworkItem = "coreReliability" | "backboneReliability" | "aggregationFailureRate" | "egressFailures";

/**
 * Default points of the network items: the library's choice (002 gives none). The backbone item
 * (P15) adds 20 to the 100 of the other three, so their points (and the deductions of P12 and P13)
 * are as before; the card's maximum is 120 and its grade bands scale with it.
 *
 * @example
 * ```ts
 * import { networkDefaultPoints } from "sla-kit/scoring";
 * console.log(networkDefaultPoints);
 * // { coreReliability: 40, backboneReliability: 20, aggregationFailureRate: 30, egressFailures: 30 }
 * ```
 */
export const networkDefaultPoints: Readonly<Record<NetworkItem, number>> = {
  coreReliability: 40,
  backboneReliability: 20,
  aggregationFailureRate: 30,
  egressFailures: 30,
};

/** Options of {@link networkCard}. */
export interface NetworkCardOptions extends BuiltinCardOptions<NetworkItem> {
  /**
   * Reading of P13 (002 art. 23, "3次以上(包括3次)每超过一次扣5分"):
   * `"over-3"` (default): minus 5 per failure over 3 (4 -> -5, 5 -> -10);
   * `"from-3rd"`: minus 5 from the 3rd failure (3 -> -5, 4 -> -10, 5 -> -15). Both: more than 5 -> 0.
   */
  readonly egressReading?: "over-3" | "from-3rd";
  /**
   * Reading of P12 (002 art. 31.3, "汇聚层设备故障率不得高于1%，超出指标1不得分，0.5%-1%区间内，每增0.1，扣
   * 各总分值的1/5"): `"rate"` (default): the 0.5%-1% band is the failure rate itself (above 0.5%, each
   * 0.1 point deducts 1/5; above 1%, 0); `"excess"`: the band is the excess over the 1% indicator
   * (up to 1.5% nothing is deducted; from 1.5% to 2% each 0.1 point deducts 1/5; above 2%, 0).
   */
  readonly aggregationReading?: "rate" | "excess";
}

/**
 * The network / operations scorecard of 002 arts. 23 and 31 (docs/rules.md P11-P13).
 *
 * - `coreReliability` (P11, 002 art. 31.3): `threshold`, 0 below 0.999.
 * - `aggregationFailureRate` (P12, 002 art. 31.3): `steps` above 0.005 per 0.001 deducting
 *   `points / 5`, 0 above 0.01.
 * - `egressFailures` (P13, 002 art. 23): `steps` above 3 (or 2, see `egressReading`) per failure
 *   deducting 5, 0 above 5.
 *
 * @example
 * ```ts
 * import { networkCard, scorecard } from "sla-kit/scoring";
 *
 * const r = scorecard(networkCard(), { coreReliability: 0.9995, backboneReliability: 0.996, aggregationFailureRate: 0.008, egressFailures: 4 });
 * console.log(r.total); // 40 + 20 + (30 - 3 x 6) + (30 - 5) = 97
 * ```
 */
export function networkCard(options?: NetworkCardOptions): Scorecard {
  const p = resolvePoints(networkDefaultPoints, options);
  const rounding = resolveRounding(options);
  const reading = options?.egressReading ?? "over-3";
  if (reading !== "over-3" && reading !== "from-3rd") {
    throw new SlaKitError("INVALID_INPUT", `egressReading must be "over-3" or "from-3rd", got ${describe(reading)}.`, {
      path: ["egressReading"],
    });
  }
  const aggReading = options?.aggregationReading ?? "rate";
  if (aggReading !== "rate" && aggReading !== "excess") {
    throw new SlaKitError("INVALID_INPUT", `aggregationReading must be "rate" or "excess", got ${describe(aggReading)}.`, {
      path: ["aggregationReading"],
    });
  }
  const [aggFrom, aggTo] = aggReading === "rate" ? [0.005, 0.01] : [0.015, 0.02];
  return makeCard("002-network", "Network and operations (002 arts. 23, 31)", "002 arts. 23, 31", [
    {
      id: "coreReliability",
      name: "Core network reliability",
      // P11 002 art. 31.3
      rule: { kind: "threshold", id: "P11", sourceRef: "002 art. 31.3", points: p.coreReliability, pass: { op: ">=", value: 0.999 } },
    },
    {
      id: "backboneReliability",
      name: "Backbone network reliability (1 - outage / (24 h x 365 d))",
      // P15 002 art. 31.3
      rule: { kind: "threshold", id: "P15", sourceRef: "002 art. 31.3", points: p.backboneReliability, pass: { op: ">=", value: 0.995 } },
    },
    {
      id: "aggregationFailureRate",
      name: "Aggregation device failure rate (weighted failures / managed devices)",
      // P12 002 art. 31.3
      rule: {
        kind: "steps",
        id: "P12",
        sourceRef: "002 art. 31.3",
        points: p.aggregationFailureRate,
        direction: "above",
        steps: [{ from: aggFrom, to: aggTo, per: 0.001, deduct: p.aggregationFailureRate / 5 }],
        zeroBeyond: aggTo,
        rounding,
        interpretation:
          aggReading === "rate"
            ? `reading "rate" (default): each 0.1 percentage point over 0.5% deducts 1/5 of the item's points, above 1% scores 0; ${ROUNDING_NOTE[rounding]}`
            : `reading "excess": the 0.5%-1% band is the excess over the 1% indicator, so each 0.1 percentage point over 1.5% deducts 1/5, above 2% scores 0; ${ROUNDING_NOTE[rounding]}`,
      },
    },
    {
      id: "egressFailures",
      name: "Network egress failures in the month",
      // P13 002 art. 23
      rule: {
        kind: "steps",
        id: "P13",
        sourceRef: "002 art. 23",
        points: p.egressFailures,
        direction: "above",
        steps: [{ from: reading === "over-3" ? 3 : 2, to: 5, per: 1, deduct: 5 }],
        zeroBeyond: 5,
        rounding,
        interpretation:
          reading === "over-3"
            ? 'reading "over-3": minus 5 points per failure over 3 (3 failures are allowed), more than 5 scores 0'
            : 'reading "from-3rd": "3次以上(包括3次)" deducts 5 points from the 3rd failure on, more than 5 scores 0',
      },
    },
  ]);
}
