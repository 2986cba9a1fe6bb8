import { RollupFold, type RollupOptions } from "../kpi/rollup.js";
import type { RollupRow } from "../kpi/types.js";
import { assertTickets, batchOptions, evaluateAt, isAsyncIterable } from "./_batch.js";
import { getCompiled, type CompiledPolicy } from "./_compile.js";
import { quickRun, quickTicket, STATUS_NAMES } from "./_plan.js";
import { fact, readTicket } from "./_references.js";
import type { EvaluateTicketOptions, Policy, TicketEvaluation, TicketInput } from "./types.js";

/** Options of {@link tallyTickets}: `evaluateTicket`'s (`asOf`, ...) and `rollup`'s (`by`, `timeZone`, ...). */
export type TallyTicketsOptions = EvaluateTicketOptions & RollupOptions;

/** What {@link tallyTickets} returns for tickets of type `T`: a promise for async input. */
export type TallyOf<T> = T extends AsyncIterable<TicketInput> ? Promise<RollupRow[]> : RollupRow[];

/**
 * Evaluates many tickets and folds them straight into compliance and overdue counts per group,
 * without keeping the evaluations: the rows are exactly those of
 * `rollup([...evaluateTickets(policy, tickets, { asOf })], { by, timeZone })` (docs/rules.md K17),
 * but each evaluation is folded into the counts as soon as it is made, so memory holds one
 * ticket's evaluation at a time, whatever the number of tickets. `by: []`
 * gives one row for the whole run. An async iterable of tickets gives a promise of the rows.
 * Tickets of the shapes it knows take a fast path: the policy's compiled plan per combination
 * of service, tier, urgency, location and channel (rows looked up, clocks and levels resolved)
 * gives each stage's status by epoch-ms arithmetic, straight into the counts, with no evaluation
 * built (a stage whose calendar cannot answer counts as `unknown`, as `evaluateTicket` says).
 * Any other ticket (an event type it does not know, a policy with reopening, reclassification or
 * recurring stages, any error) is evaluated by `evaluateTicket` (with `trace: false` unless `options.trace` says otherwise):
 * same rows, same errors either way (docs/sla.md "Performance").
 *
 * @throws SlaKitError the errors of `evaluateTickets` (with the ticket's index in the path) and
 *   of `rollup` (`INVALID_INPUT` for bad `by` or `timeZone`, before any ticket is read).
 * @example
 * ```ts
 * import { robotIntegration2026, tallyTickets } from "sla-kit/sla";
 *
 * const tickets = ["li", "li", "wang"].map((assignee, i) => ({
 *   id: `T-${i}`, service: "fault", tier: "core", urgency: "urgent", assignee,
 *   createdAt: "2024-05-06T10:00:00+08:00",
 *   events: [{ type: "done" as const, stage: "response", at: `2024-05-06T10:${i === 0 ? "10" : "20"}:00+08:00` }],
 * }));
 * const rows = tallyTickets(robotIntegration2026, tickets, { asOf: new Date("2024-05-06T10:30:00+08:00"), by: ["assignee", "stage"] });
 * console.log(rows.map((r) => `${r.assignee} ${r.stage} ${r.met}/${r.counted}`).join("; "));
 * // li handling 0/0; li resolution 0/0; li response 1/2; wang handling 0/0; wang resolution 0/0; wang response 0/1
 * ```
 */
export function tallyTickets<T extends Iterable<TicketInput> | AsyncIterable<TicketInput>>(policy: Policy, tickets: T, options: TallyTicketsOptions): TallyOf<T> {
  const run = tallyRun(policy, options, "tallyTickets");
  assertTickets(tickets, "tallyTickets");
  let i = 0;
  if (isAsyncIterable<TicketInput>(tickets)) {
    return (async () => {
      for await (const t of tickets) run.add(t, i++);
      return run.rows();
    })() as TallyOf<T>;
  }
  for (const t of tickets as Iterable<TicketInput>) run.add(t, i++);
  return run.rows() as TallyOf<T>;
}

