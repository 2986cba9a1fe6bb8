/**
 * Evaluating one stage of a ticket against its target row and the ticket's timeline. Private to `sla`.
 * @internal
 */
import { addBusinessDays, addBusinessTime, alwaysOpen, businessTimeBetween, type Calendar } from "../calendar/index.js";
import { localDateOf } from "../_lib/zone.js";
import type { CompiledPolicy, CompiledService, CompiledStage } from "./_compile.js";
import { badEvent, iso } from "./_events.js";
import { clockOf, lookupStage } from "./_lookup.js";
import { CREATED, DIMENSIONS } from "./_references.js";
import type { Timeline } from "./_timeline.js";
import type { StageEvaluation, StageStatus, Target, TicketFacts, TraceStep } from "./types.js";

let utcClock: Calendar | undefined;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** The numbers of a stage evaluation, without its status and trace. */
type StageNumbers = Omit<Mutable<StageEvaluation>, "status" | "trace">;

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

/** Open time of the clock during which the ticket was paused, between `from` and `to`. */
function pausedBetween(cal: Calendar, tl: Timeline, from: number, to: number, steps: TraceStep[]): number {
  let pausedMs = 0;
  for (const [ps, pe] of tl.pauses) {
    const s = ps > from ? ps : from;
    const e = pe < to ? pe : to;
    if (e <= s) continue;
    const p = businessTimeBetween(cal, s, e);
    if (p <= 0) continue;
    pausedMs += p;
    steps.push({ step: "pause", detail: `paused ${iso(s)} to ${iso(e)}: ${p} ms of open time`, value: p });
  }
  return pausedMs;
}

/** Deadline of a duration or business-day row from `anchorMs`, with the trace step. */
function computedDue(t: Target & { kind: "duration" | "businessDays" }, cal: Calendar, anchorMs: number, steps: TraceStep[]): { dueMs: number; allowed: number } {
  if (t.kind === "duration") {
    const dueMs = addBusinessTime(cal, anchorMs, t.withinMs).getTime();
    steps.push({ step: "due", detail: `${iso(anchorMs)} + ${t.withinMs} ms on ${t.clock ?? "UTC"} = ${iso(dueMs)}`, value: iso(dueMs) });
    return { dueMs, allowed: t.withinMs };
  }
  const n = t.within.businessDays;
  const dueMs = addBusinessDays(cal, anchorMs, n).getTime();
  const allowed = businessTimeBetween(cal, anchorMs, dueMs);
  steps.push({ step: "due", detail: `close of business of business day ${n} after ${localDateOf(cal.timeZone, anchorMs)} on ${t.clock ?? ""} = ${iso(dueMs)} (start day not counted, docs/rules.md T2); allowed ${allowed} ms of open time`, value: iso(dueMs) });
  return { dueMs, allowed };
}

