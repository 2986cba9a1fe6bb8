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

/**
 * `reps` runs each of `a` and `b` (ms), alternating which goes first (a then b, b then a, ...) so
 * neither always runs on the other's garbage or a warmer cache; a full GC before each run when
 * node runs with --expose-gc.
 */
export function alternate(reps: number, a: () => void, b: () => void): { a: number[]; b: number[] } {
  const gc = (globalThis as { gc?: () => void }).gc;
  const out = { a: [] as number[], b: [] as number[] };
  const time = (fn: () => void, into: number[]) => {
    gc?.();
    const t0 = performance.now();
    fn();
    into.push(performance.now() - t0);
  };
  for (let k = 0; k < reps; k++) {
    if (k % 2 === 0) {
      time(a, out.a);
      time(b, out.b);
    } else {
      time(b, out.b);
      time(a, out.a);
    }
  }
  return out;
}

/** Best, median and worst of a list of times. */
export function spread(times: readonly number[]): { best: number; median: number; worst: number } {
  const s = [...times].sort((x, y) => x - y);
  return { best: s[0]!, median: s[Math.floor((s.length - 1) / 2)]!, worst: s[s.length - 1]! };
}

/**
 * Several tasks over the same items, timed side by side on a loaded machine: the items are cut
 * into `slices`, each slice is run by every task in turn `rounds` times, and each task's time is
 * the sum over slices of its best run there. A burst of load then spoils one run of one slice,
 * not a task's whole figure, and every task sees the same moments of the machine.
 */
export function bestInterleaved<T>(items: readonly T[], tasks: readonly ((item: T) => void)[], rounds: number, slices = 10): number[] {
  const total = tasks.map(() => 0);
  const size = Math.ceil(items.length / slices);
  for (let s = 0; s < items.length; s += size) {
    const part = items.slice(s, s + size);
    const mins = tasks.map(() => Infinity);
    for (let r = 0; r < rounds; r++) {
      tasks.forEach((task, k) => {
        const t0 = performance.now();
        for (let i = 0; i < part.length; i++) task(part[i]!);
        mins[k] = Math.min(mins[k]!, performance.now() - t0);
      });
    }
    mins.forEach((m, k) => (total[k]! += m));
  }
  return total;
}
