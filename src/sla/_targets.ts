/**
 * Target kinds: what a row's `within` means and how rows compare. Private to `sla`.
 * @internal
 */
import { ISO_DURATION } from "./_shape.js";
import type { Target, TargetRow } from "./types.js";

/** Milliseconds of an ISO-8601 duration accepted by the policy schema, or null. */
export function isoDurationMs(text: string): number | null {
  const m = ISO_DURATION.exec(text);
  if (!m) return null;
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]));
  const ms = Math.round((((n(1) * 7 + n(2)) * 24 + n(3)) * 60 + n(4)) * 60_000 + n(5) * 1000);
  return Number.isSafeInteger(ms) ? ms : null;
}

/** The kind of a `within` value. */
export function withinKind(within: TargetRow["within"]): Target["kind"] {
  if (typeof within === "string") return "duration";
  if ("businessDays" in within) return "businessDays";
  if ("rings" in within) return "rings";
  return "agreed";
}

/** A row of the matrix as a {@link Target}: the union by `kind`, so callers never cast `within`. */
export function toTarget(row: TargetRow, index: number): Target {
  const w = row.within;
  return { ...row, index, kind: withinKind(w), within: w, withinMs: typeof w === "string" ? (isoDurationMs(w) ?? 0) : null } as Target;
}

/** Comparable size of a row's deadline (same `unit` = comparable), or null for agreed rows. */
export function measure(row: TargetRow): { readonly unit: string; readonly v: number } | null {
  const t = toTarget(row, -1);
  switch (t.kind) {
    case "duration":
      return { unit: `ms@${t.clock ?? ""}`, v: t.withinMs };
    case "businessDays":
      return { unit: `bd@${t.clock ?? ""}`, v: t.within.businessDays };
    case "rings":
      return { unit: "rings", v: t.within.rings };
    default:
      return null;
  }
}
