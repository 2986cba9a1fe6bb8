import { dayNumberToIso } from "../_lib/zone.js";
import { engineOf } from "./_engine.js";
import type { BeyondData, Calendar } from "./types.js";

/** What a calendar's data covers: see {@link coverage}. */
export interface Coverage {
  /** First local date of the data (`null`: unbounded). Earlier dates always throw. */
  readonly from: string | null;
  /** Last local date of the data (`null`: unbounded). */
  readonly to: string | null;
  /** What later dates mean: `"error"` throws, `"weekdays"` assumes plain weekly hours. */
  readonly beyondData: BeyondData;
}

/**
 * The local dates a calendar's holiday data covers, and what it does after them. With
 * `beyondData: "weekdays"`, any result that used a local date after `to` rests on an assumption
 * (no holidays, no make-up days): treat it as provisional. {@link firstAssumedDate} tells, for a
 * span of instants, the first such date.
 *
 * @example
 * ```ts
 * import { chinaWorkCalendar, coverage } from "sla-kit/calendar";
 * console.log(coverage(chinaWorkCalendar({ beyondData: "weekdays" })));
 * // { from: '2024-01-01', to: '2026-12-31', beyondData: 'weekdays' }
 * ```
 */
export function coverage(cal: Calendar): Coverage {
  const e = engineOf(cal);
  return {
    from: e.validFrom === -Infinity ? null : dayNumberToIso(e.validFrom),
    to: e.validTo === Infinity ? null : dayNumberToIso(e.validTo),
    beyondData: e.beyondData,
  };
}
