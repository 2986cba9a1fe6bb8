/**
 * Types of the DuckDB entry (`sla-kit/duckdb`).
 * @module
 */
import type { Policy } from "../sla/types.js";

/**
 * What `registerSlaFunctions` needs of a connection: `registerScalarFunction`, as a
 * `DuckDBConnection` of `@duckdb/node-api` has it.
 */
export interface ScalarFunctionHost {
  registerScalarFunction(scalarFunction: never): void;
}

/** Options of `registerSlaFunctions`. */
export interface RegisterSlaFunctionsOptions {
  /**
   * The policies SQL may name, by the name SQL uses: `{ robot: robotIntegration2026 }` makes
   * `sla_evaluate('robot', ...)` evaluate against `robotIntegration2026`. Each value is a policy
   * from `parsePolicy` or a built-in one.
   */
  readonly policies: Readonly<Record<string, Policy>>;
  /**
   * IANA zone in which a `TIMESTAMP` (without time zone) argument is read as local wall-clock
   * time, e.g. `"Asia/Shanghai"` (DST-correct, like `fromZonedTime`). Without it such a value is
   * an error, never read in the host's or the DuckDB session's zone. `TIMESTAMPTZ` values and
   * ISO-8601 texts with an offset never need it.
   */
  readonly timeZone?: string;
}

/** What `registerSlaFunctions` registered: the SQL function names and the policies by SQL name. */
export interface SlaFunctions {
  readonly functions: readonly string[];
  readonly policies: readonly {
    readonly name: string;
    readonly id: string;
    readonly version: string;
    readonly hash: string;
  }[];
}
