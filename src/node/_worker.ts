/**
 * Worker thread of `tallyTicketsInWorkers`: evaluates and folds the batches it is sent, then
 * returns its rows. Messages in: `{ batch: Columns }`, `{ end: true }`; out: `{ done: n }` after
 * each batch, `{ rows }` at the end, `{ error }` on the first error.
 * @internal
 */
import { parentPort, workerData } from "node:worker_threads";
import { SlaKitError } from "../errors.js";
import { RowFold } from "../sla/_fold.js";
import { getCompiled } from "../sla/_compile.js";
import { tallyTickets, type TallyTicketsOptions } from "../sla/tallyTickets.js";
import type { Policy } from "../sla/types.js";
import { atPosition, readColumns, type Columns } from "./_columns.js";

/** What crosses back to the calling thread for an error (a SlaKitError keeps code, path, details). */
const errorJson = (e: unknown) => (e instanceof SlaKitError ? { code: e.code, message: e.message, path: e.path, details: e.details } : { message: String(e) });

const { policyJson, options } = workerData as { policyJson: string; options: TallyTicketsOptions };
const port = parentPort!;
let failed = false;
try {
  const policy = JSON.parse(policyJson) as Policy;
  getCompiled(policy);
  const fold = new RowFold(options.by);
  port.on("message", (m: { batch?: Columns; end?: true }) => {
    if (failed) return;
    if (m.batch) {
      const c = m.batch;
      try {
        fold.add(tallyTickets(policy, readColumns(c), options));
      } catch (e) {
        failed = true;
        port.postMessage({ error: errorJson(atPosition(e, c.index)) });
        return;
      }
      port.postMessage({ done: c.n });
    } else if (m.end) port.postMessage({ rows: fold.result() });
  });
} catch (e) {
  failed = true;
  port.postMessage({ error: errorJson(e) });
}
