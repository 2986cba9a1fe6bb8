/**
 * Evaluating one stage of a ticket against its target row and the ticket's timeline. Private to `sla`.
 * @internal
 */
import { addBusinessDays, addBusinessTime, businessTimeBetween, coverage, firstAssumedDate, type Calendar } from "../calendar/index.js";
import { isSlaKitError, type SlaKitError } from "../errors.js";
import { quietErrors } from "../_lib/quiet.js";
import type { CompiledPolicy, CompiledService, CompiledStage } from "./_compile.js";
import { badEvent, iso } from "./_events.js";
import { lookupStage, stageClock } from "./_lookup.js";
import { CREATED, DIMENSIONS } from "./_references.js";
import * as step from "./_steps.js";
import { LazyTrace } from "./_trace.js";
import type { AgreedRead, CauseRead } from "./_events.js";
import type { Timeline } from "./_timeline.js";
import { placeLevels, type CompiledLevel, type LevelBasis } from "./_levels.js";
import { agreementsAfterRestart, mergeRejected, planStage, reclassifiedOf, restartStep, type StagePlan } from "./_reclassify.js";
import { closeBefore, reopenedContext } from "./_reopen.js";
import { judgeCycles } from "./_cycles.js";
import type { LevelAt, RejectedAgreement, StageEvaluation, StageStatus, Target, TargetQuery } from "./types.js";

export { cite } from "./_steps.js";

/** A stage evaluation while it is judged: every field of the result, writable. */
export type Draft = { -readonly [K in Exclude<keyof StageEvaluation, "trace">]: StageEvaluation[K] } & { readonly trace: LazyTrace };

/** What every stage of one evaluation shares. */
export interface StageContext {
  readonly c: CompiledPolicy;
  readonly svc: CompiledService;
  readonly tl: Timeline;
  /** Record trace steps (`trace` option; default true). */
  readonly trace: boolean;
  /**
   * The ticket's matrix values, read once, as `lookupStage` and `when` read them (the stage is
   * passed apart): no getter of the caller's runs while stages are judged (src/_lib/quiet.ts).
   */
  readonly query: TargetQuery;
}

const NO_PATH: readonly never[] = [];
const NO_CYCLES: readonly never[] = Object.freeze([]);

/**
 * The one place a stage evaluation is created: every field present, in one order, `null` or
 * `false` where absent, so every stage evaluation has one hidden class. A new field goes here
 * (and in `StageEvaluation`), never onto a result afterwards.
 */
function newStage(name: string, doneMs: number | null, trace: LazyTrace): Draft {
  return {
    stage: name,
    status: "pending",
    anchorAt: null,
    dueAt: null,
    originalDueAt: null,
    warnAt: null,
    doneAt: null,
    anchorAtMs: null,
    dueAtMs: null,
    warnAtMs: null,
    doneAtMs: doneMs,
    msUntilWarn: null,
    msUntilDue: null,
    allowedMs: null,
    elapsedMs: null,
    remainingMs: null,
    fractionUsed: null,
    pausedMs: 0,
    renegotiated: false,
    rejectedAgreements: null,
    needsCause: false,
    cause: null,
    reclassified: null,
    provisional: false,
    levelsReached: [],
    nextLevel: null,
    reopenings: null,
    cycles: null,
    error: null,
    trace,
  };
}

/**
 * The fresh draft of stage `cs` on the ticket's timeline: its done time as known at `asOf`, and
 * for a recurring stage (S15) its cycles, empty until judged (a recurring stage always has them).
 */
function freshDraft(ctx: StageContext, cs: CompiledStage, trace: LazyTrace): Draft {
  const d = newStage(cs.name, ctx.tl.done.get(cs.name)?.ms ?? null, trace);
  if (cs.recur !== null) d.cycles = NO_CYCLES;
  return d;
}

/**
 * Settles a draft: its status, the `Date`s of its instants, and for an open stage (pending,
 * warning, overdue) the wall-clock ms from `asOf` to its warning and deadline (negative once past).
 */
