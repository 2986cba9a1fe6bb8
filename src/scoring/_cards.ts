/**
 * Helpers for the built-in scorecards of document 002.
 * @internal
 */
import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { GradeBand, Scorecard, ScorecardItem, StepRounding } from "./types.js";

/** Options of the built-in card functions. */
export interface BuiltinCardOptions<Id extends string> {
  /** Points per item (the documents do not give them; defaults are the library's choice). */
  readonly points?: Partial<Record<Id, number>>;
  /** Rounding of per-unit deductions (docs/rules.md P14); default `"floor"` (whole units). */
  readonly rounding?: StepRounding;
}

/** G1 bands as shares of the card's maximum: the library's default (see docs/scoring.md). */
export const DEFAULT_GRADE_SHARES: readonly { readonly grade: string; readonly share: number }[] = [
  { grade: "excellent", share: 0.9 },
  { grade: "good", share: 0.8 },
  { grade: "qualified", share: 0.6 },
  { grade: "unqualified", share: 0 },
];

/** Resolves the points option against the defaults; unknown ids and bad numbers throw. */
export function resolvePoints<Id extends string>(
  defaults: Readonly<Record<Id, number>>,
  options: BuiltinCardOptions<Id> | undefined,
): Record<Id, number> {
  const out: Record<Id, number> = { ...defaults };
  const given = options?.points;
  if (given === undefined) return out;
  if (typeof given !== "object" || given === null) {
    throw new SlaKitError("INVALID_INPUT", `options.points must be an object of item id -> points, got ${describe(given)}.`, {
      path: ["points"],
    });
  }
  for (const [k, v] of Object.entries(given)) {
    if (!Object.prototype.hasOwnProperty.call(defaults, k)) {
      throw new SlaKitError("INVALID_INPUT", `Unknown item "${k}"; the card's items are ${Object.keys(defaults).join(", ")}.`, {
        path: ["points", k],
      });
    }
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new SlaKitError("INVALID_INPUT", `Points for "${k}" must be a finite number >= 0, got ${describe(v)}.`, { path: ["points", k] });
    }
    out[k as Id] = v;
  }
  return out;
}

export function resolveRounding(options: { readonly rounding?: StepRounding } | undefined): StepRounding {
  const r = options?.rounding ?? "floor";
  if (r !== "floor" && r !== "ceil" && r !== "prorata") {
    throw new SlaKitError("INVALID_INPUT", `rounding must be "floor", "ceil" or "prorata", got ${describe(r)}.`, { path: ["rounding"] });
  }
  return r;
}

export const ROUNDING_NOTE: Readonly<Record<StepRounding, string>> = {
  floor: "units are whole units (floor), the library's default reading of docs/rules.md P14",
  ceil: "units are started units (ceil), chosen by the caller (docs/rules.md P14)",
  prorata: "units are pro rata fractions, chosen by the caller (docs/rules.md P14)",
};

/** Builds a card with grade bands scaled to its maximum. */
export function makeCard(id: string, name: string, sourceRef: string, items: readonly ScorecardItem[]): Scorecard {
  let max = 0;
  for (const it of items) max += it.rule.points * (it.weight ?? 1);
  const grades: GradeBand[] = DEFAULT_GRADE_SHARES.map((b) => ({ grade: b.grade, minTotal: Number((b.share * max).toPrecision(12)) }));
  return { id, name, sourceRef, items, grades };
}
