/**
 * Recurring stages (docs/rules.md S15; docs/sla.md "Recurring targets"): a `next-reply` stage owes
 * a reply to each customer message, a `periodic` stage an update every `within` while the duty
 * lasts. Each cycle is judged like a stage on the stage's clock (pauses included); the stage
 * summarises its cycles. Private to `sla`.
 * @internal
 */
import { addBusinessTime, businessTimeBetween, coverage, firstAssumedDate, type Calendar } from "../calendar/index.js";
import type { CompiledStage } from "./_compile.js";
import { badEvent, iso } from "./_events.js";
import { placeLevels } from "./_levels.js";
import { stageClock } from "./_lookup.js";
import { causeOf, computedDue, judgeLevels, pausedBetween, settle, type Draft, type StageContext } from "./_stage.js";
import * as step from "./_steps.js";
import type { TraceContext } from "./_trace.js";
import type { CycleEvaluation, StageEvaluation, StageStatus, Target, TraceStep } from "./types.js";

/** What ended a cycle: its own `done` event, the close, the `until` stage, or nothing yet. */
type EndedBy = "done" | "closed" | "until" | null;

/** A cycle found on the timeline: [start, end) with the events that started and ended it. */
interface Span {
  readonly start: number;
  /** Index of the message or update event that started it; null for the stage's anchor. */
  readonly startEvent: number | null;
  end: number | null;
  endEvent: number | null;
  endedBy: EndedBy;
}

/** The instant the duty of a recurring stage ends (the close, or a periodic stage's `until` stage done), and why; null while it lasts. */
function dutyEnd(ctx: StageContext, cs: CompiledStage): { ms: number; by: "closed" | "until" } | null {
  const { tl } = ctx;
  const until = cs.recur?.kind === "periodic" && cs.recur.until !== undefined ? (tl.done.get(cs.recur.until)?.ms ?? null) : null;
  if (until !== null && (tl.closedAt === null || until <= tl.closedAt)) return { ms: until, by: "until" };
  return tl.closedAt === null ? null : { ms: tl.closedAt, by: "closed" };
}

/**
 * The cycles of the stage known at `asOf`, in time order, never overlapping. next-reply: a
 * message at or after the anchor opens a cycle when none is open (a message while one is open
 * waits for the same reply); the stage's next `done` closes it; a `done` with no cycle open is an
 * extra reply and changes nothing. periodic: the first cycle starts at the anchor, each `done`
 * closes the open one and starts the next. The end of the duty closes the open cycle; events
 * after it are ignored.
 */
function findSpans(ctx: StageContext, cs: CompiledStage, anchorMs: number, end: { ms: number; by: "closed" | "until" } | null, extra: number[]): Span[] {
  const { tl } = ctx;
  const periodic = cs.recur?.kind === "periodic";
  const spans: Span[] = [];
  const endMs = end?.ms ?? Number.POSITIVE_INFINITY;
  let open: Span | null = periodic && anchorMs < endMs ? { start: anchorMs, startEvent: null, end: null, endEvent: null, endedBy: null } : null;
  for (const e of tl.events) {
    if (e.ms > tl.asOfMs || e.ms > endMs) break;
    if (e.ms < anchorMs) continue;
    if (e.type === "message") {
      if (periodic || (e.stage !== undefined && e.stage !== cs.name) || open !== null || e.ms >= endMs) continue;
      open = { start: e.ms, startEvent: e.i, end: null, endEvent: null, endedBy: null };
    } else if (e.type === "done" && e.stage === cs.name) {
      if (open === null) {
        extra.push(e.i);
        continue;
      }
      open.end = e.ms;
      open.endEvent = e.i;
      open.endedBy = "done";
      spans.push(open);
      open = periodic && e.ms < endMs ? { start: e.ms, startEvent: e.i, end: null, endEvent: null, endedBy: null } : null;
    }
  }
  if (open !== null) {
    if (end !== null) {
      open.end = end.ms;
      open.endedBy = end.by;
    }
    spans.push(open);
  }
  return spans;
}

/** A cycle being judged: the public fields plus what its trace step needs. */
interface Judged {
  readonly cycle: CycleEvaluation;
  readonly span: Span;
  readonly allowed: number;
}

