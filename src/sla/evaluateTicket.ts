import { addBusinessDays, addBusinessTime, alwaysOpen, businessTimeBetween, type Calendar } from "../calendar/index.js";
import { SlaKitError, type ErrorPath } from "../errors.js";
import { localDateOf } from "../_lib/zone.js";
import { CREATED, clockOf, getCompiled, lookupStage, type CompiledService, type EffectiveBound } from "./_compile.js";
import { toInstantMs } from "./_time.js";
import type { EvaluateTicketOptions, Policy, StageEvaluation, StageStatus, Ticket, TicketEvaluation, TraceStep } from "./types.js";

interface Ev {
  readonly i: number;
  readonly type: "done" | "pause" | "resume" | "agreed-deadline" | "remote-resolved";
  readonly ms: number;
  readonly stage?: string;
  readonly rings?: number;
  readonly dueMs?: number;
}

let utcClock: Calendar | undefined;
const iso = (ms: number): string => new Date(ms).toISOString();

function bad(message: string, path: ErrorPath): never {
  throw new SlaKitError("INVALID_EVENT", message, { path });
}

function checkBound(b: EffectiveBound | null, createdMs: number, tz: string, isFrom: boolean): boolean {
  if (b === null) return true;
  if ("date" in b) {
    const d = localDateOf(tz, createdMs);
    return isFrom ? d >= b.date : d <= b.date;
  }
  return isFrom ? createdMs >= b.ms : createdMs < b.ms;
}

/** Validates, normalises and stably sorts the events; checks the sequence rules. */
function readEvents(svc: CompiledService, ticket: Ticket, createdMs: number): Ev[] {
  const raw: unknown = ticket.events;
  if (!Array.isArray(raw)) throw new SlaKitError("INVALID_ARGUMENT", "ticket.events must be an array (use [] when nothing happened yet).", { path: ["events"] });
  const out: Ev[] = [];
  raw.forEach((e: unknown, i: number) => {
    const path: ErrorPath = ["events", i];
    if (e === null || typeof e !== "object") bad(`Event ${i} must be an object with a "type".`, path);
    const ev = e as Record<string, unknown>;
    const ms = toInstantMs(ev.at, [...path, "at"], "INVALID_EVENT");
    const type = ev.type;
    if (type === "done" || type === "agreed-deadline") {
      const stage = ev.stage;
      if (typeof stage !== "string") bad(`Event ${i} (${type}) needs a "stage".`, [...path, "stage"]);
      const isStage = svc.byName.has(stage);
      if (!isStage && !(type === "done" && svc.milestones.has(stage))) {
        bad(`Event ${i}: "${stage}" is not a stage${type === "done" && svc.milestones.size ? " or milestone" : ""} of service "${svc.name}" (${[...svc.byName.keys(), ...svc.milestones].join(", ")}).`, [...path, "stage"]);
      }
      if (type === "done") {
        const rings = ev.rings;
        if (rings !== undefined && (typeof rings !== "number" || !Number.isInteger(rings) || rings < 0)) bad(`Event ${i}: "rings" must be a non-negative integer.`, [...path, "rings"]);
        out.push(rings === undefined ? { i, type, ms, stage } : { i, type, ms, stage, rings: rings as number });
      } else {
        if (typeof ev.consent !== "string" || ev.consent.trim() === "") {
          throw new SlaKitError("CONSENT_REQUIRED", `Event ${i}: an agreed deadline counts only with the customer's recorded consent (003 §8(2)); set "consent" to the record (e.g. who agreed and how).`, {
            path: [...path, "consent"],
          });
        }
        out.push({ i, type, ms, stage, dueMs: toInstantMs(ev.dueAt, [...path, "dueAt"], "INVALID_EVENT") });
      }
    } else if (type === "pause" || type === "resume" || type === "remote-resolved") {
      out.push({ i, type, ms });
    } else {
      bad(`Event ${i} has unknown type ${JSON.stringify(type)}; use done, pause, resume, agreed-deadline or remote-resolved.`, [...path, "type"]);
    }
  });
  out.sort((a, b) => a.ms - b.ms || a.i - b.i);
  let paused = false;
  const done = new Set<string>();
  for (const e of out) {
    const path: ErrorPath = ["events", e.i];
    if (e.ms < createdMs) bad(`Event ${e.i} (${e.type} at ${iso(e.ms)}) is before the ticket was created (${iso(createdMs)}).`, [...path, "at"]);
    if (e.type === "pause") {
      if (paused) bad(`Event ${e.i}: pause while the ticket is already paused; resume it first.`, path);
      paused = true;
    } else if (e.type === "resume") {
      if (!paused) bad(`Event ${e.i}: resume without a preceding pause.`, path);
      paused = false;
    } else if (e.type === "done") {
      const s = e.stage as string;
      if (done.has(s)) bad(`Event ${e.i}: stage "${s}" is done twice; keep one done event per stage.`, [...path, "stage"]);
      done.add(s);
    }
  }
  return out;
}

