/**
 * Reading a ticket's events: validated, normalised to epoch ms and stably sorted, still a union
 * by `type` (one shape per event kind, never a bag of optional fields). Private to `sla`.
 * @internal
 */
import { SlaKitError, type ErrorPath } from "../errors.js";
import type { CompiledPolicy, CompiledService } from "./_compile.js";
import { DIMENSIONS } from "./_references.js";
import { readFacts, type ReclassifyRead } from "./_reclassify.js";
import { iso, toInstantMs } from "./_time.js";
import type { PauseReason, TicketInput } from "./types.js";

interface At {
  /** Index of the event in `ticket.events`. */
  readonly i: number;
  /** `at` in epoch ms. */
  readonly ms: number;
}
export type DoneRead = At & { readonly type: "done"; readonly stage: string; readonly rings: number | undefined };
export type PauseRead = At & { readonly type: "pause"; readonly reason: string; readonly rule: PauseReason };
export type ResumeRead = At & { readonly type: "resume" };
export type AgreedRead = At & { readonly type: "agreed-deadline"; readonly stage: string; readonly dueMs: number; readonly consent: string };
export type RemoteResolvedRead = At & { readonly type: "remote-resolved" };
export type NotApplicableRead = At & { readonly type: "not-applicable"; readonly stage: string; readonly reason: string };
export type ClosedRead = At & { readonly type: "closed"; readonly reason: string | undefined };
export type ReopenedRead = At & { readonly type: "reopened"; readonly reason: string | undefined };
export type CauseRead = At & { readonly type: "cause"; readonly stage: string | undefined; readonly cause: string; readonly remedy: string; readonly objective: boolean };
export type { ReclassifyRead };
/** A customer message (S15): `stage` names the one next-reply stage it opens, undefined for all of them. */
export type MessageRead = At & { readonly type: "message"; readonly stage: string | undefined };
/** A ticket event as read: the `TicketEvent` union with instants in epoch ms and its index. */
export type ReadEvent = DoneRead | PauseRead | ResumeRead | AgreedRead | RemoteResolvedRead | NotApplicableRead | ClosedRead | ReopenedRead | CauseRead | ReclassifyRead | MessageRead;

const EVENT_TYPES = "done, pause, resume, agreed-deadline, remote-resolved, not-applicable, closed, reopened, cause, reclassify or message";

export { iso };

/** Bits of {@link EVENT_READS}: the fields of an event `readEvent` reads besides `type` and `at`. */
export const READS_STAGE = 1;
export const READS_REASON = 2;
export const READS_CONSENT = 4;
export const READS_RINGS = 8;
export const READS_DUE = 16;
/** `cause`, `remedy` and `objective`. */
export const READS_CAUSE = 32;
export const READS_FACTS = 64;

/**
 * The fields {@link readEvent} reads of each event type (kept beside it: change both together).
 * Copies of an event that must evaluate as the event does (the worker columns, the ticket a fast
 * result's traces are rendered from) read only these: reading fields an event lacks, on events of
 * many shapes, costs more than the copy. A type not listed is refused by `readEvent`.
 */
export const EVENT_READS: ReadonlyMap<string, number> = /* @__PURE__ */ (() =>
  new Map([
    ["done", READS_STAGE | READS_RINGS],
    ["agreed-deadline", READS_STAGE | READS_CONSENT | READS_DUE],
    ["pause", READS_REASON | READS_CONSENT],
    ["resume", 0],
    ["remote-resolved", 0],
    ["not-applicable", READS_STAGE | READS_REASON],
    ["closed", READS_REASON],
    ["reopened", READS_REASON],
    ["cause", READS_STAGE | READS_CAUSE],
    ["reclassify", READS_REASON | READS_FACTS],
    ["message", READS_STAGE],
  ]))();

/** Throws `INVALID_EVENT` at `path`. */
export function badEvent(message: string, path: ErrorPath): never {
  throw new SlaKitError("INVALID_EVENT", message, { path });
}

/** A non-empty text field of an event. */
function text(ev: Record<string, unknown>, key: string, i: number, what: string): string {
  const v = ev[key];
  if (typeof v !== "string" || v.trim() === "") badEvent(`Event ${i} (${String(ev.type)}) needs "${key}": ${what}.`, ["events", i, key]);
  return v;
}

/** An event's optional `reason`, read once: the text, or undefined when it is not a string. */
function optionalText(ev: Record<string, unknown>): string | undefined {
  const reason = ev.reason;
  return typeof reason === "string" ? reason : undefined;
}

