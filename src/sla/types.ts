/**
 * Result types of ticket evaluation, shared with `kpi` roll-ups.
 * @module
 */
import type { BeyondData, CalendarSpec } from "../calendar/types.js";
import type { ChinaHolidayYear } from "../calendar/data/index.js";

/**
 * Status of one stage of a ticket at `asOf` (docs/rules.md W1; docs/sla.md). `"unknown"`: the
 * stage's deadline could not be computed (e.g. its calendar has no data for the dates needed);
 * the stage carries `error`, and KPIs leave it out of numerator and denominator.
 */
export type StageStatus = "met" | "breached" | "pending" | "warning" | "overdue" | "not-applicable" | "unknown";

/** One step of a trace: what was looked up or computed, in words and numbers. */
export interface TraceStep {
  readonly step: string;
  readonly detail?: string;
  readonly value?: unknown;
}

/** Why a stage's numbers came out as they did. */
export interface StageTrace {
  /** Index of the target row in `policy.targets`, or null when none applies. */
  readonly row: number | null;
  /** The row's `id` when it has one (e.g. "S4:fault:response:core-urgent"), else null. */
  readonly rowId: string | null;
  readonly sourceRef: string | null;
  readonly within: unknown;
  readonly clock: string | null;
  readonly anchor: string;
  readonly steps: readonly TraceStep[];
}

/**
 * Evaluation of one stage of a ticket. Times are `Date`s with the same instants beside them as
 * epoch ms (`dueAtMs`, ...); durations are ms on the stage's clock (business time), except
 * `msUntilWarn` and `msUntilDue`, which are wall-clock ms from `asOf`.
 *
 * Every evaluation has every field, in one order: a field that does not apply is `null` (or
 * `false` for the flags), never absent, so code that reads many evaluations stays fast (one hidden
 * class) and `JSON.stringify` always writes the same keys.
 */
export interface StageEvaluation {
  readonly stage: string;
  readonly status: StageStatus;
  /** When the stage's clock started (its anchor happened); null before, or when no clock runs. */
  readonly anchorAt: Date | null;
  /** The deadline (inclusive); null when it is not running or cannot be computed. */
  readonly dueAt: Date | null;
  /** Deadline before a consented renegotiation (W2); null when none was agreed. */
  readonly originalDueAt: Date | null;
  readonly warnAt: Date | null;
  readonly doneAt: Date | null;
  /** `anchorAt` as epoch ms. */
  readonly anchorAtMs: number | null;
  /** `dueAt` as epoch ms. */
  readonly dueAtMs: number | null;
  /** `warnAt` as epoch ms. */
  readonly warnAtMs: number | null;
  /** `doneAt` as epoch ms. */
  readonly doneAtMs: number | null;
  /**
   * Wall-clock ms from `asOf` to `warnAt` for an open stage (`pending`, `warning`, `overdue`):
   * negative once the warning time has passed (how long ago); null when the stage is done,
   * `not-applicable` or `unknown`, or has no warning time. Unlike `remainingMs` (business time on
   * the stage's clock), this is what a timer waits: `setTimeout(fn, msUntilWarn)`.
   */
  readonly msUntilWarn: number | null;
  /**
   * Wall-clock ms from `asOf` to `dueAt` for an open stage: negative once overdue (how late);
   * null when the stage is done, `not-applicable` or `unknown`, or has no deadline yet.
   */
  readonly msUntilDue: number | null;
  readonly allowedMs: number | null;
  readonly elapsedMs: number | null;
  /** Business time left on the stage's clock (`allowedMs - elapsedMs`), not wall-clock time: see `msUntilDue`. */
  readonly remainingMs: number | null;
  readonly fractionUsed: number | null;
  /** Open time on the stage's clock during which the ticket was paused. */
  readonly pausedMs: number;
  /**
   * True when a consented agreement made in time moved this stage's computed deadline (W2,
   * 003 §8(2)); the computed one is `originalDueAt`. Roll-ups count these.
   */
  readonly renegotiated: boolean;
  /** Agreements that changed nothing (recorded after the stage was done or its deadline passed, or backdated); null when none. */
  readonly rejectedAgreements: readonly RejectedAgreement[] | null;
  /** W3 (003 §9): a breached or overdue stage with no `cause` event recorded for it. */
  readonly needsCause: boolean;
  /** W3 (003 §9): the cause analysis and remedy recorded for this missed stage (or for the whole ticket); null otherwise. */
  readonly cause: StageCause | null;
  /**
   * The reclassification (a `reclassify` event) that met this stage while it was running and gave
   * it another target row, and what the policy's `reclassify` rule did about it (docs/rules.md
   * S16; docs/sla.md "Facts that change mid-ticket"); the last one when several did. Null when no
   * reclassification changed the stage's row while it ran (stages not yet started simply use the
   * facts in force when they start; stages already decided are never re-judged).
   */
  readonly reclassified: StageReclassification | null;
  /**
   * True when the deadline or the time used rests on dates after the calendar's holiday data,
   * answered as plain weekdays (`beyondData: "weekdays"`); a trace step names the first such date.
   */
  readonly provisional: boolean;
  /**
   * Warning and escalation levels (`warnAt`) the stage reached by its done time or `asOf`, in time
   * order, each with the instant it was reached on the stage's clock; empty when none.
   */
  readonly levelsReached: readonly LevelAt[];
  /** The next level an open stage will reach after `asOf`; null when none is left or the stage is done. */
  readonly nextLevel: LevelAt | null;
  /**
   * S17 (docs/sla.md "Reopened tickets"): what each close gave this stage before a `reopened`
   * event undid it, in time order (the first resolution first); null when no reopening touched
   * the stage (a stage done by its own event is never reopened). The stage's other fields are its
   * outcome after the last reopening; an evaluation `asOf` before a reopening is unchanged by it.
   */
  readonly reopenings: readonly StageReopening[] | null;
  /**
   * A recurring stage's cycles (docs/rules.md S15; docs/sla.md "Recurring targets"), in time
   * order, each judged on its own; null for a stage that does not recur (`StageDef.recur`).
   */
  readonly cycles: readonly CycleEvaluation[] | null;
  /** Why the stage is `"unknown"`: the code and message of the error that stopped it; null otherwise. */
  readonly error: { readonly code: string; readonly message: string } | null;
  /**
   * Why the numbers came out as they did. The steps are rendered when first read (by `JSON.stringify`,
   * `structuredClone`, spread or any property access); with `trace: false` they are empty.
   */
  readonly trace: StageTrace;
}

