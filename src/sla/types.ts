/**
 * Result types of ticket evaluation, shared with `kpi` roll-ups.
 * @module
 */

/** Status of one stage of a ticket at `asOf` (SPEC.md W1, DESIGN.md "Pinned details of sla"). */
export type StageStatus = "met" | "breached" | "pending" | "warning" | "overdue" | "not-applicable";

/** One step of a trace: what was looked up or computed, in words and numbers. */
export interface TraceStep {
  readonly step: string;
  readonly detail?: string;
  readonly value?: unknown;
}

/** Why a stage's numbers came out as they did. */
export interface StageTrace {
  /** Index of the target row in `policy.targets`, or null when none applies. */
  readonly row: number | null;
  readonly sourceRef: string | null;
  readonly within: unknown;
  readonly clock: string | null;
  readonly anchor: string;
  readonly steps: readonly TraceStep[];
}

/** Evaluation of one stage of a ticket. Times are `Date`s; durations are ms on the stage's clock. */
export interface StageEvaluation {
  readonly stage: string;
  readonly status: StageStatus;
  readonly anchorAt: Date | null;
  readonly dueAt: Date | null;
  /** Deadline before a consented renegotiation (W2); absent when none was agreed. */
  readonly originalDueAt?: Date | null;
  readonly warnAt: Date | null;
  readonly doneAt: Date | null;
  readonly allowedMs: number | null;
  readonly elapsedMs: number | null;
  readonly remainingMs: number | null;
  readonly fractionUsed: number | null;
  /** Open time on the stage's clock during which the ticket was paused. */
  readonly pausedMs: number;
  readonly trace: StageTrace;
}

/** The evaluation of one ticket against one policy at one instant. */
export interface TicketEvaluation {
  readonly ticketId: string;
  readonly service: string;
  readonly tier?: string;
  readonly urgency?: string;
  readonly location?: string;
  /** Passed through from the ticket for roll-ups (K17). */
  readonly assignee?: string;
  readonly department?: string;
  readonly createdAt: Date;
  readonly asOf: Date;
  readonly policy: { readonly id: string; readonly version: string; readonly hash: string };
  readonly stages: readonly StageEvaluation[];
}
