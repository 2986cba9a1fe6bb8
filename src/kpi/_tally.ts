/** Stage and ticket tallies of ticket evaluations (K17, K9c). @internal */
import type { ErrorPath } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { TicketEvaluation } from "../sla/types.js";
import { assertArray, invalid } from "./_internal.js";
import { addCycles } from "./_cycles.js";

/** What `complianceRate`, `overdueRate` and `rollup` count: stages (default), work orders, or cycles of recurring stages (S15). */
export type ComplianceUnit = "stage" | "ticket" | "cycle";

/** Options of {@link complianceRate} and {@link overdueRate}. */
export interface ComplianceOptions {
  /**
   * `"stage"` (default, K17a/b): every decided stage counts once. `"ticket"` (K9c, 002 art. 20
   * "工单及时处理率"): every work order counts once; it is timely when it has a decided stage and
   * none of its stages is breached or overdue. `"cycle"` (S15): each cycle of a recurring stage
   * counts once (every reply or update owed), any other stage once.
   */
  readonly unit?: ComplianceUnit;
}

/** Counts by counted status. */
export interface Tally {
  met: number;
  breached: number;
  overdue: number;
  /** pending, warning, not-applicable (stages), or tickets with no decided stage. */
  notCounted: number;
  /** Stages whose deadline could not be computed (status "unknown"): in neither numerator nor denominator. */
  unknown: number;
  /** Stages with a consented renegotiated deadline (W2). */
  renegotiated: number;
}

export function emptyTally(): Tally {
  return { met: 0, breached: 0, overdue: 0, notCounted: 0, unknown: 0, renegotiated: 0 };
}

/** Status code: 0 met, 1 breached, 2 overdue, 3 not counted, 4 unknown; -1 for anything else. */
function codeOf(status: unknown): number {
  switch (status) {
    case "met":
      return 0;
    case "pending":
    case "not-applicable":
    case "warning":
      return 3;
    case "breached":
      return 1;
    case "overdue":
      return 2;
    case "unknown":
      return 4;
    default:
      return -1;
  }
}

function badStatus(st: unknown, path: ErrorPath): never {
  invalid(
    `Unknown stage status ${describe(st)}: expected met, breached, overdue, pending, warning, not-applicable or unknown (a result of evaluateTicket).`,
    path,
  );
}

/** Validates the unit option (path `["options", "unit"]`). */
export function unitOf(options: unknown, prefix: ErrorPath = ["options"]): ComplianceUnit {
  if (options === undefined) return "stage";
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    invalid(`options must be an object like { unit: "ticket" }, got ${describe(options)}.`, prefix);
  }
  const u = (options as { unit?: unknown }).unit;
  if (u === undefined || u === "stage") return "stage";
  if (u === "ticket" || u === "cycle") return u;
  return invalid(`options.unit must be "stage", "ticket" or "cycle", got ${describe(u)}.`, [...prefix, "unit"]);
}

/** The stages array of evaluation i (validated shape), for callers that need more than counts. */
export function stagesAt(evaluations: readonly unknown[], i: number, prefix: ErrorPath): readonly Record<string, unknown>[] {
  return stagesOf(evaluations[i], i, prefix);
}

/** The stages array of `ev`, evaluation i (validated shape: errors name `[...prefix, i]`). */
export function stagesOf(ev: unknown, i: number, prefix: ErrorPath): readonly Record<string, unknown>[] {
  if (typeof ev !== "object" || ev === null || Array.isArray(ev)) invalid(`each evaluation must be an object, got ${describe(ev)}.`, [...prefix, i]);
  const stages = (ev as { stages?: unknown }).stages;
  if (!Array.isArray(stages)) invalid(`evaluation.stages must be an array, got ${describe(stages)}.`, [...prefix, i, "stages"]);
  return stages as readonly Record<string, unknown>[];
}

/** Status code of stage j of evaluation i (0 met ... 4 unknown); error paths are built only on error. */
export function statusCode(stage: unknown, prefix: ErrorPath, i: number, j: number): number {
  if (typeof stage !== "object" || stage === null) invalid(`each stage must be an object, got ${describe(stage)}.`, [...prefix, i, "stages", j]);
  const c = codeOf((stage as { status?: unknown }).status);
  if (c < 0) badStatus((stage as { status?: unknown }).status, [...prefix, i, "stages", j, "status"]);
  return c;
}