/**
 * How the stages already running respond when a `reclassify` event changes a dimension
 * (docs/rules.md S16): `"restart"` (the new row's deadline runs from the change; time spent
 * before it is not counted), `"retroactive"` (the new row's deadline runs from the stage's
 * original start, keeping the time already spent and the pauses already taken; ServiceNow's
 * retroactive start), `"keep"` (the running stage keeps its row; only stages not yet started use
 * the new facts).
 */
export type ReclassifyMode = "restart" | "retroactive" | "keep";

/** What a reclassification did to a stage that was running (`StageEvaluation.reclassified`). */
export interface StageReclassification {
  /** The instant of the `reclassify` event. */
  readonly at: Date;
  /** Index of the event in `ticket.events`. */
  readonly event: number;
  readonly mode: ReclassifyMode;
  /** The changed dimension whose rule (`policy.reclassify[dimension]`, default `"keep"`) chose the mode. */
  readonly dimension: Dimension;
  /** The row in force before the change (index in `policy.targets`), or null when the stage did not apply then (`when`). */
  readonly fromRow: number | null;
  readonly fromRowId: string | null;
  /** The row the new facts select, or null when the stage does not apply to them (`when`). */
  readonly toRow: number | null;
  readonly toRowId: string | null;
  /**
   * The deadline the stage had under `fromRow` (from the start it had then, with the same pauses),
   * whatever the mode; null when that row gave no deadline (not applicable, rings, not agreed yet).
   */
  readonly dueAtBefore: Date | null;
}

/**
 * One cycle of a recurring stage (docs/rules.md S15): a reply owed to one customer message
 * (`next-reply`) or one interval between progress updates (`periodic`), judged like a stage on the
 * stage's clock. Times are `Date`s with the same instants as epoch ms beside them.
 */
