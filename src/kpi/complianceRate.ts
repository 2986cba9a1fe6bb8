import { makeRatio } from "./_internal.js";
import { EMPTY_REASON, tallyAll } from "./_tally.js";
import type { TicketEvaluation } from "../sla/types.js";
import type { Ratio } from "./types.js";

/**
 * SLA compliance rate, 时效达标率 (docs/rules.md K17, 003 §15): met stages over decided stages,
 * `met / (met + breached + overdue)`, over all stages of the given `evaluateTicket` results.
 * Pending, warning and not-applicable stages are not counted; none decided gives `value: null`.
 * Group first (or use `rollup`) for per-person, department or month rates.
 *
 * @throws SlaKitError `INVALID_INPUT` for a non-array, or a stage without a known status (path
 *   `[i, "stages", j, "status"]`).
 * @example
 * ```ts
 * import { complianceRate } from "sla-kit/kpi";
 * import type { TicketEvaluation } from "sla-kit/sla";
 *
 * const evaluations = [
 *   { stages: [{ status: "met" }, { status: "breached" }, { status: "pending" }] },
 *   { stages: [{ status: "met" }, { status: "overdue" }] },
 * ] as unknown as TicketEvaluation[]; // normally evaluateTicket(policy, ticket, { asOf })
 * complianceRate(evaluations); // { numerator: 2, denominator: 4, value: 0.5 }
 * ```
 */
export function complianceRate(evaluations: readonly TicketEvaluation[]): Ratio {
  const t = tallyAll(evaluations, []);
  return makeRatio(t.met, t.met + t.breached + t.overdue, EMPTY_REASON); // K17
}
