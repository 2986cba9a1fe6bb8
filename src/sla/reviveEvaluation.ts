import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe, formatPath, parseIsoInstant } from "../_lib/instant.js";
import type { StageStatus, TicketEvaluation } from "./types.js";

const STATUSES: ReadonlySet<string> = new Set<StageStatus>(["met", "breached", "pending", "warning", "overdue", "not-applicable", "unknown"]);
/** The instants of a stage evaluation (`Date | null`; `originalDueAt` may also be absent). */
const STAGE_INSTANTS = ["anchorAt", "dueAt", "originalDueAt", "warnAt", "doneAt"] as const;
/** Its numbers (`number | null`); `pausedMs` is a number. */
const STAGE_NUMBERS = ["allowedMs", "elapsedMs", "remainingMs", "fractionUsed"] as const;
/** The ticket facts of an evaluation (`string`, absent or null). */
const FACTS = ["tier", "urgency", "location", "channel", "assignee", "department"] as const;

type Json = Record<string, unknown>;

function bad(path: ErrorPath, what: string, value: unknown): never {
  throw new SlaKitError("INVALID_INPUT", `Not a stored evaluation: ${formatPath(path)} must be ${what}, got ${describe(value)}. Pass what JSON.parse gives for JSON.stringify(evaluateTicket(...)).`, { path });
}

function object(v: unknown, path: ErrorPath): Json {
  if (v === null || typeof v !== "object" || Array.isArray(v)) bad(path, "an object", v);
  return v as Json;
}

function text(o: Json, key: string, path: ErrorPath): string {
  const v = o[key];
  if (typeof v !== "string") bad([...path, key], "a string", v);
  return v;
}

/** An instant as JSON writes a Date: an ISO-8601 string (a Date is taken as is). */
function instant(v: unknown, path: ErrorPath): Date {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return new Date(v.getTime());
  const ms = typeof v === "string" ? parseIsoInstant(v) : Number.NaN;
  if (Number.isNaN(ms)) bad(path, 'an ISO-8601 instant ("2026-05-06T02:00:00.000Z")', v);
  return new Date(ms);
}

/** `key` of `o` as an instant or null; absent stays absent (`optional`) or is an error. */
function instantOrNull(o: Json, out: Json, key: string, path: ErrorPath, optional: boolean): void {
  if (!(key in o)) {
    if (!optional) bad([...path, key], "an instant or null", undefined);
    return;
  }
  const v = o[key];
  out[key] = v === null ? null : instant(v, [...path, key]);
}

function numberOrNull(o: Json, key: string, path: ErrorPath): void {
  const v = o[key];
  if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) bad([...path, key], "a finite number or null", v);
}

/** One cycle of a recurring stage: `startAt` and `dueAt` are instants, `warnAt` and `doneAt` instants or null. */
function reviveCycle(v: unknown, path: ErrorPath): Json {
  const c = object(v, path);
  const out: Json = { ...c, startAt: instant(c.startAt, [...path, "startAt"]), dueAt: instant(c.dueAt, [...path, "dueAt"]) };
  for (const k of ["warnAt", "doneAt"]) instantOrNull(c, out, k, path, false);
  return out;
}

