import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe, formatPath, parseIsoInstant } from "../_lib/instant.js";
import { assertTimeZone, utcMs, wallToInstant } from "../_lib/zone.js";

/** A local date-time: "YYYY-MM-DD", "YYYY-MM-DDTHH:mm", "YYYY-MM-DD HH:mm:ss", with optional fraction and offset. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Options of {@link fromZonedTime}. */
export interface FromZonedTimeOptions {
  /** Path reported in errors (e.g. the row and column a value came from); default `["local"]`. */
  readonly path?: ErrorPath;
}

/**
 * The instant of a local wall-clock time in an IANA zone (like date-fns-tz `fromZonedTime`),
 * whatever the host TZ. DST is resolved as Temporal's `disambiguation: "compatible"`: a repeated
 * local time (clocks go back) is the earlier instant, a skipped one (clocks go forward) is moved
 * forward by the length of the gap ("02:30" on a spring-forward night in New York is 03:30 EDT).
 *
 * `local` is `"YYYY-MM-DD"` (midnight), `"YYYY-MM-DDTHH:mm[:ss[.fff]]"` or the same with a space
 * instead of `T`. A text that carries its own offset (`Z`, `+08:00`) is read with that offset and
 * the zone is ignored, so a column mixing both forms reads correctly.
 *
 * @throws SlaKitError `INVALID_ARGUMENT`: a text that is not a local date-time, a date or time
 *   that does not exist ("2026-02-30", "24:00"), an unknown zone (path `["timeZone"]`).
 * @example
 * ```ts
 * import { fromZonedTime } from "sla-kit/calendar";
 *
 * console.log(fromZonedTime("2026-03-02 09:30", "Asia/Shanghai").toISOString()); // 2026-03-02T01:30:00.000Z
 * // New York springs forward at 02:00 on 2026-03-08: 02:30 does not exist and reads as 03:30 EDT
 * console.log(fromZonedTime("2026-03-08T02:30", "America/New_York").toISOString()); // 2026-03-08T07:30:00.000Z
 * // 01:30 on 2026-11-01 happens twice: the earlier (EDT) instant
 * console.log(fromZonedTime("2026-11-01T01:30", "America/New_York").toISOString()); // 2026-11-01T05:30:00.000Z
 * ```
 */
export function fromZonedTime(local: string, timeZone: string, options: FromZonedTimeOptions = {}): Date {
  const path = options.path ?? ["local"];
  const zone = assertTimeZone(timeZone, "INVALID_ARGUMENT", ["timeZone"]);
  const m = typeof local === "string" ? LOCAL.exec(local.trim()) : null;
  if (m === null) {
    throw new SlaKitError(
      "INVALID_ARGUMENT",
      `Expected a local date-time such as "2026-03-02 09:30" or "2026-03-02T09:30:00" at ${formatPath(path)}, got ${describe(local)}.`,
      { path },
    );
  }
  const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const frac = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  // the Gregorian calendar repeats every 400 years: month lengths of year 2000 + y mod 400
  const daysInMonth = mo! >= 1 && mo! <= 12 ? new Date(Date.UTC(2000 + (y! % 400), mo!, 0)).getUTCDate() : 0;
  if (d! < 1 || d! > daysInMonth || h! > 23 || mi! > 59 || s! > 59) {
    throw new SlaKitError("INVALID_ARGUMENT", `${describe(local)} at ${formatPath(path)} names a date or time that does not exist.`, { path });
  }
  if (m[8] !== undefined) {
    const ms = parseIsoInstant(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? "00"}:${m[5] ?? "00"}:${m[6] ?? "00"}${m[7] === undefined ? "" : `.${m[7]}`}${m[8]}`);
    if (Number.isNaN(ms)) throw new SlaKitError("INVALID_ARGUMENT", `${describe(local)} at ${formatPath(path)} has an offset that cannot be read; write it as "+08:00" or "Z".`, { path });
    return new Date(ms);
  }
  return new Date(wallToInstant(zone, utcMs(y!, mo!, d!, h!, mi!, s!)) + frac);
}

