import { cableOperatorNorms, robotIntegration2026, type Policy } from "../sla/index.js";

/**
 * The built-in policies by export name, as golden files and the CLI refer to them.
 *
 * @example
 * ```ts
 * import { builtinPolicies } from "sla-kit/golden";
 * console.log(Object.keys(builtinPolicies)); // [ 'robotIntegration2026', 'cableOperatorNorms' ]
 * ```
 */
export const builtinPolicies: Readonly<Record<string, Policy>> = { robotIntegration2026, cableOperatorNorms };