/**
 * Evaluates every stage of a ticket at `asOf` against a policy (docs/rules.md S1-S13, W1-W3). Events
 * after `asOf` are ignored. Per stage: deadline (inclusive), warning time, status, allowed /
 * elapsed / remaining time on the stage's own clock, paused time, and a trace (row, sourceRef,
 * clock, anchor, arithmetic).
 *
 * Statuses: done at or before `dueAt` is `met`, after it `breached`; open stages are `pending`
 * before `warnAt`, `warning` from `warnAt` up to and including `dueAt`, `overdue` after it; a
 * stage whose anchor has not happened is `pending` with `dueAt: null`. Pauses stop the clock of
 * every open stage (overdue ones too) and move its deadline and warning later by the paused open
 * time; `remote-resolved` makes every stage of an on-site ticket `not-applicable` (a done time stays in the trace); a consented
 * `agreed-deadline` replaces the deadline (the original stays as `originalDueAt`).
 *
 * @throws SlaKitError `INVALID_EVENT` (event before creation, resume without pause, pause while
 *   paused, stage done twice, unknown stage, stage done before its anchor or without it, agreed
 *   deadline before the anchor, an ISO date that does not exist), `CONSENT_REQUIRED`,
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
export function evaluateTicket(policy: Policy, ticket: Ticket, options: EvaluateTicketOptions): TicketEvaluation {
  const c = getCompiled(policy);
  if (options === null || typeof options !== "object") throw new SlaKitError("INVALID_ARGUMENT", "evaluateTicket needs options { asOf }.", { path: ["asOf"] });
  const asOf = toInstantMs(options.asOf, ["asOf"], "INVALID_ARGUMENT");
  if (ticket === null || typeof ticket !== "object") throw new SlaKitError("INVALID_ARGUMENT", "The ticket must be an object { id, service, createdAt, events }.", { path: [] });
  if (typeof ticket.id !== "string" || ticket.id === "") throw new SlaKitError("INVALID_ARGUMENT", "ticket.id must be a non-empty string.", { path: ["id"] });
  const svc = c.services.get(ticket.service);
  if (!svc) {
    throw new SlaKitError("UNKNOWN_VALUE", `Unknown service ${JSON.stringify(ticket.service)}; the policy "${c.policy.id}" has: ${[...c.services.keys()].join(", ")}.`, { path: ["service"] });
  }
  const createdMs = toInstantMs(ticket.createdAt, ["createdAt"], "INVALID_ARGUMENT");
  if (asOf < createdMs) throw new SlaKitError("INVALID_ARGUMENT", `asOf (${iso(asOf)}) is before the ticket was created (${iso(createdMs)}).`, { path: ["asOf"] });
  if (options.allowOutsideEffectiveDates !== true && !(checkBound(c.effectiveFrom, createdMs, c.timeZone, true) && checkBound(c.effectiveTo, createdMs, c.timeZone, false))) {
    throw new SlaKitError(
      "OUTSIDE_EFFECTIVE_DATES",
      `Ticket ${ticket.id} was created ${iso(createdMs)}, outside the dates of policy ${c.policy.id} ${c.policy.version} (${c.policy.effectiveFrom ?? "open"} to ${c.policy.effectiveTo ?? "open"}); use the policy version in force then, or pass { allowOutsideEffectiveDates: true }.`,
      { path: ["createdAt"] },
    );
  }
  const all = readEvents(svc, ticket, createdMs);
  const doneAll = new Map<string, Ev>();
  for (const e of all) if (e.type === "done") doneAll.set(e.stage as string, e);
  // what is known at asOf
  const doneAt = new Map<string, Ev>();
  const agreed = new Map<string, Ev>();
  const pauses: [number, number][] = [];
  let pauseStart = -1;
  let remoteAt: number | null = null;
  for (const e of all) {
    if (e.ms > asOf) break;
    if (e.type === "done") doneAt.set(e.stage as string, e);
    else if (e.type === "agreed-deadline") agreed.set(e.stage as string, e);
    else if (e.type === "pause") pauseStart = e.ms;
    else if (e.type === "resume") {
      pauses.push([pauseStart, e.ms]);
      pauseStart = -1;
    } else if (remoteAt === null) remoteAt = e.ms;
  }
  if (pauseStart >= 0) pauses.push([pauseStart, asOf]);

  const q = { service: svc.name, stage: "", tier: ticket.tier, urgency: ticket.urgency, location: ticket.location };
  const stages: StageEvaluation[] = [];
  for (const cs of svc.stages) {
    const steps: TraceStep[] = [];
    const done = doneAt.get(cs.name);
    const done0 = doneAll.get(cs.name);
    const doneMs = done ? done.ms : null;
    const base = {
      stage: cs.name,
      anchorAt: null as Date | null,
      dueAt: null as Date | null,
      warnAt: null as Date | null,
      doneAt: doneMs === null ? null : new Date(doneMs),
      allowedMs: null as number | null,
      elapsedMs: null as number | null,
      remainingMs: null as number | null,
      fractionUsed: null as number | null,
      pausedMs: 0,
    };
    // stage restricted to some dimension values ("when")
    if (cs.when) {
      let out: string | null = null;
      for (const d of ["tier", "urgency", "location"] as const) {
        const set = cs.when[d];
        const v = ticket[d];
        if (set && v !== undefined && !set.has(v)) out = `${d} ${v}`;
      }
      if (out !== null) {
        stages.push({ ...base, status: "not-applicable", trace: { row: null, rowId: null, sourceRef: null, within: null, clock: null, anchor: CREATED, steps: [{ step: "not-applicable", detail: `stage "${cs.name}" does not apply to ${out}` }] } });
        continue;
      }
    }
    q.stage = cs.name;
    const t = lookupStage(c, svc, cs.name, q, []);
    const anchorName = t.anchor ?? CREATED;
    const trace = (status: StageStatus, extra?: Partial<StageEvaluation>): StageEvaluation => ({
      ...base,
      ...extra,
      status,
      trace: { row: t.index, rowId: t.id ?? null, sourceRef: t.sourceRef, within: t.within, clock: t.clock ?? null, anchor: anchorName, steps },
    });
    steps.push({ step: "target", detail: `row ${t.index}${t.id ? ` (${t.id})` : ""}, ${t.sourceRef}: within ${JSON.stringify(t.within)}${t.clock ? ` on clock ${t.clock}` : ""}`, value: t.index });
    // a stage is done only after its anchor (checked on all events, whatever asOf)
    if (anchorName !== CREATED && done0 !== undefined) {
      const a0 = doneAll.get(anchorName);
      if (a0 === undefined || done0.ms < a0.ms) {
        bad(`Stage "${cs.name}" is done (${iso(done0.ms)}) ${a0 === undefined ? "but its anchor" : "before its anchor"} "${anchorName}" ${a0 === undefined ? "is never done" : `(${iso(a0.ms)})`}; record the anchor's done event first.`, ["events", done0.i, "at"]);
      }
    }
    // S6 (docs/rules.md: "remote-resolved makes the stages of an onsite ticket not-applicable"): all of
    // them, a stage already done included; its done time stays in the trace
    if (svc.onsite && remoteAt !== null) {
      steps.push({ step: "remote-resolved", detail: `resolved remotely at ${iso(remoteAt)}: on-site stages do not apply (003 §6(2))${doneMs === null ? "" : `; the stage was done at ${iso(doneMs)}`}` });
      stages.push(trace("not-applicable"));
      continue;
    }
    if (t.kind === "rings") {
      const limit = (t.within as { rings: number }).rings;
      if (done?.rings === undefined) {
        steps.push({ step: "rings", detail: done ? "done event carries no rings count: cannot be judged" : "no answered call recorded" });
        stages.push(trace("not-applicable"));
      } else {
        steps.push({ step: "rings", detail: `answered after ${done.rings} rings, limit ${limit}`, value: done.rings });
        stages.push(trace(done.rings <= limit ? "met" : "breached"));
      }
      continue;
    }
    // anchor
    let anchorMs: number | null;
    if (anchorName === CREATED) anchorMs = createdMs;
    else anchorMs = doneAt.get(anchorName)?.ms ?? null;
    if (anchorMs === null) {
      steps.push({ step: "anchor", detail: `anchor "${anchorName}" has not happened yet: the deadline is not running` });
      stages.push(trace("pending"));
      continue;
    }
    steps.push({ step: "anchor", detail: `${anchorName} at ${iso(anchorMs)}`, value: iso(anchorMs) });
    const cal = clockOf(c, t) ?? (utcClock ??= alwaysOpen("UTC"));
    const endMs = doneMs ?? asOf;
    const ag = agreed.get(cs.name);
    let dueMs: number;
    let warnMs: number;
    let allowed: number;
    let pausedMs = 0;
    let originalDueAt: Date | null | undefined;
    if (t.kind === "agreed" && ag === undefined) {
      steps.push({ step: "agreed", detail: "no fixed limit: the deadline must be agreed with the customer in advance and recorded as an agreed-deadline event (003 §6(3))" });
      stages.push(trace(doneMs === null ? "pending" : "not-applicable", { anchorAt: new Date(anchorMs) }));
      continue;
    }
    if (ag !== undefined && (ag.dueMs as number) < anchorMs) {
      bad(`Event ${ag.i}: the agreed deadline ${iso(ag.dueMs as number)} of stage "${cs.name}" is before its anchor "${anchorName}" (${iso(anchorMs)}).`, ["events", ag.i, "dueAt"]);
    }
    if (t.kind === "duration" || t.kind === "businessDays") {
      if (t.kind === "duration") {
        allowed = t.withinMs ?? 0;
        dueMs = addBusinessTime(cal, anchorMs, allowed).getTime();
        steps.push({ step: "due", detail: `${iso(anchorMs)} + ${allowed} ms on ${t.clock ?? "UTC"} = ${iso(dueMs)}`, value: iso(dueMs) });
      } else {
        const n = (t.within as { businessDays: number }).businessDays;
        dueMs = addBusinessDays(cal, anchorMs, n).getTime();
        allowed = businessTimeBetween(cal, anchorMs, dueMs);
        steps.push({ step: "due", detail: `close of business of business day ${n} after ${localDateOf(cal.timeZone, anchorMs)} on ${t.clock ?? ""} = ${iso(dueMs)} (start day not counted, docs/rules.md T2); allowed ${allowed} ms of open time`, value: iso(dueMs) });
      }
      const warnOffset = Math.round(c.warnAt * allowed);
      warnMs = addBusinessTime(cal, anchorMs, warnOffset).getTime();
      steps.push({ step: "warn", detail: `${iso(anchorMs)} + ${c.warnAt} x ${allowed} ms = ${iso(warnMs)} (W1)`, value: iso(warnMs) });
      // pauses stop the clock of every open stage (anchored, not done; overdue included): the
      // paused open time moves the deadline and the warning later (docs/rules.md "Readings: SLA")
      for (const [ps, pe] of pauses) {
        const s = ps > anchorMs ? ps : anchorMs;
        const e = pe < endMs ? pe : endMs;
        if (e <= s) continue;
        const p = businessTimeBetween(cal, s, e);
        if (p <= 0) continue;
        pausedMs += p;
        steps.push({ step: "pause", detail: `paused ${iso(s)} to ${iso(e)}: ${p} ms of open time`, value: p });
      }
      if (pausedMs > 0) {
        warnMs = addBusinessTime(cal, warnMs, pausedMs).getTime();
        dueMs = addBusinessTime(cal, dueMs, pausedMs).getTime();
        steps.push({ step: "paused", detail: `${pausedMs} ms paused in all: warning moves to ${iso(warnMs)}, due to ${iso(dueMs)}`, value: pausedMs });
      }
      if (ag !== undefined) {
        originalDueAt = new Date(dueMs);
        dueMs = ag.dueMs as number;
        pausedMs = 0;
        allowed = businessTimeBetween(cal, anchorMs, dueMs);
        warnMs = addBusinessTime(cal, anchorMs, Math.max(0, Math.round(c.warnAt * allowed))).getTime();
        steps.push({ step: "agreed-deadline", detail: `deadline renegotiated with consent at ${iso(ag.ms)}: ${iso(dueMs)} replaces ${iso(originalDueAt.getTime())} (W2, 003 §8(2))`, value: iso(dueMs) });
      }
    } else {
      // agreed row with an agreed-deadline event (S9)
      const a = ag as Ev;
      dueMs = a.dueMs as number;
      allowed = businessTimeBetween(cal, anchorMs, dueMs);
      warnMs = addBusinessTime(cal, anchorMs, Math.max(0, Math.round(c.warnAt * allowed))).getTime();
      steps.push({ step: "agreed-deadline", detail: `deadline agreed with the customer at ${iso(a.ms)}: ${iso(dueMs)} (003 §6(3))`, value: iso(dueMs) });
    }
    const elapsedRaw = endMs > anchorMs ? businessTimeBetween(cal, anchorMs, endMs) - pausedMs : 0;
    const elapsed = elapsedRaw > 0 ? elapsedRaw : 0;
    let status: StageStatus;
    if (doneMs !== null) status = doneMs <= dueMs ? "met" : "breached";
    else if (asOf > dueMs) status = "overdue";
    else if (asOf >= warnMs) status = "warning";
    else status = "pending";
    steps.push({
      step: "status",
      detail: doneMs !== null ? `done ${iso(doneMs)} ${status === "met" ? "<=" : ">"} due ${iso(dueMs)}` : `asOf ${iso(asOf)}: warn ${iso(warnMs)}, due ${iso(dueMs)} -> ${status}`,
      value: status,
    });
    const extra: Partial<StageEvaluation> = {
      anchorAt: new Date(anchorMs),
      dueAt: new Date(dueMs),
      warnAt: new Date(warnMs),
      allowedMs: allowed,
      elapsedMs: elapsed,
      remainingMs: allowed - elapsed,
      fractionUsed: allowed > 0 ? elapsed / allowed : null,
      pausedMs,
    };
    if (originalDueAt !== undefined) (extra as { originalDueAt: Date | null }).originalDueAt = originalDueAt;
    stages.push(trace(status, extra));
  }
  const result: {
    -readonly [K in keyof TicketEvaluation]: TicketEvaluation[K];
  } = {
    ticketId: ticket.id,
    service: svc.name,
    createdAt: new Date(createdMs),
    asOf: new Date(asOf),
    policy: { id: c.policy.id, version: c.policy.version, hash: c.policy.hash },
    stages,
  };
  if (ticket.tier !== undefined) result.tier = ticket.tier;
  if (ticket.urgency !== undefined) result.urgency = ticket.urgency;
  if (ticket.location !== undefined) result.location = ticket.location;
  if (typeof ticket.assignee === "string") result.assignee = ticket.assignee;
  if (typeof ticket.department === "string") result.department = ticket.department;
  return result;
}