function reviveStage(v: unknown, path: ErrorPath): unknown {
  const s = object(v, path);
  const out: Json = { ...s };
  text(s, "stage", path);
  if (typeof s.status !== "string" || !STATUSES.has(s.status)) bad([...path, "status"], `one of ${[...STATUSES].join(", ")}`, s.status);
  for (const k of STAGE_INSTANTS) instantOrNull(s, out, k, path, k === "originalDueAt");
  for (const k of STAGE_NUMBERS) numberOrNull(s, k, path);
  if (typeof s.pausedMs !== "number" || !Number.isFinite(s.pausedMs)) bad([...path, "pausedMs"], "a finite number", s.pausedMs);
  const trace = object(s.trace, [...path, "trace"]);
  if (!Array.isArray(trace.steps)) bad([...path, "trace", "steps"], "an array", trace.steps);
  if (Array.isArray(s.rejectedAgreements)) {
    out.rejectedAgreements = s.rejectedAgreements.map((r: unknown, i: number) => {
      const p = [...path, "rejectedAgreements", i];
      const a = object(r, p);
      return { ...a, at: instant(a.at, [...p, "at"]), dueAt: instant(a.dueAt, [...p, "dueAt"]) };
    });
  } else if (s.rejectedAgreements !== undefined && s.rejectedAgreements !== null) bad([...path, "rejectedAgreements"], "an array", s.rejectedAgreements);
  // warning and escalation levels (absent in evaluations stored before they existed)
  const level = (x: unknown, p: ErrorPath): Json => {
    const l = object(x, p);
    text(l, "level", p);
    return { ...l, at: instant(l.at, [...p, "at"]) };
  };
  if (Array.isArray(s.levelsReached)) out.levelsReached = s.levelsReached.map((x: unknown, i: number) => level(x, [...path, "levelsReached", i]));
  else if (s.levelsReached !== undefined) bad([...path, "levelsReached"], "an array", s.levelsReached);
  if (s.nextLevel !== undefined && s.nextLevel !== null) out.nextLevel = level(s.nextLevel, [...path, "nextLevel"]);
  // S17: closes undone by a reopening (absent in evaluations stored before they existed)
  if (Array.isArray(s.reopenings)) {
    out.reopenings = s.reopenings.map((x: unknown, i: number) => {
      const p = [...path, "reopenings", i];
      const r = object(x, p);
      const dueAt = r.dueAt === null ? null : instant(r.dueAt, [...p, "dueAt"]);
      return { ...r, closedAt: instant(r.closedAt, [...p, "closedAt"]), dueAt, reopenedAt: instant(r.reopenedAt, [...p, "reopenedAt"]) };
    });
  } else if (s.reopenings !== undefined && s.reopenings !== null) bad([...path, "reopenings"], "an array", s.reopenings);
  if (s.reclassified !== undefined && s.reclassified !== null) {
    const p = [...path, "reclassified"];
    const r = object(s.reclassified, p);
    out.reclassified = { ...r, at: instant(r.at, [...p, "at"]), dueAtBefore: r.dueAtBefore === null || r.dueAtBefore === undefined ? null : instant(r.dueAtBefore, [...p, "dueAtBefore"]) };
  }
  // S15 cycles of a recurring stage (absent in evaluations stored before they existed)
  if (Array.isArray(s.cycles)) out.cycles = s.cycles.map((x: unknown, i: number) => reviveCycle(x, [...path, "cycles", i]));
  else if (s.cycles !== undefined && s.cycles !== null) bad([...path, "cycles"], "an array or null", s.cycles);
  if (s.cause !== undefined && s.cause !== null) {
    const c = object(s.cause, [...path, "cause"]);
    out.cause = { ...c, at: instant(c.at, [...path, "cause", "at"]) };
  }
  return out;
}

/**
 * Turns a stored evaluation back into what `evaluateTicket` returned: `JSON.stringify` writes its
 * `Date`s as ISO strings, and this makes them `Date`s again (`createdAt`, `asOf`, each stage's
 * `anchorAt`, `dueAt`, `originalDueAt`, `warnAt`, `doneAt`, the `at` of the warning levels reached and
 * of the next one, the `closedAt`/`dueAt`/`reopenedAt` of `reopenings`, `reclassified.at` and `reclassified.dueAtBefore`, the `startAt`/`dueAt`/`warnAt`/`doneAt` of a recurring stage's cycles, the `at`/`dueAt` of rejected agreements and the `at` of a cause), after checking the shape. `reviveEvaluation(JSON.parse(JSON.stringify(e)))`
 * deep-equals `e`. Fields it does not know are kept as they are; the input is not changed.
 *
 * @throws SlaKitError `INVALID_INPUT` when the value is not a stored evaluation: a missing or
 *   mistyped field, an unknown status, an instant that is not an ISO-8601 string (`path` points at it).
 * @example
 * ```ts
 * import { evaluateTicket, reviveEvaluation, robotIntegration2026 } from "sla-kit/sla";
 *
 * const e = evaluateTicket(robotIntegration2026, {
 *   id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [],
 * }, { asOf: "2024-05-06T10:05:00+08:00" });
 * const stored = JSON.stringify(e); // a database row, a cache entry
 * const back = reviveEvaluation(JSON.parse(stored));
 * console.log(back.stages[0]?.dueAt instanceof Date, back.stages[0]?.dueAt?.toISOString()); // true 2024-05-06T02:15:00.000Z
 * ```
 */
export function reviveEvaluation(json: unknown): TicketEvaluation {
  const o = object(json, []);
  const out: Json = { ...o };
  text(o, "ticketId", []);
  text(o, "service", []);
  for (const k of FACTS) if (o[k] !== undefined && o[k] !== null && typeof o[k] !== "string") bad([k], "a string", o[k]);
  if (o.factsAtCreation !== undefined && o.factsAtCreation !== null) object(o.factsAtCreation, ["factsAtCreation"]);
  out.createdAt = instant(o.createdAt, ["createdAt"]);
  out.asOf = instant(o.asOf, ["asOf"]);
  const policy = object(o.policy, ["policy"]);
  for (const k of ["id", "version", "hash"]) text(policy, k, ["policy"]);
  out.policy = { ...policy };
  if (!Array.isArray(o.stages)) bad(["stages"], "an array", o.stages);
  out.stages = o.stages.map((s: unknown, i: number) => reviveStage(s, ["stages", i]));
  if (o.unknownStages !== undefined && o.unknownStages !== null && !(Array.isArray(o.unknownStages) && o.unknownStages.every((x) => typeof x === "string"))) {
    bad(["unknownStages"], "an array of stage names", o.unknownStages);
  }
  return out as unknown as TicketEvaluation;
}
