/**
 * Evaluating one stage of a ticket against its target row and the ticket's timeline. Private to `sla`.
 * @internal
 */
import { addBusinessDays, addBusinessTime, alwaysOpen, businessTimeBetween, coverage, firstAssumedDate, type Calendar } from "../calendar/index.js";
import { isSlaKitError, type SlaKitError } from "../errors.js";
import { localDateOf } from "../_lib/zone.js";
import type { CompiledPolicy, CompiledService, CompiledStage } from "./_compile.js";
import { badEvent, iso } from "./_events.js";
import { clockOf, lookupStage } from "./_lookup.js";
import { CREATED, DIMENSIONS } from "./_references.js";
import type { AgreedRead } from "./_events.js";
import type { Timeline } from "./_timeline.js";
import { levelDetail, placeLevels, type CompiledLevel, type LevelBasis } from "./_levels.js";
import type { LevelAt, RejectedAgreement, StageEvaluation, StageStatus, Target, TicketFacts, TraceStep } from "./types.js";

let utcClock: Calendar | undefined;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** The numbers of a stage evaluation, without its status and trace. */
type StageNumbers = Omit<Mutable<StageEvaluation>, "status" | "trace">;

/**
 * " (W1, 003 §8(1))"-style label for a trace text: the rule ID only when the policy cites the
 * built-in regulations, the 003 clause only when it cites document 003; "" for a user's own policy.
 */
