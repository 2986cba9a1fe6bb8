/**
 * Compiled plans: the fast path of `tallyTickets` and of `evaluateTicket` (`_fast.ts` builds its
 * results from the numbers {@link judge} leaves in {@link J}). A plan is made once per (service, tier,
 * urgency, location, channel) combination of a compiled policy and cached on it: each stage's
 * `when` already decided, its matrix row looked up, anchor, clock, duration and warning levels
 * resolved. With a plan, a ticket's stage statuses are epoch-ms arithmetic: no Dates, no trace,
 * no result objects.
 *
 * The fast path handles only what it knows (the policy features of `supported`, a whitelist of
 * event types) and answers `null` for anything else: a policy with reopening, reclassification or
 * recurring stages, an event type it does not know, a value it cannot key, any bad input (every
 * check of `readEvents` and `judgeStage` is repeated, so a ticket `evaluateTicket` rejects is never
 * counted here). A stage whose calendar cannot answer is `unknown` here as there
 * ({@link unknownAfter}). The caller evaluates a ticket answered `null` with `evaluateTicket`,
 * which gives the statuses or throws the error with its path. test/sla/plan.test.ts checks that both agree.
 * Private to `sla`.
 * @internal
 */
import { addBusinessDays, addBusinessTime, businessTimeBetween, type Calendar } from "../calendar/index.js";
import { addOpen, closeAfterDays, cover, engineOf, openBefore, type Engine } from "../calendar/_engine.js";
import type { CompiledPolicy, CompiledService } from "./_compile.js";
import type { CompiledLevel } from "./_levels.js";
import { lookupStage } from "./_lookup.js";
import { CREATED, DIMENSIONS } from "./_references.js";
import { alwaysOpen } from "../calendar/index.js";
import { checkBound } from "./evaluateTicket.js";
import { agreementFault, STAGE_ERRORS } from "./_stage.js";
import { isSlaKitError } from "../errors.js";
import { quietErrors } from "../_lib/quiet.js";
import type { PauseReason, StageStatus, Target, TargetQuery, TicketInput } from "./types.js";

/** Status codes of the fast path. */
export const MET = 0;
export const BREACHED = 1;
export const OVERDUE = 2;
export const PENDING = 3;
export const WARNING = 4;
export const NOT_APPLICABLE = 5;
/** A stage whose calendar cannot answer (its error is the full path's, `STAGE_ERRORS`). */
export const UNKNOWN = 6;
/** The status names by code. */
export const STATUS_NAMES: readonly StageStatus[] = ["met", "breached", "overdue", "pending", "warning", "not-applicable", "unknown"];

/** A clock as the fast path uses it: the calendar, and the instants it answers for without checks. */
interface Clock {
  readonly cal: Calendar;
  readonly e: Engine;
  /** Open every instant: arithmetic. */
  readonly always: boolean;
  /** Instants in [lo, hi] are valid arguments of the calendar functions (never out of range). */
  readonly lo: number;
  readonly hi: number;
  /** The longest span one query may cover (maxReachYears). */
  readonly reach: number;
}

/** One stage of a plan. */
export interface StagePlan {
  readonly name: string;
  /** Not applicable by the stage's `when` (the row is not looked up). */
  readonly outside: boolean;
  /** The matrix lookup threw: evaluating this stage throws, the ticket takes the full path. */
  readonly lookupFails: boolean;
  readonly kind: Target["kind"];
  /** The anchor stage or milestone, or null for ticket creation. */
  readonly anchor: string | null;
  /** The anchor is a stage of the service (a close completes it). */
  readonly anchorIsStage: boolean;
  readonly clock: Clock | null;
  readonly withinMs: number;
  readonly businessDays: number;
  readonly rings: number;
  readonly levels: readonly CompiledLevel[];
  /** The single fraction level of the default `warnAt` (its fraction), else null. */
  readonly fraction: number | null;
  /** A `not-applicable` event of this stage is allowed (the policy's `notApplicable`). */
  readonly waivable: boolean;
  /** What `rollup` reads of this stage, per status code (x2: renegotiated), shared by every ticket. */
  readonly records: readonly StageRecord[];
  /** The row (null when outside or the lookup fails). */
  readonly target: Target | null;
}

/** The fields of a stage evaluation `rollup` reads. */
export interface StageRecord {
  readonly stage: string;
  readonly status: StageStatus;
  readonly renegotiated: boolean;
  readonly originalDueAt: null;
}

/** The plan of one combination: the service and its stages in order. */
export interface Plan {
  readonly svc: CompiledService;
  readonly stages: readonly StagePlan[];
}

/** Plans of one compiled policy, null when the policy uses a feature the fast path lacks (`supported`). */
interface Plans {
  readonly byService: Map<string, Map<unknown, Map<unknown, Map<unknown, Map<unknown, Plan>>>>>;
  readonly clocks: Map<Calendar, Clock>;
}

