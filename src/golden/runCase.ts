import { SlaKitError, isSlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { Policy } from "../sla/index.js";
import { collectRules, reviveInstants, toPlain } from "./_plain.js";
import { kindTable, ruleHints } from "./_kinds.js";
import { checkPoliciesArg, checkPolicyArg, checkTolerance } from "./_args.js";
import { parseCase } from "./schema.js";
import { matchExpected } from "./matchExpected.js";
import type { CaseResult, GoldenCase, Mismatch, Tolerance } from "./types.js";

/** Options of {@link runCase}. */
export interface RunCaseOptions {
  /** The policy that `dueAt`, `findTarget`, `evaluateTicket` and ticket roll-ups use. */
  readonly policy?: Policy;
  /** The versions of a policy set that `evaluateTicketVersions` cases use (docs/rules.md S18). */
  readonly policies?: readonly Policy[];
  /** The file's tolerance; the case's own `tolerance` overrides it field by field. */
  readonly tolerance?: Tolerance;
  /** Index of the case in its file, for error paths. */
  readonly index?: number;
}

/**
 * Runs one golden case: calls the function its `kind` names with its `input` (ISO instants become
 * `Date`s), then checks `expect` (subset match, see `matchExpected`), `expectRule` (the rule that
 * fired, from the result's traces) and `expectError` (the error code thrown).
 *
 * @example
 * ```ts
 * import { runCase } from "sla-kit/golden";
 * import { robotIntegration2026 } from "sla-kit/sla";
 * const r = runCase({ id: "S4 core urgent response", kind: "dueAt",
 *   input: { query: { service: "fault", tier: "core", urgency: "urgent", stage: "response" }, anchor: "2024-05-06T10:00:00+08:00" },
 *   expect: "2024-05-06T10:15:00+08:00", expectRule: "003 §6(2)" }, { policy: robotIntegration2026 });
 * console.log(r.status); // pass
 * ```
 */
export function runCase(input: GoldenCase, options: RunCaseOptions = {}): CaseResult {
  if (options === null || typeof options !== "object") throw new SlaKitError("INVALID_ARGUMENT", `runCase options must be an object ({ policy?, tolerance?, index? }), got ${describe(options)}.`, { path: ["options"] });
  const index = options.index ?? 0;
  if (!Number.isSafeInteger(index) || index < 0) throw new SlaKitError("INVALID_ARGUMENT", `options.index must be a whole number >= 0, got ${describe(index)}.`, { path: ["options", "index"] });
  if (options.policy !== undefined) checkPolicyArg(options.policy, ["options", "policy"]);
  if (options.policies !== undefined) checkPoliciesArg(options.policies, ["options", "policies"]);
  if (options.tolerance !== undefined) checkTolerance(options.tolerance, ["options", "tolerance"]);
  return runParsedCase(parseCase(input, index), options, index);
}

/**
 * Runs a case that `parseCase`/`parseCaseFile` already checked, with options already checked
 * (`runCaseFile` and `diffPolicies` call this, so a case is parsed once). @internal
 */
export function runParsedCase(c: GoldenCase, options: RunCaseOptions, index: number): CaseResult {
  const call = kindTable.get(c.kind)!.call;
  const tolerance: Tolerance = { ...options.tolerance, ...c.tolerance };
  let value: unknown;
  let error: CaseResult["error"];
  try {
    value = call(reviveInstants(c.input) as Record<string, unknown>, { policy: options.policy, policies: options.policies, asOf: c.asOf, caseIndex: index });
  } catch (e) {
    if (isSlaKitError(e) && e.code === "INVALID_CASE_FILE") throw e;
    error = isSlaKitError(e)
      ? { code: e.code, message: e.message, path: e.path }
      : { code: "INTERNAL_ERROR", message: e instanceof Error ? e.message : String(e) };
  }
  const actual = error === undefined ? toPlain(value) : { error };
  const rules = error === undefined ? [...collectRules(actual)] : [];
  const hint = ruleHints.get(c.kind);
  if (error === undefined && hint !== undefined) {
    for (const r of hint(reviveInstants(c.input) as Record<string, unknown>, { policy: options.policy, policies: options.policies, asOf: c.asOf, caseIndex: index })) if (!rules.includes(r)) rules.push(r);
  }
  const mismatches: Mismatch[] = [];
  if (c.expectError !== undefined) {
    if (error?.code !== c.expectError) {
      mismatches.push({ path: ["error"], expected: c.expectError, actual: error?.code ?? null, message: `expected error ${c.expectError}, got ${error === undefined ? "a result" : `${error.code}: ${error.message}`}` });
    }
  } else if (error !== undefined) {
    mismatches.push({ path: ["error"], expected: c.expect ?? null, actual: error.code, message: `threw ${error.code}: ${error.message}` });
  }
  if (error === undefined && c.expect !== undefined) mismatches.push(...matchExpected(c.expect, value, tolerance));
  if (error === undefined && c.expectRule !== undefined && !rules.includes(c.expectRule)) {
    mismatches.push({ path: ["rule"], expected: c.expectRule, actual: rules, message: `expected rule ${c.expectRule} to fire, the result names ${rules.length ? rules.join(", ") : "no rule"}` });
  }
  return {
    id: c.id,
    kind: c.kind,
    status: mismatches.length === 0 ? "pass" : "fail",
    mismatches,
    actual,
    ...(error === undefined ? {} : { error }),
    rules,
  };
}