export function settle(d: Draft, status: StageStatus, asOfMs: number): StageEvaluation {
  d.status = status;
  if (d.anchorAtMs !== null) d.anchorAt = new Date(d.anchorAtMs);
  if (d.dueAtMs !== null) d.dueAt = new Date(d.dueAtMs);
  if (d.warnAtMs !== null) d.warnAt = new Date(d.warnAtMs);
  if (d.doneAtMs !== null) d.doneAt = new Date(d.doneAtMs);
  if (status === "pending" || status === "warning" || status === "overdue") {
    if (d.warnAtMs !== null) d.msUntilWarn = d.warnAtMs - asOfMs;
    if (d.dueAtMs !== null) d.msUntilDue = d.dueAtMs - asOfMs;
  }
  return d;
}

/** A stage restricted by `when` to dimension values the ticket does not have: the reason, or null. */
export function outsideWhen(cs: CompiledStage, facts: Omit<TargetQuery, "service" | "stage">): string | null {
  if (!cs.when) return null;
  let out: string | null = null;
  for (const d of DIMENSIONS) {
    const set = cs.when[d];
    const v = facts[d];
    if (set && v !== undefined && !set.has(v)) out = `${d} ${v}`;
  }
  return out;
}

/** Open time of the clock during which the ticket was paused for reasons that stop this stage, between `from` and `to`. */
export function pausedBetween(cal: Calendar, tl: Timeline, stage: string, from: number, to: number, trace: LazyTrace | null): number {
  let pausedMs = 0;
  for (const span of tl.pauses) {
    if (!span.rule.stops.includes(stage)) continue;
    const s = span.from > from ? span.from : from;
    const e = span.to < to ? span.to : to;
    if (e <= s) continue;
    const raw = businessTimeBetween(cal, s, e);
    if (raw <= 0) continue;
    const cap = span.rule.maxMs;
    pausedMs += cap !== undefined && raw > cap ? cap : raw;
    trace?.add(step.pauseStep, span, s, e, raw);
  }
  return pausedMs;
}

/** Deadline of a duration or business-day row from `anchorMs`, with the trace step. */
export function computedDue(t: Target & { kind: "duration" | "businessDays" }, cal: Calendar, anchorMs: number, trace: LazyTrace): { dueMs: number; allowed: number } {
  if (t.kind === "duration") {
    const dueMs = addBusinessTime(cal, anchorMs, t.withinMs).getTime();
    trace.add(step.dueDurationStep, anchorMs, t.withinMs, dueMs, null);
    return { dueMs, allowed: t.withinMs };
  }
  const dueMs = addBusinessDays(cal, anchorMs, t.within.businessDays).getTime();
  const allowed = businessTimeBetween(cal, anchorMs, dueMs);
  trace.add(step.dueDaysStep, cal.timeZone, anchorMs, dueMs, allowed);
  return { dueMs, allowed };
}

/**
 * W2 (003 §6(3), §8(2)): an agreement recorded at `ms` for the deadline `dueMs` as rejected, with
 * its reason, or null when it counts: recorded while the stage is open (done at `doneMs`), at or
 * before the deadline in force then (`inForce`), and for a deadline after `ms`. `evaluateTicket`'s
 * fast path (`_fast.ts`) words its rejections with it too.
 */
export function rejectedAgreement(c: CompiledPolicy, event: number, ms: number, dueMs: number, consent: string, doneMs: number | null, inForce: number): RejectedAgreement | null {
  const fault = agreementFault(ms, dueMs, doneMs, inForce);
  if (fault === 0) return null;
  const reason =
    fault === 1
      ? `the agreed deadline ${iso(dueMs)} is not after the agreement (${iso(ms)}): a backdated agreement cannot rewrite the past`
      : fault === 2
        ? `recorded at ${iso(ms)}, after the stage was done (${iso(doneMs!)}): limits are agreed in advance${step.cite(c, null, "003 §6(3)")}`
        : `recorded at ${iso(ms)}, after the deadline in force (${iso(inForce)}) had passed: a new limit is agreed at once when the delay is known${step.cite(c, null, "003 §8(2)")}`;
  return { event, at: new Date(ms), dueAt: new Date(dueMs), consent, reason };
}

/**
 * W2: why an agreement recorded at `ms` for the deadline `dueMs` does not count: 1 backdated
 * (`dueMs` not after `ms`), 2 recorded once the stage was done (at `doneMs`), 3 recorded after the
 * deadline in force then (`inForce`); 0 when it counts. The one test of both paths: the full path
 * words it ({@link rejectedAgreement}), the compiled plans (`judge`, `_plan.ts`) count by it.
 */
