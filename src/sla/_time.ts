/** Time inputs of the sla domain. @internal */
import type { ErrorCode, ErrorPath } from "../errors.js";
import { toEpochMs } from "../_lib/instant.js";

/** Epoch ms of a `Date`, epoch ms number, or ISO-8601 string with an explicit offset. */
export function toInstantMs(value: unknown, path: ErrorPath, code: ErrorCode): number {
  return toEpochMs(value, path, code, ISO);
}
const ISO = { iso: true } as const;

/**
 * `toInstantMs(value, [key], "INVALID_ARGUMENT")` for a top-level argument: a Date or epoch ms is
 * read at once (no path array made for an error that is not thrown).
 */
export function argumentMs(value: unknown, key: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (ms === ms) return ms;
  } else if (typeof value === "number" && value <= 8.64e15 && value >= -8.64e15) return value;
  return toInstantMs(value, [key], "INVALID_ARGUMENT");
}

/** The ISO-8601 UTC text of epoch ms (trace and error texts). */
export const iso = (ms: number): string => new Date(ms).toISOString();
