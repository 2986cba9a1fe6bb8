/**
 * Error codes whose `SlaKitError`s are made without a stack trace while set. A caller that catches
 * such errors and keeps them as data sets it around the work that throws them: `evaluateStage`
 * (src/sla/_stage.ts) turns a calendar that cannot answer into an `unknown` stage, and V8's stack
 * capture was half the cost of such a stage. Errors of other codes, and every error that reaches a
 * caller of the library, keep their stack. @internal
 */
export const quietErrors: { codes: ReadonlySet<string> | null } = { codes: null };

/**
 * Sets `Error.stackTraceLimit` (V8, and runtimes that copy it) and returns the previous value;
 * nothing where the runtime has no such setting or it cannot be set (frozen intrinsics).
 */
export function stackTraceLimit(n: number): number | undefined {
  const E = Error as { stackTraceLimit?: number };
  const before = E.stackTraceLimit;
  if (typeof before !== "number") return undefined;
  try {
    E.stackTraceLimit = n;
  } catch {
    return undefined;
  }
  return before;
}
