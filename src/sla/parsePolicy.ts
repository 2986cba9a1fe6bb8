import { compile } from "./_compile.js";
import { checkPolicyJsonOrThrow } from "./_shape.js";
import type { Policy } from "./types.js";

/**
 * Validates policy JSON (structure, then references: services, stages, dimension values,
 * clocks, anchors, calendars) and compiles it. The result is deep-frozen plain JSON (what
 * `JSON.stringify` gives back is a valid policy file) with a non-enumerable content `hash`.
 * Matrix quality (gaps, overlaps, tier order) is checked by {@link validatePolicy}, not here.
 *
 * @throws SlaKitError `INVALID_POLICY` with the `path` of the first problem (all of them in `details`).
 * @example
 * ```ts
 * import { parsePolicy, robotIntegration2026 } from "sla-kit/sla";
 *
 * const copy = parsePolicy(JSON.parse(JSON.stringify(robotIntegration2026)));
 * console.log(copy.hash === robotIntegration2026.hash); // true
 * ```
 */
export function parsePolicy(json: unknown): Policy {
  return compile(checkPolicyJsonOrThrow(json)).policy;
}