export interface CycleEvaluation {
  /** 0 for the first cycle. */
  readonly index: number;
  /** `met` / `breached` once done (by a `done` event, the close, or the `until` stage), else `pending` / `warning` / `overdue`. */
  readonly status: "met" | "breached" | "pending" | "warning" | "overdue";
  /** When the cycle started: the customer message, the stage's anchor, or the previous update. */
  readonly startAt: Date;
  /** The cycle's deadline (inclusive), moved later by the paused open time like a stage's. */
  readonly dueAt: Date;
  /** When the cycle warns (the earliest warning level at or before `dueAt`); null when none does. */
  readonly warnAt: Date | null;
  /** When the cycle was done; null while it is open. */
  readonly doneAt: Date | null;
  /** `startAt` as epoch ms. */
  readonly startAtMs: number;
  /** `dueAt` as epoch ms. */
  readonly dueAtMs: number;
  /** `warnAt` as epoch ms. */
  readonly warnAtMs: number | null;
  /** `doneAt` as epoch ms. */
  readonly doneAtMs: number | null;
  /** Open time allowed per cycle on the stage's clock (the row's `within`). */
  readonly allowedMs: number;
  /** Open time used, from `startAt` to `doneAt` (or `asOf`), pauses left out. */
  readonly elapsedMs: number;
  /** Open time of the cycle during which a pause stopped the stage's clock. */
  readonly pausedMs: number;
}

/** A warning or escalation level of a stage and the instant it is (or was) reached. */
export interface LevelAt {
  /** The level's name (`level` in the policy; `"warn"` for a single-number `warnAt`). */
  readonly level: string;
  readonly at: Date;
}

/**
 * One close that settled a stage and the reopening that undid it (S17, docs/sla.md "Reopened
 * tickets").
 */
export interface StageReopening {
  /** The `closed` event's instant: the stage counted as completed (or never started) then. */
  readonly closedAt: Date;
  /** What the close gave the stage: `met` or `breached` against `dueAt`, `not-applicable` when its anchor had not happened. */
  readonly status: "met" | "breached" | "not-applicable";
  /** The deadline in force at the close; null when the stage had not started. */
  readonly dueAt: Date | null;
  /** The `reopened` event's instant: the stage runs again from here. */
  readonly reopenedAt: Date;
  /**
   * Open time on the stage's clock from the close to the reopening (the time spent resolved):
   * with the policy's `reopen.resolvedTime` `"paused"` (default) the deadline moved later by it
   * and it is part of `pausedMs`; with `"counts"` it counted as elapsed.
   */
  readonly resolvedMs: number;
}

/** An `agreed-deadline` event that changed nothing, and why (003 §6(3), §8(2)). */
export interface RejectedAgreement {
  /** Index of the event in `ticket.events`. */
  readonly event: number;
  readonly at: Date;
  readonly dueAt: Date;
  readonly consent: string;
  readonly reason: string;
}

/** The cause analysis and remedy of a missed stage (W3, 003 §9). */
export interface StageCause {
  readonly at: Date;
  readonly cause: string;
  readonly remedy: string;
  /** The cause was objective (weather, traffic: 003 §8(2)). */
  readonly objective: boolean;
  /** Index of the event in `ticket.events`. */
  readonly event: number;
}

/** What a ticket says about itself: its service, matrix dimensions and who handles it. */
export interface TicketFacts {
  readonly service: string;
  readonly tier?: string;
  readonly urgency?: string;
  readonly location?: string;
  /** How the customer reached the desk (003 §6(1): `phone` or `online`); stages may apply to one channel only. */
  readonly channel?: string;
  /** Who handles the ticket; passed through to evaluations for roll-ups (K17). */
  readonly assignee?: string;
  readonly department?: string;
}

/** A ticket's matrix facts (null where it has none), as `TicketEvaluation.factsAtCreation` keeps them. */
export interface MatrixFacts {
  readonly tier: string | null;
  readonly urgency: string | null;
  readonly location: string | null;
  readonly channel: string | null;
}

/**
 * The evaluation of one ticket against one policy at one instant. Every field is present: a
 * ticket fact the ticket did not carry is `null`.
 */
export interface TicketEvaluation {
  readonly ticketId: string;
  readonly service: string;
  readonly tier: string | null;
  readonly urgency: string | null;
  readonly location: string | null;
  readonly channel: string | null;
  /** Who handles the ticket (K17 roll-ups); null when the ticket names no one. */
  readonly assignee: string | null;
  readonly department: string | null;
  /**
   * The matrix facts the ticket was created with, when `reclassify` events known at `asOf` changed
   * them (`tier` ... `channel` above are the facts in force at `asOf`); null when none did.
   */
  readonly factsAtCreation: MatrixFacts | null;
  readonly createdAt: Date;
  readonly asOf: Date;
  /** `createdAt` as epoch ms. */
  readonly createdAtMs: number;
  /** `asOf` as epoch ms. */
  readonly asOfMs: number;
  readonly policy: { readonly id: string; readonly version: string; readonly hash: string };
  readonly stages: readonly StageEvaluation[];
  /** Stages whose status is `"unknown"` (their deadline could not be computed); null when none. */
  readonly unknownStages: readonly string[] | null;
}

