import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { localDateOf, localDayNumber } from "../_lib/zone.js";
import { getCompiled, type CompiledPolicy, type CompiledService, type EffectiveBound } from "./_compile.js";
import { fastEvaluate, fastPath } from "./_fast.js";
import { KIND_TYPES, planFor, type Ev, type Facts } from "./_plan.js";
import { fact, ticketFrom } from "./_references.js";
import type { TraceSource } from "./_trace.js";
import { EVENT_READS, iso, READS_CAUSE, READS_CONSENT, READS_DUE, READS_REASON, READS_RINGS, READS_STAGE, readEvents } from "./_events.js";
import { factsInForce } from "./_reclassify.js";
import { evaluateStage } from "./_stage.js";
import { buildTimeline } from "./_timeline.js";
import { argumentMs } from "./_time.js";
import type { EvaluateTicketOptions, Policy, StageEvaluation, TicketEvaluation, TicketInput, TraceStep } from "./types.js";

/** The stages named by `options.stages` (each a stage of some service), or null for all. */
function stageFilter(known: ReadonlySet<string>, names: unknown): Set<string> | null {
  if (names === undefined) return null;
  if (!Array.isArray(names)) throw new SlaKitError("INVALID_ARGUMENT", "options.stages must be an array of stage names (leave it out to evaluate every stage).", { path: ["stages"] });
  names.forEach((n: unknown, i) => {
    if (typeof n !== "string" || !known.has(n)) {
      throw new SlaKitError("INVALID_ARGUMENT", `options.stages[${i}] ${describe(n)} is not a stage of the policy (${[...known].join(", ")}).`, { path: ["stages", i] });
    }
  });
  return new Set(names as string[]);
}

/** Is `createdMs` within one of the policy's effective bounds (`null`: open)? */
export function checkBound(b: EffectiveBound | null, createdMs: number, tz: string, isFrom: boolean): boolean {
  if (b === null) return true;
  if ("date" in b) {
    if (b.day === b.day) {
      const d = localDayNumber(tz, createdMs);
      return isFrom ? d >= b.day : d <= b.day;
    }
    const d = localDateOf(tz, createdMs);
    return isFrom ? d >= b.date : d <= b.date;
  }
  return isFrom ? createdMs >= b.ms : createdMs < b.ms;
}

/**
 * Evaluates every stage of a ticket at `asOf` against a policy (docs/rules.md S1-S14, W1-W3; the
 * readings are in docs/sla.md). Events after `asOf` are ignored. Per stage: deadline (inclusive),
 * warning time, status, allowed / elapsed / remaining time on the stage's own clock, paused time,
 * the wall-clock ms from `asOf` to its warning and deadline (`msUntilWarn`, `msUntilDue`: for
 * timers; `remainingMs` is business time), and a trace (row, sourceRef, clock, anchor, arithmetic)
 * whose steps are rendered when first read (`trace: false`: none recorded). Every result has every
 * field (`null`/`false` where absent); instants come as Dates and as epoch ms (`dueAtMs`, ...).
 *
 * Statuses: done at or before `dueAt` is `met`, after it `breached`; open stages are `pending`
 * before `warnAt`, `warning` from `warnAt` up to and including `dueAt`, `overdue` after it; a
 * stage whose anchor has not happened is `pending` with `dueAt: null`; `not-applicable` by the
 * stage's `when`, a permitted `not-applicable` event, or `remote-resolved` on an on-site ticket;
 * `unknown` (with `error`, listed in `unknownStages`) when the stage's calendar cannot answer for
 * the dates needed, while the other stages are still evaluated. A pause with a reason the policy
 * declares stops the stages it names; a consented `agreed-deadline` made in time replaces the
 * deadline (`originalDueAt`, `renegotiated`), a late one is listed in `rejectedAgreements`; a
 * `closed` event completes open stages, and a `reopened` event after it runs them again (S17: the
 * time spent resolved paused or counted per the policy's `reopen`, the earlier outcomes in
 * `reopenings`); missed stages carry `cause` or `needsCause` (W3); stages
 * that used dates after the calendar data (`beyondData: "weekdays"`) are `provisional`.
 * With `stages`, only the named stages are evaluated (the others are left out of the result: for
 * data that does not track them, e.g. `trackedStages` from `ticketsFromRows`).
 *
 * @throws SlaKitError `INVALID_EVENT` (event before creation, resume without pause, pause while
 *   paused, stage done twice, unknown stage, stage done before its anchor or without it, agreed
 *   deadline before the anchor, an ISO date that does not exist, a pause reason the policy does not
 *   declare, a `not-applicable` event the stage does not allow, a ticket closed twice with no `reopened`
 *   event between, a `reopened` event while the ticket is not closed), `CONSENT_REQUIRED`,
 *   `OUTSIDE_EFFECTIVE_DATES` (unless `allowOutsideEffectiveDates`), the lookup errors of
 *   `findTarget` (`UNKNOWN_VALUE`, `MISSING_DIMENSION`, ...), `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { evaluateTicket, robotIntegration2026 } from "sla-kit/sla";
 *
 * const r = evaluateTicket(robotIntegration2026, {
 *   id: "T-1", service: "fault", tier: "core", urgency: "urgent",
 *   createdAt: new Date("2024-05-06T10:00:00+08:00"),
 *   events: [{ type: "done", stage: "response", at: new Date("2024-05-06T10:12:00+08:00") }],
 * }, { asOf: new Date("2024-05-06T10:50:00+08:00") });
 * console.log(r.stages.map((s) => `${s.stage}:${s.status}`).join(" ")); // response:met handling:warning resolution:pending
 * ```
 */
