/** The G1 share thresholds shared by `gradeFromIndicators` and `scorecard`. @internal */
import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";

/** `options[name]` as a share in [0, 1], `dflt` when absent. */
export function share01(x: unknown, name: string, dflt: number): number {
  if (x === undefined) return dflt;
  if (typeof x !== "number" || !Number.isFinite(x) || x < 0 || x > 1) {
    throw new SlaKitError("INVALID_INPUT", `options.${name} must be a number in [0, 1], got ${describe(x)}.`, { path: ["options", name] });
  }
  return x;
}

/** The "most" (default 0.8) and "basically" (default 0.6) shares of G1, checked and in order. */
export function shareThresholds(options: { readonly mostShare?: number; readonly basicShare?: number } | undefined): { mostShare: number; basicShare: number } {
  const mostShare = share01(options?.mostShare, "mostShare", 0.8);
  const basicShare = share01(options?.basicShare, "basicShare", 0.6);
  if (basicShare > mostShare) {
    throw new SlaKitError("INVALID_INPUT", `options.basicShare (${basicShare}) must not exceed mostShare (${mostShare}).`, { path: ["options", "basicShare"] });
  }
  return { mostShare, basicShare };
}