// ---------------------------------------------------------------------------------------------
// Policies (docs/rules.md "Readings: SLA")
// ---------------------------------------------------------------------------------------------

/** The matrix dimensions a target row may constrain. */
export type Dimension = "tier" | "urgency" | "location" | "channel";

/** How long a stage may take: an ISO-8601 duration on the row's clock, business days, rings, or agreed per ticket. */
export type Within =
  | string
  | { readonly businessDays: number }
  | { readonly rings: number }
  | { readonly agreed: true };

/** A named clock of a policy: a full calendar spec, or one of the built-in calendars. */
export type PolicyCalendar =
  | CalendarSpec
  | {
      /** `"china"` is a short alias of `"chinaWorkCalendar"`. */
      readonly builtin: "chinaWorkCalendar" | "china";
      readonly hours?: readonly string[];
      readonly timeZone?: string;
      /**
       * Extra holiday years (objects, as `chinaWorkCalendar({ years })` takes them; the `sla-kit`
       * CLI also accepts file paths here, relative to the policy file, and inlines them).
       */
      readonly years?: readonly ChinaHolidayYear[];
      /** Dates after the data: `"error"` (default) or `"weekdays"` (stage results become `provisional`). */
      readonly beyondData?: BeyondData;
    }
  | { readonly builtin: "alwaysOpen"; readonly timeZone: string };

/**
 * How a stage recurs (docs/rules.md S15; docs/sla.md "Recurring targets"); its row's `within` is
 * the time allowed per cycle, on the row's clock.
 *
 * - `next-reply`: each customer `message` event received while no reply is owed opens a cycle; the
 *   stage's next `done` event (the reply) closes it.
 * - `periodic`: a cycle runs from the stage's anchor, and a new one from each `done` event (the
 *   update), until the ticket is closed or the `until` stage is done.
 */
export type Recur = { readonly kind: "next-reply" } | { readonly kind: "periodic"; readonly until?: string };

/** A stage of a service, with an optional restriction of the dimension values it applies to. */
export interface StageDef {
  readonly name: string;
  readonly description?: string;
  /**
   * The stage applies only to tickets with these values (e.g. `departure` only for
   * `location: ["other-city"]`, `online-response` only for `channel: ["online"]`); a ticket with
   * another value gets `not-applicable`. A ticket without the dimension gets the stage.
   */
  readonly when?: Partial<Record<Dimension, readonly string[]>>;
  /**
   * The desk may record that this stage is not needed for a ticket (event
   * `{ type: "not-applicable", stage, reason }`), e.g. the reply stage of a question answered at
   * once (003 §6(1)). Without this, such an event is `INVALID_EVENT`. `when` limits the waiver to
   * tickets with these values (e.g. the fault `handling` stage of an other-city core urgent fault
   * handled by a dispatched technician, 003 §6(2) same-city reading); a ticket without the
   * dimension may not use it.
   */
  readonly notApplicable?: {
    readonly sourceRef: string;
    readonly description?: string;
    readonly when?: Partial<Record<Dimension, readonly string[]>>;
  };
  /**
   * The stage recurs: one `done` event per cycle, each cycle judged on its own (docs/rules.md S15;
   * docs/sla.md "Recurring targets"). Its rows must be durations or business days.
   */
  readonly recur?: Recur;
}

/** A reason a ticket's clocks may stop, as the policy allows it (docs/sla.md "Pauses"). */
export interface PauseReason {
  readonly description?: string;
  /** Stages (of any service) whose clock this pause stops; other stages keep running. */
  readonly stops: readonly string[];
  /** Most open time (ms, on the stage's clock) one pause may stop; the rest of the pause counts. */
  readonly maxMs?: number;
  /** The pause counts only with the customer's recorded consent (`consent` on the event). */
  readonly needsConsent?: boolean;
  readonly sourceRef?: string;
}

