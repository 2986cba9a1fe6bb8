import { rollup, type RollupOptions } from "../kpi/rollup.js";
import type { RollupRow } from "../kpi/types.js";
import { assertTickets, batchOptions, evaluateAt, isAsyncIterable } from "./_batch.js";
import { getCompiled, type CompiledPolicy } from "./_compile.js";
import { RowFold } from "./_fold.js";
import { quickRun, quickTicket } from "./_plan.js";
import type { EvaluateTicketOptions, Policy, TicketEvaluation, TicketInput } from "./types.js";

/** Options of {@link tallyTickets}: `evaluateTicket`'s (`asOf`, ...) and `rollup`'s (`by`, `timeZone`, ...). */
export type TallyTicketsOptions = EvaluateTicketOptions & RollupOptions;

/** Evaluations held at once: enough to amortise each roll-up, small enough to stay in the young generation. */
const CHUNK = 2048;

/** What {@link tallyTickets} returns for tickets of type `T`: a promise for async input. */
export type TallyOf<T> = T extends AsyncIterable<TicketInput> ? Promise<RollupRow[]> : RollupRow[];

/**
 * Evaluates many tickets and folds them straight into compliance and overdue counts per group,
 * without keeping the evaluations: the rows are exactly those of
 * `rollup([...evaluateTickets(policy, tickets, { asOf })], { by, timeZone })` (docs/rules.md K17),
 * but memory holds one chunk of evaluations at a time, whatever the number of tickets. `by: []`
 * gives one row for the whole run. An async iterable of tickets gives a promise of the rows.
 * Tickets of the shapes it knows take a fast path: the policy's compiled plan per combination
 * of service, tier, urgency, location and channel (rows looked up, clocks and levels resolved)
 * gives each stage's status by epoch-ms arithmetic, straight into the counts, with no evaluation
 * built. Any other ticket (an event type or policy field it does not know, a stage whose
 * calendar cannot answer, any error) is evaluated by `evaluateTicket` (with `trace: false` unless
 * `options.trace` says otherwise): same rows, same errors either way (docs/sla.md "Performance").
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
  // one options object serves both: evaluateTicket reads asOf and its flags, rollup reads by, timeZone, unit
  const o = batchOptions(policy, options, "tallyTickets") as TallyTicketsOptions;
  const roll: RollupOptions = o;
  // the rows never read trace steps: skip recording them unless the caller asks
  const evaluate: EvaluateTicketOptions = o.trace === undefined ? { ...o, trace: false } : o;
  rollup([], roll); // bad grouping options fail before any ticket is read
  assertTickets(tickets, "tallyTickets");
  const quick = quickTally(getCompiled(policy), evaluate);
  const fold = new RowFold(roll.by);
  let buf: TicketEvaluation[] = [];
  let i = 0;
  const take = (t: TicketInput): void => {
    buf.push(quick?.(t) ?? evaluateAt(policy, t, evaluate, i));
    i++;
    if (buf.length === CHUNK) {
      fold.add(rollup(buf, roll));
      buf = [];
    }
  };
  const finish = (): RollupRow[] => {
    if (buf.length > 0) fold.add(rollup(buf, roll));
    buf = [];
    return fold.result();
  };
  if (isAsyncIterable<TicketInput>(tickets)) {
    return (async () => {
      for await (const t of tickets) take(t);
      return finish();
    })() as TallyOf<T>;
  }
  for (const t of tickets as Iterable<TicketInput>) take(t);
  return finish() as TallyOf<T>;
}

/** A string fact as evaluations carry it, or null. */
const fact = (v: unknown): string | null => (typeof v === "string" ? v : null);

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
  return (t) => {
    const r = quickTicket(run, t);
    if (r === null) return null;
    const { plan, n, createdMs } = r;
    const stages = new Array<unknown>(n);
    for (let j = 0, s = 0; j < n; s++) {
      const sp = plan.stages[s]!;
      if (only !== null && !only.has(sp.name)) continue;
      stages[j] = sp.records[out[j]! + 6 * reneg[j]!];
      j++;
    }
    // the fields rollup reads, in TicketEvaluation's order; instants as epoch ms (rollup reads both)
    return {
      ticketId: t.id,
      service: plan.svc.name,
      tier: fact(t.tier),
      urgency: fact(t.urgency),
      location: fact(t.location),
      channel: fact(t.channel),
      assignee: fact(t.assignee),
      department: fact(t.department),
      createdAt: createdMs,
      asOf: asOfMs,
      createdAtMs: createdMs,
      asOfMs,
      policy: c.ref,
      stages,
      unknownStages: null,
    } as unknown as TicketEvaluation;
  };
}
