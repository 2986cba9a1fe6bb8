import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { Grade } from "./types.js";
import { cmpStr } from "../kpi/_internal.js";

/** One person's grade in one period (`"2026-03"`, `"2026-Q1"`: sortable text). */
export interface PeriodGrade {
  readonly person: string;
  readonly period: string;
  readonly grade: Grade;
}

/** Options of {@link retrainingFlags}: what "多次" (several times) means. */
export interface RetrainingOptions {
  /** Unqualified grades that flag a person (default 2). */
  readonly count?: number;
  /** The window: the last `window` periods of the history passed in (default 12). */
  readonly window?: number;
  /**
   * The stricter reading: a run of this many unqualified grades in a row of the person's records
   * (replaces `count`/`window` when given).
   */
  readonly consecutive?: number;
}

/** A person flagged for retraining. */
export interface RetrainingFlag {
  readonly person: string;
  /** The periods of the unqualified grades that reached the limit (inside the window, or the run). */
  readonly periods: readonly string[];
  readonly trace: {
    readonly sourceRef: "000 §5(1)";
    readonly ruleId: "G4";
    readonly count: number;
    /** The window's periods, first and last; null for the consecutive reading. */
    readonly window: { readonly size: number; readonly from: string; readonly to: string } | null;
    readonly consecutive: number | null;
    readonly rule: string;
  };
}

function positiveInt(x: unknown, name: string, dflt: number): number {
  if (x === undefined) return dflt;
  if (typeof x !== "number" || !Number.isSafeInteger(x) || x < 1) {
    throw new SlaKitError("INVALID_INPUT", `options.${name} must be an integer >= 1, got ${describe(x)}.`, { path: ["options", name] });
  }
  return x;
}


/**
 * Flags people for retraining after repeated `unqualified` grades (G4, 000 §5(1): "多次评价不合格的员工
 * ... 培训再考核"). "多次" (several times) is read as `count` (default 2) or more unqualified grades
 * within the last `window` (default 12) periods of the history passed in (the periods present in
 * `history`, sorted as text), not only grades in a row. Both are parameters; `consecutive: n` takes
 * the stricter reading of n unqualified grades in a row of the person's records instead.
 *
 * @throws SlaKitError `INVALID_INPUT` (bad record, a person graded twice in one period, a bad option).
 * @example
 * ```ts
 * import { retrainingFlags } from "sla-kit/scoring";
 *
 * const history = [
 *   { person: "zhang", period: "2026-01", grade: "unqualified" },
 *   { person: "zhang", period: "2026-02", grade: "good" },
 *   { person: "zhang", period: "2026-03", grade: "unqualified" },
 *   { person: "li", period: "2026-02", grade: "unqualified" },
 * ] as const;
 * console.log(retrainingFlags(history).map((f) => [f.person, f.periods])); // [ [ 'zhang', [ '2026-01', '2026-03' ] ] ]
 * console.log(retrainingFlags(history, { consecutive: 2 }).length);         // 0 (not in a row)
 * ```
 */
export function retrainingFlags(history: readonly PeriodGrade[], options?: RetrainingOptions): RetrainingFlag[] {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new SlaKitError("INVALID_INPUT", `options must be an object, got ${describe(options)}.`, { path: ["options"] });
  }
  const consecutive = options?.consecutive === undefined ? null : positiveInt(options.consecutive, "consecutive", 2);
  const count = positiveInt(options?.count, "count", 2);
  const windowSize = positiveInt(options?.window, "window", 12);
  if (!Array.isArray(history)) {
    throw new SlaKitError("INVALID_INPUT", `history must be an array of { person, period, grade }, got ${describe(history)}.`, { path: ["history"] });
  }
  const byPerson = new Map<string, { rec: PeriodGrade; i: number }[]>();
  const periods = new Set<string>();
  history.forEach((h, i) => {
    if (typeof h !== "object" || h === null || typeof h.person !== "string" || typeof h.period !== "string" || typeof h.grade !== "string") {
      throw new SlaKitError("INVALID_INPUT", `history[${i}] must be { person, period, grade } strings.`, { path: ["history", i] });
    }
    let list = byPerson.get(h.person);
    if (list === undefined) byPerson.set(h.person, (list = []));
    list.push({ rec: h, i });
    periods.add(h.period);
  });
  const allPeriods = [...periods].sort(cmpStr);
  const inWindow = new Set(allPeriods.slice(-windowSize));
  const window = allPeriods.length === 0 ? null : { size: windowSize, from: allPeriods[Math.max(0, allPeriods.length - windowSize)]!, to: allPeriods[allPeriods.length - 1]! };
  const flags: RetrainingFlag[] = [];
  for (const [person, list] of byPerson) {
    const sorted = [...list].sort((a, b) => cmpStr(a.rec.period, b.rec.period) || a.i - b.i);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]!.rec.period === sorted[k - 1]!.rec.period) {
        throw new SlaKitError("INVALID_INPUT", `${person} is graded twice in period ${sorted[k]!.rec.period}.`, { path: ["history", sorted[k]!.i] });
      }
    }
    let hit: string[] | undefined;
    if (consecutive !== null) {
      let run: string[] = [];
      for (const { rec } of sorted) {
        if (rec.grade === "unqualified") {
          run.push(rec.period);
          if (run.length >= consecutive) hit = run.slice(-consecutive);
        } else run = [];
      }
    } else {
      const bad = sorted.filter(({ rec }) => rec.grade === "unqualified" && inWindow.has(rec.period)).map(({ rec }) => rec.period);
      if (bad.length >= count) hit = bad;
    }
    if (hit !== undefined) {
      flags.push({
        person,
        periods: hit,
        trace: {
          sourceRef: "000 §5(1)",
          ruleId: "G4",
          count: consecutive ?? count,
          window: consecutive === null ? window : null,
          consecutive,
          rule:
            consecutive === null
              ? `${count} or more unqualified grades within the last ${windowSize} periods of the history flag retraining`
              : `${consecutive} consecutive unqualified grades flag retraining`,
        },
      });
    }
  }
  return flags;
}