/** A service: its stages in their natural order and the dimensions its deadlines depend on. */
export interface ServiceDef {
  readonly description?: string;
  /** Stages in order: a later stage must not be due before an earlier one with the same anchor. */
  readonly stages: readonly (string | StageDef)[];
  /** Dimensions a query of this service must carry (MISSING_DIMENSION otherwise). */
  readonly dimensions: readonly Dimension[];
  /** Restricts a dimension to some of the policy's values for this service (e.g. onsite is urgent-only). */
  readonly values?: Partial<Record<Dimension, readonly string[]>>;
  /** Extra anchor events a `done` event may name besides the stages (e.g. `"service-completed"`). */
  readonly milestones?: readonly string[];
  /** On-site service: a `remote-resolved` event makes its open stages `not-applicable` (docs/rules.md S6). */
  readonly onsite?: boolean;
}

/** One row of the matrix. A row that omits a dimension matches any value of it. */
export interface TargetRow {
  readonly id?: string;
  readonly service: string;
  readonly tier?: string;
  readonly urgency?: string;
  readonly location?: string;
  readonly channel?: string;
  readonly stage: string;
  readonly within: Within;
  /** Name of a calendar in `policy.calendars`; required for durations and business days. */
  readonly clock?: string;
  /** Stage or milestone the deadline runs from; default: ticket creation (`"created"`). */
  readonly anchor?: string;
  /** Clause of the source document, e.g. `"003 §6(2)"`. */
  readonly sourceRef: string;
  readonly note?: string;
  /** This row's warning and escalation levels, instead of the policy's `warnAt`. */
  readonly warnAt?: WarnAt;
}

/**
 * One warning or escalation level, measured on the stage's own clock: `fraction` of the allowed
 * time after the start (`0.5`: half of it used), `before` the deadline or `after` it (ISO-8601
 * durations of open time: `"PT1H"` before the deadline on a business-hours clock is 1 business
 * hour before it). `level` names it (default `"fraction:0.5"`, `"before:PT1H"`, `"after:PT2H"`);
 * names are unique within a list.
 */
export type WarnLevel =
  | { readonly fraction: number; readonly level?: string }
  | { readonly before: string; readonly level?: string }
  | { readonly after: string; readonly level?: string };

/**
 * A policy's or row's `warnAt`: one fraction of the allowed time (the single level `"warn"`), or
 * a list of levels. Status `warning` starts at the earliest level at or before the deadline.
 */
export type WarnAt = number | readonly WarnLevel[];

/** A policy as plain JSON (what a policy file holds). */
export interface PolicyJson {
  readonly $schema?: string;
  readonly id: string;
  readonly version: string;
  readonly title?: string;
  readonly description?: string;
  /** First day (`"YYYY-MM-DD"` in `timeZone`) or instant (ISO with offset) the policy applies to; inclusive. */
  readonly effectiveFrom?: string;
  /** Last day (inclusive) or instant (exclusive) the policy applies to. */
  readonly effectiveTo?: string;
  /** Zone of date-only `effectiveFrom`/`effectiveTo`; default `"UTC"`. */
  readonly timeZone?: string;
  /**
   * When an open stage warns and escalates (docs/rules.md W1; docs/sla.md "Warning and escalation
   * levels"): a fraction of the allowed time (status `warning` from then on; default 0.8), or a
   * list of levels (fractions, offsets before or after the deadline on the stage's clock). A row
   * may set its own.
   */
  readonly warnAt?: WarnAt;
  readonly calendars: Readonly<Record<string, PolicyCalendar>>;
  /** Declared values per dimension; for `tier` the order is the rank, first is highest. */
  readonly dimensions: Partial<Record<Dimension, readonly string[]>>;
  readonly services: Readonly<Record<string, ServiceDef>>;
  readonly targets: readonly TargetRow[];
  /** Why a ticket's clocks may stop; a pause with another reason is `INVALID_EVENT`. None: no pauses. */
  readonly pauseReasons?: Readonly<Record<string, PauseReason>>;
  /**
   * How stages already running respond when a `reclassify` event changes a dimension
   * (docs/sla.md "Facts that change mid-ticket"; docs/rules.md S16). A dimension not named here
   * is `"keep"`: a running stage keeps its row unless the policy says otherwise. When one event
   * changes several dimensions the stage's rows depend on, the strongest mode wins:
   * `restart` > `retroactive` > `keep`.
   */
  readonly reclassify?: Partial<Record<Dimension, ReclassifyMode>>;
  /** How a `reopened` event treats the time a ticket spent resolved (S17); default `{ resolvedTime: "paused" }`. */
  readonly reopen?: ReopenPolicy;
}

