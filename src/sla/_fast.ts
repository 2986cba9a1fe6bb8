/**
 * The fast path of `evaluateTicket`: a ticket whose policy, events and values the compiled plan
 * handles (`_plan.ts`) is judged by epoch-ms arithmetic, and its result is built in one go from
 * the numbers {@link judge} leaves in {@link J}: the same fields, values and hidden class as the
 * full path's (`_stage.ts`). Its traces are not recorded: a stage's steps are asked from the full
 * evaluation of a copy of the ticket when first read (`TraceSource`). A stage whose calendar
 * cannot answer is `unknown`, with the full path's error message. Anything else (any other error)
 * answers null, and the full path evaluates the ticket. test/sla/fast.test.ts checks that both
 * give deep-equal results, traces rendered. Private to `sla`.
 * @internal
 */
import { firstAssumedDate } from "../calendar/index.js";
import type { CompiledPolicy, CompiledService } from "./_compile.js";
import { placeLevels, type PlacedLevel } from "./_levels.js";
import { fact } from "./_references.js";
import { BREACHED, CAUSE, J, judge, OVERDUE, PENDING, readFacts, releaseFacts, STATUS_NAMES, UNKNOWN, unknownAfter, WARNING, type Facts, type Plan, type StagePlan } from "./_plan.js";
import { LazyTrace, type TraceSource } from "./_trace.js";
import { rejectedAgreement, STAGE_ERRORS, stageErrorMessage } from "./_stage.js";
import type { SlaKitError } from "../errors.js";
import { quietErrors } from "../_lib/quiet.js";
import type { LevelAt, RejectedAgreement, StageCause, StageEvaluation, TicketEvaluation, TicketInput } from "./types.js";

/** W3: the cause recorded for a missed stage (its own, else the first for the whole ticket), or null. */
function causeOf(f: Facts, stage: string): StageCause | null {
  let found = -1;
  for (let k = 0; k < f.known; k++) {
    const e = f.events[k]!;
    if (e.kind !== CAUSE) continue;
    if (e.stage === stage) {
      found = k;
      break;
    }
    if (e.stage === null && found < 0) found = k;
  }
  if (found < 0) return null;
  const e = f.events[found]!;
  return { at: new Date(e.ms), cause: e.cause!, remedy: e.remedy!, objective: e.objective, event: e.i };
}

const NO_LEVELS: readonly PlacedLevel[] = [];

/** W2: the agreements {@link judge} rejected, as the full path lists them (null: none). */
function rejectedOf(c: CompiledPolicy, f: Facts): RejectedAgreement[] | null {
  const r = J.rejected;
  if (r.length === 0) return null;
  const out: RejectedAgreement[] = [];
  for (let x = 0; x < r.length; x += 2) {
    const e = f.events[r[x]!]!;
    out.push(rejectedAgreement(c, e.i, e.ms, e.n, e.consent!, J.doneMs, r[x + 1]!)!);
  }
  return out;
}

/** What gives a fast result's trace steps (evaluateTicket's full path on a copy of the ticket). */
export type TraceSourceClass = new (c: CompiledPolicy, svc: CompiledService, ticket: TicketInput, createdMs: number, asOfMs: number, only: ReadonlySet<string> | null, f: Facts) => TraceSource;

/** One stage's result from {@link J}, as `newStage` + `settle` build it in the full path. */
function stageResult(c: CompiledPolicy, sp: StagePlan, status: number, f: Facts, trace: LazyTrace, error: StageEvaluation["error"]): StageEvaluation {
  // nothing here reads the input (its texts were read once with the events, `readFacts`): no
  // getter of the caller's runs, so nothing judges into J meanwhile
  const { anchorMs, dueMs, warnMs, doneMs, allowed, elapsed, origDueMs, pausedMs, reneg, timed, endMs } = J;
  const rejectedAgreements = rejectedOf(c, f);
  const asOfMs = f.asOfMs;
  const levelsReached: LevelAt[] = [];
  let nextLevel: LevelAt | null = null;
  let provisional = false;
  if (timed) {
    const k = sp.clock!;
    const levels = sp.levels;
    // the single warning level is placed already (warnMs); others as judgeLevels places them
    const placed = sp.fraction !== null ? NO_LEVELS : placeLevels(levels, { cal: k.cal, anchorMs: anchorMs!, allowed: allowed!, dueMs: dueMs!, pausedMs });
    const n = sp.fraction !== null ? 1 : placed.length;
    for (let x = 0; x < n; x++) {
      const ms = sp.fraction !== null ? warnMs! : placed[x]!.ms;
      const name = levels[sp.fraction !== null ? 0 : placed[x]!.i]!.name;
      if (ms <= endMs) levelsReached.push({ level: name, at: new Date(ms) });
      else if (doneMs === null && nextLevel === null) nextLevel = { level: name, at: new Date(ms) };
    }
    if (k.e.beyondData === "weekdays") provisional = firstAssumedDate(k.cal, anchorMs!, Math.max(dueMs!, endMs)) !== null;
  }
  // W3: judgeStage asks for a cause on a missed deadline (a rings stage has none)
  const missed = (status === BREACHED || status === OVERDUE) && sp.kind !== "rings";
  const cause = missed ? causeOf(f, sp.name) : null;
  const open = status === PENDING || status === WARNING || status === OVERDUE;
  // the key order of newStage (_stage.ts): one hidden class for every stage evaluation
  return {
    stage: sp.name,
    status: STATUS_NAMES[status]!,
    anchorAt: anchorMs === null ? null : new Date(anchorMs),
    dueAt: dueMs === null ? null : new Date(dueMs),
    originalDueAt: origDueMs === null ? null : new Date(origDueMs),
    warnAt: warnMs === null ? null : new Date(warnMs),
    doneAt: doneMs === null ? null : new Date(doneMs),
    anchorAtMs: anchorMs,
    dueAtMs: dueMs,
    warnAtMs: warnMs,
    doneAtMs: doneMs,
    msUntilWarn: open && warnMs !== null ? warnMs - asOfMs : null,
    msUntilDue: open && dueMs !== null ? dueMs - asOfMs : null,
    allowedMs: allowed,
    elapsedMs: elapsed,
    remainingMs: timed ? allowed! - elapsed! : null,
    fractionUsed: timed && allowed! > 0 ? elapsed! / allowed! : null,
    pausedMs,
    renegotiated: reneg,
    rejectedAgreements,
    needsCause: missed && cause === null,
    cause,
    reclassified: null,
    provisional,
    levelsReached,
    nextLevel,
    reopenings: null,
    cycles: null,
    error,
    trace,
  };
}

