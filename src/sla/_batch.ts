/**
 * What the batch functions share: options checked once, tickets read lazily from an iterable or
 * an async iterable, errors that name the ticket. Private to `sla`.
 * @internal
 */
import { SlaKitError } from "../errors.js";
import { getCompiled } from "./_compile.js";
import { toInstantMs } from "./_time.js";
import { evaluateTicket } from "./evaluateTicket.js";
import type { EvaluateTicketOptions, Policy, TicketEvaluation, TicketInput } from "./types.js";

/** The options checked once for the whole run, `asOf` as epoch ms; the policy compiled once. */
export function batchOptions(policy: Policy, options: EvaluateTicketOptions, name: string): EvaluateTicketOptions {
  getCompiled(policy); // a bad policy fails before the first ticket is read
  if (options === null || typeof options !== "object") throw new SlaKitError("INVALID_ARGUMENT", `${name} needs options { asOf }.`, { path: ["asOf"] });
  return { ...options, asOf: toInstantMs(options.asOf, ["asOf"], "INVALID_ARGUMENT") };
}

/** Evaluates ticket `i`; an error names the ticket and gets its index in front of its path. */
export function evaluateAt(policy: Policy, ticket: TicketInput, options: EvaluateTicketOptions, i: number): TicketEvaluation {
  try {
    return evaluateTicket(policy, ticket, options);
  } catch (e) {
    if (!(e instanceof SlaKitError)) throw e;
    const id = ticket !== null && typeof ticket === "object" && typeof ticket.id === "string" ? ` (${ticket.id})` : "";
    throw new SlaKitError(e.code, `Ticket ${i}${id}: ${e.message}`, { path: [i, ...e.path], details: e.details, cause: e });
  }
}

export function* evaluateSync(policy: Policy, tickets: Iterable<TicketInput>, options: EvaluateTicketOptions): Generator<TicketEvaluation, void, undefined> {
  let i = 0;
  for (const t of tickets) yield evaluateAt(policy, t, options, i++);
}

export async function* evaluateAsync(policy: Policy, tickets: AsyncIterable<TicketInput>, options: EvaluateTicketOptions): AsyncGenerator<TicketEvaluation, void, undefined> {
  let i = 0;
  for await (const t of tickets) yield evaluateAt(policy, t, options, i++);
}

/** Is `v` an async iterable (checked before the sync protocol, as `for await` does)? */
export function isAsyncIterable<T>(v: unknown): v is AsyncIterable<T> {
  return v !== null && typeof v === "object" && typeof (v as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}

/** Throws unless `v` is iterable or async iterable. */
export function assertTickets(v: unknown, name: string): void {
  if (isAsyncIterable(v)) return;
  if (v !== null && typeof v === "object" && typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function") return;
  throw new SlaKitError("INVALID_ARGUMENT", `${name} needs tickets as an array, another iterable (a generator) or an async iterable (a stream of parsed rows).`, { path: ["tickets"] });
}