/**
 * What a policy says about reopened tickets (S17, docs/sla.md "Reopened tickets"): the stages a
 * close settled run again from the reopening, and the time between the close and the reopening
 * (the time spent resolved) either stops their clocks like a pause (`"paused"`, the default: the
 * desk could not act on a ticket it believed resolved; ERPNext counts it as hold time) or counts
 * against them (`"counts"`: a fix that did not hold was never a resolution).
 */
export interface ReopenPolicy {
  readonly resolvedTime: "paused" | "counts";
  readonly description?: string;
  readonly sourceRef?: string;
}

/**
 * A validated, compiled policy. Plain JSON when stringified; the compiled index lives in a private
 * WeakMap and `hash` (FNV-1a 64 of the canonical JSON) is a non-enumerable property.
 */
export type Policy = PolicyJson & { readonly hash: string };

/** The row of a {@link Target} as written, without `within` (which the kind narrows). */
export type TargetRowBase = Omit<TargetRow, "within"> & {
  /** Index of the row in `policy.targets`. */
  readonly index: number;
};

/**
 * A target row found by `findTarget`: the row as written plus compiled fields, a union by `kind`
 * (narrow on `kind` and `within` has the matching shape).
 */
export type Target =
  | (TargetRowBase & {
      readonly kind: "duration";
      readonly within: string;
      /** Milliseconds of the duration. */
      readonly withinMs: number;
    })
  | (TargetRowBase & { readonly kind: "businessDays"; readonly within: { readonly businessDays: number }; readonly withinMs: null })
  | (TargetRowBase & { readonly kind: "rings"; readonly within: { readonly rings: number }; readonly withinMs: null })
  | (TargetRowBase & { readonly kind: "agreed"; readonly within: { readonly agreed: true }; readonly withinMs: null });

/** A lookup in the matrix. */
export interface TargetQuery {
  readonly service: string;
  readonly stage: string;
  readonly tier?: string | undefined;
  readonly urgency?: string | undefined;
  readonly location?: string | undefined;
  readonly channel?: string | undefined;
}