/**
 * One run of {@link tallyTickets}: options checked once (as `tallyTickets` checks them), then
 * tickets added one at a time, each evaluated and folded into the counts at once (no evaluation
 * outlives its ticket), and the rows at the end. `i` is the ticket's position in the caller's
 * input: errors name it ("Ticket i (id): ...", path `[i, ...]`); positions must increase.
 * @internal
 */
export interface TallyRun {
  add(ticket: TicketInput, i: number): void;
  rows(): RollupRow[];
}

/** A {@link TallyRun} of `policy` with `options` (`name` is the function errors name). */
export function tallyRun(policy: Policy, options: TallyTicketsOptions, name: string): TallyRun {
  // one options object serves both: evaluateTicket reads asOf and its flags, rollup reads by, timeZone, unit
  const o = batchOptions(policy, options, name) as TallyTicketsOptions;
  const fold = new RollupFold(o); // bad grouping options fail before any ticket is read
  // the rows never read trace steps: skip recording them unless the caller asks
  const evaluate: EvaluateTicketOptions = o.trace === undefined ? { ...o, trace: false } : o;
  const quick = quickTally(getCompiled(policy), evaluate);
  return {
    add: (input, i) => {
      // read once: the fast path's counts and groups, or evaluateTicket when it refuses the ticket,
      // see the same fields (as evaluateTickets, which reads each ticket once, would); without a
      // fast path evaluateTicket reads it once itself
      const t = quick !== null && input !== null && typeof input === "object" ? readTicket(input) : input;
      fold.add(quick?.(t) ?? evaluateAt(policy, t, evaluate, i), i);
    },
    rows: () => fold.rows(),
  };
}


/**
 * The fast path (src/sla/_plan.ts): what `rollup` reads of a ticket's evaluation (statuses,
 * renegotiation, the grouping facts), computed from the policy's compiled plan, or null when the
 * ticket takes the full path (`evaluateTicket`: anything the plan does not handle, any error).
 * Null for the whole run when an option is one `evaluateTicket` would refuse.
 */
function quickTally(c: CompiledPolicy, o: EvaluateTicketOptions): ((t: TicketInput) => TicketEvaluation | null) | null {
  const asOfMs = o.asOf as number; // batchOptions made it epoch ms
  const run = quickRun(c, asOfMs, o);
  if (run === null) return null;
  const { only, out, reneg } = run;
  // one evaluation record and one stages array per stage count, refilled ticket after ticket: the
  // fold reads them at once and keeps nothing of them (the stage records are the plans' own)
  const ev = { ticketId: "", service: "", tier: null as string | null, urgency: null as string | null, location: null as string | null, channel: null as string | null, assignee: null as string | null, department: null as string | null, createdAt: 0, asOf: asOfMs, createdAtMs: 0, asOfMs, policy: c.ref, stages: [] as unknown[], unknownStages: null };
  const arrays: unknown[][] = [];
  return (t) => {
    const r = quickTicket(run, t);
    if (r === null) return null;
    const { plan, n, createdMs } = r;
    const stages = (arrays[n] ??= new Array<unknown>(n));
    for (let j = 0, s = 0; j < n; s++) {
      const sp = plan.stages[s]!;
      if (only !== null && !only.has(sp.name)) continue;
      stages[j] = sp.records[out[j]! + STATUS_NAMES.length * reneg[j]!];
      j++;
    }
    // the fields rollup reads, in TicketEvaluation's order; instants as epoch ms (rollup reads both)
    ev.ticketId = t.id;
    ev.service = plan.svc.name;
    ev.tier = fact(t.tier);
    ev.urgency = fact(t.urgency);
    ev.location = fact(t.location);
    ev.channel = fact(t.channel);
    ev.assignee = fact(t.assignee);
    ev.department = fact(t.department);
    ev.createdAt = createdMs;
    ev.createdAtMs = createdMs;
    ev.stages = stages;
    return ev as unknown as TicketEvaluation;
  };
}