function judgeSpan(ctx: StageContext, cs: CompiledStage, t: Target & { kind: "duration" | "businessDays" }, cal: Calendar, span: Span, index: number, d: Draft): Judged {
  const { c, tl } = ctx;
  const endMs = span.end ?? tl.asOfMs;
  const { dueMs: computed, allowed } = computedDue(t, cal, span.start, d.trace);
  const pausedMs = tl.pauses.length === 0 ? 0 : pausedBetween(cal, tl, cs.name, span.start, endMs, d.trace);
  // the paused open time moves the cycle's deadline later, as a stage's (docs/sla.md "Pauses")
  const dueMs = pausedMs > 0 ? addBusinessTime(cal, computed, pausedMs).getTime() : computed;
  let warnMs: number | null = null;
  const levels = c.rowLevels.get(t.index) ?? c.levels;
  for (const p of placeLevels(levels, { cal, anchorMs: span.start, allowed, dueMs, pausedMs })) {
    if (levels[p.i]?.warns === true) {
      warnMs = p.ms;
      break;
    }
  }
  const raw = endMs > span.start ? businessTimeBetween(cal, span.start, endMs) - pausedMs : 0;
  const status: CycleEvaluation["status"] = span.end !== null ? (span.end <= dueMs ? "met" : "breached") : (step.openStatus(tl.asOfMs, warnMs, dueMs) as CycleEvaluation["status"]);
  const cycle: CycleEvaluation = {
    index,
    status,
    startAt: new Date(span.start),
    dueAt: new Date(dueMs),
    warnAt: warnMs === null ? null : new Date(warnMs),
    doneAt: span.end === null ? null : new Date(span.end),
    startAtMs: span.start,
    dueAtMs: dueMs,
    warnAtMs: warnMs,
    doneAtMs: span.end,
    allowedMs: allowed,
    elapsedMs: raw > 0 ? raw : 0,
    pausedMs,
  };
  d.trace.add(cycleStep, cycle, span, cs.recur?.kind ?? "", null);
  return { cycle, span, allowed };
}

/** Events the desk cannot record for a recurring stage: one deadline agreed or waived for every cycle at once. */
function refuseOneOff(ctx: StageContext, cs: CompiledStage): void {
  const ag = ctx.tl.agreements.get(cs.name)?.[0];
  if (ag !== undefined) badEvent(`Event ${ag.i}: stage "${cs.name}" recurs (${cs.recur?.kind ?? ""}), so it has a deadline per cycle, not one to agree; agree deadlines on the ticket's other stages (docs/sla.md "Recurring targets").`, ["events", ag.i, "stage"]);
  const na = ctx.tl.notApplicable.get(cs.name);
  if (na !== undefined) badEvent(`Event ${na.i}: stage "${cs.name}" recurs (${cs.recur?.kind ?? ""}): a cycle is not waived; a next-reply stage owes nothing until a customer message arrives.`, ["events", na.i, "stage"]);
}

/**
 * Judges a recurring stage whose anchor happened at `anchorMs`: every cycle on its own, then the
 * stage as their summary. Status: `breached` when a cycle was breached, else the open cycle's
 * (`pending`, `warning`, `overdue`), else `met` (every cycle met); a next-reply stage with no
 * message yet is `pending` with `dueAt: null`, and `not-applicable` once the duty ended with none.
 * The stage's deadline, warning, levels and numbers are the open cycle's (else the last one's).
 */
