/**
 * How the benchmarks run TypeScript: `node --import ./bench/_loader.mjs bench/x.bench.ts`.
 * Each `.ts` file is compiled by esbuild's `transform` as a build would compile it, and nothing
 * more. tsx (which runs the examples and scripts) compiles with `keepNames`, which wraps every
 * function in a `__name(fn, "name")` call, an `Object.defineProperty` each time the function is
 * created: a closure made inside a hot function then costs about 0.2 µs a call. The hand-written
 * baselines make such closures and sla-kit's hot paths do not, so under tsx the ratios were
 * about 1.3x too kind to sla-kit. Here both sides are compiled alike (docs/sla.md "Performance").
 */
import * as nodeModule from "node:module";
import { version } from "node:process";

if (typeof nodeModule.register !== "function") {
  throw new Error(`The benchmarks need Node 20.6 or later (module.register); this is ${version}.`);
}
nodeModule.register("./_hooks.mjs", import.meta.url);
