/**
 * Content hash of a policy: canonical JSON and FNV-1a 64. Private to `sla`.
 * @internal
 */
import type { PolicyJson } from "./types.js";

/** JSON with object keys sorted at every level (stable across key order). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const keys = Object.keys(value).sort();
  let out = "{";
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (out.length > 1) out += ",";
    out += `${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/** FNV-1a 64 of the UTF-8 bytes of `text` (a lone surrogate as U+FFFD), as 16 hex digits. */
export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  for (const b of new TextEncoder().encode(text)) h = ((h ^ BigInt(b)) * FNV_PRIME) & MASK64;
  return h.toString(16).padStart(16, "0");
}

/** Content hash of a policy's JSON (without `hash` and `$schema`): `"fnv1a64:<16 hex>"`. */
export function policyHash(json: PolicyJson): string {
  const { $schema: _s, ...rest } = json as PolicyJson & { hash?: string };
  delete (rest as { hash?: string }).hash;
  return `fnv1a64:${fnv1a64(canonicalJson(rest))}`;
}