export function judgeCycles(ctx: StageContext, cs: CompiledStage, t: Target, anchorMs: number, d: Draft): StageEvaluation {
  const { c, tl } = ctx;
  if (t.kind !== "duration" && t.kind !== "businessDays") throw new Error(`recurring stage ${cs.name} on a ${t.kind} row`); // parsePolicy refuses it (RECUR_UNTIMED)
  refuseOneOff(ctx, cs);
  const cal = stageClock(c, t);
  const end = dutyEnd(ctx, cs);
  const extra: number[] = [];
  const spans = findSpans(ctx, cs, anchorMs, end, extra);
  d.anchorAtMs = anchorMs;
  d.doneAtMs = null;
  for (const i of extra) d.trace.add(extraReplyStep, i, null, null, null);
  if (spans.length === 0) {
    d.cycles = [];
    d.trace.add(noCycleStep, cs.recur?.kind ?? "", end?.ms ?? null, null, null);
    return settle(d, end === null ? "pending" : "not-applicable", tl.asOfMs);
  }
  const judged = spans.map((s, i) => judgeSpan(ctx, cs, t, cal, s, i, d));
  const cycles = judged.map((j) => j.cycle);
  d.cycles = cycles;
  const last = judged[judged.length - 1] as Judged;
  const lc = last.cycle;
  const isOpen = lc.doneAtMs === null;
  const breached = cycles.filter((x) => x.status === "breached").length;
  const status: StageStatus = breached > 0 ? "breached" : lc.status;
  d.dueAtMs = lc.dueAtMs;
  d.doneAtMs = lc.doneAtMs;
  d.allowedMs = last.allowed;
  d.elapsedMs = lc.elapsedMs;
  d.remainingMs = last.allowed - lc.elapsedMs;
  d.fractionUsed = last.allowed > 0 ? lc.elapsedMs / last.allowed : null;
  d.pausedMs = lc.pausedMs;
  d.warnAtMs = judgeLevels(c, t, { cal, anchorMs: lc.startAtMs, allowed: last.allowed, dueMs: lc.dueAtMs, pausedMs: lc.pausedMs }, lc.doneAtMs, tl.asOfMs, d);
  if (coverage(cal).beyondData === "weekdays") {
    const assumed = firstAssumedDate(cal, cycles[0]?.startAtMs ?? anchorMs, Math.max(lc.dueAtMs, lc.doneAtMs ?? tl.asOfMs));
    if (assumed !== null) {
      d.provisional = true;
      d.trace.add(step.provisionalStep, assumed, null, null, null);
    }
  }
  d.trace.add(summaryStep, cycles.length, breached, status, null);
  if (status === "breached" || status === "overdue") causeOf(tl, d);
  const out = settle(d, status, tl.asOfMs);
  // a breached stage still owes its open cycle: the timers of that cycle stay (msUntilWarn, msUntilDue)
  if (isOpen && status === "breached") {
    d.msUntilDue = lc.dueAtMs - tl.asOfMs;
    if (lc.warnAtMs !== null) d.msUntilWarn = lc.warnAtMs - tl.asOfMs;
  }
  return out;
}

// ---- trace steps (rendered on demand, see _trace.ts) ----

const STARTED: Readonly<Record<string, string>> = { "next-reply": "customer message", periodic: "update" };

/** One cycle: what started it, its deadline (pauses included), how it ended and its status. */
const cycleStep = (tr: TraceContext, cy: CycleEvaluation, span: Span, kind: string): TraceStep => {
  const from = span.startEvent === null ? `the anchor ${tr.anchor}` : `${STARTED[kind] ?? "event"} (event ${span.startEvent})`;
  const paused = cy.pausedMs > 0 ? ` (moved later by ${cy.pausedMs} ms paused)` : "";
  const ended =
    span.endedBy === "done" ? `done at ${iso(cy.doneAtMs ?? 0)} (event ${span.endEvent ?? ""})` : span.endedBy === "closed" ? `completed by the close at ${iso(cy.doneAtMs ?? 0)}` : span.endedBy === "until" ? `ended when the duty ended at ${iso(cy.doneAtMs ?? 0)}` : "open";
  return { step: "cycle", detail: `cycle ${cy.index} from ${from} at ${iso(cy.startAtMs)}: due ${iso(cy.dueAtMs)}${paused}; ${ended} -> ${cy.status}${step.cite(tr.c, "S15", null)}`, value: cy.status };
};

const extraReplyStep = (_: TraceContext, i: number): TraceStep => ({ step: "cycle", detail: `done event ${i} came with no cycle open (no customer message waiting): it changes nothing`, value: i });

const noCycleStep = (_: TraceContext, kind: string, endMs: number | null): TraceStep => ({
  step: "cycle",
  detail: endMs === null ? `no customer message yet: no reply is owed (${kind})` : `the duty ended at ${iso(endMs)} with no cycle: nothing was owed (${kind})`,
});

const summaryStep = (_: TraceContext, n: number, breached: number, status: StageStatus): TraceStep => ({
  step: "status",
  detail: `${n} cycle${n === 1 ? "" : "s"}, ${breached} breached -> ${status}`,
  value: status,
});