export function agreementFault(ms: number, dueMs: number, doneMs: number | null, inForce: number): 0 | 1 | 2 | 3 {
  return dueMs <= ms ? 1 : doneMs !== null && ms >= doneMs ? 2 : ms > inForce ? 3 : 0;
}

/**
 * Agreements of a stage in time order (W2, S9; 003 §6(3), §8(2)): one counts only when recorded
 * while the stage is open, at or before the deadline in force at that moment, with `dueAt` after
 * `at` ({@link rejectedAgreement}). Returns the last one that counts and the rejected ones with
 * their reasons (null: none).
 */
function judgeAgreements(
  c: CompiledPolicy,
  list: readonly AgreedRead[],
  doneMs: number | null,
  inForceAt: (ms: number) => number,
  trace: LazyTrace,
): { accepted: AgreedRead | undefined; rejected: RejectedAgreement[] | null } {
  let accepted: AgreedRead | undefined;
  let rejected: RejectedAgreement[] | null = null;
  for (const ag of list) {
    const r = rejectedAgreement(c, ag.i, ag.ms, ag.dueMs, ag.consent, doneMs, accepted === undefined ? inForceAt(ag.ms) : accepted.dueMs);
    if (r === null) {
      accepted = ag;
      continue;
    }
    (rejected ??= []).push(r);
    trace.add(step.agreementRejectedStep, ag.i, r.reason, null, null);
  }
  return { accepted, rejected };
}

/** W3 (003 §9): the cause recorded for a missed stage, or `needsCause`. */
export function causeOf(tl: Timeline, d: Draft): void {
  let ev: CauseRead | undefined;
  for (const e of tl.causes) {
    if (e.stage === d.stage) {
      ev = e;
      break;
    }
    if (e.stage === undefined) ev ??= e;
  }
  if (ev === undefined) {
    d.trace.add(step.needsCauseStep, null, null, null, null);
    d.needsCause = true;
    return;
  }
  d.trace.add(step.causeStep, ev, null, null, null);
  d.cause = { at: new Date(ev.ms), cause: ev.cause, remedy: ev.remedy, objective: ev.objective, event: ev.i };
}

/**
 * The stage's warning and escalation levels (the row's `warnAt`, else the policy's) on its clock:
 * the instant status `warning` starts (the earliest level at or before the deadline; null when
 * none), the levels reached by `endMs` (done time, or `asOf` for an open stage: `doneMs` null)
 * and the next one an open stage will reach, into `d`; one trace step per level.
 */
export function judgeLevels(c: CompiledPolicy, t: Target, b: LevelBasis, doneMs: number | null, asOfMs: number, d: Draft): number | null {
  const levels = c.rowLevels.get(t.index) ?? c.levels;
  const placed = placeLevels(levels, b);
  let warnMs: number | null = null;
  const endMs = doneMs ?? asOfMs;
  const reached: LevelAt[] = [];
  let next: LevelAt | null = null;
  const single = levels.length === 1 && levels[0]?.name === "warn" && levels[0].kind === "fraction";
  for (const p of placed) {
    const l = levels[p.i] as CompiledLevel;
    if (l.warns && warnMs === null) warnMs = p.ms;
    if (p.ms <= endMs) reached.push({ level: l.name, at: new Date(p.ms) });
    else if (doneMs === null && next === null) next = { level: l.name, at: new Date(p.ms) };
    d.trace.add(step.levelStep, l, b, p.ms, single);
  }
  d.levelsReached = reached;
  d.nextLevel = next;
  return warnMs;
}

/**
 * A not-applicable event of the stage counts when recorded while the stage is open and not past
 * `dueMs`; the trace says which way it went.
 */
function waived(tl: Timeline, cs: CompiledStage, d: Draft, dueMs: number | null): boolean {
  const waiver = tl.notApplicable.get(cs.name);
  if (waiver === undefined) return false;
  const doneMs = d.doneAtMs;
  if ((doneMs === null || waiver.ms < doneMs) && (dueMs === null || waiver.ms <= dueMs)) {
    d.trace.add(step.waivedStep, waiver, cs.notApplicable?.sourceRef ?? "", null, null);
    return true;
  }
  d.trace.add(step.waiverRejectedStep, waiver, doneMs !== null && waiver.ms >= doneMs, null, null);
  return false;
}