export function cite(c: CompiledPolicy, rule: string | null, clause003: string | null): string {
  const parts = [c.labels.rules ? rule : null, c.labels.doc003 ? clause003 : null].filter((x): x is string => x !== null);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** What every stage of one evaluation shares. */
export interface StageContext {
  readonly c: CompiledPolicy;
  readonly svc: CompiledService;
  readonly facts: TicketFacts;
  readonly tl: Timeline;
}

function emptyNumbers(stage: string, doneMs: number | null): StageNumbers {
  return {
    stage,
    anchorAt: null,
    dueAt: null,
    warnAt: null,
    doneAt: doneMs === null ? null : new Date(doneMs),
    allowedMs: null,
    elapsedMs: null,
    remainingMs: null,
    fractionUsed: null,
    pausedMs: 0,
    levelsReached: [],
    nextLevel: null,
  };
}

/** A stage restricted by `when` to dimension values the ticket does not have: the reason, or null. */
function outsideWhen(cs: CompiledStage, facts: TicketFacts): string | null {
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
function pausedBetween(cal: Calendar, tl: Timeline, stage: string, from: number, to: number, steps: TraceStep[] | null): number {
  let pausedMs = 0;
  for (const span of tl.pauses) {
    if (!span.rule.stops.includes(stage)) continue;
    const s = span.from > from ? span.from : from;
    const e = span.to < to ? span.to : to;
    if (e <= s) continue;
    let p = businessTimeBetween(cal, s, e);
    if (p <= 0) continue;
    const cap = span.rule.maxMs;
    const capped = cap !== undefined && p > cap;
    if (capped) p = cap;
    pausedMs += p;
    steps?.push({ step: "pause", detail: `paused (${span.reason}) ${iso(s)} to ${iso(e)}: ${p} ms of open time${capped ? ` (capped at maxMs ${cap})` : ""}`, value: p });
  }
  return pausedMs;
}

/** Deadline of a duration or business-day row from `anchorMs`, with the trace step. */
function computedDue(c: CompiledPolicy, t: Target & { kind: "duration" | "businessDays" }, cal: Calendar, anchorMs: number, steps: TraceStep[]): { dueMs: number; allowed: number } {
  if (t.kind === "duration") {
    const dueMs = addBusinessTime(cal, anchorMs, t.withinMs).getTime();
    steps.push({ step: "due", detail: `${iso(anchorMs)} + ${t.withinMs} ms on ${t.clock ?? "UTC"} = ${iso(dueMs)}`, value: iso(dueMs) });
    return { dueMs, allowed: t.withinMs };
  }
  const n = t.within.businessDays;
  const dueMs = addBusinessDays(cal, anchorMs, n).getTime();
  const allowed = businessTimeBetween(cal, anchorMs, dueMs);
  steps.push({ step: "due", detail: `close of business of business day ${n} after ${localDateOf(cal.timeZone, anchorMs)} on ${t.clock ?? ""} = ${iso(dueMs)} (start day not counted${cite(c, "docs/rules.md T2", null)}); allowed ${allowed} ms of open time`, value: iso(dueMs) });
  return { dueMs, allowed };
}

/**
 * Agreements of a stage in time order (W2, S9; 003 §6(3), §8(2)): one counts only when recorded
 * while the stage is open, at or before the deadline in force at that moment, with `dueAt` after
 * `at`. Returns the last one that counts and the rejected ones with their reasons.
 */
function judgeAgreements(
  c: CompiledPolicy,
  list: readonly AgreedRead[],
  doneMs: number | null,
  inForceAt: (ms: number) => number,
  steps: TraceStep[],
): { accepted: AgreedRead | undefined; rejected: RejectedAgreement[] } {
  let accepted: AgreedRead | undefined;
  const rejected: RejectedAgreement[] = [];
  for (const ag of list) {
    const inForce = accepted === undefined ? inForceAt(ag.ms) : accepted.dueMs;
    let reason: string | null = null;
    if (ag.dueMs <= ag.ms) reason = `the agreed deadline ${iso(ag.dueMs)} is not after the agreement (${iso(ag.ms)}): a backdated agreement cannot rewrite the past`;
    else if (doneMs !== null && ag.ms >= doneMs) reason = `recorded at ${iso(ag.ms)}, after the stage was done (${iso(doneMs)}): limits are agreed in advance${cite(c, null, "003 §6(3)")}`;
    else if (ag.ms > inForce) reason = `recorded at ${iso(ag.ms)}, after the deadline in force (${iso(inForce)}) had passed: a new limit is agreed at once when the delay is known${cite(c, null, "003 §8(2)")}`;
    if (reason === null) {
      accepted = ag;
      continue;
    }
    rejected.push({ event: ag.i, at: new Date(ag.ms), dueAt: new Date(ag.dueMs), consent: ag.consent, reason });
    steps.push({ step: "agreement-rejected", detail: `agreement of event ${ag.i} changes nothing: ${reason}`, value: ag.i });
  }
  return { accepted, rejected };
}

/** W3 (003 §9): the cause recorded for a missed stage, or `needsCause`. */
function causeOf(c: CompiledPolicy, tl: Timeline, stage: string, steps: TraceStep[]): Pick<StageNumbers, "cause" | "needsCause"> {
  const ev = tl.causes.find((e) => e.stage === stage) ?? tl.causes.find((e) => e.stage === undefined);
  if (ev === undefined) {
    steps.push({ step: "cause", detail: `missed with no cause analysis and remedy recorded${cite(c, "W3", "003 §9")}: record a cause event` });
    return { needsCause: true };
  }
  steps.push({ step: "cause", detail: `cause recorded at ${iso(ev.ms)}${ev.objective ? " (objective)" : ""}: ${ev.cause}; remedy: ${ev.remedy}${cite(c, "W3", "003 §9")}` });
  return { cause: { at: new Date(ev.ms), cause: ev.cause, remedy: ev.remedy, objective: ev.objective, event: ev.i } };
}

/**
 * The stage's warning and escalation levels (the row's `warnAt`, else the policy's) on its clock:
 * the instant status `warning` starts (the earliest level at or before the deadline; null when
 * none), the levels reached by `endMs` (done time, or `asOf` for an open stage: `doneMs` null)
 * and the next one an open stage will reach.
 */
function judgeLevels(c: CompiledPolicy, t: Target, b: LevelBasis, doneMs: number | null, asOfMs: number, steps: TraceStep[]): { warnMs: number | null; reached: LevelAt[]; next: LevelAt | null } {
  const levels = c.rowLevels.get(t.index) ?? c.levels;
  const placed = placeLevels(levels, b);
  let warnMs: number | null = null;
  const endMs = doneMs ?? asOfMs;
  const reached: LevelAt[] = [];
  let next: LevelAt | null = null;
  for (const p of placed) {
    const l = levels[p.i] as CompiledLevel;
    if (l.warns && warnMs === null) warnMs = p.ms;
    if (p.ms <= endMs) reached.push({ level: l.name, at: new Date(p.ms) });
    else if (doneMs === null && next === null) next = { level: l.name, at: new Date(p.ms) };
    const single = levels.length === 1 && l.name === "warn" && l.kind === "fraction";
    steps.push({ step: single ? "warn" : "level", detail: `${levelDetail(l, b, p.ms)}${single ? cite(c, "W1", null) : ""}`, value: iso(p.ms) });
  }
  return { warnMs, reached, next };
}

/** When the stage's anchor happened, as known at `asOf` (a stage the close completes counts as done then). */
function anchorTime(ctx: StageContext, anchorName: string): { ms: number | null; byClose: boolean } {
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
  const steps: TraceStep[] = [];
  try {
    return judgeStage(ctx, cs, steps);
  } catch (e) {
    if (!isSlaKitError(e) || !STAGE_ERRORS.has(e.code)) throw e;
    const { c, svc, facts } = ctx;
    const t = lookupStage(c, svc, cs.name, { service: svc.name, stage: cs.name, tier: facts.tier, urgency: facts.urgency, location: facts.location, channel: facts.channel }, []);
    const message = stageErrorMessage(svc.name, cs.name, t, e);
    steps.push({ step: "unknown", detail: message, value: e.code });
    return {
      ...emptyNumbers(cs.name, ctx.tl.done.get(cs.name)?.ms ?? null),
      status: "unknown",
      error: { code: e.code, message },
      trace: { row: t.index, rowId: t.id ?? null, sourceRef: t.sourceRef, within: t.within, clock: t.clock ?? null, anchor: t.anchor ?? CREATED, steps },
    };
  }
}

/** A calendar error re-told for a stage: which stage, row and clock needed which date. */
export function stageErrorMessage(service: string, stage: string, t: Target, e: SlaKitError): string {
  const d = e.details as { needed?: unknown; calendar?: unknown } | undefined;
  const needs = typeof d?.needed === "string" ? `, it needs the local date ${d.needed}${typeof d.calendar === "string" ? ` of calendar "${d.calendar}"` : ""}` : "";
  return `The deadline of ${service}/${stage} (row ${t.id ?? t.index}, ${t.sourceRef}, within ${JSON.stringify(t.within)} on clock "${t.clock ?? "UTC"}") cannot be computed${needs}: ${e.message}`;
}

function judgeStage(ctx: StageContext, cs: CompiledStage, steps: TraceStep[]): StageEvaluation {
  const { c, svc, facts, tl } = ctx;
  const done = tl.done.get(cs.name);
  let doneMs = done ? done.ms : null;
  const base = emptyNumbers(cs.name, doneMs);
  // stage restricted to some dimension values ("when")
  const out = outsideWhen(cs, facts);
  if (out !== null) {
    return { ...base, status: "not-applicable", trace: { row: null, rowId: null, sourceRef: null, within: null, clock: null, anchor: CREATED, steps: [{ step: "not-applicable", detail: `stage "${cs.name}" does not apply to ${out}` }] } };
  }
  const q = { service: svc.name, stage: cs.name, tier: facts.tier, urgency: facts.urgency, location: facts.location, channel: facts.channel };
  const t = lookupStage(c, svc, cs.name, q, []);
  const anchorName = t.anchor ?? CREATED;
  const result = (status: StageStatus, extra?: Partial<StageNumbers>): StageEvaluation => ({
    ...base,
    ...extra,
    status,
    trace: { row: t.index, rowId: t.id ?? null, sourceRef: t.sourceRef, within: t.within, clock: t.clock ?? null, anchor: anchorName, steps },
  });
  steps.push({ step: "target", detail: `row ${t.index}${t.id ? ` (${t.id})` : ""}, ${t.sourceRef}: within ${JSON.stringify(t.within)}${t.clock ? ` on clock ${t.clock}` : ""}`, value: t.index });
  // a stage is done only after its anchor (checked on all events, whatever asOf)
  const done0 = tl.doneAll.get(cs.name);
  if (anchorName !== CREATED && done0 !== undefined) {
    const a0 = tl.doneAll.get(anchorName)?.ms ?? (tl.closedAt !== null && svc.byName.has(anchorName) ? tl.closedAt : undefined);
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
    steps.push({ step: "remote-resolved", detail: `resolved remotely at ${iso(tl.remoteAt)}: on-site stages do not apply${cite(c, "S6", "003 §6(2)")}${doneMs === null ? "" : `; the stage was done at ${iso(doneMs)}`}` });
    return result("not-applicable");
  }
  const waiver = tl.notApplicable.get(cs.name);
  /** A not-applicable event counts when recorded while the stage is open and not past `dueMs`. */
  const waived = (dueMs: number | null): boolean => {
    if (waiver === undefined) return false;
    const by = cs.notApplicable?.sourceRef ?? "";
    if ((doneMs === null || waiver.ms < doneMs) && (dueMs === null || waiver.ms <= dueMs)) {
      steps.push({ step: "not-applicable", detail: `recorded not needed at ${iso(waiver.ms)}: ${waiver.reason} (${by})`, value: waiver.i });
      return true;
    }
    steps.push({ step: "not-applicable-rejected", detail: `event ${waiver.i} (not needed: ${waiver.reason}) changes nothing: recorded at ${iso(waiver.ms)}, ${doneMs !== null && waiver.ms >= doneMs ? "after the stage was done" : "after its deadline had passed"}`, value: waiver.i });
    return false;
  };
  if (t.kind === "rings") {
    if (done?.rings === undefined) {
      waived(null);
      steps.push({ step: "rings", detail: done ? "done event carries no rings count: cannot be judged" : "no answered call recorded" });
      return result("not-applicable");
    }
    steps.push({ step: "rings", detail: `answered after ${done.rings} rings, limit ${t.within.rings}`, value: done.rings });
    return result(done.rings <= t.within.rings ? "met" : "breached");
  }
  const anchor = anchorTime(ctx, anchorName);
  const anchorMs = anchor.ms;
  if (anchorMs === null) {
    if (tl.closedAt !== null) {
      steps.push({ step: "closed", detail: `the ticket was closed at ${iso(tl.closedAt)} before anchor "${anchorName}" happened: the stage never started` });
      return result("not-applicable");
    }
    if (waived(null)) return result("not-applicable");
    steps.push({ step: "anchor", detail: `anchor "${anchorName}" has not happened yet: the deadline is not running` });
    return result("pending");
  }
  steps.push({ step: "anchor", detail: `${anchorName} at ${iso(anchorMs)}${anchor.byClose ? " (completed by the close)" : ""}`, value: iso(anchorMs) });
  // closing settles a stage still open whose anchor happened before the close by its own event
  if (doneMs === null && tl.closedAt !== null && !anchor.byClose) {
    doneMs = tl.closedAt;
    base.doneAt = new Date(doneMs);
    steps.push({ step: "closed", detail: `the ticket was closed at ${iso(doneMs)} with this stage open: it counts as completed then (docs/sla.md "Closing a ticket")`, value: iso(doneMs) });
  }
  const cal = clockOf(c, t) ?? (utcClock ??= alwaysOpen("UTC"));
  const endMs = doneMs ?? tl.asOfMs;
  const agreements = tl.agreements.get(cs.name) ?? [];
  for (const ag of agreements) {
    if (ag.dueMs < anchorMs) badEvent(`Event ${ag.i}: the agreed deadline ${iso(ag.dueMs)} of stage "${cs.name}" is before its anchor "${anchorName}" (${iso(anchorMs)}).`, ["events", ag.i, "dueAt"]);
  }
  let dueMs: number;
  let allowed: number;
  let pausedMs = 0;
  const extra: Partial<StageNumbers> = { anchorAt: new Date(anchorMs) };
  if (t.kind !== "agreed") {
    let computed: number;
    ({ dueMs: computed, allowed } = computedDue(c, t, cal, anchorMs, steps));
    dueMs = computed;
    // a pause stops the clock of the open stages its reason names (overdue ones too): the paused
    // open time moves the deadline and the warning later (docs/sla.md "Pauses")
    pausedMs = pausedBetween(cal, tl, cs.name, anchorMs, endMs, steps);
    if (pausedMs > 0) {
      dueMs = addBusinessTime(cal, dueMs, pausedMs).getTime();
      steps.push({ step: "paused", detail: `${pausedMs} ms paused in all: due moves to ${iso(dueMs)}, the warning levels with it`, value: pausedMs });
    }
    const inForceAt = (ms: number): number => {
      const p = pausedBetween(cal, tl, cs.name, anchorMs, Math.min(endMs, ms), null);
      return p > 0 ? addBusinessTime(cal, computed, p).getTime() : computed;
    };
    const { accepted: ag, rejected } = judgeAgreements(c, agreements, doneMs, inForceAt, steps);
    if (rejected.length) extra.rejectedAgreements = rejected;
    if (ag !== undefined) {
      extra.originalDueAt = new Date(dueMs);
      extra.renegotiated = true;
      steps.push({ step: "agreed-deadline", detail: `deadline renegotiated with consent at ${iso(ag.ms)}: ${iso(ag.dueMs)} replaces ${iso(dueMs)}${cite(c, "W2", "003 §8(2)")}`, value: iso(ag.dueMs) });
      dueMs = ag.dueMs;
      pausedMs = 0;
      allowed = businessTimeBetween(cal, anchorMs, dueMs);
    }
  } else {
    // S9: the deadline is agreed with the customer in advance (003 §6(3))
    const { accepted: ag, rejected } = judgeAgreements(c, agreements, doneMs, () => Number.POSITIVE_INFINITY, steps);
    if (rejected.length) extra.rejectedAgreements = rejected;
    if (ag === undefined) {
      if (doneMs === null) {
        if (waived(null)) return result("not-applicable", extra);
        steps.push({ step: "agreed", detail: `no fixed limit: the deadline must be agreed with the customer in advance and recorded as an agreed-deadline event${cite(c, "S9", "003 §6(3)")}` });
        return result("pending", extra);
      }
      steps.push({ step: "agreed", detail: `done at ${iso(doneMs)} with no deadline agreed with the customer before completion: breached, the limit is agreed in advance${cite(c, "S9", "003 §6(3)")}` });
      return result("breached", { ...extra, ...causeOf(c, tl, cs.name, steps) });
    }
    dueMs = ag.dueMs;
    allowed = businessTimeBetween(cal, anchorMs, dueMs);
    steps.push({ step: "agreed-deadline", detail: `deadline agreed with the customer at ${iso(ag.ms)}: ${iso(dueMs)}${cite(c, "S9", "003 §6(3)")}`, value: iso(dueMs) });
  }
  const lv = judgeLevels(c, t, { cal, anchorMs, allowed, dueMs, pausedMs }, doneMs === null ? null : endMs, tl.asOfMs, steps);
  const warnMs = lv.warnMs;
  const elapsedRaw = endMs > anchorMs ? businessTimeBetween(cal, anchorMs, endMs) - pausedMs : 0;
  const elapsed = elapsedRaw > 0 ? elapsedRaw : 0;
  Object.assign(extra, {
    dueAt: new Date(dueMs),
    warnAt: warnMs === null ? null : new Date(warnMs),
    levelsReached: lv.reached,
    nextLevel: lv.next,
    allowedMs: allowed,
    elapsedMs: elapsed,
    remainingMs: allowed - elapsed,
    fractionUsed: allowed > 0 ? elapsed / allowed : null,
    pausedMs,
  });
  if (coverage(cal).beyondData === "weekdays") {
    const assumed = firstAssumedDate(cal, anchorMs, Math.max(dueMs, endMs));
    if (assumed !== null) {
      extra.provisional = true;
      steps.push({ step: "provisional", detail: `clock "${t.clock ?? "UTC"}" has no holiday data from ${assumed} on: that date and later ones were taken as plain weekdays (beyondData "weekdays"); add the year's data to make this final`, value: assumed });
    }
  }
  if (waived(dueMs)) return result("not-applicable", extra);
  let status: StageStatus;
  if (doneMs !== null) status = doneMs <= dueMs ? "met" : "breached";
  else if (tl.asOfMs > dueMs) status = "overdue";
  else if (warnMs !== null && tl.asOfMs >= warnMs) status = "warning";
  else status = "pending";
  steps.push({
    step: "status",
    detail: doneMs !== null ? `done ${iso(doneMs)} ${status === "met" ? "<=" : ">"} due ${iso(dueMs)}` : `asOf ${iso(tl.asOfMs)}: warn ${warnMs === null ? "none" : iso(warnMs)}, due ${iso(dueMs)} -> ${status}`,
    value: status,
  });
  if (status === "breached" || status === "overdue") Object.assign(extra, causeOf(c, tl, cs.name, steps));
  return result(status, extra);
}