const plansOf = new WeakMap<CompiledPolicy, Plans | null>();

/**
 * Can the plans judge this policy? Not with reopening (S17), reclassification (S16) or recurring
 * stages (S15): those send every ticket the full way. Every other field of the policy schema is
 * one the plans read; test/sla/plan.test.ts fails on a field added to the schema until it
 * is sorted into one list or the other.
 */
function supported(c: CompiledPolicy): boolean {
  const p = c.policy;
  return p.reopen === undefined && p.reclassify === undefined && Object.values(p.services).every((s) => s.stages.every((st) => typeof st === "string" || st.recur === undefined));
}

const MS_PER_DAY = 86_400_000;
/** Day numbers of 1000-01-01 and 9999-12-31, the dates calendars with hours answer for. */
const FIRST_DAY = Date.UTC(1000, 0, 1) / MS_PER_DAY;
const LAST_DAY = Date.UTC(9999, 11, 31) / MS_PER_DAY;
let utcClock: Calendar | undefined;

function clockOf(plans: Plans, cal: Calendar): Clock {
  let k = plans.clocks.get(cal);
  if (k === undefined) {
    const e = engineOf(cal);
    // two days of margin each side: a local date is at most a day off its UTC date
    const lo = (Math.max(e.validFrom, FIRST_DAY) + 2) * MS_PER_DAY;
    const hi = (Math.min(e.rangeTo, LAST_DAY) - 2) * MS_PER_DAY;
    k = { cal, e, always: e.always, lo, hi, reach: e.maxReachYears * 366 * MS_PER_DAY };
    plans.clocks.set(cal, k);
  }
  return k;
}

function stagePlan(c: CompiledPolicy, plans: Plans, svc: CompiledService, cs: CompiledService["stages"][number], q: TargetQuery): StagePlan {
  let outside = false;
  if (cs.when) {
    for (const d of DIMENSIONS) {
      const set = cs.when[d];
      const v = q[d];
      if (set && v !== undefined && !set.has(v)) outside = true;
    }
  }
  let t: Target | null = null;
  if (!outside) {
    try {
      t = lookupStage(c, svc, cs.name, q, []);
    } catch {
      t = null;
    }
  }
  const levels = t === null ? c.levels : (c.rowLevels.get(t.index) ?? c.levels);
  const l0 = levels[0];
  const fraction = levels.length === 1 && l0 !== undefined && l0.kind === "fraction" && l0.warns ? l0.value : null;
  const calendar = t === null || t.clock === undefined ? null : (c.calendars.get(t.clock) ?? null);
  const anchor = t === null || t.anchor === undefined || t.anchor === CREATED ? null : t.anchor;
  return {
    name: cs.name,
    outside,
    lookupFails: !outside && t === null,
    kind: t === null ? "agreed" : t.kind,
    anchor,
    anchorIsStage: anchor !== null && svc.byName.has(anchor),
    clock: t === null ? null : clockOf(plans, calendar ?? (utcClock ??= alwaysOpen("UTC"))),
    withinMs: t?.kind === "duration" ? t.withinMs : 0,
    businessDays: t?.kind === "businessDays" ? t.within.businessDays : 0,
    rings: t?.kind === "rings" ? t.within.rings : 0,
    levels,
    fraction,
    waivable: cs.notApplicable != null,
    records: [false, true].flatMap((renegotiated) => STATUS_NAMES.map((status) => Object.freeze({ stage: cs.name, status, renegotiated, originalDueAt: null }))),
    target: t,
  };
}

/** Is `v` a value of dimension `d` the policy declares (or absent)? Other values are never cached. */
const keyable = (c: CompiledPolicy, d: (typeof DIMENSIONS)[number], v: unknown): boolean => v === undefined || (typeof v === "string" && c.dimSets[d].has(v));

/** The next level of the plan cache for dimension `d`'s value `v` (made on first use), or null for a value not declared. */
function below<T>(m: Map<unknown, Map<unknown, T>>, c: CompiledPolicy, d: (typeof DIMENSIONS)[number], v: unknown): Map<unknown, T> | null {
  let next = m.get(v);
  if (next === undefined) {
    if (!keyable(c, d, v)) return null;
    m.set(v, (next = new Map()));
  }
  return next;
}

/**
 * The plan of a ticket's combination, made on first use; null when the policy uses a feature the
 * fast path lacks (`supported`), or the ticket's values are not all declared ones (the full path says why).
 */