/** Evaluates one stage of the ticket. */
export function evaluateStage(ctx: StageContext, cs: CompiledStage): StageEvaluation {
  const { c, svc, facts, tl } = ctx;
  const steps: TraceStep[] = [];
  const done = tl.done.get(cs.name);
  const doneMs = done ? done.ms : null;
  const base = emptyNumbers(cs.name, doneMs);
  // stage restricted to some dimension values ("when")
  const out = outsideWhen(cs, facts);
  if (out !== null) {
    return { ...base, status: "not-applicable", trace: { row: null, rowId: null, sourceRef: null, within: null, clock: null, anchor: CREATED, steps: [{ step: "not-applicable", detail: `stage "${cs.name}" does not apply to ${out}` }] } };
  }
  const q = { service: svc.name, stage: cs.name, tier: facts.tier, urgency: facts.urgency, location: facts.location };
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
    const a0 = tl.doneAll.get(anchorName);
    if (a0 === undefined || done0.ms < a0.ms) {
      badEvent(
        `Stage "${cs.name}" is done (${iso(done0.ms)}) ${a0 === undefined ? "but its anchor" : "before its anchor"} "${anchorName}" ${a0 === undefined ? "is never done" : `(${iso(a0.ms)})`}; record the anchor's done event first.`,
        ["events", done0.i, "at"],
      );
    }
  }
  // S6: remote-resolved makes every stage of an on-site ticket not-applicable, a stage already
  // done included; its done time stays in the trace
  if (svc.onsite && tl.remoteAt !== null) {
    steps.push({ step: "remote-resolved", detail: `resolved remotely at ${iso(tl.remoteAt)}: on-site stages do not apply (003 §6(2))${doneMs === null ? "" : `; the stage was done at ${iso(doneMs)}`}` });
    return result("not-applicable");
  }
  if (t.kind === "rings") {
    if (done?.rings === undefined) {
      steps.push({ step: "rings", detail: done ? "done event carries no rings count: cannot be judged" : "no answered call recorded" });
      return result("not-applicable");
    }
    steps.push({ step: "rings", detail: `answered after ${done.rings} rings, limit ${t.within.rings}`, value: done.rings });
    return result(done.rings <= t.within.rings ? "met" : "breached");
  }
  const anchorMs = anchorName === CREATED ? tl.createdMs : (tl.done.get(anchorName)?.ms ?? null);
  if (anchorMs === null) {
    steps.push({ step: "anchor", detail: `anchor "${anchorName}" has not happened yet: the deadline is not running` });
    return result("pending");
  }
  steps.push({ step: "anchor", detail: `${anchorName} at ${iso(anchorMs)}`, value: iso(anchorMs) });
  const cal = clockOf(c, t) ?? (utcClock ??= alwaysOpen("UTC"));
  const endMs = doneMs ?? tl.asOfMs;
  const ag = tl.agreed.get(cs.name);
  if (t.kind === "agreed" && ag === undefined) {
    steps.push({ step: "agreed", detail: "no fixed limit: the deadline must be agreed with the customer in advance and recorded as an agreed-deadline event (003 §6(3))" });
    return result(doneMs === null ? "pending" : "not-applicable", { anchorAt: new Date(anchorMs) });
  }
  if (ag !== undefined && ag.dueMs < anchorMs) {
    badEvent(`Event ${ag.i}: the agreed deadline ${iso(ag.dueMs)} of stage "${cs.name}" is before its anchor "${anchorName}" (${iso(anchorMs)}).`, ["events", ag.i, "dueAt"]);
  }
  let dueMs: number;
  let warnMs: number;
  let allowed: number;
  let pausedMs = 0;
  let originalDueAt: Date | undefined;
  if (t.kind !== "agreed") {
    ({ dueMs, allowed } = computedDue(t, cal, anchorMs, steps));
    warnMs = addBusinessTime(cal, anchorMs, Math.round(c.warnAt * allowed)).getTime();
    steps.push({ step: "warn", detail: `${iso(anchorMs)} + ${c.warnAt} x ${allowed} ms = ${iso(warnMs)} (W1)`, value: iso(warnMs) });
    // pauses stop the clock of every open stage (anchored, not done; overdue included): the
    // paused open time moves the deadline and the warning later (docs/sla.md)
    pausedMs = pausedBetween(cal, tl, anchorMs, endMs, steps);
    if (pausedMs > 0) {
      warnMs = addBusinessTime(cal, warnMs, pausedMs).getTime();
      dueMs = addBusinessTime(cal, dueMs, pausedMs).getTime();
      steps.push({ step: "paused", detail: `${pausedMs} ms paused in all: warning moves to ${iso(warnMs)}, due to ${iso(dueMs)}`, value: pausedMs });
    }
    if (ag !== undefined) {
      originalDueAt = new Date(dueMs);
      dueMs = ag.dueMs;
      pausedMs = 0;
      allowed = businessTimeBetween(cal, anchorMs, dueMs);
      warnMs = addBusinessTime(cal, anchorMs, Math.max(0, Math.round(c.warnAt * allowed))).getTime();
      steps.push({ step: "agreed-deadline", detail: `deadline renegotiated with consent at ${iso(ag.ms)}: ${iso(dueMs)} replaces ${iso(originalDueAt.getTime())} (W2, 003 §8(2))`, value: iso(dueMs) });
    }
  } else {
    // agreed row with an agreed-deadline event (S9)
    const a = ag as NonNullable<typeof ag>;
    dueMs = a.dueMs;
    allowed = businessTimeBetween(cal, anchorMs, dueMs);
    warnMs = addBusinessTime(cal, anchorMs, Math.max(0, Math.round(c.warnAt * allowed))).getTime();
    steps.push({ step: "agreed-deadline", detail: `deadline agreed with the customer at ${iso(a.ms)}: ${iso(dueMs)} (003 §6(3))`, value: iso(dueMs) });
  }
  const elapsedRaw = endMs > anchorMs ? businessTimeBetween(cal, anchorMs, endMs) - pausedMs : 0;
  const elapsed = elapsedRaw > 0 ? elapsedRaw : 0;
  let status: StageStatus;
  if (doneMs !== null) status = doneMs <= dueMs ? "met" : "breached";
  else if (tl.asOfMs > dueMs) status = "overdue";
  else if (tl.asOfMs >= warnMs) status = "warning";
  else status = "pending";
  steps.push({
    step: "status",
    detail: doneMs !== null ? `done ${iso(doneMs)} ${status === "met" ? "<=" : ">"} due ${iso(dueMs)}` : `asOf ${iso(tl.asOfMs)}: warn ${iso(warnMs)}, due ${iso(dueMs)} -> ${status}`,
    value: status,
  });
  const extra: Partial<StageNumbers> = {
    anchorAt: new Date(anchorMs),
    dueAt: new Date(dueMs),
    warnAt: new Date(warnMs),
    allowedMs: allowed,
    elapsedMs: elapsed,
    remainingMs: allowed - elapsed,
    fractionUsed: allowed > 0 ? elapsed / allowed : null,
    pausedMs,
  };
  if (originalDueAt !== undefined) extra.originalDueAt = originalDueAt;
  return result(status, extra);
}
