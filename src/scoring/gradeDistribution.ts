import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { Grade } from "./types.js";

/** One graded result: a grade for a service item and/or a staff member in a period. */
export interface GradeRecord {
  readonly grade: Grade;
  readonly item?: string;
  readonly person?: string;
}

/** Counts per grade. */
export type GradeCounts = Readonly<Record<Grade, number>>;

/** Result of {@link gradeDistribution}. */
export interface GradeDistribution {
  readonly total: number;
  readonly overall: GradeCounts;
  readonly byItem: Readonly<Record<string, GradeCounts>>;
  readonly byPerson: Readonly<Record<string, GradeCounts>>;
}

const GRADES: readonly Grade[] = ["excellent", "good", "qualified", "unqualified"];

function zero(): Record<Grade, number> {
  return { excellent: 0, good: 0, qualified: 0, unqualified: 0 };
}

/**
 * The distribution of grades overall, per service item and per staff member (docs/rules.md G3, 000 §4).
 *
 * @throws SlaKitError `INVALID_INPUT` for a grade that is not one of the four.
 * @example
 * ```ts
 * import { gradeDistribution } from "sla-kit/scoring";
 *
 * const d = gradeDistribution([
 *   { grade: "good", person: "zhang", item: "repair" },
 *   { grade: "excellent", person: "li", item: "repair" },
 * ]);
 * console.log(d.byItem.repair); // { excellent: 1, good: 1, qualified: 0, unqualified: 0 }
 * ```
 */
export function gradeDistribution(records: readonly GradeRecord[]): GradeDistribution {
  if (!Array.isArray(records)) {
    throw new SlaKitError("INVALID_INPUT", `records must be an array of { grade, item?, person? }, got ${describe(records)}.`, { path: ["records"] });
  }
  const overall = zero();
  const byItem: Record<string, Record<Grade, number>> = {};
  const byPerson: Record<string, Record<Grade, number>> = {};
  records.forEach((r, i) => {
    const g = r?.grade as Grade;
    if (!GRADES.includes(g)) {
      throw new SlaKitError("INVALID_INPUT", `records[${i}].grade must be one of ${GRADES.join(", ")}, got ${describe(g)}.`, {
        path: ["records", i, "grade"],
      });
    }
    overall[g]++;
    if (r.item !== undefined) (byItem[r.item] ??= zero())[g]++;
    if (r.person !== undefined) (byPerson[r.person] ??= zero())[g]++;
  });
  return { total: records.length, overall, byItem, byPerson };
}
