/** Stage tallies of ticket evaluations (K17). @internal */
import type { ErrorPath } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { TicketEvaluation } from "../sla/types.js";
import { assertArray, assertObject, invalid } from "./_internal.js";

/** Counts by counted status. */
export interface Tally {
  met: number;
  breached: number;
  overdue: number;
  notCounted: number;
}

const COUNTED = new Set(["met", "breached", "overdue"]);
const NOT_COUNTED = new Set(["pending", "warning", "not-applicable"]);

/** Validates one evaluation's stages array and returns it. */
export function stagesOf(ev: unknown, path: ErrorPath): readonly Record<string, unknown>[] {
  const e = assertObject(ev, path, "each evaluation");
  const stages = assertArray(e.stages, [...path, "stages"], "evaluation.stages");
  for (let j = 0; j < stages.length; j++) {
    const s = assertObject(stages[j], [...path, "stages", j], "each stage");
    const st = s.status;
    if (typeof st !== "string" || (!COUNTED.has(st) && !NOT_COUNTED.has(st))) {
      invalid(
        `Unknown stage status ${describe(st)}: expected met, breached, overdue, pending, warning or not-applicable (a result of evaluateTicket).`,
        [...path, "stages", j, "status"],
      );
    }
  }
  return stages as readonly Record<string, unknown>[];
}

/** Adds one stage's status to a tally. */
export function addStatus(t: Tally, status: string): void {
  if (status === "met") t.met++;
  else if (status === "breached") t.breached++;
  else if (status === "overdue") t.overdue++;
  else t.notCounted++;
}

/** Tally of all stages of all evaluations (path prefix for errors). */
export function tallyAll(evaluations: readonly TicketEvaluation[], prefix: ErrorPath): Tally {
  assertArray(evaluations, prefix, "evaluations");
  const t: Tally = { met: 0, breached: 0, overdue: 0, notCounted: 0 };
  for (let i = 0; i < evaluations.length; i++) {
    for (const s of stagesOf(evaluations[i], [...prefix, i])) addStatus(t, s.status as string);
  }
  return t;
}

export const EMPTY_REASON = "no met, breached or overdue stages (pending, warning and not-applicable stages are not counted)";
