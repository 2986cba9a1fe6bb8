import { makeRatio } from "./_internal.js";
import { countStages, EMPTY_CYCLE_REASON, EMPTY_REASON, EMPTY_TICKET_REASON, tallyAll, unitOf, type ComplianceOptions } from "./_tally.js";
import type { TicketEvaluation } from "../sla/types.js";
import type { Ratio } from "./types.js";

/**
 * SLA compliance rate over `evaluateTicket` results, in one of two units:
 *
 * - `unit: "stage"` (default; K17a, 003 §15 时效达标率): met stages over decided stages,
 *   `met / (met + breached + overdue)`.
 * - `unit: "ticket"` (K9c, 002 art. 20 工单及时处理率 "work orders handled in time / work orders"):
 *   timely work orders over counted work orders. A ticket is timely when it has a decided stage and
 *   none of its stages is breached or overdue; a ticket with only pending, warning, not-applicable or
 *   unknown stages is left out. 100 orders with 2 late give 98/100, not 198/200.
 * - `unit: "cycle"` (docs/rules.md S15): each cycle of a recurring stage counts once (every reply
 *   or progress update owed: Zendesk's next reply time and periodic update), any other stage once.
 *
 * Pending, warning, not-applicable and `"unknown"` stages (a deadline that could not be computed)
 * are in neither numerator nor denominator; none counted gives `value: null` with a reason.
 * Evaluations that went through `JSON.stringify`/`JSON.parse` are accepted as they are. Group first
 * (or use `rollup`) for per-person, department or month rates.
 *
 * @param options.unit - `"stage"` (default), `"ticket"` or `"cycle"`.
 * @throws SlaKitError `INVALID_INPUT` for a non-array, a stage without a known status (path
 *   `[i, "stages", j, "status"]`), or an unknown unit (path `["options", "unit"]`).
 * @example
 * ```ts
 * import { complianceRate } from "sla-kit/kpi";
 * import type { TicketEvaluation } from "sla-kit/sla";
 *
 * const evaluations = [
 *   { stages: [{ status: "met" }, { status: "breached" }, { status: "pending" }] },
 *   { stages: [{ status: "met" }, { status: "met" }] },
 * ] as unknown as TicketEvaluation[]; // normally evaluateTicket(policy, ticket, { asOf })
 * complianceRate(evaluations);                     // { numerator: 3, denominator: 4, value: 0.75 }
 * complianceRate(evaluations, { unit: "ticket" }); // { numerator: 1, denominator: 2, value: 0.5 }
 * ```
 */
export function complianceRate(evaluations: readonly TicketEvaluation[], options?: ComplianceOptions): Ratio {
  const unit = unitOf(options);
  if (unit === "stage") {
    const c = countStages(evaluations, []); // K17a
    return makeRatio(c.met, c.decided, EMPTY_REASON);
  }
  const t = tallyAll(evaluations, [], unit); // K9c, or S15 cycles
  return makeRatio(t.met, t.met + t.breached + t.overdue, unit === "cycle" ? EMPTY_CYCLE_REASON : EMPTY_TICKET_REASON);
}
