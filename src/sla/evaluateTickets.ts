import { assertTickets, batchOptions, evaluateAsync, evaluateSync, isAsyncIterable } from "./_batch.js";
import type { EvaluateTicketOptions, Policy, TicketEvaluation, TicketInput } from "./types.js";

/** Options of {@link evaluateTickets}: those of `evaluateTicket`, applied to every ticket. */
export type EvaluateTicketsOptions = EvaluateTicketOptions;

/** What {@link evaluateTickets} returns for tickets of type `T`: async in, async out. */
export type EvaluationsOf<T> = T extends AsyncIterable<TicketInput> ? AsyncIterableIterator<TicketEvaluation> : IterableIterator<TicketEvaluation>;

/**
 * Evaluates many tickets against one policy at one `asOf`, lazily: each evaluation is computed
 * when the consumer asks for it, so a stream of a million tickets never holds more than the one
 * in hand. An array or any iterable gives an iterable; an async iterable (a Node stream of parsed
 * rows, an async generator) gives an async iterable. Every result is what `evaluateTicket` returns
 * for that ticket with the same options; the policy is compiled once.
 *
 * @throws SlaKitError `INVALID_ARGUMENT` (no options, bad `asOf`, tickets not iterable) and
 *   `INVALID_POLICY` at once; the errors of `evaluateTicket` when the bad ticket is reached, with
 *   the ticket's index in front of the path (`[i, "events", 2, "at"]`) and in the message.
 * @example
 * ```ts
 * import { evaluateTickets, robotIntegration2026 } from "sla-kit/sla";
 *
 * function* tickets() {
 *   for (let i = 0; i < 3; i++) {
 *     yield { id: `T-${i}`, service: "fault", tier: "core", urgency: "urgent", createdAt: Date.parse("2024-05-06T08:00:00+08:00") + i * 3_600_000, events: [] };
 *   }
 * }
 * for (const r of evaluateTickets(robotIntegration2026, tickets(), { asOf: new Date("2024-05-06T10:13:00+08:00") })) {
 *   console.log(r.ticketId, r.stages[0]!.status);
 * }
 * // T-0 overdue
 * // T-1 overdue
 * // T-2 warning
 * ```
 */
export function evaluateTickets<T extends Iterable<TicketInput> | AsyncIterable<TicketInput>>(policy: Policy, tickets: T, options: EvaluateTicketsOptions): EvaluationsOf<T> {
  const o = batchOptions(policy, options, "evaluateTickets");
  assertTickets(tickets, "evaluateTickets");
  return (isAsyncIterable<TicketInput>(tickets) ? evaluateAsync(policy, tickets, o) : evaluateSync(policy, tickets as Iterable<TicketInput>, o)) as EvaluationsOf<T>;
}