export function planFor(c: CompiledPolicy, svc: CompiledService, tier: unknown, urgency: unknown, location: unknown, channel: unknown): Plan | null {
  let plans = plansOf.get(c);
  if (plans === undefined) {
    plans = supported(c) ? { byService: new Map(), clocks: new Map() } : null;
    plansOf.set(c, plans);
  }
  if (plans === null) return null;
  let a = plans.byService.get(svc.name);
  if (a === undefined) plans.byService.set(svc.name, (a = new Map()));
  const b = below(a, c, "tier", tier);
  const d = b && below(b, c, "urgency", urgency);
  const e = d && below(d, c, "location", location);
  if (!e) return null;
  let p = e.get(channel);
  if (p === undefined) {
    if (!keyable(c, "channel", channel)) return null;
    const q = { service: svc.name, stage: "", tier, urgency, location, channel } as TargetQuery;
    const made = plans;
    p = { svc, stages: svc.stages.map((cs) => stagePlan(c, made, svc, cs, q)) };
    e.set(channel, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Clock arithmetic: the calendar functions, by arithmetic on 24x7 clocks and straight on the
// engine for instants the calendar answers for without checks (the public function otherwise,
// which throws what evaluateTicket would meet).

/** addBusinessTime(k.cal, s, ms) in epoch ms; NaN where it would throw on an always-open clock. */
function addTime(k: Clock, s: number, ms: number): number {
  if (!Number.isSafeInteger(ms) || ms < 0) return Number.NaN; // INVALID_DURATION: the ticket fails
  if (k.always) {
    const r = s + ms;
    return r > 8.64e15 ? Number.NaN : r;
  }
  if (s >= k.lo && s <= k.hi) return ms === 0 ? s : addOpen(k.e, s, ms, START);
  return addBusinessTime(k.cal, s, ms).getTime();
}

/** The error path the engine is given (its errors only make the fast path give way). */
const START: readonly string[] = ["start"];

/** addBusinessDays(k.cal, s, n) in epoch ms. */
function addDays(k: Clock, s: number, n: number): number {
  if (!k.always && s >= k.lo && s <= k.hi && Number.isSafeInteger(n) && n >= 0) {
    return closeAfterDays(k.e, s, n, START);
  }
  return addBusinessDays(k.cal, s, n).getTime();
}

/** businessTimeBetween(k.cal, a, b). */
function between(k: Clock, a: number, b: number): number {
  if (k.always) return b - a;
  if (a >= k.lo && a <= k.hi && b >= k.lo && b <= k.hi && Math.abs(b - a) <= k.reach) {
    cover(k.e, Math.min(a, b), Math.max(a, b));
    return openBefore(k.e, b) - openBefore(k.e, a);
  }
  return businessTimeBetween(k.cal, a, b);
}

// ---------------------------------------------------------------------------------------------
// Reading the events, as readEvents and buildTimeline do (checks included)

/** Event kinds the fast path reads. */
const DONE = 1;
const AGREED = 2;
const PAUSE = 3;
const RESUME = 4;
const REMOTE = 5;
const WAIVER = 6;
const CLOSED = 7;
export const CAUSE = 8;

/** The event type of each kind (`Ev.kind`; index 0 is no kind). */
export const KIND_TYPES: readonly string[] = ["", "done", "agreed-deadline", "pause", "resume", "remote-resolved", "not-applicable", "closed", "cause"];

const KIND: ReadonlyMap<unknown, number> = new Map<unknown, number>(KIND_TYPES.map((type, kind) => [type, kind] as const).slice(1));

/** One event as read: its kind, index, instant and the fields its kind needs. */
export interface Ev {
  kind: number;
  i: number;
  ms: number;
  stage: string | null;
  /** rings of a done event (-1: none), or dueAt of an agreement. */
  n: number;
  rule: PauseReason | null;
  /**
   * Read once with the event, as `readEvent` reads them, for the result and the copy a fast
   * result's traces are rendered from (a getter on the input is not read again): an agreement's
   * consent (W2 lists it), a pause's consent (when its reason needs one), a cause event's cause, remedy
   * and objective (W3).
   */
  consent: string | null;
  /** The reason of a pause (its declared name), of a not-applicable event, or of a close (a string, else null). */
  reason: string | null;
  cause: string | null;
  remedy: string | null;
  objective: boolean;
}

/** An instant as evaluateTicket reads it (Date, epoch ms); NaN when it would throw, for text and for a fraction of a ms (the full path decides). */
function instant(v: unknown): number {
  let ms: number;
  if (typeof v === "number") ms = v;
  else if (v instanceof Date) ms = v.getTime();
  else return Number.NaN; // strings: the full path parses them
  // whole ms only: the full path's Dates drop a fraction of a millisecond along the way
  return ms <= 8.64e15 && ms >= -8.64e15 && ms % 1 === 0 ? ms : Number.NaN;
}

const filled = (v: unknown): boolean => typeof v === "string" && v.trim() !== "";

/** A stage named by an event, as `stageOf` accepts it (milestones only for done events). */
function stageOk(svc: CompiledService, stage: unknown, done: boolean): stage is string {
  return typeof stage === "string" && (svc.byName.has(stage) || (done && svc.milestones.has(stage)));
}

/** Fills `out` with an event read as `readEvent` reads it; false when it would throw or is of a kind not handled. */
function readOne(c: CompiledPolicy, svc: CompiledService, ticket: Record<string, unknown>, e: unknown, i: number, out: Ev): boolean {
  if (e === null || typeof e !== "object") return false;
  const ev = e as Record<string, unknown>;
  const ms = instant(ev.at);
  if (ms !== ms) return false;
  const kind = KIND.get(ev.type);
  if (kind === undefined) return false; // an event type the fast path does not know: the full path decides
  out.kind = kind;
  out.i = i;
  out.ms = ms;
  out.stage = null;
  out.n = 0;
  out.rule = null;
  out.consent = null;
  out.reason = null;
  out.cause = null;
  out.remedy = null;
  out.objective = false;
  switch (kind) {
    case DONE: {
      const stage = ev.stage;
      if (!stageOk(svc, stage, true)) return false;
      const rings = ev.rings;
      if (rings !== undefined && (typeof rings !== "number" || !Number.isInteger(rings) || rings < 0)) return false;
      out.stage = stage;
      out.n = rings === undefined ? -1 : rings;
      return true;
    }
    case AGREED: {
      const stage = ev.stage;
      if (!stageOk(svc, stage, false)) return false;
      const consent = ev.consent;
      if (!filled(consent)) return false;
      const due = instant(ev.dueAt);
      if (due !== due) return false;
      out.stage = stage;
      out.consent = consent as string;
      out.n = due;
      return true;
    }
    case PAUSE: {
      const reason = ev.reason;
      const rule = typeof reason === "string" ? c.pauseReasons.get(reason) : undefined;
      if (rule === undefined) return false;
      // read only when the reason needs it, as readEvent does (the trace copy needs it only then)
      if (rule.needsConsent === true) {
        const consent = ev.consent;
        if (!filled(consent)) return false;
        out.consent = consent as string;
      }
      out.rule = rule;
      out.reason = reason as string;
      return true;
    }
    case RESUME:
    case REMOTE:
      return true;
    case CLOSED: {
      const reason = ev.reason;
      out.reason = typeof reason === "string" ? reason : null;
      return true;
    }
    case WAIVER: {
      const stage = ev.stage;
      const reason = ev.reason;
      if (!stageOk(svc, stage, false) || !filled(reason)) return false;
      const na = svc.byName.get(stage)!.notApplicable;
      if (na == null) return false;
      const when = na.when;
      if (when) {
        for (const d of DIMENSIONS) {
          const allowed = when[d];
          if (allowed === undefined) continue;
          const v = ticket[d];
          if (typeof v !== "string" || !allowed.includes(v)) return false;
        }
      }
      out.stage = stage;
      out.reason = reason as string;
      return true;
    }
    case CAUSE: {
      const stage = ev.stage;
      if (stage !== undefined && !stageOk(svc, stage, false)) return false;
      const objective = ev.objective;
      if (objective !== undefined && typeof objective !== "boolean") return false;
      const cause = ev.cause;
      const remedy = ev.remedy;
      if (!filled(cause) || !filled(remedy)) return false;
      out.stage = stage === undefined ? null : stage;
      out.cause = cause as string;
      out.remedy = remedy as string;
      out.objective = objective === true;
      return true;
    }
    default:
      return false;
  }
}

/** What the events say at `asOf`, for the stages of one ticket. */
export interface Facts {
  readonly createdMs: number;
  readonly asOfMs: number;
  /** Every event read, sorted by time (ties in input order): events[0 .. count). */
  readonly events: readonly Ev[];
  readonly count: number;
  /** Events up to and including `asOf`: events[0 .. known). */
  readonly known: number;
  /** Pauses known at `asOf` as from, to, from, to ... with their rules. */
  readonly pauses: readonly number[];
  readonly pauseRules: readonly PauseReason[];
  readonly remoteAt: number | null;
  readonly closedAt: number | null;
}

/** The done event of `stage` among events[0 .. upTo), or null. */
function doneOf(events: readonly Ev[], upTo: number, stage: string): Ev | null {
  for (let k = 0; k < upTo; k++) {
    const e = events[k]!;
    if (e.kind === DONE && e.stage === stage) return e;
  }
  return null;
}

const NO_PAUSES: readonly number[] = Object.freeze([]);
const NO_RULES: readonly PauseReason[] = Object.freeze([]);

const newEv = (): Ev => ({ kind: 0, i: 0, ms: 0, stage: null, n: 0, rule: null, consent: null, reason: null, cause: null, remedy: null, objective: false });
type MutableFacts = { -readonly [K in keyof Facts]: Facts[K] } & { events: Ev[] };
const newFacts = (): MutableFacts => ({ createdMs: 0, asOfMs: 0, events: [], count: 0, known: 0, pauses: NO_PAUSES, pauseRules: NO_RULES, remoteAt: null, closedAt: null });

/**
 * The facts and event records `readFacts` fills ticket after ticket (no allocation per ticket),
 * claimed from `readFacts` until `releaseFacts`; a call made meanwhile (an event's getter that
 * evaluates another ticket) gets fresh ones.
 */
const SCRATCH = newFacts();
let claimed = false;

/** Gives the scratch back once the caller of `readFacts` is done with its facts. */
export function releaseFacts(f: Facts | null): void {
  if (f === SCRATCH) claimed = false;
}

/**
 * The events of a ticket read and checked as `readEvents` does, or null when it would throw (or
 * when an event is not handled). The caller hands the facts back with {@link releaseFacts}.
 */
export function readFacts(c: CompiledPolicy, svc: CompiledService, ticket: Record<string, unknown>, createdMs: number, asOfMs: number): Facts | null {
  const f = claimed ? newFacts() : SCRATCH;
  claimed = true;
  let read = false;
  try {
    read = fill(f, c, svc, ticket, createdMs, asOfMs);
  } finally {
    if (!read) releaseFacts(f); // not read, or an event's getter threw
  }
  return read ? f : null;
}

function fill(f: MutableFacts, c: CompiledPolicy, svc: CompiledService, ticket: Record<string, unknown>, createdMs: number, asOfMs: number): boolean {
  const raw = ticket.events;
  if (!Array.isArray(raw)) return false;
  const n = raw.length;
  const events = f.events;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const e = i < events.length ? events[i]! : (events[i] = newEv());
    if (!readOne(c, svc, ticket, raw[i], i, e)) return false;
    if (i > 0 && e.ms < events[i - 1]!.ms) sorted = false;
  }
  if (!sorted) {
    // insertion sort of events[0 .. n) by time, ties in input order (a few events a ticket)
    for (let k = 1; k < n; k++) {
      const e = events[k]!;
      let j = k - 1;
      while (j >= 0 && (events[j]!.ms > e.ms || (events[j]!.ms === e.ms && events[j]!.i > e.i))) {
        events[j + 1] = events[j]!;
        j--;
      }
      events[j + 1] = e;
    }
  }
  // the sequence rules of readEvents, on every event (asOf or not)
  let paused = false;
  let closed = false;
  for (let k = 0; k < n; k++) {
    const e = events[k]!;
    if (e.ms < createdMs) return false;
    if (e.kind === PAUSE) {
      if (paused) return false;
      paused = true;
    } else if (e.kind === RESUME) {
      if (!paused) return false;
      paused = false;
    } else if (e.kind === DONE) {
      for (let j = 0; j < k; j++) if (events[j]!.kind === DONE && events[j]!.stage === e.stage) return false;
    } else if (e.kind === CLOSED) {
      if (closed) return false;
      closed = true;
    }
  }
  // the timeline at asOf
  let known = 0;
  // made on the first pause: most tickets have none and share the empty lists
  let pauses: number[] | null = null;
  let pauseRules: PauseReason[] | null = null;
  let openFrom = Number.NaN;
  let openRule: PauseReason | null = null;
  let remoteAt: number | null = null;
  let closedAt: number | null = null;
  for (; known < n; known++) {
    const e = events[known]!;
    if (e.ms > asOfMs) break;
    if (e.kind === PAUSE) {
      openFrom = e.ms;
      openRule = e.rule;
    } else if (e.kind === RESUME) {
      if (openRule !== null) {
        (pauses ??= []).push(openFrom, e.ms);
        (pauseRules ??= []).push(openRule);
      }
      openRule = null;
    } else if (e.kind === REMOTE) remoteAt ??= e.ms;
    else if (e.kind === CLOSED) closedAt = e.ms;
  }
  if (openRule !== null) {
    (pauses ??= []).push(openFrom, asOfMs);
    (pauseRules ??= []).push(openRule);
  }
  f.createdMs = createdMs;
  f.asOfMs = asOfMs;
  f.count = n;
  f.known = known;
  f.pauses = pauses ?? NO_PAUSES;
  f.pauseRules = pauseRules ?? NO_RULES;
  f.remoteAt = remoteAt;
  f.closedAt = closedAt;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Judging a stage, as judgeStage does (statuses only)

/** Thrown inside the fast path when the full path would throw or the stage would be unknown. */
const BAIL = new Error("fast path: the full evaluation decides");

/** Open time of the clock paused for reasons that stop `stage`, between `from` and `to` (pausedBetween). */
function pausedBetween(k: Clock, f: Facts, stage: string, from: number, to: number): number {
  let pausedMs = 0;
  const p = f.pauses;
  for (let j = 0; j < p.length; j += 2) {
    const rule = f.pauseRules[j >> 1]!;
    if (!rule.stops.includes(stage)) continue;
    const s = p[j]! > from ? p[j]! : from;
    const e = p[j + 1]! < to ? p[j + 1]! : to;
    if (e <= s) continue;
    const raw = between(k, s, e);
    if (raw <= 0) continue;
    const cap = rule.maxMs;
    pausedMs += cap !== undefined && raw > cap ? cap : raw;
  }
  return pausedMs;
}

/** A waiver of the stage counts (recorded while open, not past `dueMs`). */
function waived(f: Facts, sp: StagePlan, doneMs: number | null, dueMs: number | null): boolean {
  if (!sp.waivable) return false;
  for (let k = 0; k < f.known; k++) {
    const e = f.events[k]!;
    if (e.kind !== WAIVER || e.stage !== sp.name) continue;
    return (doneMs === null || e.ms < doneMs) && (dueMs === null || e.ms <= dueMs);
  }
  return false;
}

const check = (v: number): number => {
  if (v !== v) throw BAIL;
  return v;
};

/** A level `open` ms of open time after the anchor, moved later by the paused time (placeLevels). */
function fromAnchor(k: Clock, anchorMs: number, open: number, pausedMs: number): number {
  const ms = check(addTime(k, anchorMs, open));
  return pausedMs > 0 ? check(addTime(k, ms, pausedMs)) : ms;
}

/** The instant status `warning` starts: the earliest warning level at or before the deadline (placeLevels). */
function warnAt(sp: StagePlan, k: Clock, anchorMs: number, allowed: number, dueMs: number, pausedMs: number): number | null {
  if (sp.fraction !== null) return fromAnchor(k, anchorMs, Math.max(0, Math.round(sp.fraction * allowed)), pausedMs);
  let warn: number | null = null;
  const levels = sp.levels;
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    let ms: number;
    if (l.kind === "after") ms = check(addTime(k, dueMs, l.value));
    else ms = fromAnchor(k, anchorMs, l.kind === "fraction" ? Math.max(0, Math.round(l.value * allowed)) : Math.max(0, allowed - l.value), pausedMs);
    // the earliest; on a tie the first in policy order, which is the one already kept
    if (l.warns && (warn === null || ms < warn)) warn = ms;
  }
  return warn;
}

/**
 * What {@link judge} found for the last stage it judged: the numbers of a stage evaluation
 * (`null` where the full path leaves the field null), one object reused for every stage so
 * judging allocates nothing. `evaluateTicket`'s fast path (`_fast.ts`) builds results from it.
 */
export interface Judged {
  /** An agreement replaced the deadline. */
  reneg: boolean;
  /**
   * Agreements that did not count, two numbers each: the agreement's position in the facts'
   * events and the deadline in force when it was recorded (`_fast.ts` words the reasons).
   */
  readonly rejected: number[];
  /** The stage reached the end of judgeStage (deadline, levels, elapsed time all known). */
  timed: boolean;
  anchorMs: number | null;
  dueMs: number | null;
  /** The deadline an agreement replaced. */
  origDueMs: number | null;
  warnMs: number | null;
  doneMs: number | null;
  allowed: number | null;
  elapsed: number | null;
  pausedMs: number;
  /** `doneMs ?? asOf`: the end of the stage's time. */
  endMs: number;
}

/** {@link J} as a stage judges before it is anchored: nothing known but its done time. */
function clear(doneMs: number | null, asOfMs: number): void {
  J.reneg = false;
  if (J.rejected.length !== 0) J.rejected.length = 0; // setting length is a slow builtin call
  J.timed = false;
  J.anchorMs = null;
  J.dueMs = null;
  J.origDueMs = null;
  J.warnMs = null;
  J.doneMs = doneMs;
  J.allowed = null;
  J.elapsed = null;
  J.pausedMs = 0;
  J.endMs = asOfMs;
}

/**
 * After `judge` (or the levels of its result) threw `e`: {@link UNKNOWN} with {@link J} as the
 * full path leaves an unknown stage (its done time, nothing else) when `e` is an error of its
 * calendar (`STAGE_ERRORS`: the full path makes the stage `unknown`), else null (the full path
 * decides). A stage without a row never reaches its calendar.
 */
export function unknownAfter(sp: StagePlan, f: Facts, e: unknown): number | null {
  if (sp.target === null || !isSlaKitError(e) || !STAGE_ERRORS.has(e.code)) return null;
  clear(doneOf(f.events, f.known, sp.name)?.ms ?? null, f.asOfMs);
  return UNKNOWN;
}

export const J: Judged = { reneg: false, rejected: [], timed: false, anchorMs: null, dueMs: null, origDueMs: null, warnMs: null, doneMs: null, allowed: null, elapsed: null, pausedMs: 0, endMs: 0 };

/**
 * Judges one stage as judgeStage does into {@link J} and returns its status code; throws BAIL
 * where the full path would throw, and the calendar's own error where the full path makes the
 * stage unknown ({@link unknownAfter}).
 */
export function judge(svc: CompiledService, sp: StagePlan, f: Facts): number {
  const { events, known, closedAt, asOfMs } = f;
  const done = doneOf(events, known, sp.name);
  let doneMs = done === null ? null : done.ms;
  clear(doneMs, asOfMs);
  if (sp.outside) return NOT_APPLICABLE;
  if (sp.lookupFails) throw BAIL;
  const anchorName = sp.anchor;
  // a stage is done only after its anchor (checked on all events, whatever asOf)
  if (anchorName !== null) {
    const done0 = doneOf(events, f.count, sp.name);
    if (done0 !== null) {
      const a = doneOf(events, f.count, anchorName);
      const a0 = a !== null ? a.ms : closedAt !== null && sp.anchorIsStage ? closedAt : null;
      if (a0 === null || done0.ms < a0) throw BAIL;
    }
  }
  if (svc.onsite && f.remoteAt !== null) return NOT_APPLICABLE;
  if (sp.kind === "rings") return done === null || done.n < 0 ? NOT_APPLICABLE : done.n <= sp.rings ? MET : BREACHED;
  let anchorMs: number | null;
  let byClose = false;
  if (anchorName === null) anchorMs = f.createdMs;
  else {
    const d = doneOf(events, known, anchorName);
    if (d !== null && (closedAt === null || d.ms <= closedAt)) anchorMs = d.ms;
    else if (closedAt !== null && sp.anchorIsStage) {
      anchorMs = closedAt;
      byClose = true;
    } else anchorMs = d === null ? null : d.ms;
  }
  if (anchorMs === null) return closedAt !== null || waived(f, sp, doneMs, null) ? NOT_APPLICABLE : PENDING;
  if (doneMs === null && closedAt !== null && !byClose) J.doneMs = doneMs = closedAt;
  const k = sp.clock!;
  const endMs = doneMs ?? asOfMs;
  J.endMs = endMs;
  let nAgreed = 0;
  for (let x = 0; x < known; x++) {
    const e = events[x]!;
    if (e.kind !== AGREED || e.stage !== sp.name) continue;
    if (e.n < anchorMs) throw BAIL;
    nAgreed++;
  }
  J.anchorMs = anchorMs;
  let dueMs: number;
  let allowed: number;
  let pausedMs = 0;
  if (sp.kind !== "agreed") {
    let computed: number;
    if (sp.kind === "duration") {
      computed = check(addTime(k, anchorMs, sp.withinMs));
      allowed = sp.withinMs;
    } else {
      computed = addDays(k, anchorMs, sp.businessDays);
      allowed = between(k, anchorMs, computed);
    }
    dueMs = computed;
    pausedMs = f.pauses.length === 0 ? 0 : pausedBetween(k, f, sp.name, anchorMs, endMs);
    if (pausedMs > 0) dueMs = check(addTime(k, dueMs, pausedMs));
    if (nAgreed > 0) {
      let accepted: Ev | null = null;
      for (let x = 0; x < known; x++) {
        const ag = events[x]!;
        if (ag.kind !== AGREED || ag.stage !== sp.name) continue;
        let inForce: number;
        if (accepted !== null) inForce = accepted.n;
        else {
          const p = pausedBetween(k, f, sp.name, anchorMs, Math.min(endMs, ag.ms));
          inForce = p > 0 ? check(addTime(k, computed, p)) : computed;
        }
        if (agreementFault(ag.ms, ag.n, doneMs, inForce) === 0) accepted = ag;
        else J.rejected.push(x, inForce);
      }
      if (accepted !== null) {
        J.reneg = true;
        J.origDueMs = dueMs;
        dueMs = accepted.n;
        pausedMs = 0;
        allowed = between(k, anchorMs, dueMs);
      }
    }
  } else {
    let accepted: Ev | null = null;
    for (let x = 0; x < known; x++) {
      const ag = events[x]!;
      if (ag.kind !== AGREED || ag.stage !== sp.name) continue;
      const inForce = accepted === null ? Number.POSITIVE_INFINITY : accepted.n;
      if (agreementFault(ag.ms, ag.n, doneMs, inForce) === 0) accepted = ag;
      else J.rejected.push(x, inForce);
    }
    if (accepted === null) return doneMs !== null ? BREACHED : waived(f, sp, doneMs, null) ? NOT_APPLICABLE : PENDING;
    dueMs = accepted.n;
    allowed = between(k, anchorMs, dueMs);
  }
  const warnMs = warnAt(sp, k, anchorMs, allowed, dueMs, pausedMs);
  const elapsedRaw = endMs > anchorMs ? between(k, anchorMs, endMs) - pausedMs : 0;
  J.timed = true;
  J.dueMs = dueMs;
  J.warnMs = warnMs;
  J.allowed = allowed;
  J.elapsed = elapsedRaw > 0 ? elapsedRaw : 0;
  J.pausedMs = pausedMs;
  if (waived(f, sp, doneMs, dueMs)) return NOT_APPLICABLE;
  if (doneMs !== null) return doneMs <= dueMs ? MET : BREACHED;
  return asOfMs > dueMs ? OVERDUE : warnMs !== null && asOfMs >= warnMs ? WARNING : PENDING;
}

/**
 * The statuses (codes) and renegotiation flags of the listed stages of a ticket into `out` and
 * `reneg`, or false when the ticket must take the full path (anything not handled, any error).
 * `createdMs`, `asOfMs` and the plan are the caller's; `only` filters the stages (null: all).
 */
export function quickStatuses(
  c: CompiledPolicy,
  plan: Plan,
  ticket: Record<string, unknown>,
  createdMs: number,
  asOfMs: number,
  only: ReadonlySet<string> | null,
  out: Uint8Array,
  reneg: Uint8Array,
): number {
  const f = readFacts(c, plan.svc, ticket, createdMs, asOfMs);
  if (f === null) return -1;
  const stages = plan.stages;
  let n = 0;
  // a calendar error here makes the stage unknown, kept as data: made without a stack (src/_lib/quiet.ts)
  const quiet = quietErrors.codes;
  quietErrors.codes = STAGE_ERRORS;
  try {
    for (let s = 0; s < stages.length; s++) {
      const sp = stages[s]!;
      if (only !== null && !only.has(sp.name)) continue;
      let status: number | null;
      try {
        status = judge(plan.svc, sp, f);
      } catch (e) {
        status = unknownAfter(sp, f, e);
        if (status === null) throw e;
      }
      out[n] = status;
      reneg[n++] = J.reneg ? 1 : 0;
    }
  } catch {
    return -1; // BAIL, or an error the full path throws: the full path
  } finally {
    quietErrors.codes = quiet;
    releaseFacts(f);
  }
  return n;
}

/** A ticket's plan and the statuses of its listed stages (`n` of them, in `out` and `reneg`). */
export interface QuickResult {
  readonly plan: Plan;
  readonly createdMs: number;
  readonly n: number;
}

/** The run-wide inputs of {@link quickTicket}, checked once. */
export interface QuickRun {
  readonly c: CompiledPolicy;
  readonly asOfMs: number;
  /** The stages to evaluate (null: all). */
  readonly only: ReadonlySet<string> | null;
  /** Check the policy's effective dates (`allowOutsideEffectiveDates` not set and the policy has some). */
  readonly bounded: boolean;
  /** Status codes and renegotiation flags of the last ticket, by listed stage. */
  readonly out: Uint8Array;
  readonly reneg: Uint8Array;
}

/**
 * The run of a batch, or null when an option is one `evaluateTicket` refuses (every ticket then
 * takes the full path, which throws). `asOfMs` is checked by the caller.
 */
export function quickRun(c: CompiledPolicy, asOfMs: number, o: { readonly trace?: unknown; readonly stages?: unknown; readonly allowOutsideEffectiveDates?: unknown }): QuickRun | null {
  if (o.trace !== undefined && typeof o.trace !== "boolean") return null;
  let only: Set<string> | null = null;
  if (o.stages !== undefined) {
    if (!Array.isArray(o.stages) || !o.stages.every((n: unknown) => typeof n === "string" && c.stageNames.has(n))) return null;
    only = new Set(o.stages as string[]);
  }
  const bounded = o.allowOutsideEffectiveDates !== true && (c.effectiveFrom !== null || c.effectiveTo !== null);
  let most = 0;
  for (const svc of c.services.values()) most = Math.max(most, svc.stages.length);
  return { c, asOfMs, only, bounded, out: new Uint8Array(most), reneg: new Uint8Array(most) };
}

/**
 * One ticket on the fast path: the checks of `evaluateTicket` before its stages, then
 * {@link quickStatuses}; null when the ticket takes the full path.
 */
export function quickTicket(run: QuickRun, t: TicketInput): QuickResult | null {
  if (t === null || typeof t !== "object" || typeof t.id !== "string" || t.id === "") return null;
  const c = run.c;
  const svc = typeof t.service === "string" ? c.services.get(t.service) : undefined;
  if (svc === undefined) return null;
  const createdMs = instant(t.createdAt);
  if (!(createdMs <= run.asOfMs)) return null; // NaN too
  if (run.bounded && !(checkBound(c.effectiveFrom, createdMs, c.timeZone, true) && checkBound(c.effectiveTo, createdMs, c.timeZone, false))) return null;
  const plan = planFor(c, svc, t.tier, t.urgency, t.location, t.channel);
  if (plan === null) return null;
  const n = quickStatuses(c, plan, t as unknown as Record<string, unknown>, createdMs, run.asOfMs, run.only, run.out, run.reneg);
  return n < 0 ? null : { plan, createdMs, n };
}
