/**
 * Folding the roll-up rows of parts of one run (each worker's rows of `tallyTicketsInWorkers`, and
 * those of the tickets tallied on the calling thread) into the rows of the whole run. Counts add up; ratios are rebuilt from the summed
 * numerator and denominator. Private to `sla`.
 * @internal
 */
import type { RollupKey, RollupRow } from "../kpi/types.js";

type Row = Record<string, unknown>;
interface RatioLike {
  numerator: number;
  denominator: number;
  value: number | null;
  reason?: string;
}

const TIME_KEYS: ReadonlySet<RollupKey> = new Set(["month", "quarter", "year"]);
const isRatio = (v: unknown): v is RatioLike => v !== null && typeof v === "object" && typeof (v as RatioLike).numerator === "number" && typeof (v as RatioLike).denominator === "number";

/** Rows merged by their `by` values. */
export class RowFold {
  private readonly rows = new Map<string, Row>();
  private readonly cols: readonly string[];

  constructor(by: readonly RollupKey[]) {
    this.cols = by.map((k) => (TIME_KEYS.has(k) ? "period" : k));
  }

  /** Adds the rows of one part. */
  add(chunk: readonly RollupRow[]): void {
    for (const r of chunk as unknown as readonly Row[]) {
      const key = JSON.stringify(this.cols.map((c) => r[c] ?? null));
      const prev = this.rows.get(key);
      if (prev === undefined) {
        const copy: Row = { ...r };
        for (const k in copy) if (isRatio(copy[k])) copy[k] = { ...(copy[k] as RatioLike) };
        this.rows.set(key, copy);
        continue;
      }
      for (const k in r) {
        const v = r[k];
        if (typeof v === "number" && !k.endsWith("Value")) prev[k] = (prev[k] as number) + v;
        else if (isRatio(v)) {
          const p = prev[k] as RatioLike;
          p.numerator += v.numerator;
          p.denominator += v.denominator;
          if (p.denominator !== 0) {
            p.value = p.numerator / p.denominator;
            delete p.reason;
          }
        }
      }
      // flat mirrors of the ratios (complianceValue of complianceRate, ...)
      for (const k in prev) if (k.endsWith("Value") && isRatio(prev[`${k.slice(0, -5)}Rate`])) prev[k] = (prev[`${k.slice(0, -5)}Rate`] as RatioLike).value;
    }
  }

  /** The merged rows, sorted by the `by` values in order (nulls last), as `rollup` sorts them. */
  result(): RollupRow[] {
    const cols = this.cols;
    return [...this.rows.values()].sort((a, b) => {
      for (const c of cols) {
        const x = (a[c] ?? null) as string | null;
        const y = (b[c] ?? null) as string | null;
        if (x === y) continue;
        if (x === null) return 1;
        if (y === null) return -1;
        return x < y ? -1 : 1;
      }
      return 0;
    }) as unknown as RollupRow[];
  }
}
