import { addBusinessDays, addBusinessTime } from "../calendar/index.js";
import { isSlaKitError, SlaKitError } from "../errors.js";
import { getCompiled } from "./_compile.js";
import { clockOf, lookup } from "./_lookup.js";
import { STAGE_ERRORS, stageErrorMessage } from "./_stage.js";
import { toInstantMs } from "./_time.js";
import type { Policy, TargetQuery } from "./types.js";

/**
 * The deadline of one stage measured from `anchorTime`: durations are added on the row's clock
 * (`addBusinessTime`), business days give the close of business of the n-th business day after
 * the anchor's local date (`addBusinessDays`, docs/rules.md T2). Never checks effective dates.
 *
 * @throws SlaKitError the lookup errors of {@link findTarget}; `NOT_A_TIME_TARGET` for rings and
 *   agreed rows; `INVALID_ARGUMENT` for a bad `anchorTime`; `CALENDAR_OUT_OF_RANGE` /
 *   `CALENDAR_NEVER_OPEN` with `path: ["query", "stage"]`, a message naming the stage, its row and
 *   clock, the calendar's covered dates, the date needed and both ways out (add the year, or
 *   `beyondData: "weekdays"`), and those facts in `details`.
 * @example
 * ```ts
 * import { dueAt, robotIntegration2026 } from "sla-kit/sla";
 *
 * const due = dueAt(robotIntegration2026, { service: "fault", tier: "core", urgency: "urgent", stage: "response" },
 *   new Date("2024-05-06T10:00:00+08:00"));
 * console.log(due.toISOString()); // 2024-05-06T02:15:00.000Z (10:15 in Shanghai)
 * ```
 */
export function dueAt(policy: Policy, query: TargetQuery, anchorTime: Date | number | string): Date {
  const c = getCompiled(policy);
  const t = lookup(c, query);
  const anchor = toInstantMs(anchorTime, ["anchorTime"], "INVALID_ARGUMENT");
  const cal = clockOf(c, t);
  if (t.kind === "rings" || t.kind === "agreed" || cal === null) {
    throw new SlaKitError(
      "NOT_A_TIME_TARGET",
      `Row ${t.index} (${t.sourceRef}) is a ${t.kind} target (${JSON.stringify(t.within)}): it has no deadline to compute; evaluate a ticket instead.`,
      { path: ["query", "stage"], details: { index: t.index, within: t.within } },
    );
  }
  try {
    return t.kind === "duration" ? addBusinessTime(cal, anchor, t.withinMs) : addBusinessDays(cal, anchor, t.within.businessDays);
  } catch (e) {
    if (!isSlaKitError(e) || !STAGE_ERRORS.has(e.code)) throw e;
    // in the caller's terms: the stage asked for, its row and clock, then the calendar's own account
    const details = e.details !== null && typeof e.details === "object" ? e.details : {};
    throw new SlaKitError(e.code, stageErrorMessage(query.service, query.stage, t, e), {
      path: ["query", "stage"],
      details: { ...details, service: query.service, stage: query.stage, row: t.index, clock: t.clock },
    });
  }
}