export function evaluateTicket(policy: Policy, ticket: TicketInput, options: EvaluateTicketOptions): TicketEvaluation {
  const c = getCompiled(policy);
  if (options === null || typeof options !== "object") throw new SlaKitError("INVALID_ARGUMENT", "evaluateTicket needs options { asOf }.", { path: ["asOf"] });
  const asOf = argumentMs(options.asOf, "asOf");
  if (ticket === null || typeof ticket !== "object") throw new SlaKitError("INVALID_ARGUMENT", "The ticket must be an object { id, service, createdAt, events }.", { path: [] });
  // each field of the ticket read once: these three first, checked; the others below (ticketFrom)
  const id = ticket.id;
  if (typeof id !== "string" || id === "") throw new SlaKitError("INVALID_ARGUMENT", "ticket.id must be a non-empty string.", { path: ["id"] });
  const service = ticket.service;
  const svc = typeof service === "string" ? c.services.get(service) : undefined;
  if (!svc) {
    throw new SlaKitError("UNKNOWN_VALUE", `Unknown service ${JSON.stringify(service)}; the policy "${c.policy.id}" has: ${[...c.services.keys()].join(", ")}.`, { path: ["service"] });
  }
  const createdAt = ticket.createdAt;
  const createdMs = argumentMs(createdAt, "createdAt");
  if (asOf < createdMs) throw new SlaKitError("INVALID_ARGUMENT", `asOf (${iso(asOf)}) is before the ticket was created (${iso(createdMs)}).`, { path: ["asOf"] });
  if (options.allowOutsideEffectiveDates !== true && !(checkBound(c.effectiveFrom, createdMs, c.timeZone, true) && checkBound(c.effectiveTo, createdMs, c.timeZone, false))) {
    throw new SlaKitError(
      "OUTSIDE_EFFECTIVE_DATES",
      `Ticket ${id} was created ${iso(createdMs)}, outside the dates of policy ${c.policy.id} ${c.policy.version} (${c.policy.effectiveFrom ?? "open"} to ${c.policy.effectiveTo ?? "open"}); use the policy version in force then, or pass { allowOutsideEffectiveDates: true }.`,
      { path: ["createdAt"] },
    );
  }
  const trace = options.trace;
  if (trace !== undefined && typeof trace !== "boolean") throw new SlaKitError("INVALID_ARGUMENT", `options.trace must be true or false, got ${describe(trace)}.`, { path: ["trace"] });
  const only = stageFilter(c.stageNames, options.stages);
  const t = ticketFrom(ticket, id, service, createdAt);
  if (fastPath.enabled) {
    const plan = planFor(c, svc, t.tier, t.urgency, t.location, t.channel);
    if (plan !== null) {
      const r = fastEvaluate(c, svc, plan, t, createdMs, asOf, only, trace === false ? null : FullTrace);
      if (r !== null) {
        fastPath.hits++;
        return r;
      }
    }
  }
  return evaluateFull(c, svc, t, createdMs, asOf, only, trace !== false);
}

/** The full path: every stage judged by `evaluateStage` (_stage.ts), trace steps recorded when `trace`. */
function evaluateFull(c: CompiledPolicy, svc: CompiledService, ticket: TicketInput, createdMs: number, asOf: number, only: ReadonlySet<string> | null, trace: boolean): TicketEvaluation {
  const tl = buildTimeline(readEvents(c, svc, ticket, createdMs), createdMs, asOf);
  const query = { service: svc.name, stage: "", tier: ticket.tier, urgency: ticket.urgency, location: ticket.location, channel: ticket.channel };
  const ctx = { c, svc, tl, trace, query };
  const list = only === null ? svc.stages : svc.stages.filter((cs) => only.has(cs.name));
  const stages: StageEvaluation[] = new Array<StageEvaluation>(list.length);
  let unknownStages: string[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const st = evaluateStage(ctx, list[i]!);
    stages[i] = st;
    if (st.status === "unknown") (unknownStages ??= []).push(st.stage);
  }
  // facts that changed mid-ticket (S16): the evaluation carries those in force at asOf
  const now = tl.reclassify.length === 0 ? null : factsInForce(ticket, tl.reclassify);
  // one object literal: every ticket evaluation has one hidden class
  return {
    ticketId: ticket.id,
    service: svc.name,
    tier: now === null ? fact(ticket.tier) : now.tier,
    urgency: now === null ? fact(ticket.urgency) : now.urgency,
    location: now === null ? fact(ticket.location) : now.location,
    channel: now === null ? fact(ticket.channel) : now.channel,
    assignee: fact(ticket.assignee),
    department: fact(ticket.department),
    factsAtCreation: now === null ? null : factsInForce(ticket, []),
    createdAt: new Date(createdMs),
    asOf: new Date(asOf),
    createdAtMs: createdMs,
    asOfMs: asOf,
    policy: c.ref,
    stages,
    unknownStages,
  };
}

