import { SlaKitError, type ErrorPath } from "../errors.js";
import { toInstantMs } from "./_time.js";
import type { TicketEvaluation } from "./types.js";

/** An optional instant of a stage evaluation (`Date`, or the ISO string JSON made of it), as epoch ms. */
function instantOrNull(v: unknown, path: ErrorPath): number | null {
  return v === null || v === undefined ? null : toInstantMs(v, path, "INVALID_ARGUMENT");
}

/**
 * S15: when the open last cycle of a breached recurring stage changes status (`pending` ->
 * `warning` -> `overdue`); its `warnAt`/`dueAt` are the stage's. Null for any other stage.
 */
function openCycleChange(s: object, i: number): number | null {
  const cycles = (s as { cycles?: unknown }).cycles;
  if (!Array.isArray(cycles) || cycles.length === 0) return null;
  const c: unknown = cycles[cycles.length - 1];
  const st = c !== null && typeof c === "object" ? (c as { status?: unknown }).status : undefined;
  if (st !== "pending" && st !== "warning") return null;
  const { warnAt, dueAt } = s as { warnAt?: unknown; dueAt?: unknown };
  const due = instantOrNull(dueAt, ["stages", i, "dueAt"]);
  const overdue = due === null ? null : due + 1;
  return st === "pending" ? (instantOrNull(warnAt, ["stages", i, "warnAt"]) ?? overdue) : overdue;
}

/**
 * The next instant after `evaluation.asOf` at which a stage's status changes by the passing of
 * time alone (no new event): an open stage turns `pending` -> `warning` at its `warnAt` and
 * `warning` -> `overdue` 1 ms after its `dueAt` (the deadline is inclusive, docs/rules.md W1)
 * (a stage without a level before its deadline, `warnAt: null`, goes `pending` -> `overdue`), or
 * an open stage reaches its next warning or escalation level (`nextLevel`, docs/sla.md "Warning
 * and escalation levels"), which may come after the deadline; a recurring stage breached by an
 * earlier cycle counts its open cycle like an open stage (docs/sla.md "Recurring targets").
 * `null` when no status changes without a new event (every stage done, `overdue`,
 * `not-applicable`, `unknown`, or waiting for an anchor or an agreed deadline).
 *
 * A service schedules one timer at this instant and evaluates the ticket again when it fires or
 * when an event arrives; the wall-clock wait is `nextChangeAt(e) - Date.now()` (never
 * `remainingMs`, which is business time on the stage's clock: docs/sla.md "Using sla-kit in a
 * service").
 *
 * Exact when no pause is open at `asOf`. While a pause stops a stage's clock, its `warnAt` and
 * `dueAt` move later as the pause goes on, so the instant returned is the earliest the status
 * could change (the change comes then or later, never earlier): re-evaluate and schedule again.
 * Changes that come from a calendar running out of holiday data (an open stage turning `unknown`
 * once `asOf` passes the data, see `coverage`) are not predicted. A JSON-parsed evaluation (ISO
 * strings for the instants) is read as well.
 *
 * @throws SlaKitError `INVALID_ARGUMENT` when `evaluation` has no valid `asOf` or `stages`, or a
 *   stage's `warnAt`/`dueAt` is not an instant (`path` points at it).
 * @example
 * ```ts
 * import { evaluateTicket, nextChangeAt, robotIntegration2026 } from "sla-kit/sla";
 *
 * const e = evaluateTicket(robotIntegration2026, {
 *   id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00",
 *   events: [{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }],
 * }, { asOf: "2024-05-06T10:30:00+08:00" });
 * const next = nextChangeAt(e); // handling turns warning at its warnAt
 * console.log(next?.toISOString(), e.stages[1]?.warnAt?.toISOString()); // 2024-05-06T02:48:00.000Z 2024-05-06T02:48:00.000Z
 * ```
 */
export function nextChangeAt(evaluation: TicketEvaluation): Date | null {
  if (evaluation === null || typeof evaluation !== "object") throw new SlaKitError("INVALID_ARGUMENT", "nextChangeAt needs an evaluation, as evaluateTicket returns it.", { path: [] });
  const asOf = toInstantMs(evaluation.asOf, ["asOf"], "INVALID_ARGUMENT");
  const stages: unknown = evaluation.stages;
  if (!Array.isArray(stages)) throw new SlaKitError("INVALID_ARGUMENT", "evaluation.stages must be an array, as evaluateTicket returns it.", { path: ["stages"] });
  let next = Number.POSITIVE_INFINITY;
  for (let i = 0; i < stages.length; i++) {
    const s: unknown = stages[i];
    if (s === null || typeof s !== "object") throw new SlaKitError("INVALID_ARGUMENT", `evaluation.stages[${i}] must be a stage evaluation object.`, { path: ["stages", i] });
    const { status, warnAt, dueAt, nextLevel } = s as { status?: unknown; warnAt?: unknown; dueAt?: unknown; nextLevel?: unknown };
    let at: number | null = null;
    const overdueAt = (): number | null => {
      const due = instantOrNull(dueAt, ["stages", i, "dueAt"]);
      return due === null ? null : due + 1;
    };
    if (status === "pending") at = instantOrNull(warnAt, ["stages", i, "warnAt"]) ?? overdueAt();
    else if (status === "warning") at = overdueAt();
    else if (status === "breached") at = openCycleChange(s, i); // S15: a breached recurring stage still owes its open cycle
    if (at !== null && at > asOf && at < next) next = at;
    if (status === "pending" || status === "warning" || status === "overdue") {
      const level = nextLevel !== null && typeof nextLevel === "object" ? instantOrNull((nextLevel as { at?: unknown }).at, ["stages", i, "nextLevel", "at"]) : null;
      if (level !== null && level > asOf && level < next) next = level;
    }
  }
  return next === Number.POSITIVE_INFINITY ? null : new Date(next);
}
