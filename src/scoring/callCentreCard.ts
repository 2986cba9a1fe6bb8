import { makeCard, resolvePoints, resolveRounding, ROUNDING_NOTE, type BuiltinCardOptions } from "./_cards.js";
import type { Scorecard } from "./types.js";

/** Item ids of {@link callCentreCard}. */
export type CallCentreItem = "satisfaction" | "callVolume" | "callbackRate";

/**
 * Default points of the call-centre items: the library's choice (002 gives none). `callVolume` is
 * 10 because the P2 deductions reach exactly 10 at 1500 calls, where the text's "below 1500: 0" begins.
 *
 * @example
 * ```ts
 * import { callCentreDefaultPoints } from "sla-kit/scoring";
 * console.log(callCentreDefaultPoints); // { satisfaction: 45, callVolume: 10, callbackRate: 45 }
 * ```
 */
export const callCentreDefaultPoints: Readonly<Record<CallCentreItem, number>> = {
  satisfaction: 45,
  callVolume: 10,
  callbackRate: 45,
};

/**
 * The call-centre scorecard of 002 art. 9 (docs/rules.md P1-P3), with grade bands (G1) at 90% / 80% / 60%
 * of the card's maximum.
 *
 * - `satisfaction` (P1, 002 art. 9.3): `linear`, 0 below 0.90, else `points * min(1, actual / 0.98)`.
 * - `callVolume` (P2, 002 art. 9.4): `steps` below 2200: 2200 -> 1800 minus 1 per 100 short,
 *   1800 -> 1500 minus 2 per 100 (the text stops at 1600; the 1600-1500 band is the library's stated
 *   interpretation, recorded in the trace), 0 below 1500.
 * - `callbackRate` (P3, 002 art. 9.5): `linear`, 0 below 0.70, else `points * min(1, actual / 0.90)`.
 *
 * @param options `points` per item (defaults {@link callCentreDefaultPoints}); `rounding` of the
 * per-100 deductions (default `"floor"`: whole hundreds, docs/rules.md P14).
 * @example
 * ```ts
 * import { callCentreCard, scorecard } from "sla-kit/scoring";
 *
 * const r = scorecard(callCentreCard(), { satisfaction: 0.95, callVolume: 1750, callbackRate: 0.9 });
 * console.log(r.items.map((i) => i.id)); // [ 'satisfaction', 'callVolume', 'callbackRate' ]
 * ```
 */
export function callCentreCard(options?: BuiltinCardOptions<CallCentreItem>): Scorecard {
  const p = resolvePoints(callCentreDefaultPoints, options);
  const rounding = resolveRounding(options);
  return makeCard("002-call-centre", "Call centre (002 art. 9)", "002 art. 9", [
    {
      id: "satisfaction",
      name: "Customer satisfaction rate",
      // P1 002 art. 9.3
      rule: { kind: "linear", id: "P1", sourceRef: "002 art. 9.3", points: p.satisfaction, target: 0.98, zeroBelow: 0.9 },
    },
    {
      id: "callVolume",
      name: "Calls answered per agent per month",
      // P2 002 art. 9.4
      rule: {
        kind: "steps",
        id: "P2",
        sourceRef: "002 art. 9.4",
        points: p.callVolume,
        direction: "below",
        steps: [
          { from: 2200, to: 1800, per: 100, deduct: 1 },
          { from: 1800, to: 1500, per: 100, deduct: 2 },
        ],
        zeroBeyond: 1500,
        rounding,
        interpretation:
          "002 art. 9.4 gives 1800-1600 at 2 per 100 and 0 below 1500, leaving 1600-1500 open: the built-in policy " +
          `continues the 2-per-100 band down to 1500; ${ROUNDING_NOTE[rounding]}`,
      },
    },
    {
      id: "callbackRate",
      name: "Effective callback rate",
      // P3 002 art. 9.5
      rule: { kind: "linear", id: "P3", sourceRef: "002 art. 9.5", points: p.callbackRate, target: 0.9, zeroBelow: 0.7 },
    },
  ]);
}
