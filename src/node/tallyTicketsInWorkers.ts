import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { SlaKitError } from "../errors.js";
import { RollupFold } from "../kpi/rollup.js";
import type { RollupRow } from "../kpi/types.js";
import { assertTickets, batchOptions, isAsyncIterable } from "../sla/_batch.js";
import { RowFold } from "../sla/_fold.js";
import { tallyRun, type TallyRun, type TallyTicketsOptions } from "../sla/tallyTickets.js";
import type { Policy, Ticket } from "../sla/types.js";
import { ColumnWriter } from "./_columns.js";

/** Options of {@link tallyTicketsInWorkers}: those of `tallyTickets`, plus how to spread the work. */
export type TallyTicketsInWorkersOptions = TallyTicketsOptions & {
  /**
   * Worker threads (default: one less than the available cores, since the calling thread tallies
   * too, at least 1 and at most 8; with `callingThread: false`, the available cores, at most 8).
   */
  readonly workers?: number;
  /** Tickets per message to a worker (default 4096). */
  readonly batchSize?: number;
  /**
   * Whether the calling thread tallies tickets too while every worker has two batches in hand
   * (default true: on few cores this is faster than waiting). false: it only routes tickets and
   * waits for the workers, so its event loop stays free for other work (a server's requests).
   */
  readonly callingThread?: boolean;
  /**
   * Heap of each worker in MB (its V8 old generation; default 128, at least 32). A worker holds one
   * batch of tickets and one row per group it has seen, so the default fits millions of tickets;
   * grouping by keys with hundreds of thousands of distinct combinations needs more.
   */
  readonly workerHeapMb?: number;
};

/**
 * Young generation of each worker (MB), fixed so peak RSS stays bounded. 8 MB made the workers
 * spend 13-17% of their time in scavenges; at 64 MB a million tickets took 5.3 s wall instead of
 * 6.5 s on 2 idle cores, at 243 MB peak RSS instead of 197 MB (`npm run bench:million`).
 */
const YOUNG_MB = 64;

function count(v: unknown, name: string, fallback: number, max: number, min = 1): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new SlaKitError("INVALID_ARGUMENT", `${name} must be a whole number from ${min} to ${max}, got ${String(v)}.`, { path: [name] });
  }
  return v;
}

/** Set by Node in the CommonJS build; undefined in ES modules. */
declare const __filename: string | undefined;

/**
 * The worker's script: the built file next to this one, or the TypeScript source run through tsx.
 * Workers get none of the calling process's `execArgv` (a `--import tsx` or an APM `--require`
 * would load in every worker: ~50 MB and half a second each) and a bounded heap.
 */
