/**
 * The texts of a stage's trace steps, one renderer per kind of step. `_stage.ts` records a renderer
 * with its numbers (`trace.add(levelStep, level, basis, ms, single)`); the text is built here only when
 * the trace is read (see `_trace.ts`). Private to `sla`.
 * @internal
 */
import { localDateOf } from "../_lib/zone.js";
import type { CompiledPolicy } from "./_compile.js";
import { iso } from "./_events.js";
import { levelDetail, type CompiledLevel, type LevelBasis } from "./_levels.js";
import type { AgreedRead, CauseRead, NotApplicableRead } from "./_events.js";
import type { PauseSpan } from "./_timeline.js";
import type { TraceContext } from "./_trace.js";
import type { StageStatus, TraceStep } from "./types.js";

/**
 * " (W1, 003 §8(1))"-style label for a trace text: the rule ID only when the policy cites the
 * built-in regulations, the 003 clause only when it cites document 003; "" for a user's own policy.
 */
export function cite(c: CompiledPolicy, rule: string | null, clause003: string | null): string {
  const parts = [c.labels.rules ? rule : null, c.labels.doc003 ? clause003 : null].filter((x): x is string => x !== null);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** A step whose whole text is known when it is recorded (rare steps: errors, `when`). */
export const textStep = (_: TraceContext, step: string, detail: string, value: unknown): TraceStep => (value === undefined ? { step, detail } : { step, detail, value });

/** Status of an open stage at `asOfMs` (`warnMs` null: no level warns before the deadline). */
export function openStatus(asOfMs: number, warnMs: number | null, dueMs: number): StageStatus {
  return asOfMs > dueMs ? "overdue" : warnMs !== null && asOfMs >= warnMs ? "warning" : "pending";
}

/** The pause `span` stopped `raw` ms of open time over [s, e), counted up to its reason's `maxMs`. */
export const pauseStep = (_: TraceContext, span: PauseSpan, s: number, e: number, raw: number): TraceStep => {
  const cap = span.rule.maxMs;
  const capped = cap !== undefined && raw > cap;
  const p = capped ? cap : raw;
  return { step: "pause", detail: `paused (${span.reason}) ${iso(s)} to ${iso(e)}: ${p} ms of open time${capped ? ` (capped at maxMs ${cap})` : ""}`, value: p };
};

export const dueDurationStep = (tr: TraceContext, anchorMs: number, withinMs: number, dueMs: number): TraceStep => ({
  step: "due",
  detail: `${iso(anchorMs)} + ${withinMs} ms on ${tr.clock ?? "UTC"} = ${iso(dueMs)}`,
  value: iso(dueMs),
});

/** A business-day row (`tr.within` is `{ businessDays }`) on a clock in `timeZone`. */
export const dueDaysStep = (tr: TraceContext, timeZone: string, anchorMs: number, dueMs: number, allowed: number): TraceStep => ({
  step: "due",
  detail: `close of business of business day ${(tr.within as { businessDays: number }).businessDays} after ${localDateOf(timeZone, anchorMs)} on ${tr.clock ?? ""} = ${iso(dueMs)} (start day not counted${cite(tr.c, "docs/rules.md T2", null)}); allowed ${allowed} ms of open time`,
  value: iso(dueMs),
});

export const agreementRejectedStep = (_: TraceContext, i: number, reason: string, __: null): TraceStep => ({
  step: "agreement-rejected",
  detail: `agreement of event ${i} changes nothing: ${reason}`,
  value: i,
});

export const needsCauseStep = (tr: TraceContext): TraceStep => ({ step: "cause", detail: `missed with no cause analysis and remedy recorded${cite(tr.c, "W3", "003 §9")}: record a cause event` });

export const causeStep = (tr: TraceContext, ev: CauseRead): TraceStep => ({
  step: "cause",
  detail: `cause recorded at ${iso(ev.ms)}${ev.objective ? " (objective)" : ""}: ${ev.cause}; remedy: ${ev.remedy}${cite(tr.c, "W3", "003 §9")}`,
});

export const targetStep = (tr: TraceContext): TraceStep => ({
  step: "target",
  detail: `row ${tr.row}${tr.rowId ? ` (${tr.rowId})` : ""}, ${tr.sourceRef}: within ${JSON.stringify(tr.within)}${tr.clock ? ` on clock ${tr.clock}` : ""}`,
  value: tr.row,
});

/** `doneMs` null when the stage was not done. */
export const remoteStep = (tr: TraceContext, remoteAt: number, doneMs: number | null): TraceStep => ({
  step: "remote-resolved",
  detail: `resolved remotely at ${iso(remoteAt)}: on-site stages do not apply${cite(tr.c, "S6", "003 §6(2)")}${doneMs === null ? "" : `; the stage was done at ${iso(doneMs)}`}`,
});

export const waivedStep = (_: TraceContext, w: NotApplicableRead, by: string): TraceStep => ({
  step: "not-applicable",
  detail: `recorded not needed at ${iso(w.ms)}: ${w.reason} (${by})`,
  value: w.i,
});

export const waiverRejectedStep = (_: TraceContext, w: NotApplicableRead, afterDone: boolean): TraceStep => ({
  step: "not-applicable-rejected",
  detail: `event ${w.i} (not needed: ${w.reason}) changes nothing: recorded at ${iso(w.ms)}, ${afterDone ? "after the stage was done" : "after its deadline had passed"}`,
  value: w.i,
});

export const noRingsStep = (_: TraceContext, done: boolean): TraceStep => ({ step: "rings", detail: done ? "done event carries no rings count: cannot be judged" : "no answered call recorded" });

export const ringsStep = (_: TraceContext, rings: number, limit: number): TraceStep => ({ step: "rings", detail: `answered after ${rings} rings, limit ${limit}`, value: rings });

export const closedBeforeAnchorStep = (tr: TraceContext, closedAt: number): TraceStep => ({
  step: "closed",
  detail: `the ticket was closed at ${iso(closedAt)} before anchor "${tr.anchor}" happened: the stage never started`,
});

export const anchorPendingStep = (tr: TraceContext): TraceStep => ({ step: "anchor", detail: `anchor "${tr.anchor}" has not happened yet: the deadline is not running` });

export const anchorStep = (tr: TraceContext, anchorMs: number, byClose: boolean): TraceStep => ({
  step: "anchor",
  detail: `${tr.anchor} at ${iso(anchorMs)}${byClose ? " (completed by the close)" : ""}`,
  value: iso(anchorMs),
});

export const closedStep = (_: TraceContext, doneMs: number): TraceStep => ({
  step: "closed",
  detail: `the ticket was closed at ${iso(doneMs)} with this stage open: it counts as completed then (docs/sla.md "Closing a ticket")`,
  value: iso(doneMs),
});

/** One warning or escalation level placed at `ms`; `single`: the policy's default-style lone level "warn" (W1). */
export const levelStep = (tr: TraceContext, l: CompiledLevel, b: LevelBasis, ms: number, single: boolean): TraceStep => ({
  step: single ? "warn" : "level",
  detail: `${levelDetail(l, b, ms)}${single ? cite(tr.c, "W1", null) : ""}`,
  value: iso(ms),
});

export const pausedStep = (_: TraceContext, pausedMs: number, dueMs: number): TraceStep => ({
  step: "paused",
  detail: `${pausedMs} ms paused in all: due moves to ${iso(dueMs)}, the warning levels with it`,
  value: pausedMs,
});

export const renegotiatedStep = (tr: TraceContext, ag: AgreedRead, dueMs: number): TraceStep => ({
  step: "agreed-deadline",
  detail: `deadline renegotiated with consent at ${iso(ag.ms)}: ${iso(ag.dueMs)} replaces ${iso(dueMs)}${cite(tr.c, "W2", "003 §8(2)")}`,
  value: iso(ag.dueMs),
});

export const agreedOpenStep = (tr: TraceContext): TraceStep => ({
  step: "agreed",
  detail: `no fixed limit: the deadline must be agreed with the customer in advance and recorded as an agreed-deadline event${cite(tr.c, "S9", "003 §6(3)")}`,
});

export const agreedMissingStep = (tr: TraceContext, doneMs: number): TraceStep => ({
  step: "agreed",
  detail: `done at ${iso(doneMs)} with no deadline agreed with the customer before completion: breached, the limit is agreed in advance${cite(tr.c, "S9", "003 §6(3)")}`,
});

export const agreedStep = (tr: TraceContext, ag: AgreedRead): TraceStep => ({
  step: "agreed-deadline",
  detail: `deadline agreed with the customer at ${iso(ag.ms)}: ${iso(ag.dueMs)}${cite(tr.c, "S9", "003 §6(3)")}`,
  value: iso(ag.dueMs),
});

export const provisionalStep = (tr: TraceContext, assumed: string): TraceStep => ({
  step: "provisional",
  detail: `clock "${tr.clock ?? "UTC"}" has no holiday data from ${assumed} on: that date and later ones were taken as plain weekdays (beyondData "weekdays"); add the year's data to make this final`,
  value: assumed,
});

/** The status step of a done stage: met when done at or before the deadline. */
export const doneStatusStep = (_: TraceContext, doneMs: number, dueMs: number): TraceStep => ({
  step: "status",
  detail: `done ${iso(doneMs)} ${doneMs <= dueMs ? "<=" : ">"} due ${iso(dueMs)}`,
  value: doneMs <= dueMs ? "met" : "breached",
});

/** The status step of an open stage. */
export const openStatusStep = (_: TraceContext, asOfMs: number, warnMs: number | null, dueMs: number): TraceStep => {
  const status = openStatus(asOfMs, warnMs, dueMs);
  return { step: "status", detail: `asOf ${iso(asOfMs)}: warn ${warnMs === null ? "none" : iso(warnMs)}, due ${iso(dueMs)} -> ${status}`, value: status };
};
