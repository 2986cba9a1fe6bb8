/**
 * Every error sla-kit throws for bad input is a {@link SlaKitError} with a stable `code`.
 * The codes never change meaning within a major version; match on `code`, not on `message`.
 *
 * @module
 */
import { quietErrors, stackTraceLimit } from "./_lib/quiet.js";

/**
 * The stable error codes, grouped by the domain that raises them (table: docs/errors.md).
 *
 * @example
 * ```ts
 * import { ErrorCode, isSlaKitError } from "sla-kit";
 * import { defineCalendar } from "sla-kit/calendar";
 * try { defineCalendar({ timeZone: "UTC", week: { mon: ["9-5"] } }); }
 * catch (e) { console.log(isSlaKitError(e, ErrorCode.INVALID_CALENDAR)); } // true
 * ```
 */
export const ErrorCode = {
  // calendar
  INVALID_CALENDAR: "INVALID_CALENDAR",
  INVALID_ARGUMENT: "INVALID_ARGUMENT",
  INVALID_DURATION: "INVALID_DURATION",
  CALENDAR_OUT_OF_RANGE: "CALENDAR_OUT_OF_RANGE",
  CALENDAR_NEVER_OPEN: "CALENDAR_NEVER_OPEN",
  INVALID_NOTICE: "INVALID_NOTICE",
  // sla
  INVALID_POLICY: "INVALID_POLICY",
  UNKNOWN_VALUE: "UNKNOWN_VALUE",
  MISSING_DIMENSION: "MISSING_DIMENSION",
  NO_MATCHING_TARGET: "NO_MATCHING_TARGET",
  AMBIGUOUS_TARGET: "AMBIGUOUS_TARGET",
  NOT_A_TIME_TARGET: "NOT_A_TIME_TARGET",
  INVALID_EVENT: "INVALID_EVENT",
  CONSENT_REQUIRED: "CONSENT_REQUIRED",
  OUTSIDE_EFFECTIVE_DATES: "OUTSIDE_EFFECTIVE_DATES",
  // kpi
  INVALID_INPUT: "INVALID_INPUT",
  // scoring
  INVALID_RULE: "INVALID_RULE",
  MISSING_VALUE: "MISSING_VALUE",
  // kpi, scoring: exact results
  OUT_OF_SAFE_RANGE: "OUT_OF_SAFE_RANGE",
  // golden
  INVALID_CASE_FILE: "INVALID_CASE_FILE",
  // table
  INVALID_MAPPING: "INVALID_MAPPING",
  INVALID_ROW: "INVALID_ROW",
  // safe* functions: an error that is not a SlaKitError, wrapped
  INTERNAL_ERROR: "INTERNAL_ERROR",
} as const;

/** One of the stable error codes of {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A path into the input that caused an error, e.g. `["week", "mon", 1]`. */
export type ErrorPath = readonly (string | number)[];

/** Options of the {@link SlaKitError} constructor. */
export interface SlaKitErrorOptions {
  /** Where in the input the problem is. */
  readonly path?: ErrorPath;
  /** Structured data about the problem (e.g. the candidate rows of an ambiguous match). */
  readonly details?: unknown;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * The error sla-kit throws for bad input: a stable `code`, a message that says what to fix,
 * the `path` into the input and optional `details`.
 *
 * @example
 * ```ts
 * import { SlaKitError } from "sla-kit";
 * import { defineCalendar } from "sla-kit/calendar";
 *
 * try {
 *   defineCalendar({ timeZone: "Mars/Olympus", week: {} });
 * } catch (e) {
 *   if (e instanceof SlaKitError) console.log(e.code, e.path); // INVALID_CALENDAR [ 'timeZone' ]
 * }
 * ```
 */
export class SlaKitError extends Error {
  /** Stable machine-readable code, see {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** Path into the input that caused the error (empty when the whole input is at fault). */
  readonly path: ErrorPath;
  /** Structured details, when there are any. */
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: SlaKitErrorOptions = {}) {
    // an error its maker catches and keeps as data is made without a stack (src/_lib/quiet.ts)
    const limit = quietErrors.codes?.has(code) === true ? stackTraceLimit(0) : undefined;
    try {
      super(message, options.cause === undefined ? undefined : { cause: options.cause });
    } finally {
      if (limit !== undefined) stackTraceLimit(limit);
    }
    this.name = "SlaKitError";
    this.code = code;
    this.path = options.path ?? [];
    if (options.details !== undefined) this.details = options.details;
  }

  /** A plain JSON view (code, message, path, details), for logs and reporters. */
  toJSON(): { code: ErrorCode; message: string; path: ErrorPath; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message, path: this.path }
      : { code: this.code, message: this.message, path: this.path, details: this.details };
  }
}

/**
 * True when `e` is a {@link SlaKitError}, optionally with the given code. Works across
 * bundle copies (ESM and CJS) because it checks the shape, not the prototype.
 *
 * @example
 * ```ts
 * import { isSlaKitError } from "sla-kit";
 * import { addBusinessDays, alwaysOpen } from "sla-kit/calendar";
 *
 * try { addBusinessDays(alwaysOpen(), 0, -1); } catch (e) {
 *   console.log(isSlaKitError(e, "INVALID_ARGUMENT")); // true
 * }
 * ```
 */
export function isSlaKitError(e: unknown, code?: ErrorCode): e is SlaKitError {
  if (!(e instanceof Error) || e.name !== "SlaKitError") return false;
  const c = (e as { code?: unknown }).code;
  return typeof c === "string" && (code === undefined || c === code);
}
