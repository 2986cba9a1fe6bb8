import { SlaKitError, isSlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { iso } from "./_events.js";
import { CREATED, ticketFrom } from "./_references.js";
import { cite } from "./_steps.js";
import { LazyTrace, type TraceContext } from "./_trace.js";
import { toInstantMs } from "./_time.js";
import { rangeText, spanAt, versionName, versionSet, when, type VersionSet, type VersionSpan } from "./_versions.js";
import { evaluateTicket } from "./evaluateTicket.js";
import type { EvaluateTicketOptions, Policy, StageEvaluation, TicketEvaluation, TicketInput, TraceStep } from "./types.js";

/** Options of {@link evaluateTicketVersions}. */
export interface EvaluateTicketVersionsOptions extends Omit<EvaluateTicketOptions, "allowOutsideEffectiveDates"> {
  /**
   * Which version judges a stage: `"stage-start"` (default), the version in force when the stage
   * started (its anchor happened); `"creation"`, the version in force when the ticket was created,
   * for every stage (what `evaluateTicket` under that version gives).
   */
  readonly choose?: "stage-start" | "creation";
}

/** Why a version judges a stage: the numbers of the trace step, rendered when read. */
type Why = "creation" | "started" | "started-before" | "settled" | "not-started" | "after-last";

const versionStep = (tr: TraceContext, span: VersionSpan, why: Why, ms: number): TraceStep => {
  const v = `policy ${versionName(span.c)} (${rangeText(span)})`;
  const text: Record<Why, string> = {
    creation: `${v}: the version in force when the ticket was created (${iso(ms)}), chosen for every stage (choose: "creation")`,
    started: `${v}: the version in force when the stage started (${iso(ms)})`,
    "started-before": `${v}: the stage had not started when the version before it ended; under this version it runs from ${iso(ms)}`,
    settled: `${v}: the stage was settled without starting under the version in force then (asOf ${iso(ms)})`,
    "not-started": `${v}: the stage has not started by ${iso(ms)}; the version in force then judges it until it starts`,
    "after-last": `${v}: the stage started ${iso(ms)}, after the last version's end: the last version judges it`,
  };
  return { step: "policy-version", detail: `${text[why]}${cite(tr.c, "S18", null)}`, value: span.c.policy.version };
};

/** The instant a stage started under one version's reading (its anchor), or null when it has not. */
function started(st: StageEvaluation, createdMs: number): number | null {
  if (st.anchorAtMs !== null) return st.anchorAtMs;
  // a rings stage, or one settled (remote-resolved, unknown) before its deadline ran: its row runs from creation
  return st.trace.row !== null && st.trace.anchor === CREATED ? createdMs : null;
}

function note(st: StageEvaluation, span: VersionSpan, why: Why, ms: number): void {
  if (st.trace instanceof LazyTrace) st.trace.add(versionStep, span, why, ms, null);
}

/**
 * Evaluates a ticket under a policy set of effective-dated versions (docs/rules.md S18; docs/sla.md
 * "Policy versions over a ticket's life"). Each stage is judged by the version in force when it
 * started (its anchor happened: ticket creation, or the stage or milestone it runs from), so a
 * stage started, or decided, under an old version keeps that version's deadline and outcome when a
 * new version takes effect, and a stage that starts later is judged by the new one. Walking the
 * versions from the one in force at creation, a stage takes the first version under whose reading
 * it started before that version ended (a new version that re-anchors a stage takes it when the
 * stage had not started under the old one); a stage not started by `asOf` is shown under the
 * version in force at `asOf`; a stage settled without starting (`not-applicable` by its `when`, a
 * waiver or the close) under the version it was settled under. `choose: "creation"` judges every
 * stage by the version in force at creation.
 *
 * The versions (parsed policies or policy JSON, in any order) must share `id` and the same
 * services and stages; each version is in force from its `effectiveFrom` (only the earliest may
 * leave it out) to its `effectiveTo`, or, without one, until the next version starts. Effective
 * ranges must neither overlap nor leave gaps. The result is an ordinary `TicketEvaluation`:
 * `policy` names the version in force at creation; each stage's trace ends with a
 * `"policy-version"` step naming the version that judged it and why (with `trace: false`, no step).
 *
 * @throws SlaKitError `INVALID_ARGUMENT` (no versions, bad options), `INVALID_POLICY` (a bad
 *   version, path `[i, ...]`; different ids, a repeated version, other services or stages, ranges
 *   that overlap or leave a gap, path `[i, "effectiveFrom"]`), `OUTSIDE_EFFECTIVE_DATES` (created
 *   before the first version or after the last one ends), and the errors of `evaluateTicket` under
 *   each version used (prefixed with the version).
 * @example
 * ```ts
 * import { evaluateTicketVersions, parsePolicy } from "sla-kit/sla";
 *
 * const v1 = parsePolicy({
 *   id: "desk", version: "1", effectiveFrom: "2026-01-01", timeZone: "UTC",
 *   calendars: { "24x7": { builtin: "alwaysOpen", timeZone: "UTC" } }, dimensions: {},
 *   services: { fault: { stages: ["response", "resolution"], dimensions: [] } },
 *   targets: [
 *     { service: "fault", stage: "response", within: "PT1H", clock: "24x7", sourceRef: "v1 §1" },
 *     { service: "fault", stage: "resolution", anchor: "response", within: "PT8H", clock: "24x7", sourceRef: "v1 §2" },
 *   ],
 * });
 * // version 2 halves the resolution time from 1 July
 * const v2 = parsePolicy({ ...v1, version: "2", effectiveFrom: "2026-07-01",
 *   targets: [v1.targets[0], { ...v1.targets[1], within: "PT4H", sourceRef: "v2 §2" }] });
 * const ticket = { id: "T-1", service: "fault", createdAt: "2026-06-30T23:30:00Z",
 *   events: [{ type: "done", stage: "response", at: "2026-07-01T00:10:00Z" }] };
 * const r = evaluateTicketVersions([v1, v2], ticket, { asOf: "2026-07-01T02:00:00Z" });
 * // response started 30 June (version 1); resolution started 1 July, when version 2 was in force
 * console.log(r.stages.map((s) => `${s.stage} ${s.trace.sourceRef} ${s.dueAt?.toISOString()}`));
 * // [ 'response v1 §1 2026-07-01T00:30:00.000Z', 'resolution v2 §2 2026-07-01T04:10:00.000Z' ]
 * ```
 */
export function evaluateTicketVersions(versions: readonly Policy[], ticket: TicketInput, options: EvaluateTicketVersionsOptions): TicketEvaluation {
  const set = versionSet(versions);
  if (options === null || typeof options !== "object") throw new SlaKitError("INVALID_ARGUMENT", "evaluateTicketVersions needs options { asOf }.", { path: ["asOf"] });
  const choose = options.choose ?? "stage-start";
  if (choose !== "stage-start" && choose !== "creation") {
    throw new SlaKitError("INVALID_ARGUMENT", `options.choose must be "stage-start" (the version in force when each stage started) or "creation", got ${describe(choose)}.`, { path: ["choose"] });
  }
  if (ticket === null || typeof ticket !== "object") throw new SlaKitError("INVALID_ARGUMENT", "The ticket must be an object { id, service, createdAt, events }.", { path: [] });
  // each field read once: the version chosen and every evaluation under a version see the same ticket
  const createdAt = ticket.createdAt;
  const createdMs = toInstantMs(createdAt, ["createdAt"], "INVALID_ARGUMENT");
  const asOfMs = toInstantMs(options.asOf, ["asOf"], "INVALID_ARGUMENT");
  const first = spanAt(set, createdMs);
  const t = ticketFrom(ticket, ticket.id, ticket.service, createdAt);
  if (first < 0) {
    const v = set.map((s) => `${s.c.policy.version} (${when(s.fromMs)} to ${when(s.toMs)})`).join(", ");
    throw new SlaKitError("OUTSIDE_EFFECTIVE_DATES", `Ticket ${String(t.id)} was created ${iso(createdMs)}, when no version of policy ${JSON.stringify(set[0]!.c.policy.id)} was in force (${v}): add the version in force then.`, { path: ["createdAt"] });
  }
  const evalOptions: EvaluateTicketOptions = {
    asOf: options.asOf,
    allowOutsideEffectiveDates: true,
    ...(options.trace === undefined ? {} : { trace: options.trace }),
    ...(options.stages === undefined ? {} : { stages: options.stages }),
  };
  const evaluations: (TicketEvaluation | undefined)[] = new Array(set.length);
  const under = (k: number): TicketEvaluation => (evaluations[k] ??= evaluateUnder(set, k, k === first, t, evalOptions));
  const base = under(first);
  if (choose === "creation") {
    for (const st of base.stages) note(st, set[first]!, "creation", createdMs);
    return base;
  }
  const stages = base.stages.map((_, j) => pickStage(set, first, j, under, createdMs, asOfMs));
  if (stages.every((st, j) => st === base.stages[j])) return base;
  let unknownStages: string[] | null = null;
  for (const st of stages) if (st.status === "unknown") (unknownStages ??= []).push(st.stage);
  // `base` is this call's own result, not shared: filled in place, it keeps evaluateTicket's one hidden class
  const out = base as { -readonly [K in keyof TicketEvaluation]: TicketEvaluation[K] };
  out.stages = stages;
  out.unknownStages = unknownStages;
  return out;
}

/** The evaluation of stage `j` by the version in force when it started (see the TSDoc above). */
function pickStage(set: VersionSet, first: number, j: number, under: (k: number) => TicketEvaluation, createdMs: number, asOfMs: number): StageEvaluation {
  for (let k = first; ; k++) {
    const span = set[k]!;
    const last = k === set.length - 1;
    const st = under(k).stages[j]!;
    const s = started(st, createdMs);
    if (s !== null) {
      if (s < span.toMs) return note(st, span, s >= span.fromMs || k === first ? "started" : "started-before", s), st;
      if (last) return note(st, span, "after-last", s), st;
    } else if (st.status !== "pending") {
      return note(st, span, "settled", asOfMs), st;
    } else if (asOfMs < span.toMs || last) {
      return note(st, span, "not-started", asOfMs), st;
    }
  }
}

/** `evaluateTicket` under version `k`; the errors of a later version name it. */
function evaluateUnder(set: VersionSet, k: number, isFirst: boolean, ticket: TicketInput, options: EvaluateTicketOptions): TicketEvaluation {
  const span = set[k]!;
  try {
    return evaluateTicket(span.c.policy, ticket, options);
  } catch (e) {
    if (isFirst || !isSlaKitError(e)) throw e;
    throw new SlaKitError(e.code, `Under version ${span.c.policy.version} of policy ${JSON.stringify(span.c.policy.id)} (in force from ${when(span.fromMs)}, which judges the stages that start then): ${e.message}`, {
      path: e.path,
      ...(e.details === undefined ? {} : { details: e.details }),
    });
  }
}
