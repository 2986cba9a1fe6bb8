import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { Grade } from "./types.js";

/** One person's grade in one period (`"2026-03"`, `"2026-Q1"`: sortable text). */
export interface PeriodGrade {
  readonly person: string;
  readonly period: string;
  readonly grade: Grade;
}

/** A person flagged for retraining. */
export interface RetrainingFlag {
  readonly person: string;
  /** The periods of the latest run of unqualified grades that reached the limit. */
  readonly periods: readonly string[];
  readonly trace: { readonly sourceRef: "000 §5(1)"; readonly consecutive: number; readonly rule: string };
}

/**
 * Flags people for retraining after repeated `unqualified` grades (docs/rules.md G4, 000 §5: "多次评价不合格
 * ... 培训再考核"): a run of `consecutive` (default 2) unqualified grades in a row of that person's
 * records, sorted by period. Records are taken as the person's consecutive periods; a period with
 * no record does not break or extend a run.
 *
 * @throws SlaKitError `INVALID_INPUT` (bad record, a person graded twice in one period, consecutive < 1).
 * @example
 * ```ts
 * import { retrainingFlags } from "sla-kit/scoring";
 *
 * const flags = retrainingFlags([
 *   { person: "zhang", period: "2026-01", grade: "unqualified" },
 *   { person: "zhang", period: "2026-02", grade: "unqualified" },
 *   { person: "li", period: "2026-02", grade: "unqualified" },
 * ]);
 * console.log(flags.map((f) => f.person)); // [ 'zhang' ]
 * ```
 */
export function retrainingFlags(history: readonly PeriodGrade[], options?: { readonly consecutive?: number }): RetrainingFlag[] {
  const n = options?.consecutive ?? 2;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new SlaKitError("INVALID_INPUT", `options.consecutive must be an integer >= 1, got ${describe(n)}.`, { path: ["options", "consecutive"] });
  }
  if (!Array.isArray(history)) {
    throw new SlaKitError("INVALID_INPUT", `history must be an array of { person, period, grade }, got ${describe(history)}.`, { path: ["history"] });
  }
  const byPerson = new Map<string, PeriodGrade[]>();
  history.forEach((h, i) => {
    if (typeof h?.person !== "string" || typeof h.period !== "string" || typeof h.grade !== "string") {
      throw new SlaKitError("INVALID_INPUT", `history[${i}] must be { person, period, grade } strings.`, { path: ["history", i] });
    }
    let list = byPerson.get(h.person);
    if (list === undefined) byPerson.set(h.person, (list = []));
    list.push(h);
  });
  const flags: RetrainingFlag[] = [];
  for (const [person, list] of byPerson) {
    const sorted = [...list].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.period === sorted[i - 1]!.period) {
        throw new SlaKitError("INVALID_INPUT", `${person} is graded twice in period ${sorted[i]!.period}.`, {
          path: ["history", history.indexOf(sorted[i]!)],
        });
      }
    }
    let run: string[] = [];
    let best: string[] | undefined;
    for (const r of sorted) {
      if (r.grade === "unqualified") {
        run.push(r.period);
        if (run.length >= n) best = run.slice(-n);
      } else run = [];
    }
    if (best !== undefined) {
      flags.push({
        person,
        periods: best,
        trace: { sourceRef: "000 §5(1)", consecutive: n, rule: `${n} consecutive unqualified grades flag retraining` },
      });
    }
  }
  return flags;
}
