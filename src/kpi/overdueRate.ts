import { makeRatio } from "./_internal.js";
import { EMPTY_CYCLE_REASON, EMPTY_REASON, EMPTY_TICKET_REASON, tallyAll, unitOf, type ComplianceOptions } from "./_tally.js";
import type { TicketEvaluation } from "../sla/types.js";
import type { Ratio } from "./types.js";

/**
 * Overdue rate, 超时率 (K17b, 003 §15): `(breached + overdue) / (met + breached + overdue)` over the
 * given `evaluateTicket` results; the complement of `complianceRate` over the same denominator and
 * in the same unit (`"stage"` by default, or `"ticket"`: work orders with a breached or overdue
 * stage over work orders with a decided stage). Pending, warning, not-applicable and `"unknown"`
 * stages are not counted.
 *
 * @throws SlaKitError `INVALID_INPUT` as `complianceRate`.
 * @example
 * ```ts
 * import { overdueRate } from "sla-kit/kpi";
 * import type { TicketEvaluation } from "sla-kit/sla";
 *
 * const evaluations = [
 *   { stages: [{ status: "met" }, { status: "breached" }, { status: "warning" }] },
 *   { stages: [{ status: "met" }, { status: "overdue" }] },
 * ] as unknown as TicketEvaluation[];
 * overdueRate(evaluations);                     // { numerator: 2, denominator: 4, value: 0.5 }
 * overdueRate(evaluations, { unit: "ticket" }); // { numerator: 2, denominator: 2, value: 1 }
 * ```
 */
export function overdueRate(evaluations: readonly TicketEvaluation[], options?: ComplianceOptions): Ratio {
  const unit = unitOf(options);
  const t = tallyAll(evaluations, [], unit);
  return makeRatio(t.breached + t.overdue, t.met + t.breached + t.overdue, unit === "ticket" ? EMPTY_TICKET_REASON : unit === "cycle" ? EMPTY_CYCLE_REASON : EMPTY_REASON); // K17b
}
