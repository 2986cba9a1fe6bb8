/**
 * Facts that change mid-ticket (docs/rules.md S16; docs/sla.md "Facts that change mid-ticket"):
 * reading `reclassify` events, the facts in force at `asOf`, and per stage the row and start its
 * deadline runs from after the changes, as the policy's `reclassify` modes say. Private to `sla`.
 * @internal
 */
import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { CompiledPolicy, CompiledService, CompiledStage } from "./_compile.js";
import type { Combo } from "./_lookup.js";
import { lookupStage } from "./_lookup.js";
import { CREATED, DIMENSIONS, fact } from "./_references.js";
import { anchorTime, outsideWhen, type StageContext } from "./_stage.js";
import { iso } from "./_time.js";
import type { LazyTrace, TraceContext } from "./_trace.js";
import type { AgreedRead } from "./_events.js";
import type { Dimension, MatrixFacts, ReclassifyMode, RejectedAgreement, StageReclassification, Target, TicketFacts, TraceStep } from "./types.js";

/** A `reclassify` event as read: the dimensions it changes and their new values. */
export interface ReclassifyRead {
  /** Index of the event in `ticket.events`. */
  readonly i: number;
  /** `at` in epoch ms. */
  readonly ms: number;
  readonly type: "reclassify";
  readonly facts: Readonly<Combo>;
  readonly reason: string | undefined;
}

/** Strength of a mode when one event changes several dimensions: restart > retroactive > keep. */
const RANK: Readonly<Record<ReclassifyMode, number>> = { keep: 0, retroactive: 1, restart: 2 };

/** The `facts` of event `i`: dimensions only, values the policy declares (and the service allows). */
export function readFacts(c: CompiledPolicy, svc: CompiledService, ev: Record<string, unknown>, i: number): Combo {
  const facts = ev.facts;
  const path = ["events", i, "facts"];
  if (facts === null || typeof facts !== "object" || Array.isArray(facts) || Object.keys(facts).length === 0) {
    throw new SlaKitError("INVALID_EVENT", `Event ${i} (reclassify) needs "facts": the dimensions that change and their new values, e.g. { "urgency": "urgent" }.`, { path });
  }
  const out: Partial<Record<Dimension, string>> = {};
  for (const key of Object.keys(facts)) {
    const v: unknown = (facts as Record<string, unknown>)[key];
    if (!(DIMENSIONS as readonly string[]).includes(key)) {
      throw new SlaKitError("INVALID_EVENT", `Event ${i}: "${key}" is not a matrix dimension a reclassification may change (${DIMENSIONS.join(", ")}).`, { path: [...path, key] });
    }
    const d = key as Dimension;
    const allowed = svc.values[d] ?? c.dimSets[d];
    if (typeof v !== "string" || !allowed.has(v)) {
      const where = svc.values[d] ? `service "${svc.name}" allows` : `the policy "${c.policy.id}" declares`;
      throw new SlaKitError("UNKNOWN_VALUE", `Event ${i}: ${d} ${describe(v)} is not a value ${where} (${[...allowed].join(", ") || "none"}).`, { path: [...path, key] });
    }
    out[d] = v;
  }
  return out;
}

/** The ticket's matrix facts in force after the reclassifications (in time order). */
export function factsInForce(ticket: TicketFacts, events: readonly ReclassifyRead[]): MatrixFacts {
  const f: Record<Dimension, string | null> = { tier: fact(ticket.tier), urgency: fact(ticket.urgency), location: fact(ticket.location), channel: fact(ticket.channel) };
  for (const e of events) for (const d of DIMENSIONS) f[d] = e.facts[d] ?? f[d];
  return f;
}

/** The clock start a reclassification fixed: the change (restart) or the start the stage had (retroactive). */
export interface Start {
  readonly ms: number;
  /** The stage runs after the ticket was closed (anchored at a stage the close completed): the close does not settle it. */
  readonly byClose: boolean;
}

/** A reclassification that met a running stage whose row it changes. */
interface Change {
  readonly ev: ReclassifyRead;
  readonly mode: ReclassifyMode;
  readonly dim: Dimension;
  /** The dimension's value before the change (null: the ticket had none). */
  readonly was: string | null;
  readonly from: Target | null;
  readonly to: Target | null;
  /** Why the stage does not apply to the new facts, when `to` is null. */
  readonly toOut: string | null;
  /** The plan in force before the change. */
  readonly before: StagePlan;
}

