import { isSlaKitError, type SlaKitError } from "../errors.js";
import { parsePolicy } from "./parsePolicy.js";
import type { Policy } from "./types.js";

/**
 * Like {@link parsePolicy}, but returns `{ success: true, data }` or `{ success: false, error }`
 * instead of throwing.
 *
 * @example
 * ```ts
 * import { safeParsePolicy } from "sla-kit/sla";
 *
 * const r = safeParsePolicy({ id: "x" });
 * console.log(r.success, r.success ? "" : r.error.code); // false INVALID_POLICY
 * ```
 */
export function safeParsePolicy(json: unknown): { success: true; data: Policy } | { success: false; error: SlaKitError } {
  try {
    return { success: true, data: parsePolicy(json) };
  } catch (e) {
    if (isSlaKitError(e)) return { success: false, error: e };
    throw e;
  }
}
