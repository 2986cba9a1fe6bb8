/**
 * S17 reopened tickets (docs/sla.md "Reopened tickets"): a `reopened` event undoes the close
 * before it. Each stage is judged on the part of the timeline it belongs to: a stage done by its
 * own event keeps the close in force when it was done; any other stage runs in the current part,
 * with the time between each earlier close and its reopening either paused (policy
 * `reopen.resolvedTime: "paused"`, the default) or counted. What each earlier close gave a stage
 * (its first resolution) is kept in `reopenings` and in the trace. Private to `sla`.
 * @internal
 */
import { businessTimeBetween, type Calendar } from "../calendar/index.js";
import type { CompiledStage } from "./_compile.js";
import { iso } from "./_events.js";
import { lookupStage, stageClock } from "./_lookup.js";
import type { StageContext } from "./_stage.js";
import { buildTimeline, type PauseSpan, type ResolvedSpan, type Timeline } from "./_timeline.js";
import type { LazyTrace, TraceContext } from "./_trace.js";
import type { StageEvaluation, StageReopening, TraceStep } from "./types.js";

/** Evaluates one stage (`evaluateStage`, passed in so this module needs no runtime import of `_stage.ts`). */
type Judge = (ctx: StageContext, cs: CompiledStage) => StageEvaluation;

const NONE: readonly ResolvedSpan[] = [];
const S17 = "docs/rules.md S17";
/** The reason a resolved span carries when it stops a stage's clock (what the `pause` trace step prints). */
const RESOLVED = `time spent resolved, ${S17}`;

/** How the time spent resolved counts: the policy's `reopen.resolvedTime`, default `"paused"`. */
export function resolvedTimeOf(ctx: StageContext): "paused" | "counts" {
  return ctx.c.policy.reopen?.resolvedTime ?? "paused";
}

/**
 * The declared pauses with the resolved spans cut out of them (the time spent resolved counts
 * once), plus one pause per resolved span that stops `stage`.
 */
function withResolvedPauses(pauses: readonly PauseSpan[], spans: readonly ResolvedSpan[], stage: string): PauseSpan[] {
  const out: PauseSpan[] = [];
  for (const p of pauses) {
    let from = p.from;
    for (const w of spans) {
      if (w.reopenedAt <= from || w.closedAt >= p.to) continue;
      if (w.closedAt > from) out.push({ ...p, from, to: w.closedAt });
      from = w.reopenedAt;
    }
    if (from < p.to) out.push({ ...p, from });
  }
  const rule = { stops: [stage], sourceRef: S17 };
  for (const w of spans) out.push({ from: w.closedAt, to: w.reopenedAt, reason: RESOLVED, rule });
  return out;
}

/** `tl` as one stage sees it: the close in force is `closedAt`, the `earlier` resolved spans paused or not. */
function view(tl: Timeline, closedAt: number | null, earlier: readonly ResolvedSpan[], stage: string, paused: boolean): Timeline {
  return { ...tl, closedAt, pauses: paused && earlier.length > 0 ? withResolvedPauses(tl.pauses, earlier, stage) : tl.pauses, reopened: NONE };
}

/** The close undone by a reopening, and what it gave the stage. */
const resolutionStep = (_: TraceContext, w: ResolvedSpan, r: StageReopening): TraceStep => ({
  step: "resolution",
  detail: `closed at ${iso(w.closedAt)}: the close settled this stage as ${r.status}${r.dueAt === null ? " (it had not started)" : ` (due ${r.dueAt.toISOString()})`}; that outcome stays in reopenings and in reports made before ${iso(w.reopenedAt)} (${S17})`,
  value: r.status,
});

/** A close that started this stage (its anchor was completed by the close), undone by the reopening. */
const restartStep = (tr: TraceContext, w: ResolvedSpan): TraceStep => ({
  step: "reopened",
  detail: `the close at ${iso(w.closedAt)} completed anchor "${tr.anchor}" and started this stage; the reopening at ${iso(w.reopenedAt)} undid that: the stage waits for its anchor again (${S17})`,
  value: iso(w.reopenedAt),
});

