/** Coercion of `Date | number` inputs to epoch ms, with clear errors. @internal */
import { SlaKitError, type ErrorCode, type ErrorPath } from "../errors.js";

/** Anything sla-kit accepts as an instant. */
export type Instant = Date | number;

/** Epoch ms of a `Date | number`; throws `code` (default INVALID_ARGUMENT) for Invalid Date / NaN / non-finite. */
export function toEpochMs(value: unknown, path: ErrorPath, code: ErrorCode = "INVALID_ARGUMENT"): number {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "number") ms = value;
  else {
    throw new SlaKitError(code, `Expected a Date or epoch milliseconds at ${formatPath(path)}, got ${describe(value)}.`, { path });
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

/** Short description of a bad value for messages. */
export function describe(value: unknown): string {
  if (value instanceof Date) return "Invalid Date";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
