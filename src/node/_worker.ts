/**
 * Worker thread of `tallyTicketsInWorkers`: evaluates the batches it is sent, ticket by ticket,
 * into one tally for the whole run, then returns its rows. Messages in: `{ batch: Columns }`,
 * `{ end: true }`; out: `finished[slot]` counts the batches done (shared memory) and `{ done: true }` after each, `{ rows }` at the end, `{ error }` on the
 * first error (its ticket named by its position in the caller's input).
 * @internal
 */
import { parentPort, workerData } from "node:worker_threads";
import { SlaKitError } from "../errors.js";
import { tallyRun, type TallyRun, type TallyTicketsOptions } from "../sla/tallyTickets.js";
import type { Policy } from "../sla/types.js";
import { readColumns, type Columns } from "./_columns.js";

/** What crosses back to the calling thread for an error (a SlaKitError keeps code, path, details). */
const errorJson = (e: unknown) => (e instanceof SlaKitError ? { code: e.code, message: e.message, path: e.path, details: e.details } : { message: String(e) });

const { policyJson, options, finished, slot } = workerData as { policyJson: string; options: TallyTicketsOptions; finished: Int32Array; slot: number };
const port = parentPort!;
let run: TallyRun | null = null;
try {
  run = tallyRun(JSON.parse(policyJson) as Policy, options, "tallyTicketsInWorkers");
} catch (e) {
  port.postMessage({ error: errorJson(e) });
}
port.on("message", (m: { batch?: Columns; end?: true }) => {
  if (run === null) return;
  if (m.batch) {
    const c = m.batch;
    let k = 0;
    try {
      for (const t of readColumns(c)) run.add(t, c.index[k++]!);
    } catch (e) {
      run = null;
      port.postMessage({ error: errorJson(e) });
      return;
    }
    Atomics.add(finished, slot, 1); // read by the calling thread as it routes tickets
    port.postMessage({ done: true }); // wakes it when it waits (callingThread: false)
  } else if (m.end) port.postMessage({ rows: run.rows() });
});
