import { makeRatio } from "./_internal.js";
import { EMPTY_REASON, tallyAll } from "./_tally.js";
import type { TicketEvaluation } from "../sla/types.js";
import type { Ratio } from "./types.js";

/**
 * Overdue rate, 超时率 (docs/rules.md K17, 003 §15): `(breached + overdue) / (met + breached + overdue)`
 * stages of the given `evaluateTicket` results; the complement of `complianceRate` over the same
 * denominator. Pending, warning and not-applicable stages are not counted.
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
 * overdueRate(evaluations); // { numerator: 2, denominator: 4, value: 0.5 }
 * ```
 */
export function overdueRate(evaluations: readonly TicketEvaluation[]): Ratio {
  const t = tallyAll(evaluations, []);
  return makeRatio(t.breached + t.overdue, t.met + t.breached + t.overdue, EMPTY_REASON); // K17
}
