import { makeCard, resolvePoints, resolveRounding, ROUNDING_NOTE, type BuiltinCardOptions } from "./_cards.js";
import type { Scorecard } from "./types.js";

/** Item ids of {@link accountManagerCard}. */
export type AccountManagerItem =
  | "satisfaction"
  | "inNetworkRate"
  | "churnRate"
  | "timelyRate"
  | "falseWorkOrders"
  | "response30Share";

/**
 * Default points of the account-manager items: the library's choice (002 gives none).
 *
 * @example
 * ```ts
 * import { accountManagerCard, accountManagerDefaultPoints } from "sla-kit/scoring";
 * console.log(accountManagerDefaultPoints.satisfaction, accountManagerCard({ points: { satisfaction: 40 } }).items[0]?.rule.points); // 30 40
 * ```
 */
export const accountManagerDefaultPoints: Readonly<Record<AccountManagerItem, number>> = {
  satisfaction: 30,
  inNetworkRate: 20,
  churnRate: 10,
  timelyRate: 20,
  falseWorkOrders: 10,
  response30Share: 10,
};

/**
 * The account-manager / department KPI scorecard of 002 art. 21 (docs/rules.md P5-P10). The point
 * deductions of P8, P9 and P10 are modelled as items worth `points` that lose the stated points
 * (never below 0).
 *
 * - `satisfaction` (P5, 002 art. 21.3): `linear`, 0 below 0.90, else `points * min(1, actual / 0.95)`.
 * - `inNetworkRate` (P6, 002 art. 21.4): `linear`, 0 below 0.77, else `points * min(1, actual / 0.80)`.
 * - `churnRate` (P7, 002 art. 21.4): `threshold`, full points when churn `<= 0.02`, 0 above 2%.
 * - `timelyRate` (P8, 002 art. 21.5): `steps` below 0.99, minus 2 per percentage point short.
 * - `falseWorkOrders` (P9, 002 art. 21.5): `steps` above 0 cases, minus 1 per case.
 * - `response30Share` (P10, 002 art. 21.6): `steps` below 0.70, minus 0.5 per percentage point short.
 *
 * @param options `points` per item (defaults {@link accountManagerDefaultPoints}); `rounding` of the
 * per-point deductions (default `"floor"`: whole percentage points, docs/rules.md P14).
 * @example
 * ```ts
 * import { accountManagerCard, scorecard } from "sla-kit/scoring";
 *
 * const r = scorecard(accountManagerCard(), {
 *   satisfaction: 0.95, inNetworkRate: 0.8, churnRate: 0.01,
 *   timelyRate: 0.97, falseWorkOrders: 1, response30Share: 0.68,
 * });
 * console.log(r.total); // 100 - 4 (P8) - 1 (P9) - 1 (P10) = 94
 * ```
 */
export function accountManagerCard(options?: BuiltinCardOptions<AccountManagerItem>): Scorecard {
  const p = resolvePoints(accountManagerDefaultPoints, options);
  const rounding = resolveRounding(options);
  const note = ROUNDING_NOTE[rounding];
  return makeCard("002-account-manager", "Account managers (002 art. 21)", "002 art. 21", [
    {
      id: "satisfaction",
      name: "Customer satisfaction rate",
      // P5 002 art. 21.3
      rule: { kind: "linear", id: "P5", sourceRef: "002 art. 21.3", points: p.satisfaction, target: 0.95, zeroBelow: 0.9 },
    },
    {
      id: "inNetworkRate",
      name: "In-network rate",
      // P6 002 art. 21.4
      rule: { kind: "linear", id: "P6", sourceRef: "002 art. 21.4", points: p.inNetworkRate, target: 0.8, zeroBelow: 0.77 },
    },
    {
      id: "churnRate",
      name: "Collective-unit and VIP churn",
      // P7 002 art. 21.4
      rule: { kind: "threshold", id: "P7", sourceRef: "002 art. 21.4", points: p.churnRate, pass: { op: "<=", value: 0.02 } },
    },
    {
      id: "timelyRate",
      name: "Work-order timely rate",
      // P8 002 art. 21.5
      rule: {
        kind: "steps",
        id: "P8",
        sourceRef: "002 art. 21.5",
        points: p.timelyRate,
        direction: "below",
        steps: [{ from: 0.99, to: 0, per: 0.01, deduct: 2 }],
        rounding,
        interpretation: `minus 2 points per percentage point below 99%; ${note}`,
      },
    },
    {
      id: "falseWorkOrders",
      name: "False work orders (count)",
      // P9 002 art. 21.5
      rule: {
        kind: "steps",
        id: "P9",
        sourceRef: "002 art. 21.5",
        points: p.falseWorkOrders,
        direction: "above",
        steps: [{ from: 0, to: Math.max(1, Math.ceil(p.falseWorkOrders)), per: 1, deduct: 1 }],
        rounding,
        interpretation: "minus 1 point per false work order (the target is zero)",
      },
    },
    {
      id: "response30Share",
      name: "Share of services responded within 30 minutes",
      // P10 002 art. 21.6
      rule: {
        kind: "steps",
        id: "P10",
        sourceRef: "002 art. 21.6",
        points: p.response30Share,
        direction: "below",
        steps: [{ from: 0.7, to: 0, per: 0.01, deduct: 0.5 }],
        rounding,
        interpretation: `minus 0.5 points per percentage point below 70%; ${note}`,
      },
    },
  ]);
}