/** When the stage's anchor happened, as known at `asOf` (a stage the close completes counts as done then). */
export function anchorTime(ctx: StageContext, anchorName: string): { ms: number | null; byClose: boolean } {
  const { svc, tl } = ctx;
  if (anchorName === CREATED) return { ms: tl.createdMs, byClose: false };
  const d = tl.done.get(anchorName);
  if (d !== undefined && (tl.closedAt === null || d.ms <= tl.closedAt)) return { ms: d.ms, byClose: false };
  if (tl.closedAt !== null && svc.byName.has(anchorName)) return { ms: tl.closedAt, byClose: true };
  return { ms: d?.ms ?? null, byClose: false };
}

/** Errors that make one stage `unknown` instead of failing the ticket: its calendar cannot answer. */
export const STAGE_ERRORS: ReadonlySet<string> = new Set(["CALENDAR_OUT_OF_RANGE", "CALENDAR_NEVER_OPEN"]);

/**
 * Evaluates one stage of the ticket. When its deadline cannot be computed (its calendar has no
 * data for the dates needed, or never opens), the stage is `unknown` with the error, in the
 * caller's terms; other errors (bad events, unknown values) still throw.
 */
export function evaluateStage(ctx: StageContext, cs: CompiledStage): StageEvaluation {
  const trace = new LazyTrace(ctx.c, cs.name, ctx.trace);
  // facts that changed mid-ticket (S16): the row and start each stage runs on
  const rc = ctx.tl.reclassify.length === 0 ? null : planStage(ctx, cs, trace);
  // the calendar errors caught below become data: made without a stack (src/_lib/quiet.ts)
  const quiet = quietErrors.codes;
  quietErrors.codes = STAGE_ERRORS;
  try {
    const d = freshDraft(ctx, cs, trace);
    let judged = ctx;
    if (ctx.tl.reopened.length > 0) {
      // S17: a reopened ticket, judged on the stage's part of the timeline (_reopen.ts)
      const ro = reopenedContext(ctx, cs, trace, evaluateStage);
      d.reopenings = ro.reopenings;
      judged = ro.ctx;
    }
    const r = judgeStage(judged, cs, d, rc);
    if (rc?.last) (r as Draft).reclassified = reclassifiedOf(rc, dueBefore(judged, cs, rc.last.before));
    return r;
  } catch (e) {
    if (!isSlaKitError(e) || !STAGE_ERRORS.has(e.code)) throw e;
    const { c, svc } = ctx;
    const t = rc?.t ?? lookupStage(c, svc, cs.name, ctx.query, NO_PATH);
    const message = stageErrorMessage(svc.name, cs.name, t, e);
    trace.target(t);
    trace.add(step.textStep, "unknown", message, e.code, null);
    const d = freshDraft(ctx, cs, trace);
    d.error = { code: e.code, message };
    return settle(d, "unknown", ctx.tl.asOfMs);
  } finally {
    quietErrors.codes = quiet;
  }
}

/** The deadline the stage has under `plan` (the one before a reclassification), or null. */
function dueBefore(ctx: StageContext, cs: CompiledStage, plan: StagePlan): number | null {
  try {
    return judgeStage(ctx, cs, freshDraft(ctx, cs, new LazyTrace(ctx.c, cs.name, false)), plan).dueAtMs;
  } catch (e) {
    if (isSlaKitError(e) && STAGE_ERRORS.has(e.code)) return null;
    throw e;
  }
}

/** A calendar error re-told for a stage: which stage, row and clock needed which date. */
export function stageErrorMessage(service: string, stage: string, t: Target, e: SlaKitError): string {
  const d = e.details as { needed?: unknown; calendar?: unknown } | undefined;
  const needs = typeof d?.needed === "string" ? `, it needs the local date ${d.needed}${typeof d.calendar === "string" ? ` of calendar "${d.calendar}"` : ""}` : "";
  return `The deadline of ${service}/${stage} (row ${t.id ?? t.index}, ${t.sourceRef}, within ${JSON.stringify(t.within)} on clock "${t.clock ?? "UTC"}") cannot be computed${needs}: ${e.message}`;
}