const reopenedStep = (_: TraceContext, w: ResolvedSpan): TraceStep => ({
  step: "reopened",
  detail: `reopened at ${iso(w.reopenedAt)}${w.reason === undefined ? "" : ` (${w.reason})`}: the stage runs again until it is done or the ticket is closed again (${S17})`,
  value: iso(w.reopenedAt),
});

const resolvedTimeStep = (tr: TraceContext, w: ResolvedSpan, ms: number, paused: boolean): TraceStep => ({
  step: "resolved-time",
  detail: `${ms} ms of open time on ${tr.clock ?? "UTC"} spent resolved (${iso(w.closedAt)} to ${iso(w.reopenedAt)}) ${paused ? "stops this stage's clock like a pause" : "counts against this stage"} (policy reopen.resolvedTime "${paused ? "paused" : "counts"}", ${S17})`,
  value: ms,
});

/** The stage's clock (its row's, else UTC 24x7, as `_stage.ts` takes it). */
function clockOfStage(ctx: StageContext, cs: CompiledStage): Calendar {
  return stageClock(ctx.c, lookupStage(ctx.c, ctx.svc, cs.name, ctx.query, []));
}

/** The last `closed` event at or before `ms`, whatever `asOf` (for the anchor check of a done stage), or undefined. */
export function closeBefore(tl: Timeline, ms: number): number | undefined {
  let last: number | undefined;
  for (const e of tl.events) {
    if (e.ms > ms) break;
    if (e.type === "closed") last = e.ms;
  }
  return last;
}

/** Which part of the timeline the stage belongs to: the number of reopenings before its own done event (all, when it is not done). */
function partOf(tl: Timeline, stage: string): number {
  const spans = tl.reopened;
  const done = tl.done.get(stage);
  if (done === undefined) return spans.length;
  let j = 0;
  while (j < spans.length && (spans[j] as ResolvedSpan).reopenedAt <= done.ms) j++;
  return j;
}

/**
 * The context to judge `cs` in when the ticket was reopened, and what each close before the
 * stage's part gave it (null when none settled it). Records the first resolution, the reopening
 * and the resolved time in `trace`.
 */
export function reopenedContext(ctx: StageContext, cs: CompiledStage, trace: LazyTrace, judge: Judge): { ctx: StageContext; reopenings: StageReopening[] | null } {
  const tl = ctx.tl;
  const spans = tl.reopened;
  // a recurring stage (S15) is never done once and for all: its duty runs again after each reopening
  const j = cs.recur !== null ? spans.length : partOf(tl, cs.name);
  const paused = resolvedTimeOf(ctx) === "paused";
  const closedAt = j < spans.length ? (spans[j] as ResolvedSpan).closedAt : tl.closedAt;
  const here: StageContext = { ...ctx, tl: view(tl, closedAt, j === 0 ? NONE : spans.slice(0, j), cs.name, paused) };
  let list: StageReopening[] | null = null;
  let cal: Calendar | null = null;
  const quiet: StageContext = { ...ctx, trace: false };
  for (let k = 0; k < j; k++) {
    const w = spans[k] as ResolvedSpan;
    const at = buildTimeline(tl.events, tl.createdMs, w.closedAt);
    const earlier = spans.slice(0, k);
    const closed = judge({ ...quiet, tl: view(at, w.closedAt, earlier, cs.name, paused) }, cs);
    const open = judge({ ...quiet, tl: view(at, null, earlier, cs.name, paused) }, cs);
    const status = closed.status;
    if (status === open.status || !(status === "met" || status === "breached" || status === "not-applicable")) {
      // a stage the close started (anchored at a stage the close completed): the reopening undoes its start
      if (closed.anchorAtMs !== open.anchorAtMs) trace.add(restartStep, w, null, null, null);
      continue;
    }
    cal ??= clockOfStage(ctx, cs);
    const resolvedMs = businessTimeBetween(cal, w.closedAt, w.reopenedAt);
    const r: StageReopening = { closedAt: new Date(w.closedAt), status, dueAt: closed.dueAt, reopenedAt: new Date(w.reopenedAt), resolvedMs };
    (list ??= []).push(r);
    trace.add(resolutionStep, w, r, null, null);
    trace.add(reopenedStep, w, null, null, null);
    trace.add(resolvedTimeStep, w, resolvedMs, paused, null);
  }
  return { ctx: here, reopenings: list };
}
