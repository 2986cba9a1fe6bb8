/**
 * Runs the fuzz engine in a worker thread with a watchdog: when one call makes no progress for
 * `timeoutMs`, the worker is terminated, the call is reported as a hang, and a new worker goes on
 * with the next export. Used by the fast suite (exports.test.ts) and by `npm run fuzz`.
 */
import { Worker } from "node:worker_threads";
import { inputAt, show, type Finding } from "./_engine.js";

export interface PoolOptions {
  readonly seed: number;
  readonly runs: number;
  /** Calls of the dictionary pass per export (see _engine.ts dictionaryPlan). */
  readonly dictionary: number;
  readonly timeoutMs: number;
  /** Heap limit of a worker; a call that needs more is reported (default 1024 MB). */
  readonly maxMemoryMb?: number;
  /** Reports each export as it finishes. */
  readonly onExport?: (name: string, findings: readonly Finding[], ms: number) => void;
}

export interface PoolResult {
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  readonly ms: ReadonlyMap<string, number>;
}

/** Fuzzes `exports` (name and arity) in workers; resolves when every export is done or reported hung. */
export async function fuzzInWorkers(exports: readonly { name: string; arity: number }[], o: PoolOptions): Promise<PoolResult> {
  const findings = new Map<string, Finding[]>(exports.map((e) => [e.name, []]));
  const ms = new Map<string, number>();
  let next = 0; // index into exports of the first export not yet finished
  while (next < exports.length) {
    const names = exports.slice(next).map((e) => e.name);
    const heartbeat = new SharedArrayBuffer(12);
    const beat = new Int32Array(heartbeat);
    const worker = new Worker(new URL("./_boot.mjs", import.meta.url), {
      workerData: { entry: new URL("./_worker.ts", import.meta.url).href, names, seed: o.seed, runs: o.runs, dictionary: o.dictionary, from: 0, heartbeat },
      resourceLimits: { maxOldGenerationSizeMb: o.maxMemoryMb ?? 1024 },
    });
    const started = next;
    await new Promise<void>((resolve) => {
      let last = -1;
      let lastChange = performance.now();
      const timer = setInterval(() => {
        const n = Atomics.load(beat, 2);
        const now = performance.now();
        if (n !== last) {
          last = n;
          lastChange = now;
          return;
        }
        if (now - lastChange < o.timeoutMs || n === 0) return;
        // a call made no progress: report it and go on after its export
        const k = started + Atomics.load(beat, 0);
        const call = Atomics.load(beat, 1);
        const e = exports[k]!;
        const { args, how } = inputAt(e.name, e.arity, o, call);
        const f: Finding = { export: e.name, call, kind: "hang", message: `no answer within ${o.timeoutMs} ms (worker killed)`, input: `${how}: ${show(args)}` };
        findings.get(e.name)!.push(f);
        o.onExport?.(e.name, findings.get(e.name)!, now - lastChange);
        next = k + 1;
        clearInterval(timer);
        void worker.terminate().then(() => resolve());
      }, 50);
      worker.on("message", (m: { type: string; name?: string; findings?: Finding[]; ms?: number }) => {
        if (m.type === "export") {
          findings.get(m.name!)!.push(...m.findings!);
          ms.set(m.name!, m.ms!);
          o.onExport?.(m.name!, findings.get(m.name!)!, m.ms!);
          next = exports.findIndex((e) => e.name === m.name) + 1;
          last = -1;
        } else if (m.type === "done") {
          next = exports.length;
          clearInterval(timer);
          void worker.terminate().then(() => resolve());
        }
      });
      const crashed = (why: string) => {
        const k = started + Atomics.load(beat, 0);
        const e = exports[k];
        if (e !== undefined) {
          const call = Atomics.load(beat, 1);
          const { args, how } = inputAt(e.name, e.arity, o, call);
          findings.get(e.name)!.push({ export: e.name, call, kind: "throw", message: `worker crashed: ${why}`, input: `${how}: ${show(args)}` });
        }
        next = Math.max(next, k + 1);
        clearInterval(timer);
        resolve();
      };
      worker.on("error", (err) => crashed(String(err)));
      worker.on("exit", (code) => {
        if (next < exports.length && code !== 1) crashed(`exit code ${code}`);
      });
    });
  }
  return { findings, ms };
}
