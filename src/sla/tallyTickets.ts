import { rollup, type RollupOptions } from "../kpi/rollup.js";
import type { RollupRow } from "../kpi/types.js";
import { assertTickets, batchOptions, evaluateAsync, evaluateSync, isAsyncIterable } from "./_batch.js";
import { RowFold } from "./_fold.js";
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
 * The rows never read trace steps, so tickets are evaluated with `trace: false` unless
 * `options.trace` says otherwise (same rows either way).
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
  const fold = new RowFold(roll.by);
  let buf: TicketEvaluation[] = [];
  const take = (e: TicketEvaluation): void => {
    buf.push(e);
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
      for await (const e of evaluateAsync(policy, tickets, evaluate)) take(e);
      return finish();
    })() as TallyOf<T>;
  }
  for (const e of evaluateSync(policy, tickets as Iterable<TicketInput>, evaluate)) take(e);
  return finish() as TallyOf<T>;
}
