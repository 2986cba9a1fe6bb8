/** Time inputs of the sla domain. @internal */
import { SlaKitError, type ErrorCode, type ErrorPath } from "../errors.js";
import { describe, formatPath } from "../_lib/instant.js";

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch ms of a `Date`, epoch ms number, or ISO-8601 string with an explicit offset. */
export function toInstantMs(value: unknown, path: ErrorPath, code: ErrorCode): number {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "number") ms = value;
  else if (typeof value === "string" && ISO_WITH_OFFSET.test(value)) {
    // Date.parse rolls "2024-02-30" over to March 1: reject calendar dates that do not exist
    const y = Number(value.slice(0, 4));
    const mo = Number(value.slice(5, 7));
    const d = Number(value.slice(8, 10));
    ms = mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate() ? Date.parse(value) : Number.NaN;
  } else {
    throw new SlaKitError(code, `Expected a Date, epoch milliseconds or an ISO-8601 time with an offset at ${formatPath(path)}, got ${describe(value)}.`, { path });
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw new SlaKitError(code, `Invalid instant at ${formatPath(path)}: ${describe(value)} is not a valid date/time.`, { path });
  }
  return ms;
}