/** W2 renegotiation, read defensively: the `renegotiated` flag, or an `originalDueAt` kept beside the new deadline. */
export function isRenegotiated(stage: Record<string, unknown>): boolean {
  return stage.renegotiated === true || (stage.originalDueAt !== undefined && stage.originalDueAt !== null);
}

/** Adds one stage (by status code) to a stage tally. */
export function addStage(t: Tally, code: number, stage: Record<string, unknown>): void {
  if (code === 0) t.met++;
  else if (code === 1) t.breached++;
  else if (code === 2) t.overdue++;
  else if (code === 3) t.notCounted++;
  else t.unknown++;
  if (isRenegotiated(stage)) t.renegotiated++;
}

/**
 * Adds one ticket (its stages) to a tally counting work orders: met (timely: a decided stage and none
 * breached or overdue), breached (a breached stage), overdue (an overdue stage, none breached),
 * notCounted (no decided stage); `unknown` and `renegotiated` still count stages.
 */
export function addTicket(t: Tally, stages: readonly Record<string, unknown>[], prefix: ErrorPath, i: number): void {
  let decided = false;
  let breached = false;
  let overdue = false;
  for (let j = 0; j < stages.length; j++) {
    const s = stages[j]!;
    const c = statusCode(s, prefix, i, j);
    if (c <= 2) decided = true;
    if (c === 1) breached = true;
    else if (c === 2) overdue = true;
    else if (c === 4) t.unknown++;
    if (isRenegotiated(s)) t.renegotiated++;
  }
  if (breached) t.breached++;
  else if (overdue) t.overdue++;
  else if (decided) t.met++;
  else t.notCounted++;
}

/** Tally of all evaluations in the given unit (path prefix for errors). */
export function tallyAll(evaluations: readonly TicketEvaluation[], prefix: ErrorPath, unit: ComplianceUnit): Tally {
  const evs = assertArray(evaluations, prefix, "evaluations");
  const t = emptyTally();
  for (let i = 0; i < evs.length; i++) {
    const stages = stagesAt(evs, i, prefix);
    if (unit === "ticket") {
      addTicket(t, stages, prefix, i);
      continue;
    }
    for (let j = 0; j < stages.length; j++) (unit === "cycle" ? addCycles : addStage)(t, statusCode(stages[j], prefix, i, j), stages[j]!);
  }
  return t;
}

/**
 * met and decided (met + breached + overdue) stages of all evaluations: complianceRate's one loop,
 * which reads only `status` (no renegotiation flags, no tally object). Error paths are built only
 * when an error is thrown.
 */
export function countStages(evaluations: readonly TicketEvaluation[], prefix: ErrorPath): { met: number; decided: number } {
  const evs = assertArray(evaluations, prefix, "evaluations");
  let met = 0;
  let decided = 0;
  for (let i = 0; i < evs.length; i++) {
    const ev = evs[i] as { stages?: unknown } | null;
    const stages = typeof ev === "object" && ev !== null ? ev.stages : undefined;
    if (!Array.isArray(stages)) stagesAt(evs, i, prefix); // throws with the path
    const list = stages as readonly ({ status?: unknown } | null)[];
    for (let j = 0; j < list.length; j++) {
      const st = list[j];
      const c = typeof st === "object" && st !== null ? codeOf(st.status) : -1;
      if (c === 0) {
        met++;
        decided++;
      } else if (c === 1 || c === 2) decided++;
      else if (c < 0) statusCode(st, prefix, i, j); // throws with the path
    }
  }
  return { met, decided };
}

export const EMPTY_REASON = "no met, breached or overdue stages (pending, warning, not-applicable and unknown stages are not counted)";
export const EMPTY_CYCLE_REASON = "no met, breached or overdue cycles or stages (pending, warning, not-applicable and unknown ones are not counted)";
export const EMPTY_TICKET_REASON = "no work order with a decided stage (tickets whose stages are all pending, warning, not-applicable or unknown are not counted)";
