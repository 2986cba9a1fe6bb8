/**
 * Golden case files: policy outcomes pinned as data, checked by `runCaseFile` and `sla-kit check`.
 * @module
 */

/** Numeric tolerances for matching: `points` for numbers (default 1e-9), `ms` for instants (default 0). */
export interface Tolerance {
  readonly points?: number;
  readonly ms?: number;
}

/** One golden case: call the function named by `kind` with `input`, and compare. */
export interface GoldenCase {
  readonly id: string;
  /** The function to call: `dueAt`, `evaluateTicket`, `findTarget`, `evaluateRule`, `scorecard`, a kpi or calendar function. */
  readonly kind: string;
  readonly description?: string;
  /** The instant of evaluation (ISO-8601 with offset), for `evaluateTicket`. */
  readonly asOf?: string;
  /** The function's arguments by name, e.g. `{ query, anchor }` for `dueAt`. */
  readonly input: Readonly<Record<string, unknown>>;
  /** The expected result, matched as a subset. */
  readonly expect?: unknown;
  /** The rule that must have fired: a `sourceRef` (e.g. "003 §6(2)") or a row/rule id. */
  readonly expectRule?: string;
  /** The error code the call must throw. */
  readonly expectError?: string;
  readonly tolerance?: Tolerance;
}

/** A golden case file (JSON or YAML). */
export interface CaseFile {
  readonly $schema?: string;
  /** A built-in policy's export name (`"robotIntegration2026"`, `"cableOperatorNorms"`) or a path relative to the file. */
  readonly policy?: string;
  /**
   * The versions of a policy set, for `evaluateTicketVersions` cases (docs/rules.md S18): built-in
   * names or paths relative to the file, like `policy`.
   */
  readonly policies?: readonly string[];
  readonly description?: string;
  readonly tolerance?: Tolerance;
  readonly cases: readonly GoldenCase[];
}

/** One difference between the expected and the actual result. */
export interface Mismatch {
  /** Path into the result, e.g. `["stages", "response", "status"]`. */
  readonly path: readonly (string | number)[];
  readonly expected: unknown;
  readonly actual: unknown;
  readonly message: string;
}

/** The outcome of one case. */
export interface CaseResult {
  readonly id: string;
  readonly kind: string;
  readonly status: "pass" | "fail";
  readonly mismatches: readonly Mismatch[];
  /** The actual result as plain JSON (instants as ISO strings), or the error thrown. */
  readonly actual: unknown;
  readonly error?: { readonly code: string; readonly message: string; readonly path?: readonly (string | number)[] };
  /** The rules (sourceRefs and ids) that fired, collected from the result's traces. */
  readonly rules: readonly string[];
}

/** The outcome of a whole case file. */
export interface FileResult {
  readonly policy: { readonly id: string; readonly version: string; readonly hash: string } | null;
  readonly results: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
}
