import { kindTable } from "./_kinds.js";

/**
 * The `kind`s a golden case may name, i.e. the functions the runner can call.
 *
 * @example
 * ```ts
 * import { caseKinds } from "sla-kit/golden";
 * console.log(caseKinds.includes("evaluateTicket")); // true
 * ```
 */
export const caseKinds: readonly string[] = /* @__PURE__ */ (() => [...kindTable.keys()])();
