/** Time inputs of the sla domain. @internal */
import type { ErrorCode, ErrorPath } from "../errors.js";
import { toEpochMs } from "../_lib/instant.js";

/** Epoch ms of a `Date`, epoch ms number, or ISO-8601 string with an explicit offset. */
export function toInstantMs(value: unknown, path: ErrorPath, code: ErrorCode): number {
  return toEpochMs(value, path, code, { iso: true });
}

/** The ISO-8601 UTC text of epoch ms (trace and error texts). */
export const iso = (ms: number): string => new Date(ms).toISOString();