function consentOf(ev: Record<string, unknown>, i: number, why: string): string {
  const consent = ev.consent;
  if (typeof consent !== "string" || consent.trim() === "") {
    throw new SlaKitError("CONSENT_REQUIRED", `Event ${i}: ${why}; set "consent" to the record (e.g. who agreed and how).`, { path: ["events", i, "consent"] });
  }
  return consent;
}

/** An event's `stage` (read once by the caller) checked against the service. */
function stageOf(svc: CompiledService, stage: unknown, i: number, type: string): string {
  const path: ErrorPath = ["events", i, "stage"];
  if (typeof stage !== "string") badEvent(`Event ${i} (${type}) needs a "stage".`, path);
  if (!svc.byName.has(stage) && !(type === "done" && svc.milestones.has(stage))) {
    const milestone = type === "done" && svc.milestones.size ? " or milestone" : "";
    badEvent(`Event ${i}: "${stage}" is not a stage${milestone} of service "${svc.name}" (${[...svc.byName.keys(), ...svc.milestones].join(", ")}).`, path);
  }
  return stage;
}

/** The declared reason of a pause event (INVALID_EVENT when the policy does not declare it). */
function pauseRule(c: CompiledPolicy, ev: Record<string, unknown>, i: number): { reason: string; rule: PauseReason } {
  const declared = [...c.pauseReasons.keys()];
  const reason = ev.reason;
  const rule = typeof reason === "string" ? c.pauseReasons.get(reason) : undefined;
  if (typeof reason !== "string" || rule === undefined) {
    const fix = declared.length
      ? `use one of ${declared.map((d) => JSON.stringify(d)).join(", ")}`
      : `policy "${c.policy.id}" declares no pause reasons, so its clocks never stop (${c.labels.doc003 ? "003 has no pause: " : ""}renegotiate the deadline with an agreed-deadline event); a desk that allows pauses declares them in policy.pauseReasons`;
    badEvent(`Event ${i}: pause reason ${JSON.stringify(reason)} is not allowed: ${fix}.`, ["events", i, "reason"]);
  }
  return { reason, rule };
}

/** A stage's `notApplicable.when` limits the waiver to tickets with those values (INVALID_EVENT otherwise). */
function notApplicableAllowed(svc: CompiledService, stage: string, ticket: TicketInput, i: number): void {
  const when = svc.byName.get(stage)?.notApplicable?.when;
  if (!when) return;
  for (const d of DIMENSIONS) {
    const allowed = when[d];
    if (allowed === undefined) continue;
    const v: unknown = ticket[d];
    if (typeof v !== "string" || !allowed.includes(v)) {
      const has = typeof v === "string" ? `this ticket's ${d} is "${v}"` : `this ticket has no ${d}`;
      badEvent(`Event ${i}: stage "${stage}" of service "${svc.name}" may be marked not-applicable only when ${d} is ${allowed.join(" or ")}; ${has}.`, ["events", i, "stage"]);
    }
  }
}

