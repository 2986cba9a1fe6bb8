/**
 * Types of the table entry: how columns map to tickets, what comes back, and tidy rows.
 * @module
 */
import type { ErrorCode } from "../errors.js";
import type { Policy, StageStatus, Ticket, TicketEvaluation } from "../sla/types.js";

/** A row of a table: column name -> cell (CSV cells are strings; JSON cells may be numbers, Dates, null). */
export type Row = Readonly<Record<string, unknown>>;

/**
 * Columns of a pause interval: when the clock stopped, when it ran again, why (a reason the
 * policy declares in `pauseReasons`), and the customer's consent where that reason needs it.
 */
export interface PauseColumns {
  readonly pause: string;
  readonly resume: string;
  readonly reason?: string;
  readonly consent?: string;
}

/** Columns of a renegotiated deadline (docs/rules.md W2): the new deadline, when it was agreed, the consent record. */
export interface AgreedColumns {
  readonly dueAt: string;
  readonly at: string;
  readonly consent: string;
}

/**
 * Which column holds what. Every value is a column name, except `service`, which may be a fixed
 * `{ value }` when the whole table is one service.
 *
 * A stage of the policy that has no column in `done` (or `rings`) is **untracked**: the table
 * cannot say whether it was done, so it is reported in `untrackedStages` and should be left out
 * of evaluations (`evaluateTicket(policy, ticket, { asOf, stages })`) instead of counting as overdue.
 */
export interface RowMapping {
  /** Column of the ticket id (non-empty, unique). */
  readonly id: string;
  /** Column of the creation time. */
  readonly createdAt: string;
  /** Column of the service, or one service for every row. */
  readonly service: string | { readonly value: string };
  /**
   * Fact -> column: `tier`, `urgency`, `location`, `channel` (the matrix dimensions), `assignee`,
   * `department`, and any other fact (`region`, `device`, ...) kept on the ticket's `facts`.
   */
  readonly facts?: Readonly<Record<string, string>>;
  /** Stage (or milestone such as `"service-completed"`) -> column of the time it was done. */
  readonly done?: Readonly<Record<string, string>>;
  /** Phone-answer stage -> column of the number of rings (docs/rules.md S1). */
  readonly rings?: Readonly<Record<string, string>>;
  /** Pause / resume column pairs, one per interval the table records. */
  readonly pauses?: readonly PauseColumns[];
  /** Stage -> columns of a consented renegotiated deadline. */
  readonly agreed?: Readonly<Record<string, AgreedColumns>>;
  /** Column of the time an on-site fault was resolved remotely (docs/rules.md S6). */
  readonly remoteResolved?: string;
}

/** Options of `ticketsFromRows`. */
export interface TicketsFromRowsOptions {
  /** The policy the tickets are checked against (services, stages, dimension values, event order). */
  readonly policy: Policy;
  /**
   * IANA zone of timestamps written without an offset ("2026-03-02 09:30"). Without it such a
   * cell is a bad row; texts with an offset ("...Z", "...+08:00") never need it.
   */
  readonly timeZone?: string;
  /** Number of the first row in error reports; default 1. A CSV with a header line passes 2 to get file lines. */
  readonly firstRowNumber?: number;
}

/** A ticket read from a row: a `Ticket` plus the row it came from and the extra facts. */
export interface TableTicket extends Ticket {
  /** Row number (counted from `firstRowNumber`). */
  readonly row: number;
  /** Facts beyond the ticket's own fields (`region`, `device`, ...), as mapped. */
  readonly facts: Readonly<Record<string, string>>;
}

/** Why a row was not turned into a ticket. */
export interface RowError {
  /** Row number (counted from `firstRowNumber`). */
  readonly row: number;
  /** The column at fault, or null when the row as a whole is (e.g. not an object). */
  readonly column: string | null;
  /** The cell as read. */
  readonly value: unknown;
  /** The SlaKitError code behind it (`INVALID_ROW` for cells, or the code `evaluateTicket` gives). */
  readonly code: ErrorCode;
  /** What is wrong and how to fix it. */
  readonly reason: string;
}

/** A stage of a service that the mapping has no column for. */
export interface UntrackedStage {
  readonly service: string;
  readonly stage: string;
}

/** What `ticketsFromRows` returns: the good tickets, every bad row, and the stages the table does not track. */
export interface TicketsFromRowsResult {
  readonly tickets: readonly TableTicket[];
  readonly errors: readonly RowError[];
  /** Stages of the services seen (or of the mapped fixed service) without a done/rings column. */
  readonly untrackedStages: readonly UntrackedStage[];
  /** The stages that do have a column: pass them as `evaluateTicket(..., { asOf, stages })`. */
  readonly trackedStages: readonly string[];
}

/**
 * One plain row per ticket-stage, with the ticket's facts, for Observable Plot, Arrow, Polars or a
 * CSV. The ticket's columns (`ticketId`, `service`, `tier`, `urgency`, `location`, `channel`,
 * `assignee`, `department`) are those of its `TicketEvaluation`.
 */
export interface TidyRow extends Pick<TicketEvaluation, "ticketId" | "service" | "tier" | "urgency" | "location" | "channel" | "assignee" | "department"> {
  /** Input row number, when the evaluation's ticket came from `ticketsFromRows` and was passed as `tickets`. */
  readonly row: number | null;
  readonly createdAt: Date | string | number;
  readonly asOf: Date | string | number;
  readonly stage: string;
  readonly status: StageStatus;
  readonly anchorAt: Date | string | number | null;
  readonly warnAt: Date | string | number | null;
  readonly dueAt: Date | string | number | null;
  readonly doneAt: Date | string | number | null;
  readonly allowedMs: number | null;
  readonly elapsedMs: number | null;
  readonly remainingMs: number | null;
  readonly pausedMs: number;
  readonly fractionUsed: number | null;
  /** The latest warning or escalation level reached (`levelsReached`' last, e.g. "warn", "escalate-2"); null when none. */
  readonly level: string | null;
  readonly levelAt: Date | string | number | null;
  /** The next level an open stage will reach (`nextLevel`); null when none is left. */
  readonly nextLevel: string | null;
  readonly nextLevelAt: Date | string | number | null;
  /** Target row of the policy: its `id` (e.g. "S4:fault:response:core-urgent"), index and clause. */
  readonly rowId: string | null;
  readonly targetRow: number | null;
  readonly sourceRef: string | null;
  readonly policyId: string;
  readonly policyVersion: string;
  readonly policyHash: string;
  /** Extra facts (`region`, ...) joined from `tickets`, one column each. */
  readonly [fact: string]: unknown;
}
