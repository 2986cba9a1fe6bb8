import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { toSafeInteger } from "../_lib/rational.js";
import type { PenaltyAssessment } from "./assessPenalty.js";
import type { FenAmount } from "./penaltyRules.js";
import { cmpStr } from "../kpi/_internal.js";

/** One person's fines for the KPI (M8). */
export interface PersonFines {
  readonly person: string;
  /** Sum of the person's lines in fen (a range while any line is a range). */
  readonly total: FenAmount;
  /** Penalty lines summed. */
  readonly lines: number;
  /** Rule ids of the lines, sorted, without repeats. */
  readonly ruleIds: readonly string[];
}

/** Result of {@link finesByPerson}. */
export interface FinesByPerson {
  /** One row per person who pays, sorted by person. */
  readonly people: readonly PersonFines[];
  readonly trace: { readonly ruleId: "M8"; readonly sourceRef: "002 art. 15.4"; readonly notes: readonly string[] };
}


/**
 * Personal fines counted into the KPI (M8, 002 art. 15.4 "个人罚款计入KPI考核"): the lines of the
 * given `assessPenalty` results summed per person, in exact integer fen, for the person's KPI
 * assessment. A range (no severity picked) stays a range. Supervisors' and leaders' joint lines count
 * for them. How the fines then enter a KPI score is the company's rule; this gives the numbers.
 *
 * @throws SlaKitError `INVALID_INPUT` (not an array of assessments, a malformed line, path
 *   `["assessments", i, "lines", j]`), `OUT_OF_SAFE_RANGE` (a sum beyond `Number.MAX_SAFE_INTEGER`).
 * @example
 * ```ts
 * import { assessPenalty, finesByPerson } from "sla-kit/scoring";
 *
 * const r = finesByPerson([
 *   assessPenalty("M2.complaint", { count: 2, person: "zhou", severity: "low" }), // 2 x 50 yuan
 *   assessPenalty("M3", { count: 1, person: "zhou", leader: "wu" }),              // 30 yuan, and 30 for wu
 * ]);
 * r.people.map((p) => [p.person, p.total]); // [ [ 'wu', { fen: 3000 } ], [ 'zhou', { fen: 13000 } ] ]
 * ```
 */
export function finesByPerson(assessments: readonly PenaltyAssessment[]): FinesByPerson {
  if (!Array.isArray(assessments)) {
    throw new SlaKitError("INVALID_INPUT", `assessments must be an array of assessPenalty results, got ${describe(assessments)}.`, { path: ["assessments"] });
  }
  const acc = new Map<string, { lo: bigint; hi: bigint; ranged: boolean; lines: number; rules: Set<string> }>();
  assessments.forEach((a, i) => {
    const lines = (a as { lines?: unknown } | null)?.lines;
    if (typeof a !== "object" || a === null || !Array.isArray(lines)) {
      throw new SlaKitError("INVALID_INPUT", `assessments[${i}] must be an assessPenalty result (with lines), got ${describe(a)}.`, { path: ["assessments", i] });
    }
    lines.forEach((l: unknown, j: number) => {
      const line = l as { person?: unknown; ruleId?: unknown; amount?: Record<string, unknown> } | null;
      const path = ["assessments", i, "lines", j];
      const amt = line?.amount;
      const int = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
      const fixed = amt !== undefined && amt !== null && int(amt.fen);
      const range = amt !== undefined && amt !== null && int(amt.minFen) && int(amt.maxFen);
      if (typeof line?.person !== "string" || typeof line.ruleId !== "string" || (!fixed && !range)) {
        throw new SlaKitError("INVALID_INPUT", `assessments[${i}].lines[${j}] must be { person, ruleId, amount: { fen } | { minFen, maxFen } }.`, { path });
      }
      let p = acc.get(line.person);
      if (p === undefined) acc.set(line.person, (p = { lo: 0n, hi: 0n, ranged: false, lines: 0, rules: new Set() }));
      if (fixed) {
        p.lo += BigInt(amt.fen as number);
        p.hi += BigInt(amt.fen as number);
      } else {
        p.ranged = true;
        p.lo += BigInt(amt!.minFen as number);
        p.hi += BigInt(amt!.maxFen as number);
      }
      p.lines++;
      p.rules.add(line.ruleId);
    });
  });
  const safe = (x: bigint, person: string): number => toSafeInteger(x, "OUT_OF_SAFE_RANGE", ["assessments"], `The fines of ${JSON.stringify(person)} in fen`);
  const people: PersonFines[] = [...acc]
    .sort((a, b) => cmpStr(a[0], b[0]))
    .map(([person, p]) => ({
      person,
      total: p.ranged ? { minFen: safe(p.lo, person), maxFen: safe(p.hi, person) } : { fen: safe(p.lo, person) },
      lines: p.lines,
      ruleIds: [...p.rules].sort(cmpStr),
    }));
  const notes = [
    `${assessments.length} assessment(s), ${people.length} person(s): each person's fines are counted into their KPI (002 art. 15.4)`,
    ...(people.some((p) => !("fen" in p.total)) ? ["a range stays a range until a severity picks each amount"] : []),
  ];
  return { people, trace: { ruleId: "M8", sourceRef: "002 art. 15.4", notes } };
}
