/** Coercion of `Date | number` inputs to epoch ms, with clear errors. @internal */
import { SlaKitError, type ErrorCode, type ErrorPath } from "../errors.js";

/** Anything sla-kit accepts as an instant: a Date, epoch ms, or an ISO-8601 time with an offset. */
export type Instant = Date | number | string;

/** A date-time that names no offset ("2026-01-05T10:00", "2026-01-05 10:00:00"). */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/** An ISO-8601 date-time with an explicit offset ("...Z", "...+08:00"). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch ms of an ISO-8601 date-time string with an explicit offset, or NaN when the text is not
 * one or names a date that does not exist (`Date.parse` would roll "2024-02-30" over to March 1).
 */
export function parseIsoInstant(text: string): number {
  if (!ISO_INSTANT.test(text)) return Number.NaN;
  const y = Number(text.slice(0, 4));
  const mo = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate() ? Date.parse(text) : Number.NaN;
}

/**
 * Epoch ms of a `Date`, a number or an ISO-8601 string with an offset (every public function
 * takes the three alike; `iso: false` refuses strings); throws `code` (default
 * INVALID_ARGUMENT) for Invalid Date / NaN / non-finite / unparsable text, and says how to fix a
 * local time without an offset (it is never read in the host's zone).
 */
export function toEpochMs(value: unknown, path: ErrorPath, code: ErrorCode = "INVALID_ARGUMENT", options: { readonly iso?: boolean } = {}): number {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "number") ms = value;
  else if (options.iso !== false && typeof value === "string" && ISO_INSTANT.test(value)) ms = parseIsoInstant(value);
  else {
    const iso = options.iso !== false;
    const what = iso ? "a Date, epoch milliseconds or an ISO-8601 time with an offset" : "a Date or epoch milliseconds";
    const hint =
      iso && typeof value === "string" && LOCAL_DATE_TIME.test(value.trim())
        ? ' It has no offset, so the instant it means is unknown: add one ("Z", "+08:00"), or read it in a named zone with fromZonedTime(text, timeZone) from sla-kit/calendar.'
        : "";
    throw new SlaKitError(code, `Expected ${what} at ${formatPath(path)}, got ${describe(value)}.${hint}`, { path });
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw new SlaKitError(code, `Invalid instant at ${formatPath(path)}: ${describe(value)} is not a valid date/time.`, { path });
  }
  return ms;
}

/** A path as `a.b[0].c`, or `(input)` when empty. */
export function formatPath(path: ErrorPath): string {
  if (path.length === 0) return "(input)";
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}

/**
 * Short description of a bad value for messages: a valid Date as its ISO instant, an Invalid Date
 * as "Invalid Date", `-0` as "-0", a BigInt as `12n`, strings quoted and cut at 60 characters.
 * Never throws, whatever the value (null-prototype objects, symbols, BigInt).
 */
export function describe(value: unknown): string {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? "Invalid Date" : `the Date ${value.toISOString()}`;
  }
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value.toString().length > 30 ? `${value.toString().slice(0, 27)}...` : value.toString()}n (a BigInt)`;
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      return Array.isArray(value) ? "an array" : "an object";
  }
}