/** What a stage's deadline runs on after the reclassifications known at `asOf`. */
export interface StagePlan {
  /** The row in force; null when the stage does not apply to the facts it uses (`out` says why). */
  readonly t: Target | null;
  readonly out: string | null;
  /** The clock start a reclassification fixed; null: the row's anchor. */
  readonly start: Start | null;
  /** The restart instant: agreements recorded before it belong to the old target. */
  readonly restartMs: number | null;
  /** The last change that met the stage running with another row. */
  readonly last: Change | null;
}

/** The row of the stage for some facts, or why it does not apply (`when`). */
function rowFor(ctx: StageContext, cs: CompiledStage, facts: Combo): { t: Target | null; out: string | null } {
  const out = outsideWhen(cs, facts);
  if (out !== null) return { t: null, out };
  return { t: lookupStage(ctx.c, ctx.svc, cs.name, { service: ctx.svc.name, stage: cs.name, ...facts }, []), out: null };
}

/** When the stage's clock started under `plan` (or `t` when the plan has no row), or null. */
function startOf(ctx: StageContext, plan: StagePlan, t: Target | null): Start | null {
  if (plan.start !== null) return plan.start;
  const row = plan.t ?? t;
  if (row === null) return null;
  const a = anchorTime(ctx, row.anchor ?? CREATED);
  return a.ms === null ? null : { ms: a.ms, byClose: a.byClose };
}

/** Was the stage decided (done, waived, resolved remotely, settled by the close) at or before `ms`? */
function decidedBy(ctx: StageContext, cs: CompiledStage, plan: StagePlan, ms: number): boolean {
  const { tl, svc } = ctx;
  if (svc.onsite && tl.remoteAt !== null && tl.remoteAt <= ms) return true;
  const done = tl.done.get(cs.name);
  if (done !== undefined && done.ms <= ms) return true;
  const waiver = tl.notApplicable.get(cs.name);
  if (waiver !== undefined && waiver.ms <= ms) return true;
  if (tl.closedAt === null || tl.closedAt > ms) return false;
  // the close completed the stage or it never started; only a stage anchored at a stage the close completed runs on
  const s = startOf(ctx, plan, null);
  return s === null || !s.byClose;
}

/** The mode the policy gives the changed dimensions the rows (or the stage's `when`) depend on; null when none does. */
function modeOf(c: CompiledPolicy, cs: CompiledStage, changed: readonly Dimension[], from: Target | null, to: Target | null): { mode: ReclassifyMode; dim: Dimension } | null {
  let best: { mode: ReclassifyMode; dim: Dimension } | null = null;
  for (const d of changed) {
    if (from?.[d] === undefined && to?.[d] === undefined && cs.when?.[d] === undefined) continue;
    const mode = c.policy.reclassify?.[d] ?? "keep";
    if (best === null || RANK[mode] > RANK[best.mode]) best = { mode, dim: d };
  }
  return best;
}

/**
 * The row and start of a stage after the reclassifications known at `asOf`, in time order: a
 * stage decided at or before a change keeps what it had; a stage not started yet takes the row of
 * the new facts; a running stage whose row changes responds as the mode says. One trace step per
 * change that found the stage running or decided.
 */
export function planStage(ctx: StageContext, cs: CompiledStage, trace: LazyTrace | null): StagePlan {
  const q = ctx.query;
  let facts: Combo = { tier: q.tier, urgency: q.urgency, location: q.location, channel: q.channel };
  let plan: StagePlan = { ...rowFor(ctx, cs, facts), start: null, restartMs: null, last: null };
  for (const ev of ctx.tl.reclassify) {
    const prev = facts;
    facts = { ...facts, ...ev.facts };
    const changed = DIMENSIONS.filter((d) => ev.facts[d] !== undefined && ev.facts[d] !== prev[d]);
    if (changed.length === 0) continue;
    if (decidedBy(ctx, cs, plan, ev.ms)) {
      trace?.add(decidedStep, ev, null, null, null);
      break;
    }
    const next = rowFor(ctx, cs, facts);
    if (next.t === plan.t) {
      plan = { ...plan, out: next.out };
      continue;
    }
    const started = startOf(ctx, plan, next.t);
    if (started === null || started.ms > ev.ms) {
      // not started yet: the stage simply uses the facts in force when it starts
      plan = { ...plan, t: next.t, out: next.out };
      continue;
    }
    const chosen = modeOf(ctx.c, cs, changed, plan.t, next.t);
    if (chosen === null) continue; // a row kept by an earlier change; this one changes nothing it depends on
    const last: Change = { ev, mode: chosen.mode, dim: chosen.dim, was: prev[chosen.dim] ?? null, from: plan.t, to: next.t, toOut: next.out, before: plan };
    trace?.add(changeStep, last, null, null, null);
    if (chosen.mode === "keep") plan = { ...plan, last };
    else if (chosen.mode === "retroactive") plan = { t: next.t, out: next.out, start: started, restartMs: plan.restartMs, last };
    else plan = { t: next.t, out: next.out, start: { ms: ev.ms, byClose: ctx.tl.closedAt !== null && ctx.tl.closedAt <= ev.ms }, restartMs: ev.ms, last };
  }
  return plan;
}

