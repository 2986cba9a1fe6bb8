/** Argument checks of the golden entry points: bad arguments are SlaKitErrors, never TypeErrors. @internal */
import { describe } from "../_lib/instant.js";
import { SlaKitError, type ErrorPath } from "../errors.js";
import type { Policy } from "../sla/index.js";

/** A compiled policy (from `parsePolicy` or a built-in), not policy JSON. */
export function checkPolicyArg(p: unknown, path: ErrorPath): asserts p is Policy {
  const o = p as Partial<Policy> | null;
  if (o === null || typeof o !== "object" || typeof o.hash !== "string" || typeof o.id !== "string" || typeof o.version !== "string" || !Array.isArray(o.targets)) {
    throw new SlaKitError("INVALID_ARGUMENT", `Expected a policy from parsePolicy (or a built-in policy) at ${path.join(".")}, got ${describe(p)}: pass policy JSON through parsePolicy first.`, { path });
  }
}

/** A non-empty array of compiled policies (the versions of a policy set). */
export function checkPoliciesArg(ps: unknown, path: ErrorPath): asserts ps is readonly Policy[] {
  if (!Array.isArray(ps) || ps.length === 0) throw new SlaKitError("INVALID_ARGUMENT", `Expected a non-empty array of policies (the versions of a policy set) at ${path.join(".")}, got ${describe(ps)}.`, { path });
  ps.forEach((p, i) => checkPolicyArg(p, [...path, i]));
}

export function checkTolerance(t: unknown, path: ErrorPath): void {
  const o = t as Record<string, unknown> | null;
  if (o === null || typeof o !== "object" || Array.isArray(o)) throw new SlaKitError("INVALID_ARGUMENT", `A tolerance is { points?, ms? }, got ${describe(t)}.`, { path });
  for (const k of Object.keys(o)) {
    if (k !== "points" && k !== "ms") throw new SlaKitError("INVALID_ARGUMENT", `Unknown tolerance key ${JSON.stringify(k)}: a tolerance is { points?, ms? }.`, { path: [...path, k] });
    const v = o[k];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 0)) throw new SlaKitError("INVALID_ARGUMENT", `tolerance.${k} must be a finite number >= 0, got ${describe(v)}.`, { path: [...path, k] });
  }
}
