import { makeCard, resolvePoints, type BuiltinCardOptions } from "./_cards.js";
import type { Scorecard } from "./types.js";

/** Item ids of {@link businessHallCard}. */
export type BusinessHallItem = "satisfaction";

/**
 * Default points of the business-hall items: the library's choice (002 gives none).
 *
 * @example
 * ```ts
 * import { businessHallDefaultPoints } from "sla-kit/scoring";
 * console.log(businessHallDefaultPoints); // { satisfaction: 100 }
 * ```
 */
export const businessHallDefaultPoints: Readonly<Record<BusinessHallItem, number>> = { satisfaction: 100 };

/**
 * The business-hall KPI scorecard of 002 art. 15 (docs/rules.md P4): only satisfaction is a KPI item
 * (art. 15.1); the other targets are money rules (M2, see `penaltyRules`).
 *
 * - `satisfaction` (P4, 002 art. 15.3): `linear`, 0 below 0.90, else `points * min(1, actual / 0.95)`.
 *
 * @example
 * ```ts
 * import { businessHallCard, scorecard } from "sla-kit/scoring";
 *
 * console.log(scorecard(businessHallCard(), { satisfaction: 0.95 }).total); // 100
 * ```
 */
export function businessHallCard(options?: Omit<BuiltinCardOptions<BusinessHallItem>, "rounding">): Scorecard {
  const p = resolvePoints(businessHallDefaultPoints, options);
  return makeCard("002-business-hall", "Business hall (002 art. 15)", "002 art. 15", [
    {
      id: "satisfaction",
      name: "Customer satisfaction rate",
      // P4 002 art. 15.3
      rule: { kind: "linear", id: "P4", sourceRef: "002 art. 15.3", points: p.satisfaction, target: 0.95, zeroBelow: 0.9 },
    },
  ]);
}
