/**
 * The cost of the result alone: what `evaluateTicket` returns (the ticket evaluation, its stage
 * objects with every field, instants as `Date`s beside epoch ms, levels reached, and each stage's
 * trace with its own `steps` accessor when traces are on), built from numbers computed beforehand.
 * No evaluation happens here: the bench times it beside the baseline to show how much of
 * `evaluateTicket`'s time the shape of its result takes, whatever computes the numbers.
 */
import { getCompiled } from "../src/sla/_compile.js";
import { LazyTrace, type TraceSource } from "../src/sla/_trace.js";
import { evaluateTicket, type Policy, type StageEvaluation, type TicketEvaluation } from "../src/sla/index.js";
import type { Sample } from "./_tickets.js";

interface StageNumbers {
  readonly stage: string;
  readonly status: StageEvaluation["status"];
  readonly anchor: number | null;
  readonly due: number | null;
  readonly origDue: number | null;
  readonly warn: number | null;
  readonly done: number | null;
  readonly levels: readonly { readonly level: string; readonly ms: number }[];
}

/** The numbers of one sample's evaluation, and its policy. */
export interface Precomputed {
  readonly policy: Policy;
  readonly id: string;
  readonly createdMs: number;
  readonly asOfMs: number;
  readonly stages: readonly StageNumbers[];
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

/** Evaluates each sample once (trace: false) and keeps the numbers its result is built from. */
export function precompute(samples: readonly Sample[]): Precomputed[] {
  return samples.map((s) => {
    const r = evaluateTicket(s.policy, s.ticket, { asOf: s.asOf, trace: false });
    return {
      policy: s.policy,
      id: r.ticketId,
      createdMs: r.createdAtMs,
      asOfMs: r.asOfMs,
      stages: r.stages.map((st) => ({ stage: st.stage, status: st.status, anchor: st.anchorAtMs, due: st.dueAtMs, origDue: ms(st.originalDueAt), warn: st.warnAtMs, done: st.doneAtMs, levels: st.levelsReached.map((l) => ({ level: l.level, ms: l.at.getTime() })) })),
    };
  });
}

const NO_SOURCE: TraceSource = { stepsOf: () => [] };

/** Builds the result of one precomputed evaluation: the same objects `evaluateTicket` returns. */
export function buildResult(p: Precomputed, trace: boolean): TicketEvaluation {
  const c = getCompiled(p.policy);
  const stages = new Array<StageEvaluation>(p.stages.length);
  for (let j = 0; j < p.stages.length; j++) {
    const s = p.stages[j]!;
    const levelsReached = [];
    for (const l of s.levels) levelsReached.push({ level: l.level, at: new Date(l.ms) });
    stages[j] = {
      stage: s.stage,
      status: s.status,
      anchorAt: s.anchor === null ? null : new Date(s.anchor),
      dueAt: s.due === null ? null : new Date(s.due),
      originalDueAt: s.origDue === null ? null : new Date(s.origDue),
      warnAt: s.warn === null ? null : new Date(s.warn),
      doneAt: s.done === null ? null : new Date(s.done),
      anchorAtMs: s.anchor,
      dueAtMs: s.due,
      warnAtMs: s.warn,
      doneAtMs: s.done,
      msUntilWarn: s.warn === null ? null : s.warn - p.asOfMs,
      msUntilDue: s.due === null ? null : s.due - p.asOfMs,
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
      levelsReached,
      nextLevel: null,
      reopenings: null,
      cycles: null,
      error: null,
      trace: new LazyTrace(c, s.stage, trace, trace ? NO_SOURCE : null, j),
    };
  }
  return {
    ticketId: p.id,
    service: "",
    tier: null,
    urgency: null,
    location: null,
    channel: null,
    assignee: null,
    department: null,
    factsAtCreation: null,
    createdAt: new Date(p.createdMs),
    asOf: new Date(p.asOfMs),
    createdAtMs: p.createdMs,
    asOfMs: p.asOfMs,
    policy: c.ref,
    stages,
    unknownStages: null,
  };
}