function judgeStage(ctx: StageContext, cs: CompiledStage, d: Draft, rc: StagePlan | null): StageEvaluation {
  const { c, svc, query, tl } = ctx;
  const trace = d.trace;
  const done = tl.done.get(cs.name);
  let doneMs = d.doneAtMs;
  // stage restricted to some dimension values ("when")
  const out = rc === null ? outsideWhen(cs, query) : rc.out;
  if (out !== null || rc?.t === null) {
    trace.add(step.textStep, "not-applicable", `stage "${cs.name}" does not apply to ${out ?? "the facts in force"}`, undefined, null);
    return settle(d, "not-applicable", tl.asOfMs);
  }
  const t = rc === null ? lookupStage(c, svc, cs.name, ctx.query, NO_PATH) : (rc.t as Target);
  const anchorName = t.anchor ?? CREATED;
  trace.target(t);
  trace.add(step.targetStep, null, null, null, null);
  // a stage is done only after its anchor (checked on all events, whatever asOf)
  const done0 = tl.doneAll.get(cs.name);
  if (anchorName !== CREATED && done0 !== undefined) {
    // an anchor stage not done by its own event counts as completed by a close before (any asOf)
    const own = tl.doneAll.get(anchorName)?.ms;
    const a0 = own !== undefined && own <= done0.ms ? own : ((svc.byName.has(anchorName) ? closeBefore(tl, done0.ms) : undefined) ?? own);
    if (a0 === undefined || done0.ms < a0) {
      badEvent(
        `Stage "${cs.name}" is done (${iso(done0.ms)}) ${a0 === undefined ? "but its anchor" : "before its anchor"} "${anchorName}" ${a0 === undefined ? "is never done" : `(${iso(a0)})`}; record the anchor's done event first.`,
        ["events", done0.i, "at"],
      );
    }
  }
  // S6: remote-resolved makes every stage of an on-site ticket not-applicable, a stage already
  // done included; its done time stays in the trace
  if (svc.onsite && tl.remoteAt !== null) {
    trace.add(step.remoteStep, tl.remoteAt, doneMs, null, null);
    return settle(d, "not-applicable", tl.asOfMs);
  }
  if (t.kind === "rings") {
    if (done?.rings === undefined) {
      waived(tl, cs, d, null);
      trace.add(step.noRingsStep, done !== undefined, null, null, null);
      return settle(d, "not-applicable", tl.asOfMs);
    }
    trace.add(step.ringsStep, done.rings, t.within.rings, null, null);
    return settle(d, done.rings <= t.within.rings ? "met" : "breached", tl.asOfMs);
  }
  const anchor = rc?.start ?? anchorTime(ctx, anchorName);
  const anchorMs = anchor.ms;
  if (anchorMs === null) {
    if (tl.closedAt !== null) {
      trace.add(step.closedBeforeAnchorStep, tl.closedAt, null, null, null);
      return settle(d, "not-applicable", tl.asOfMs);
    }
    if (waived(tl, cs, d, null)) return settle(d, "not-applicable", tl.asOfMs);
    trace.add(step.anchorPendingStep, null, null, null, null);
    return settle(d, "pending", tl.asOfMs);
  }
  if (rc?.restartMs != null && rc.restartMs === anchorMs) trace.add(restartStep, anchorMs, null, null, null);
  else trace.add(step.anchorStep, anchorMs, anchor.byClose, null, null);
  // S15: a recurring stage is judged cycle by cycle (_cycles.ts)
  if (cs.recur !== null) return judgeCycles(ctx, cs, t, anchorMs, d);
  // closing settles a stage still open whose anchor happened before the close by its own event
  if (doneMs === null && tl.closedAt !== null && !anchor.byClose) {
    doneMs = tl.closedAt;
    d.doneAtMs = doneMs;
    trace.add(step.closedStep, doneMs, null, null, null);
  }
  const cal = stageClock(c, t);
  const endMs = doneMs ?? tl.asOfMs;
  // a restart (S16) leaves the agreements recorded before it to the old target
  const cut = rc === null ? null : agreementsAfterRestart(rc, tl.agreements.get(cs.name) ?? []);
  const agreements = cut === null ? (tl.agreements.get(cs.name) ?? []) : cut.list;
  const superseded = cut === null ? null : cut.superseded;
  d.rejectedAgreements = superseded;
  for (const ag of agreements) {
    if (ag.dueMs < anchorMs) badEvent(`Event ${ag.i}: the agreed deadline ${iso(ag.dueMs)} of stage "${cs.name}" is before its anchor "${anchorName}" (${iso(anchorMs)}).`, ["events", ag.i, "dueAt"]);
  }
  let dueMs: number;
  let allowed: number;
  let pausedMs = 0;
  d.anchorAtMs = anchorMs;
  if (t.kind !== "agreed") {
    let computed: number;
    ({ dueMs: computed, allowed } = computedDue(t, cal, anchorMs, trace));
    dueMs = computed;
    // a pause stops the clock of the open stages its reason names (overdue ones too): the paused
    // open time moves the deadline and the warning later (docs/sla.md "Pauses")
    pausedMs = tl.pauses.length === 0 ? 0 : pausedBetween(cal, tl, cs.name, anchorMs, endMs, trace);
    if (pausedMs > 0) {
      dueMs = addBusinessTime(cal, dueMs, pausedMs).getTime();
      trace.add(step.pausedStep, pausedMs, dueMs, null, null);
    }
    if (agreements.length > 0) {
      const inForceAt = (ms: number): number => {
        const p = pausedBetween(cal, tl, cs.name, anchorMs, Math.min(endMs, ms), null);
        return p > 0 ? addBusinessTime(cal, computed, p).getTime() : computed;
      };
      const { accepted: ag, rejected } = judgeAgreements(c, agreements, doneMs, inForceAt, trace);
      d.rejectedAgreements = mergeRejected(superseded, rejected);
      if (ag !== undefined) {
        d.originalDueAt = new Date(dueMs);
        d.renegotiated = true;
        trace.add(step.renegotiatedStep, ag, dueMs, null, null);
        dueMs = ag.dueMs;
        pausedMs = 0;
        allowed = businessTimeBetween(cal, anchorMs, dueMs);
      }
    }
  } else {
    // S9: the deadline is agreed with the customer in advance (003 §6(3))
    const { accepted: ag, rejected } = judgeAgreements(c, agreements, doneMs, () => Number.POSITIVE_INFINITY, trace);
    d.rejectedAgreements = mergeRejected(superseded, rejected);
    if (ag === undefined) {
      if (doneMs === null) {
        if (waived(tl, cs, d, null)) return settle(d, "not-applicable", tl.asOfMs);
        trace.add(step.agreedOpenStep, null, null, null, null);
        return settle(d, "pending", tl.asOfMs);
      }
      trace.add(step.agreedMissingStep, doneMs, null, null, null);
      causeOf(tl, d);
      return settle(d, "breached", tl.asOfMs);
    }
    dueMs = ag.dueMs;
    allowed = businessTimeBetween(cal, anchorMs, dueMs);
    trace.add(step.agreedStep, ag, null, null, null);
  }
  const warnMs = judgeLevels(c, t, { cal, anchorMs, allowed, dueMs, pausedMs }, doneMs === null ? null : endMs, tl.asOfMs, d);
  const elapsedRaw = endMs > anchorMs ? businessTimeBetween(cal, anchorMs, endMs) - pausedMs : 0;
  const elapsed = elapsedRaw > 0 ? elapsedRaw : 0;
  d.dueAtMs = dueMs;
  d.warnAtMs = warnMs;
  d.allowedMs = allowed;
  d.elapsedMs = elapsed;
  d.remainingMs = allowed - elapsed;
  d.fractionUsed = allowed > 0 ? elapsed / allowed : null;
  d.pausedMs = pausedMs;
  if (coverage(cal).beyondData === "weekdays") {
    const assumed = firstAssumedDate(cal, anchorMs, Math.max(dueMs, endMs));
    if (assumed !== null) {
      d.provisional = true;
      trace.add(step.provisionalStep, assumed, null, null, null);
    }
  }
  if (waived(tl, cs, d, dueMs)) return settle(d, "not-applicable", tl.asOfMs);
  let status: StageStatus;
  if (doneMs !== null) {
    status = doneMs <= dueMs ? "met" : "breached";
    trace.add(step.doneStatusStep, doneMs, dueMs, null, null);
  } else {
    status = step.openStatus(tl.asOfMs, warnMs, dueMs);
    trace.add(step.openStatusStep, tl.asOfMs, warnMs, dueMs, null);
  }
  if (status === "breached" || status === "overdue") causeOf(tl, d);
  return settle(d, status, tl.asOfMs);
}
