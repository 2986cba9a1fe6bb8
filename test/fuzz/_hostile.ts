/**
 * Hostile values for the fuzzer: the dictionary of issue 14 (built-in names as data, `|`, NaN,
 * ±Infinity, ±8.64e15, -0, huge strings, deep nesting, BigInt, null-prototype and frozen objects,
 * Invalid Date) and a mutator that puts them into keys, strings and leaves of valid inputs.
 * Every value is made fresh by a factory, so no call can change what the next one receives.
 */
import { prng } from "../../bench/_prng.js";
import { isOpaque } from "./_samples.js";

/** Names that collide with Object.prototype members or delimiters. */
export const hostileKeys = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "a|b", "", " ", "__defineGetter__"] as const;

const deep = (n: number, obj: boolean): unknown => {
  let v: unknown = obj ? { leaf: 1 } : [1];
  for (let i = 0; i < n; i++) v = obj ? { a: v } : [v];
  return v;
};
const withKey = (k: string, v: unknown): Record<string, unknown> => {
  const o: Record<string, unknown> = {};
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};

/** Hostile strings (also used as keys). */
export const hostileStrings: readonly (() => string)[] = [
  ...hostileKeys.map((k) => () => k),
  () => "x".repeat(1_000_000),
  () => "\u0000\uD800",
  () => "2024-02-30T10:00:00Z",
  () => "2024-05-06T10:00",
  () => "+275760-09-13T00:00:00.001Z",
  () => "NaN",
  () => "../../etc/passwd",
];

/** Hostile values of every type, labelled for reports. */
export const hostileValues: readonly (readonly [string, () => unknown])[] = [
  ...hostileStrings.map((f) => [`string ${JSON.stringify(f().slice(0, 20))}`, f] as const),
  ["NaN", () => Number.NaN],
  ["Infinity", () => Number.POSITIVE_INFINITY],
  ["-Infinity", () => Number.NEGATIVE_INFINITY],
  ["8.64e15", () => 8.64e15],
  ["-8.64e15", () => -8.64e15],
  ["8.64e15+1", () => 8.64e15 + 1],
  ["-0", () => -0],
  ["1e308", () => 1e308],
  ["MAX_SAFE_INTEGER+2", () => Number.MAX_SAFE_INTEGER + 2],
  ["-1", () => -1],
  ["0.1", () => 0.1],
  ["2**31", () => 2 ** 31],
  ["1n", () => 1n],
  ["10n**30n", () => 10n ** 30n],
  ["null", () => null],
  ["undefined", () => undefined],
  ["true", () => true],
  ["symbol", () => Symbol("fuzz")],
  ["function", () => () => 1],
  ["Invalid Date", () => new Date(Number.NaN)],
  ["Date(8.64e15)", () => new Date(8.64e15)],
  ["Date(-8.64e15)", () => new Date(-8.64e15)],
  ["Date(year 9999)", () => new Date("9999-12-31T23:59:59Z")],
  ["Object.create(null)", () => Object.create(null) as object],
  ["null-prototype object with keys", () => Object.assign(Object.create(null) as object, { id: "x", timeZone: "UTC", week: {} })],
  ["frozen {}", () => Object.freeze({})],
  ["frozen []", () => Object.freeze([])],
  ["{}", () => ({})],
  ["[]", () => []],
  ["sparse array", () => { const a: unknown[] = []; a[1] = 1; a[3] = 2; return a; }],
  ["10k-deep array", () => deep(10_000, false)],
  ["10k-deep object", () => deep(10_000, true)],
  ["own __proto__ key", () => JSON.parse('{"__proto__": {"polluted": "yes"}, "id": "x"}') as unknown],
  ["constructor.prototype", () => ({ constructor: { prototype: { polluted: "yes" } } })],
  ["toString key", () => withKey("toString", "not a function")],
  ["Map", () => new Map([["a", 1]])],
  ["Uint8Array", () => new Uint8Array(4)],
  ["boxed string", () => new String("x")],
  ["RegExp", () => /x/],
  ["Error", () => new Error("fuzz")],
  ["Promise", () => Promise.resolve(1)],
];

/** A small deterministic PRNG (mulberry32), the one the benchmarks use. */
export { prng };

