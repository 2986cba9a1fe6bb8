import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { checkPoliciesArg, checkPolicyArg } from "./_args.js";
import type { Policy } from "../sla/index.js";
import { policyKinds, policySetKinds } from "./_kinds.js";
import { builtinPolicies } from "./builtinPolicies.js";
import { parseCaseFile } from "./schema.js";
import { runParsedCase } from "./runCase.js";
import type { CaseFile, FileResult } from "./types.js";

/** Options of {@link runCaseFile}. */
export interface RunCaseFileOptions {
  /**
   * The policy to use. Defaults to the built-in policy the file names; a file that names a path
   * needs the caller (e.g. the CLI, which reads files) to load and pass it.
   */
  readonly policy?: Policy;
  /**
   * The versions of the policy set `evaluateTicketVersions` cases use (docs/rules.md S18). Defaults
   * to the built-in policies the file's `policies` names; paths need the caller to load them.
   */
  readonly policies?: readonly Policy[];
  /** Run only the cases whose id contains this text (or matches this RegExp). */
  readonly filter?: string | RegExp;
}

/**
 * Validates a case file and runs its cases. Pure: no file system; the CLI reads files and calls this.
 *
 * @example
 * ```ts
 * import { runCaseFile } from "sla-kit/golden";
 * const result = runCaseFile({ policy: "robotIntegration2026", cases: [
 *   { id: "S5 general fault resolution, ordinary", kind: "dueAt",
 *     input: { query: { service: "fault", tier: "ordinary", urgency: "general", stage: "resolution" }, anchor: "2024-05-06T10:00:00+08:00" },
 *     expect: "2024-05-09T10:00:00+08:00" } ] });
 * console.log(`${result.passed} passed, ${result.failed} failed`); // 1 passed, 0 failed
 * ```
 */
export function runCaseFile(input: CaseFile | unknown, options: RunCaseFileOptions = {}): FileResult {
  const file = parseCaseFile(input);
  if (options === null || typeof options !== "object") throw new SlaKitError("INVALID_ARGUMENT", `runCaseFile options must be an object ({ policy?, policies?, filter? }), got ${describe(options)}.`, { path: ["options"] });
  if (options.policy !== undefined) checkPolicyArg(options.policy, ["options", "policy"]);
  if (options.policies !== undefined) checkPoliciesArg(options.policies, ["options", "policies"]);
  if (options.filter !== undefined && typeof options.filter !== "string" && !(options.filter instanceof RegExp)) {
    throw new SlaKitError("INVALID_ARGUMENT", `options.filter must be a string or a RegExp, got ${describe(options.filter)}.`, { path: ["options", "filter"] });
  }
  let policy = options.policy;
  if (policy === undefined && file.policy !== undefined) {
    policy = Object.hasOwn(builtinPolicies, file.policy) ? builtinPolicies[file.policy] : undefined;
    if (policy === undefined) {
      throw new SlaKitError("INVALID_CASE_FILE", `Policy ${JSON.stringify(file.policy)} is not built in (${Object.keys(builtinPolicies).join(", ")}): pass the loaded policy in options.policy.`, { path: ["policy"] });
    }
  }
  let policies = options.policies;
  if (policies === undefined && file.policies !== undefined) {
    policies = file.policies.map((name, i) => {
      const p = Object.hasOwn(builtinPolicies, name) ? builtinPolicies[name] : undefined;
      if (p === undefined) {
        throw new SlaKitError("INVALID_CASE_FILE", `Policy ${JSON.stringify(name)} in "policies" is not built in (${Object.keys(builtinPolicies).join(", ")}): pass the loaded versions in options.policies.`, { path: ["policies", i] });
      }
      return p;
    });
  }
  const filter = options.filter;
  const results = [];
  for (let i = 0; i < file.cases.length; i++) {
    const c = file.cases[i]!;
    if (filter !== undefined && !(typeof filter === "string" ? c.id.includes(filter) : filter.test(c.id))) continue;
    if (policy === undefined && policyKinds.has(c.kind)) {
      throw new SlaKitError("INVALID_CASE_FILE", `Case ${JSON.stringify(c.id)} (${c.kind}) needs a policy: set "policy" in the file.`, { path: ["cases", i, "kind"] });
    }
    if (policies === undefined && policySetKinds.has(c.kind)) {
      throw new SlaKitError("INVALID_CASE_FILE", `Case ${JSON.stringify(c.id)} (${c.kind}) needs a policy set: set "policies" in the file (the versions, as built-in names or policy files).`, { path: ["cases", i, "kind"] });
    }
    results.push(runParsedCase(c, { ...(policy ? { policy } : {}), ...(policies ? { policies } : {}), ...(file.tolerance ? { tolerance: file.tolerance } : {}) }, i));
  }
  const failed = results.filter((r) => r.status === "fail").length;
  return {
    policy: policy === undefined ? null : { id: policy.id, version: policy.version, hash: policy.hash },
    results,
    passed: results.length - failed,
    failed,
  };
}
