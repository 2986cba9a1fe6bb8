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

/** A record keyed by user data: no prototype, so "__proto__" or "toString" are ordinary keys. */
function table(): Record<string, Record<Grade, number>> {
  return Object.create(null) as Record<string, Record<Grade, number>>;
}

function cell(t: Record<string, Record<Grade, number>>, key: string): Record<Grade, number> {
  if (!Object.prototype.hasOwnProperty.call(t, key)) Object.defineProperty(t, key, { value: zero(), enumerable: true, writable: true, configurable: true });
  return t[key]!;
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
  const byItem = table();
  const byPerson = table();
  records.forEach((r, i) => {
    if (typeof r !== "object" || r === null) {
      throw new SlaKitError("INVALID_INPUT", `records[${i}] must be { grade, item?, person? }, got ${describe(r)}.`, { path: ["records", i] });
    }
    const g = r.grade as Grade;
    if (!GRADES.includes(g)) {
      throw new SlaKitError("INVALID_INPUT", `records[${i}].grade must be one of ${GRADES.join(", ")}, got ${describe(g)}.`, {
        path: ["records", i, "grade"],
      });
    }
    for (const k of ["item", "person"] as const) {
      if (r[k] !== undefined && typeof r[k] !== "string") {
        throw new SlaKitError("INVALID_INPUT", `records[${i}].${k} must be a string, got ${describe(r[k])}.`, { path: ["records", i, k] });
      }
    }
    overall[g]++;
    if (r.item !== undefined) cell(byItem, r.item)[g]++;
    if (r.person !== undefined) cell(byPerson, r.person)[g]++;
  });
  return { total: records.length, overall, byItem, byPerson };
}