export const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const isPlain = (v: unknown): v is Record<string, unknown> | unknown[] => {
  if (typeof v !== "object" || v === null || isOpaque(v) || Object.isFrozen(v)) return false;
  const p = Object.getPrototypeOf(v) as unknown;
  return p === Object.prototype || p === Array.prototype || p === null;
};

interface Slot {
  readonly parent: Record<string, unknown> | unknown[];
  readonly key: string | number;
}

/** Every property slot of the plain data in `root` (not inside opaque or frozen values), breadth first. */
function slots(root: unknown, limit = 5_000): Slot[] {
  const out: Slot[] = [];
  const queue: unknown[] = [root];
  const seen = new Set<unknown>();
  while (queue.length > 0 && out.length < limit) {
    const v = queue.shift();
    if (!isPlain(v) || seen.has(v)) continue;
    seen.add(v);
    for (const k of Object.keys(v)) {
      const key = Array.isArray(v) ? Number(k) : k;
      out.push({ parent: v, key });
      queue.push((v as Record<string, unknown>)[k]);
    }
  }
  return out;
}

/**
 * Dictionary pass: the number of systematic mutations of `root` (every slot x every hostile key,
 * as a key and, for string leaves, as the value), and the k-th of them applied in place.
 */
export function dictionarySize(root: unknown): number {
  return slots(root).length * hostileKeys.length * 2;
}
export function dictionaryMutate(root: unknown, k: number): string | null {
  const all = slots(root);
  const n = all.length * hostileKeys.length * 2;
  if (n === 0) return null;
  k %= n;
  const mode = k % 2;
  const name = hostileKeys[Math.floor(k / 2) % hostileKeys.length]!;
  const s = all[Math.floor(k / 2 / hostileKeys.length)]!;
  const at = (s.parent as Record<string | number, unknown>)[s.key];
  if (mode === 0 && typeof at === "string") {
    (s.parent as Record<string | number, unknown>)[s.key] = name;
    return `string at .${String(s.key)} := ${JSON.stringify(name)}`;
  }
  if (Array.isArray(s.parent)) return null;
  const o = s.parent;
  const entries = Object.keys(o).map((key) => [key === s.key ? name : key, o[key]] as const);
  for (const key of Object.keys(o)) delete o[key];
  for (const [key, v] of entries) Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
  return `key ${JSON.stringify(s.key)} renamed to ${JSON.stringify(name)}`;
}

/**
 * Mutates one place inside plain data `root` (in place) and says what it did: a string leaf
 * becomes a hostile string, a key is renamed to a hostile key, a leaf becomes a hostile value, or a
 * hostile key is added. Returns null when `root` has no plain data to mutate.
 */
export function mutateDeep(root: unknown, rnd: () => number): string | null {
  const all = slots(root);
  if (all.length === 0) return null;
  const s = pick(rnd, all);
  const at = (s.parent as Record<string | number, unknown>)[s.key];
  const r = rnd();
  if (typeof at === "string" && r < 0.4) {
    const v = pick(rnd, hostileStrings)();
    (s.parent as Record<string | number, unknown>)[s.key] = v;
    return `string at .${String(s.key)} := ${JSON.stringify(v.slice(0, 30))}`;
  }
  if (!Array.isArray(s.parent) && r < 0.65) {
    const k = pick(rnd, hostileKeys);
    const o = s.parent;
    // rename, keeping the key order otherwise
    const entries = Object.keys(o).map((key) => [key === s.key ? k : key, o[key]] as const);
    for (const key of Object.keys(o)) delete o[key];
    for (const [key, v] of entries) Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
    return `key ${JSON.stringify(s.key)} renamed to ${JSON.stringify(k)}`;
  }
  if (!Array.isArray(s.parent) && r < 0.75) {
    const k = pick(rnd, hostileKeys);
    const [label, make] = pick(rnd, hostileValues);
    Object.defineProperty(s.parent, k, { value: make(), enumerable: true, writable: true, configurable: true });
    return `added key ${JSON.stringify(k)} = ${label}`;
  }
  const [label, make] = pick(rnd, hostileValues);
  (s.parent as Record<string | number, unknown>)[s.key] = make();
  return `value at .${String(s.key)} := ${label}`;
}
