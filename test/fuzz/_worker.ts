/**
 * Worker side of the fuzzer (started by _pool.ts through _boot.mjs): fuzzes the exports it is
 * given, one after the other, writing a heartbeat (export index, call number) into shared memory
 * before every call so the parent can kill it when a call hangs.
 */
import { parentPort, workerData } from "node:worker_threads";
import { fuzzExport, listExports } from "./_engine.js";

interface Job {
  readonly names: readonly string[];
  readonly seed: number;
  readonly runs: number;
  readonly dictionary: number;
  readonly from: number;
  readonly heartbeat: SharedArrayBuffer;
}

const job = workerData as Job & { entry: string };
const beat = new Int32Array(job.heartbeat);
const all = new Map((await listExports()).map((e) => [e.name, e]));
for (let k = 0; k < job.names.length; k++) {
  const e = all.get(job.names[k]!);
  if (e === undefined) continue;
  const t0 = performance.now();
  Atomics.store(beat, 0, k);
  const findings = fuzzExport(e, {
    seed: job.seed,
    runs: job.runs,
    dictionary: job.dictionary,
    from: k === 0 ? job.from : 0,
    beat: (i) => {
      Atomics.store(beat, 1, i);
      Atomics.add(beat, 2, 1);
    },
  });
  parentPort!.postMessage({ type: "export", name: e.name, findings, ms: performance.now() - t0 });
}
parentPort!.postMessage({ type: "done" });
