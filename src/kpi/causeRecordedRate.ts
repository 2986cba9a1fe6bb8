import { assertArray, makeRatio } from "./_internal.js";
import { stagesAt, statusCode } from "./_tally.js";
import type { TicketEvaluation } from "../sla/types.js";
import type { Ratio } from "./types.js";

/**
 * Share of missed stages with a recorded cause analysis and remedy (W3, 003 §9: an overdue work
 * order is archived with its cause and remedy): stages `breached` or `overdue` that carry a `cause`
 * (from a `cause` event) over all `breached` and `overdue` stages of the given `evaluateTicket`
 * results. Other statuses are not counted.
 *
 * @throws SlaKitError `INVALID_INPUT` (path into `evaluations`) for a non-array, a non-object
 *   evaluation or stage, or an unknown status.
 * @example
 * ```ts
 * import { causeRecordedRate } from "sla-kit/kpi";
 * import type { TicketEvaluation } from "sla-kit/sla";
 *
 * const evaluations = [
 *   { stages: [{ status: "breached", cause: { cause: "storm", remedy: "second crew" } }, { status: "overdue", needsCause: true }] },
 *   { stages: [{ status: "met" }] },
 * ] as unknown as TicketEvaluation[];
 * causeRecordedRate(evaluations); // { numerator: 1, denominator: 2, value: 0.5 }
 * ```
 */
export function causeRecordedRate(evaluations: readonly TicketEvaluation[]): Ratio {
  let missed = 0;
  let withCause = 0;
  const evs = assertArray(evaluations, [], "evaluations");
  for (let i = 0; i < evs.length; i++) {
    const stages = stagesAt(evs, i, []);
    for (let j = 0; j < stages.length; j++) {
      const code = statusCode(stages[j], [], i, j); // 1 breached, 2 overdue
      if (code !== 1 && code !== 2) continue;
      const s = stages[j] as { cause?: unknown };
      missed++;
      if (s.cause !== undefined && s.cause !== null) withCause++;
    }
  }
  return makeRatio(withCause, missed, "no breached or overdue stages: no cause to record");
}
