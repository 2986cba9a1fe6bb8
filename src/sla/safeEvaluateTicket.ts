import { isSlaKitError, SlaKitError } from "../errors.js";
import { evaluateTicket } from "./evaluateTicket.js";
import type { EvaluateTicketOptions, Policy, TicketEvaluation, TicketInput } from "./types.js";

/** What {@link safeEvaluateTicket} returns: the evaluation, or the error `evaluateTicket` would throw. */
export type SafeEvaluateTicketResult = { readonly success: true; readonly data: TicketEvaluation } | { readonly success: false; readonly error: SlaKitError };

/**
 * Like {@link evaluateTicket}, but never throws (as zod's `safeParse`): returns
 * `{ success: true, data }` or `{ success: false, error }` with the `SlaKitError` that
 * `evaluateTicket` would throw (`INVALID_EVENT`, `UNKNOWN_VALUE`, `OUTSIDE_EFFECTIVE_DATES`, ...).
 * For a request handler that answers bad tickets with a 4xx and the error's `code` and `path`.
 *
 * Any other error (a bug in sla-kit, a ticket whose getters or proxy throw, a stack overflow) is
 * wrapped too, as a `SlaKitError` with code `INTERNAL_ERROR` and the original error as `cause`:
 * a service answers it with a 5xx (docs/errors.md).
 *
 * @example
 * ```ts
 * import { robotIntegration2026, safeEvaluateTicket } from "sla-kit/sla";
 *
 * const r = safeEvaluateTicket(robotIntegration2026, {
 *   id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00",
 *   events: [{ type: "done", stage: "respnse", at: "2024-05-06T10:12:00+08:00" }],
 * }, { asOf: "2024-05-06T10:50:00+08:00" });
 * if (!r.success) console.log(r.error.code, r.error.path); // INVALID_EVENT [ 'events', 0, 'stage' ]
 * ```
 */
export function safeEvaluateTicket(policy: Policy, ticket: TicketInput, options: EvaluateTicketOptions): SafeEvaluateTicketResult {
  try {
    return { success: true, data: evaluateTicket(policy, ticket, options) };
  } catch (e) {
    if (isSlaKitError(e)) return { success: false, error: e };
    return { success: false, error: internalError(e) };
  }
}

/** A non-SlaKitError thrown inside sla-kit, as `INTERNAL_ERROR` with the original as `cause`. */
function internalError(e: unknown): SlaKitError {
  let text: string;
  try {
    text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    text = "an error that cannot be printed";
  }
  return new SlaKitError("INTERNAL_ERROR", `evaluateTicket failed with ${text}. This is not a problem sla-kit recognises in the ticket: if the ticket is a plain JSON-like object, please report it as a bug (cause holds the original error).`, { cause: e });
}