/** One event, checked on its own. */
function readEvent(c: CompiledPolicy, svc: CompiledService, ticket: TicketInput, e: unknown, i: number): ReadEvent {
  const path: ErrorPath = ["events", i];
  if (e === null || typeof e !== "object") badEvent(`Event ${i} must be an object with a "type".`, path);
  const ev = e as Record<string, unknown>;
  const ms = toInstantMs(ev.at, [...path, "at"], "INVALID_EVENT");
  const type = ev.type;
  switch (type) {
    case "done": {
      const stage = stageOf(svc, ev.stage, i, type);
      const rings = ev.rings;
      if (rings !== undefined && (typeof rings !== "number" || !Number.isInteger(rings) || rings < 0)) badEvent(`Event ${i}: "rings" must be a non-negative integer.`, [...path, "rings"]);
      return { i, ms, type, stage, rings };
    }
    case "agreed-deadline": {
      const stage = stageOf(svc, ev.stage, i, type);
      const consent = consentOf(ev, i, "an agreed deadline counts only with the customer's recorded consent (003 §8(2))");
      return { i, ms, type, stage, consent, dueMs: toInstantMs(ev.dueAt, [...path, "dueAt"], "INVALID_EVENT") };
    }
    case "pause": {
      const { reason, rule } = pauseRule(c, ev, i);
      if (rule.needsConsent === true) consentOf(ev, i, `a pause for "${reason}" counts only with the customer's recorded consent`);
      return { i, ms, type, reason, rule };
    }
    case "resume":
      return { i, ms, type };
    case "remote-resolved":
      return { i, ms, type };
    case "not-applicable": {
      const stage = stageOf(svc, ev.stage, i, type);
      if (svc.byName.get(stage)?.notApplicable == null) {
        badEvent(`Event ${i}: stage "${stage}" of service "${svc.name}" cannot be marked not-applicable: the policy does not allow it for this stage (StageDef.notApplicable).`, [...path, "stage"]);
      }
      notApplicableAllowed(svc, stage, ticket, i);
      return { i, ms, type, stage, reason: text(ev, "reason", i, "why the stage is not needed") };
    }
    case "closed":
    case "reopened":
      return { i, ms, type, reason: optionalText(ev) };
    case "cause": {
      const given = ev.stage;
      const stage = given === undefined ? undefined : stageOf(svc, given, i, type);
      const objective = ev.objective;
      if (objective !== undefined && typeof objective !== "boolean") badEvent(`Event ${i}: "objective" must be true or false.`, [...path, "objective"]);
      return { i, ms, type, stage, cause: text(ev, "cause", i, "the cause analysis (003 §9)"), remedy: text(ev, "remedy", i, "the remedy taken (003 §9)"), objective: objective === true };
    }
    case "reclassify":
      return { i, ms, type, facts: readFacts(c, svc, ev, i), reason: optionalText(ev) };
    case "message": {
      // S15: a customer message opens a cycle of the next-reply stages (docs/sla.md "Recurring targets")
      const given = ev.stage;
      if (given === undefined) return { i, ms, type, stage: undefined };
      const stage = stageOf(svc, given, i, type);
      if (svc.byName.get(stage)?.recur?.kind !== "next-reply") {
        const replies = svc.stages.filter((s) => s.recur?.kind === "next-reply").map((s) => s.name);
        badEvent(`Event ${i}: a message opens a cycle of a next-reply stage, and "${stage}" of service "${svc.name}" is not one (${replies.length ? `use ${replies.join(" or ")}, or leave "stage" out` : "the service has none: leave \"stage\" out"}).`, [...path, "stage"]);
      }
      return { i, ms, type, stage };
    }
    default:
      return badEvent(`Event ${i} has unknown type ${JSON.stringify(type)}; use ${EVENT_TYPES}.`, [...path, "type"]);
  }
}

/** Validates, normalises and stably sorts the events; checks the sequence rules. */
export function readEvents(c: CompiledPolicy, svc: CompiledService, ticket: TicketInput, createdMs: number): ReadEvent[] {
  const raw: unknown = ticket.events;
  if (!Array.isArray(raw)) throw new SlaKitError("INVALID_ARGUMENT", "ticket.events must be an array (use [] when nothing happened yet).", { path: ["events"] });
  const out = raw.map((e: unknown, i: number) => readEvent(c, svc, ticket, e, i));
  out.sort((a, b) => a.ms - b.ms || a.i - b.i);
  let paused = false;
  const done = new Set<string>();
  let closed: number | null = null;
  for (const e of out) {
    const path: ErrorPath = ["events", e.i];
    if (e.ms < createdMs) badEvent(`Event ${e.i} (${e.type} at ${iso(e.ms)}) is before the ticket was created (${iso(createdMs)}).`, [...path, "at"]);
    if (e.type === "pause") {
      if (paused) badEvent(`Event ${e.i}: pause while the ticket is already paused; resume it first.`, path);
      paused = true;
    } else if (e.type === "resume") {
      if (!paused) badEvent(`Event ${e.i}: resume without a preceding pause.`, path);
      paused = false;
    } else if (e.type === "done") {
      // a recurring stage (S15) is done once per cycle
      if (done.has(e.stage) && svc.byName.get(e.stage)?.recur == null) badEvent(`Event ${e.i}: stage "${e.stage}" is done twice; keep one done event per stage.`, [...path, "stage"]);
      done.add(e.stage);
    } else if (e.type === "closed") {
      if (closed !== null) badEvent(`Event ${e.i}: the ticket is closed twice (first by event ${closed}) with no reopened event between; keep one closed event, or record the reopening (S17).`, path);
      closed = e.i;
    } else if (e.type === "reopened") {
      // S17: only a closed ticket can be reopened (docs/sla.md "Reopened tickets")
      if (closed === null) badEvent(`Event ${e.i}: the ticket is reopened (${iso(e.ms)}) but it is not closed then; a reopened event follows a closed event.`, path);
      closed = null;
    }
  }
  return out;
}
