/** Timing helper shared by the benchmarks (no timed assertions: benches print, tests never time). */

/** Best of `reps` runs of `fn` (ms): the least disturbed run on a shared machine. */
export function best(reps: number, fn: () => void): number {
  let min = Infinity;
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}
