import { assertCount, assertObject, invalid } from "./_internal.js";
import { describe } from "../_lib/instant.js";
import type { Ratio, RoundingMode } from "./types.js";

/** Options of {@link formatRatio}. */
export interface FormatRatioOptions {
  /** Rounding mode, always named: "half-up", "half-even" (banker's), "floor" or "ceil". */
  readonly mode: RoundingMode;
  /** Decimal places shown (0-20); default 2. */
  readonly digits?: number;
  /** Show as a percentage ("98.00%") instead of a fraction ("0.98"); default false. */
  readonly percent?: boolean;
  /** Text for an empty ratio (`value: null`); default "n/a". */
  readonly empty?: string;
}

const MODES: readonly RoundingMode[] = ["half-up", "half-even", "floor", "ceil"];

/**
 * Presents a {@link Ratio} as decimal text, rounding exactly (on the integers, not on a binary
 * float) with the named mode. This is the only place the kpi domain rounds.
 *
 * @throws SlaKitError `INVALID_INPUT` for a malformed ratio (path `["ratio", ...]`), an unknown
 *   `mode` or `digits` outside 0-20 (path `["options", ...]`).
 * @example
 * ```ts
 * import { formatRatio, ratio } from "sla-kit/kpi";
 *
 * formatRatio(ratio(1, 8), { digits: 2, mode: "half-up" });   // "0.13"
 * formatRatio(ratio(1, 8), { digits: 2, mode: "half-even" }); // "0.12"
 * formatRatio(ratio(2, 3), { digits: 1, mode: "floor", percent: true }); // "66.6%"
 * formatRatio(ratio(0, 0), { mode: "half-up" });              // "n/a"
 * ```
 */
export function formatRatio(ratio: Ratio, options: FormatRatioOptions): string {
  const r = assertObject(ratio, ["ratio"], "ratio");
  const o = assertObject(options, ["options"], "options");
  const num = assertCount(r.numerator, ["ratio", "numerator"]);
  const den = assertCount(r.denominator, ["ratio", "denominator"]);
  const mode = o.mode;
  if (typeof mode !== "string" || !MODES.includes(mode as RoundingMode)) {
    invalid(`options.mode must name the rounding: one of ${MODES.join(", ")}; got ${describe(mode)}.`, ["options", "mode"]);
  }
  const digits = o.digits === undefined ? 2 : o.digits;
  if (typeof digits !== "number" || !Number.isInteger(digits) || digits < 0 || digits > 20) {
    invalid(`options.digits must be a whole number from 0 to 20, got ${describe(digits)}.`, ["options", "digits"]);
  }
  const percent = o.percent === true;
  if (den === 0) {
    const empty = o.empty;
    return typeof empty === "string" ? empty : "n/a";
  }
  const d = BigInt(den);
  const scaled = BigInt(num) * 10n ** BigInt(digits + (percent ? 2 : 0));
  let q = scaled / d;
  const rem = scaled % d;
  if (rem !== 0n) {
    const twice = rem * 2n;
    switch (mode as RoundingMode) {
      case "floor":
        break;
      case "ceil":
        q += 1n;
        break;
      case "half-up":
        if (twice >= d) q += 1n;
        break;
      case "half-even":
        if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
        break;
    }
  }
  let s = q.toString();
  if (digits > 0) {
    s = s.padStart(digits + 1, "0");
    s = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  }
  return percent ? `${s}%` : s;
}
