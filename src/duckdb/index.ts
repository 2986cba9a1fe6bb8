/**
 * SQL functions for DuckDB (`@duckdb/node-api`, an optional peer dependency: install it next to
 * sla-kit to use this entry). The other entries never import it.
 * @module
 */
export type { RegisterSlaFunctionsOptions, ScalarFunctionHost, SlaFunctions } from "./types.js";
export { registerSlaFunctions } from "./registerSlaFunctions.js";