/**
 * The stage's agreements that still count under `plan`: a restart sets a new target from the
 * change, so agreements recorded before it are listed as rejected (with the reason) instead.
 */
export function agreementsAfterRestart(plan: StagePlan, list: readonly AgreedRead[]): { list: readonly AgreedRead[]; superseded: RejectedAgreement[] | null } {
  const r = plan.restartMs;
  if (r === null || list.length === 0 || list[0]!.ms >= r) return { list, superseded: null };
  const superseded = list
    .filter((ag) => ag.ms < r)
    .map((ag) => ({ event: ag.i, at: new Date(ag.ms), dueAt: new Date(ag.dueMs), consent: ag.consent, reason: `recorded at ${iso(ag.ms)}, before the reclassification at ${iso(r)} restarted the stage with a new target (docs/rules.md S16)` }));
  return { list: list.filter((ag) => ag.ms >= r), superseded };
}

/** Rejected agreements of both kinds, or null when none. */
export function mergeRejected(a: RejectedAgreement[] | null, b: RejectedAgreement[] | null): RejectedAgreement[] | null {
  return a === null ? b : b === null ? a : [...a, ...b];
}

/** `StageEvaluation.reclassified` of the plan's last change; `dueAtBeforeMs` from judging the stage under the plan before it. */
export function reclassifiedOf(plan: StagePlan, dueAtBeforeMs: number | null): StageReclassification | null {
  const ch = plan.last;
  if (ch === null) return null;
  return {
    at: new Date(ch.ev.ms),
    event: ch.ev.i,
    mode: ch.mode,
    dimension: ch.dim,
    fromRow: ch.from?.index ?? null,
    fromRowId: ch.from?.id ?? null,
    toRow: ch.to?.index ?? null,
    toRowId: ch.to?.id ?? null,
    dueAtBefore: dueAtBeforeMs === null ? null : new Date(dueAtBeforeMs),
  };
}

/** A row as trace text: index, id, clause, within. */
function rowText(t: Target | null, out: string | null): string {
  if (t === null) return out === null ? "no row" : `not applicable (${out})`;
  return `row ${t.index}${t.id ? ` (${t.id})` : ""}, ${t.sourceRef}, within ${JSON.stringify(t.within)}`;
}

const EFFECT: Readonly<Record<ReclassifyMode, string>> = {
  keep: "the running stage keeps its row",
  retroactive: "the new row's deadline runs from the stage's original start, with the time spent and the pauses taken",
  restart: "the new row's deadline runs from the change; the time before it is not counted",
};

function changeStep(tr: TraceContext, ch: Change): TraceStep {
  const to = ch.ev.facts[ch.dim];
  const rule = tr.c.policy.reclassify?.[ch.dim] === undefined ? `policy.reclassify names no mode for ${ch.dim}: "keep" by default` : `policy.reclassify.${ch.dim} is "${ch.mode}"`;
  return {
    step: "reclassify",
    detail: `reclassified at ${iso(ch.ev.ms)} (event ${ch.ev.i}${ch.ev.reason ? `: ${ch.ev.reason}` : ""}) while the stage ran: ${ch.dim} ${ch.was ?? "(none)"} -> ${to}; ${rowText(ch.from, ch.before.out)} -> ${rowText(ch.to, ch.toOut)}; ${rule}: ${EFFECT[ch.mode]} (docs/rules.md S16)`,
    value: ch.mode,
  };
}

function decidedStep(_: TraceContext, ev: ReclassifyRead): TraceStep {
  return { step: "reclassify", detail: `reclassified at ${iso(ev.ms)} (event ${ev.i}) after the stage was decided: it is not re-judged (docs/rules.md S16)`, value: null };
}

/** The trace step of a stage whose clock a restart moved to the change. */
export function restartStep(_: TraceContext, ms: number): TraceStep {
  return { step: "anchor", detail: `restarted by the reclassification at ${iso(ms)}: the clock runs from then (docs/rules.md S16)`, value: iso(ms) };
}