function spawn(workerData: unknown, heapMb: number): Worker {
  const here = typeof __filename === "string" ? pathToFileURL(__filename).href : import.meta.url;
  const options = { workerData, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_MB } };
  if (here.endsWith(".ts")) {
    const src = new URL("./_worker.ts", here).href;
    return new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(src)}); })`, { ...options, eval: true });
  }
  return new Worker(new URL(here.endsWith(".cjs") ? "./_worker.cjs" : "./_worker.js", here), options);
}

interface ErrorJson {
  readonly code?: string;
  readonly message: string;
  readonly path?: (string | number)[];
  readonly details?: unknown;
}
const toError = (e: ErrorJson): Error =>
  e.code === undefined ? new Error(e.message) : new SlaKitError(e.code as SlaKitError["code"], e.message, { path: e.path ?? [], details: e.details });

/**
 * `tallyTickets` spread over worker threads (Node only): tickets go in batches to whichever worker
 * has fewer than two in hand, as compact columns (typed arrays and a table of distinct strings,
 * transferred rather than copied: cloning ticket objects would cost more than evaluating them),
 * are evaluated and folded there, and the rows of every thread merged. While every worker has two
 * batches, the calling thread tallies the tickets that come itself (`callingThread: false`: it
 * waits), so the threads share the work; its event loop runs once per batch. A ticket sent to a
 * worker costs more CPU in all than one tallied on one thread (columns, rebuilding, warm-up): on
 * cores already busy, `tallyTickets` alone can finish sooner.
 * The rows are those of `tallyTickets` on the same input. A stream of any length holds a bounded
 * number of tickets.
 * Times travel as epoch ms (ISO-8601 strings with an offset included); a ticket the columns cannot
 * carry exactly (a time that is not a valid instant, a fact that is not a string, events that are
 * not an array, ...) is tallied on the calling thread instead, with the same result and errors.
 *
 * @throws SlaKitError the errors of `tallyTickets` (the first one a worker meets, with the
 *   ticket's position in the input in front of its path), `INVALID_ARGUMENT` for a bad `workers`,
 *   `batchSize` or `workerHeapMb`.
 * @example
 * ```ts
 * import { tallyTicketsInWorkers } from "sla-kit/node";
 * import { robotIntegration2026 } from "sla-kit/sla";
 *
 * const created = Date.parse("2024-05-06T10:00:00+08:00");
 * const tickets = Array.from({ length: 1000 }, (_, i) => ({
 *   id: `T-${i}`, service: "fault", tier: "core", urgency: "urgent", createdAt: created,
 *   events: [{ type: "done" as const, stage: "response", at: created + (i % 2 === 0 ? 600_000 : 1_200_000) }],
 * }));
 * tallyTicketsInWorkers(robotIntegration2026, tickets, { asOf: created + 3_600_000, by: ["stage"], workers: 2 })
 *   .then((rows) => console.log(rows.map((r) => `${r.stage} ${r.met}/${r.counted}`).join(", ")));
 * // handling 0/0, resolution 0/0, response 500/1000 (handling is in warning at 11:00, not counted)
 * ```
 */
export async function tallyTicketsInWorkers(
  policy: Policy,
  tickets: Iterable<Ticket> | AsyncIterable<Ticket>,
  options: TallyTicketsInWorkersOptions,
): Promise<RollupRow[]> {
  const o = batchOptions(policy, options, "tallyTicketsInWorkers") as TallyTicketsInWorkersOptions;
  new RollupFold(o); // bad grouping options fail before any ticket is read
  assertTickets(tickets, "tallyTicketsInWorkers");
  if (o.callingThread !== undefined && typeof o.callingThread !== "boolean") {
    throw new SlaKitError("INVALID_ARGUMENT", `callingThread must be true or false, got ${String(o.callingThread)}.`, { path: ["callingThread"] });
  }
  const n = count(o.workers, "workers", Math.max(1, Math.min(8, availableParallelism() - (o.callingThread === false ? 0 : 1))), 256);
  const batchSize = count(o.batchSize, "batchSize", 4096, 1 << 20);
  const heapMb = count(o.workerHeapMb, "workerHeapMb", 128, 1 << 20, 32);
  const useHere = o.callingThread !== false;
  const { workers: _w, batchSize: _b, workerHeapMb: _h, callingThread: _c, ...rest } = o;
  const shared: TallyTicketsOptions = { ...rest, asOf: o.asOf };
  const policyJson = JSON.stringify(policy);
  const fold = new RowFold(o.by);
  // batches each worker has finished, counted by the worker: read here without waiting for a message
  const finished = new Int32Array(new SharedArrayBuffer(4 * n));

  /** Resolves the calling thread's wait for a worker to finish a batch (callingThread: false). */
  let wake: (() => void) | null = null;
  let fail: (e: Error) => void = () => {};
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => {}); // observed through the races below
  const pool = Array.from({ length: n }, (_, k) => {
    const w = spawn({ policyJson, options: shared, finished, slot: k }, heapMb);
    const slot = { w, k, sent: 0, rows: null as Promise<RollupRow[]> | null, gotRows: (_r: RollupRow[]) => {} };
    slot.rows = new Promise<RollupRow[]>((resolve) => (slot.gotRows = resolve));
    w.on("message", (m: { done?: true; rows?: RollupRow[]; error?: ErrorJson }) => {
      if (m.error) fail(toError(m.error));
      else if (m.rows) slot.gotRows(m.rows);
      else if (wake !== null) {
        wake();
        wake = null;
      }
    });
    w.on("error", (e: Error & { code?: string }) =>
      fail(
        e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new Error(`a tallyTicketsInWorkers worker ran out of memory (its heap is ${heapMb} MB): pass a larger workerHeapMb, or group by fewer distinct keys`, { cause: e })
          : e,
      ),
    );
    w.on("exit", (code) => {
      if (code !== 0) fail(new Error(`a tallyTicketsInWorkers worker stopped with exit code ${code}`));
    });
    return slot;
  });
  type Slot = (typeof pool)[number];
  /** A worker with fewer than two batches in hand, the one after `from` first, or null. */
  const idle = (from: number): Slot | null => {
    for (let d = 1; d <= n; d++) {
      const s = pool[(from + d) % n]!;
      if (s.sent - Atomics.load(finished, s.k) < 2) return s;
    }
    return null;
  };
  // the batch being written and the worker it goes to (null: none started)
  let writer = new ColumnWriter();
  let target: Slot | null = null;
  let last = n - 1;
  const post = (): void => {
    const { columns, transfer } = writer.finish();
    writer = new ColumnWriter();
    target!.w.postMessage({ batch: columns }, transfer);
    target!.sent++;
    last = target!.k;
    target = null;
  };
  // tickets tallied here: those the columns cannot carry (ISO-string times, ...) and, when
  // `callingThread` is on, those that come while every worker has two batches in hand
  let here = null as TallyRun | null;
  let sinceYield = 0;
  /** Routes one ticket; a promise (to await) once a batch's worth has gone by, so the event loop runs. */
  const one = (t: Ticket, i: number): Promise<void> | undefined => {
    if (target === null) target = idle(last);
    if (target === null && useHere) {
      (here ??= tallyRun(policy, shared, "tallyTicketsInWorkers")).add(t, i);
    } else if (target !== null && writer.add(t, i)) {
      if (writer.size >= batchSize) post();
    } else if (target !== null) {
      (here ??= tallyRun(policy, shared, "tallyTicketsInWorkers")).add(t, i); // the columns cannot carry it
    } else {
      // every worker has two batches and this thread only routes: wait for one to finish
      return waitIdle().then(() => one(t, i));
    }
    if (++sinceYield < batchSize) return undefined;
    sinceYield = 0;
    return tick();
  };
  /** Lets the event loop run (worker messages, a server's own requests); rejects on a worker's failure. */
  const tick = (): Promise<void> => Promise.race([new Promise<void>((r) => setImmediate(r)), failure]);
  const waitIdle = async (): Promise<void> => {
    while (idle(last) === null) await Promise.race([new Promise<void>((r) => (wake = r)), failure]);
  };
  try {
    let i = 0;
    if (isAsyncIterable<Ticket>(tickets)) {
      for await (const t of tickets) await one(t, i++);
    } else {
      for (const t of tickets) {
        const wait = one(t, i++);
        if (wait !== undefined) await wait;
      }
    }
    if (writer.size > 0) post();
    for (const slot of pool) slot.w.postMessage({ end: true });
    if (here !== null) fold.add(here.rows());
    for (const slot of pool) fold.add(await Promise.race([slot.rows!, failure]));
    return fold.result();
  } finally {
    await Promise.all(pool.map((s) => s.w.terminate()));
  }
}
