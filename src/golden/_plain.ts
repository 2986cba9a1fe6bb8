/** Conversions between results and JSON for golden files. @internal */

import { parseIsoInstant } from "../_lib/instant.js";

/** True for an ISO-8601 date-time string with an offset ("...Z" or "...+08:00") of a real date. */
export function isIsoInstant(v: unknown): v is string {
  return typeof v === "string" && Number.isFinite(parseIsoInstant(v));
}

/**
 * The instant `ms` written the way `sample` is: same offset ("Z", "+08:00" or "+0800"), seconds and
 * fraction only when the sample has them or the instant needs them.
 */
export function instantLike(ms: number, sample: string): string {
  const m = /(Z|[+-]\d{2}:?\d{2})$/i.exec(sample)!;
  const off = m[1]!;
  const minutes = /^z$/i.test(off) ? 0 : (off[0] === "-" ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(-2)));
  const local = new Date(ms + minutes * 60_000).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  const hasSeconds = /T\d{2}:\d{2}:\d{2}/.test(sample);
  const hasFraction = /T\d{2}:\d{2}:\d{2}\./.test(sample);
  let text = local.slice(0, 16);
  if (hasSeconds || local.slice(16, 23) !== ":00.000") text += local.slice(16, 19);
  if (hasFraction || local.slice(19, 23) !== ".000") text += local.slice(19, 23);
  return text + off;
}

/** A result as plain JSON: Dates become ISO strings, objects with `toJSON` are rendered, undefined properties are dropped. */
export function toPlain(v: unknown): unknown {
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString() : null;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v !== null && typeof v === "object") {
    // a lazily rendered trace (evaluateRule) serialises through toJSON, as JSON.stringify does
    if (typeof (v as { toJSON?: unknown }).toJSON === "function") return toPlain((v as { toJSON(): unknown }).toJSON());
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== "function") out[k] = toPlain(x);
    return out;
  }
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

/** Case inputs: every ISO instant string becomes a Date (functions take `Date | number`). */
export function reviveInstants(v: unknown): unknown {
  if (isIsoInstant(v)) return new Date(v);
  if (Array.isArray(v)) return v.map(reviveInstants);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = reviveInstants(x);
    return out;
  }
  return v;
}

/** Every `sourceRef` and rule/row `id` found anywhere in a result (traces included). */
export function collectRules(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) for (const x of v) collectRules(x, out);
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if ((k === "sourceRef" || k === "ruleId" || k === "rowId") && typeof x === "string") out.add(x);
      else if (k === "rule" && typeof x === "string") out.add(x);
      else collectRules(x, out);
    }
  }
  return out;
}
