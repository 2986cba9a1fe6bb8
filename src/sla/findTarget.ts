import { getCompiled } from "./_compile.js";
import { lookup } from "./_lookup.js";
import type { Policy, Target, TargetQuery } from "./types.js";

/**
 * Finds the one target row of the matrix that matches a query. A row that omits a dimension
 * matches any value of it; exactly one row must match. Never checks effective dates.
 *
 * @returns the row as written (`within` exactly as in the policy JSON, `sourceRef`, dimensions)
 *   plus `index` (row number in `policy.targets`), `kind` and `withinMs`.
 * @throws SlaKitError `UNKNOWN_VALUE` (service, stage, tier, urgency, location not in the policy),
 *   `MISSING_DIMENSION` (e.g. a fault without urgency), `NO_MATCHING_TARGET`, `AMBIGUOUS_TARGET`
 *   (candidate rows in `details.candidates`).
 * @example
 * ```ts
 * import { findTarget, robotIntegration2026 } from "sla-kit/sla";
 *
 * const t = findTarget(robotIntegration2026, { service: "fault", tier: "core", urgency: "urgent", stage: "response" });
 * console.log(t.within, t.sourceRef); // PT15M 003 §6(2)
 * ```
 */
export function findTarget(policy: Policy, query: TargetQuery): Target {
  return lookup(getCompiled(policy), query);
}