/**
 * The evaluation of a ticket on the fast path, or null when the full path must decide. The
 * caller (`evaluateTicket`) has checked the options, the ticket's id, service, creation and
 * effective dates; `only` lists the stages to evaluate (null: all); `Source` makes what gives
 * the trace steps when traces are on (null: off), once the ticket's events are read.
 */
export function fastEvaluate(
  c: CompiledPolicy,
  svc: CompiledService,
  plan: Plan,
  ticket: TicketInput,
  createdMs: number,
  asOfMs: number,
  only: ReadonlySet<string> | null,
  Source: TraceSourceClass | null,
): TicketEvaluation | null {
  if (createdMs % 1 !== 0 || asOfMs % 1 !== 0) return null; // the full path's Dates drop a fraction of a ms
  const f = readFacts(c, svc, ticket as unknown as Record<string, unknown>, createdMs, asOfMs);
  if (f === null) return null;
  try {
    const source = Source === null ? null : new Source(c, svc, ticket, createdMs, asOfMs, only, f);
    const plans = plan.stages;
    let n = plans.length;
    if (only !== null) for (let s = 0; s < plans.length; s++) if (!only.has(plans[s]!.name)) n--;
    // sized up front, as the full path's: the same elements kind for every `stages` array
    const stages = new Array<StageEvaluation>(n);
    let j = 0;
    let unknownStages: string[] | null = null;
    // a calendar error here is kept as data (an unknown stage): made without a stack (src/_lib/quiet.ts)
    const quiet = quietErrors.codes;
    quietErrors.codes = STAGE_ERRORS;
    try {
      for (let s = 0; s < plans.length; s++) {
        const sp = plans[s]!;
        if (only !== null && !only.has(sp.name)) continue;
        const trace = new LazyTrace(c, sp.name, source !== null, source, j);
        if (sp.target !== null) trace.target(sp.target);
        let st: StageEvaluation;
        try {
          st = stageResult(c, sp, judge(svc, sp, f), f, trace, null);
        } catch (e) {
          // the stage's calendar cannot answer: unknown, with the full path's error (T6)
          if (unknownAfter(sp, f, e) === null) throw e;
          const error = { code: (e as SlaKitError).code, message: stageErrorMessage(svc.name, sp.name, sp.target!, e as SlaKitError) };
          st = stageResult(c, sp, UNKNOWN, f, trace, error);
          (unknownStages ??= []).push(sp.name);
        }
        stages[j++] = st;
      }
    } catch {
      return null; // BAIL, or an error the full path throws
    } finally {
      quietErrors.codes = quiet;
    }
    // the key order of evaluateTicket's result: one hidden class for every ticket evaluation
    return {
      ticketId: ticket.id,
      service: svc.name,
      tier: fact(ticket.tier),
      urgency: fact(ticket.urgency),
      location: fact(ticket.location),
      channel: fact(ticket.channel),
      assignee: fact(ticket.assignee),
      department: fact(ticket.department),
      factsAtCreation: null,
      createdAt: new Date(createdMs),
      asOf: new Date(asOfMs),
      createdAtMs: createdMs,
      asOfMs,
      policy: c.ref,
      stages,
      unknownStages,
    };
  } finally {
    releaseFacts(f); // the facts and their records are reused by the next ticket
  }
}

/** Tests switch the fast path off to compare it with the full path, and count the results it gave. */
export const fastPath = { enabled: true, hits: 0 };