/**
 * The copy of a ticket's events, flat: per event (in input order) its `EVENT_READS` bits, `type`,
 * `at` (epoch ms), then the fields `readEvent` reads of its type, in bit order (a cause: `cause`,
 * `remedy`, `objective`). It is made from the events as the fast path read them (`Ev`: each field
 * of the input read once), so the steps say what the numbers were computed from, whatever a getter
 * of the input would answer next. One array per ticket, where an object per event cost more than
 * the rest of the copy; {@link eventsOf} makes events of it when a trace is first read.
 */
function copyEvents(f: Facts): unknown[] {
  const n = f.count;
  const inInputOrder = new Array<Ev>(n);
  for (let k = 0; k < n; k++) {
    const e = f.events[k]!;
    inInputOrder[e.i] = e;
  }
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const e = inInputOrder[i]!;
    const type = KIND_TYPES[e.kind]!;
    const r = EVENT_READS.get(type)!;
    out.push(r, type, e.ms);
    if (r & READS_STAGE) out.push(e.stage ?? undefined);
    if (r & READS_REASON) out.push(e.reason ?? undefined);
    if (r & READS_CONSENT) out.push(e.consent ?? undefined);
    if (r & READS_RINGS) out.push(e.n < 0 ? undefined : e.n);
    if (r & READS_DUE) out.push(e.n);
    if (r & READS_CAUSE) out.push(e.cause, e.remedy, e.objective);
  }
  return out;
}

/** The events of a {@link copyEvents} copy: each with the fields copied, nothing else. */
function eventsOf(flat: readonly unknown[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let k = 0; k < flat.length; ) {
    const r = flat[k++] as number;
    const e: Record<string, unknown> = { type: flat[k++], at: flat[k++] };
    if (r & READS_STAGE) e.stage = flat[k++];
    if (r & READS_REASON) e.reason = flat[k++];
    if (r & READS_CONSENT) e.consent = flat[k++];
    if (r & READS_RINGS) e.rings = flat[k++];
    if (r & READS_DUE) e.dueAt = flat[k++];
    if (r & READS_CAUSE) {
      e.cause = flat[k++];
      e.remedy = flat[k++];
      e.objective = flat[k++];
    }
    out.push(e);
  }
  return out;
}

/**
 * The trace steps of a fast-path result: the full evaluation of a copy of the ticket, run once,
 * when the first trace of the result is read. The copy holds what evaluation reads, field by
 * field (getters and inherited fields read now; the events as the fast path read them, flat,
 * {@link copyEvents}) with instants as epoch ms, so changing the input afterwards (an event's Date
 * moved in place included) changes no trace.
 */
class FullTrace implements TraceSource {
  readonly #c: CompiledPolicy;
  readonly #svc: CompiledService;
  /**
   * The ticket as `evaluateTicket` read it (`ticketFrom`: a copy of its own, which nothing
   * changes); its events and creation are taken from `#events` ({@link copyEvents}) and `#createdMs`.
   */
  readonly #ticket: TicketInput;
  readonly #events: readonly unknown[];
  readonly #createdMs: number;
  readonly #asOf: number;
  readonly #only: ReadonlySet<string> | null;
  #full: TicketEvaluation | null = null;

  constructor(c: CompiledPolicy, svc: CompiledService, t: TicketInput, createdMs: number, asOf: number, only: ReadonlySet<string> | null, f: Facts) {
    this.#c = c;
    this.#svc = svc;
    this.#ticket = t;
    this.#events = copyEvents(f);
    this.#createdMs = createdMs;
    this.#asOf = asOf;
    this.#only = only;
  }

  stepsOf(index: number): readonly TraceStep[] {
    this.#full ??= evaluateFull(this.#c, this.#svc, { ...this.#ticket, createdAt: this.#createdMs, events: eventsOf(this.#events) } as unknown as TicketInput, this.#createdMs, this.#asOf, this.#only, true);
    return this.#full.stages[index]!.trace.steps;
  }
}