/** A finding of `validatePolicy`. */
export interface PolicyIssue {
  readonly severity: "error" | "warning";
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Tickets
// ---------------------------------------------------------------------------------------------

/** Time input of a ticket: a Date, epoch ms, or an ISO-8601 string with an explicit offset. */
export type TimeInput = Date | number | string;

/**
 * A stage (or milestone such as `"service-completed"`) was completed; `rings` for phone-answer
 * stages. A recurring stage (`StageDef.recur`) takes one per cycle: each reply or update.
 */
export interface DoneEvent {
  readonly type: "done";
  readonly stage: string;
  readonly at: TimeInput;
  readonly rings?: number;
}
/**
 * The ticket's clocks stop (`pause`) or run again (`resume`). A pause needs a `reason` the policy
 * declares in `pauseReasons` (and `consent` when that reason needs it); it stops only the stages
 * the reason names.
 */
export interface PauseEvent {
  readonly type: "pause" | "resume";
  readonly at: TimeInput;
  readonly reason?: string;
  readonly consent?: string;
}
/** A renegotiated deadline (docs/rules.md W2), counted only with the customer's recorded consent. */
export interface AgreedDeadlineEvent {
  readonly type: "agreed-deadline";
  readonly stage: string;
  readonly dueAt: TimeInput;
  readonly at: TimeInput;
  readonly consent: string;
}
/** The fault was resolved remotely: on-site stages no longer apply (docs/rules.md S6). */
export interface RemoteResolvedEvent {
  readonly type: "remote-resolved";
  readonly at: TimeInput;
}
/** The desk records that a stage is not needed for this ticket (the stage must allow it: `notApplicable`). */
export interface NotApplicableEvent {
  readonly type: "not-applicable";
  readonly stage: string;
  readonly at: TimeInput;
  readonly reason: string;
}
/** The ticket was closed: stages still open are completed at this instant (docs/sla.md "Closing"). */
export interface ClosedEvent {
  readonly type: "closed";
  readonly at: TimeInput;
  readonly reason?: string;
}
/**
 * A closed ticket was reopened (S17, docs/sla.md "Reopened tickets"): the stages the close settled
 * run again from here; valid only while the ticket is closed. A later `closed` settles them again.
 */
export interface ReopenedEvent {
  readonly type: "reopened";
  readonly at: TimeInput;
  readonly reason?: string;
}
/** W3 (003 §9): the cause analysis and remedy of a missed stage, or of every missed stage without `stage`. */
export interface CauseEvent {
  readonly type: "cause";
  readonly at: TimeInput;
  readonly stage?: string;
  readonly cause: string;
  readonly remedy: string;
  /** An objective cause (weather, traffic: 003 §8(2)). */
  readonly objective?: boolean;
}
/**
 * The ticket's matrix facts change from `at` on (docs/sla.md "Facts that change mid-ticket"):
 * stages not yet started use the new facts, running stages respond as `policy.reclassify` says
 * (`restart`, `retroactive` or `keep`), stages already decided are never re-judged.
 */
export interface ReclassifyEvent {
  readonly type: "reclassify";
  readonly at: TimeInput;
  /** The dimensions that change and their new values (values the policy declares). */
  readonly facts: { readonly tier?: string; readonly urgency?: string; readonly location?: string; readonly channel?: string };
  readonly reason?: string;
}
/**
 * A message from the customer: it opens a cycle of the service's `next-reply` stages (or of
 * `stage` only) when no reply is owed (docs/sla.md "Recurring targets").
 */
export interface MessageEvent {
  readonly type: "message";
  readonly at: TimeInput;
  /** The `next-reply` stage the message is for; default: every `next-reply` stage of the service. */
  readonly stage?: string;
}
/** Anything that happened to a ticket. */
export type TicketEvent = DoneEvent | PauseEvent | AgreedDeadlineEvent | RemoteResolvedEvent | NotApplicableEvent | ClosedEvent | ReopenedEvent | CauseEvent | ReclassifyEvent | MessageEvent;

/** A service ticket to evaluate against a policy. */
export interface Ticket extends TicketFacts {
  readonly id: string;
  readonly createdAt: TimeInput;
  readonly events: readonly TicketEvent[];
}

/**
 * An event as TypeScript types a variable declared without `as const`
 * (`const events = [{ type: "done", stage: "response", at }]` widens `type` to `string`):
 * `evaluateTicket` accepts it and checks it at run time, so a wrong `type` or a missing field is
 * `INVALID_EVENT` with the event's path rather than a compile error. Object literals written in
 * the call itself are still checked against {@link TicketEvent}s' fields (unknown keys are errors).
 */
export interface TicketEventInput {
  /** One of `TicketEvent["type"]`; a widened `string` is checked at run time. */
  readonly type: TicketEvent["type"] | (string & {});
  readonly at: TimeInput;
  readonly stage?: string;
  readonly rings?: number;
  readonly reason?: string;
  readonly consent?: string;
  readonly dueAt?: TimeInput;
  readonly cause?: string;
  readonly remedy?: string;
  readonly objective?: boolean;
  readonly facts?: ReclassifyEvent["facts"];
}

/**
 * What `evaluateTicket` and the batch functions take: a {@link Ticket} whose events may also be
 * {@link TicketEventInput}s (declared in a variable without `as const`); checked at run time.
 */
export interface TicketInput extends TicketFacts {
  readonly id: string;
  readonly createdAt: TimeInput;
  readonly events: readonly (TicketEvent | TicketEventInput)[];
}

/** Options of `evaluateTicket`. */
export interface EvaluateTicketOptions {
  /** The instant the evaluation describes; events after it are ignored. */
  readonly asOf: Date | number | string;
  /** Evaluate even when the ticket was created outside the policy's effective dates. */
  readonly allowOutsideEffectiveDates?: boolean;
  /**
   * Evaluate only these stages (names of stages of any service of the policy); the others do not
   * appear in the result. For data that does not record every stage (`trackedStages` of
   * `ticketsFromRows`), so an untracked stage never counts as overdue. Default: every stage.
   */
  readonly stages?: readonly string[];
  /**
   * Record trace steps (default `true`). With `false` no step is recorded: every stage's
   * `trace.steps` is empty (its row fields are still there), statuses, deadlines and numbers are
   * the same. For bulk runs that never show a trace.
   */
  readonly trace?: boolean;
}
