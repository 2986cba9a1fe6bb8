/**
 * The fuzz engine: every function export of every package entry (read from package.json
 * `exports`, so a new export is fuzzed without editing this file), called with seeded inputs, and
 * the checks of issue 14 after each call:
 * - only `SlaKitError` (with a declared code) escapes;
 * - `Object.prototype`, `Function.prototype` and `Array.prototype` are unchanged;
 * - the result holds no NaN, ±Infinity or Invalid Date (walked), and error messages no "NaN-NaN";
 * - the inputs are not mutated, the same input twice gives the same outcome, and a valid sample
 *   given as deep-frozen data gives the same outcome as unfrozen.
 * Input i of export `name` depends only on (seed, name, i), so a finding is reproduced by
 * `FUZZ_SEED=<seed> FUZZ_ONLY=<name> npm run fuzz` (the report shows the call number and input).
 * This file runs synchronously; hangs are caught by the caller (_pool.ts) in a worker.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { ErrorCode, isSlaKitError } from "../../src/errors.js";
import { dictionaryMutate, dictionarySize, hostileValues, mutateDeep, pick, prng } from "./_hostile.js";
import { isOpaque, samples } from "./_samples.js";

export interface Finding {
  readonly export: string;
  readonly call: number;
  readonly kind: "throw" | "pollution" | "non-finite" | "message" | "mutation" | "nondeterministic" | "frozen" | "hang";
  readonly message: string;
  readonly input: string;
}

export interface ExportFn {
  readonly name: string;
  readonly entries: readonly string[];
  readonly fn: (...args: unknown[]) => unknown;
}

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The package entries ("." and "./calendar", ...) with their source files. */
export function packageEntries(): { entry: string; file: string }[] {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { exports: Record<string, unknown> };
  return Object.keys(pkg.exports)
    // ./node (Node only) is async and starts worker threads per call: test/sla/workers.test.ts covers it
    .filter((e) => e !== "./package.json" && e !== "./node")
    .map((e) => ({ entry: e, file: `${root}src/${e === "." ? "" : `${e.slice(2)}/`}index.ts` }));
}

/** Every function export (classes excluded) of every entry, by name, sorted. */
export async function listExports(): Promise<ExportFn[]> {
  const byName = new Map<string, { fn: (...args: unknown[]) => unknown; entries: string[] }>();
  for (const { entry, file } of packageEntries()) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, v] of Object.entries(mod)) {
      if (typeof v !== "function" || /^class\b/.test(Function.prototype.toString.call(v))) continue;
      const seen = byName.get(name);
      if (seen === undefined) byName.set(name, { fn: v as (...args: unknown[]) => unknown, entries: [entry] });
      else seen.entries.push(entry);
    }
  }
  return [...byName].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, v]) => ({ name, ...v }));
}

// ---------------------------------------------------------------------------------------------
// canonical text of a value (bounded: deep or huge inputs never overflow the stack)

export function canon(v: unknown, depth = 0, seen: Set<unknown> = new Set()): string {
  if (depth > 40) return "…";
  switch (typeof v) {
    case "string":
      return v.length > 200 ? `str(${v.length}:${v.slice(0, 40)}…${hashString(v)})` : JSON.stringify(v);
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return `${v}n`;
    case "boolean":
    case "undefined":
      return String(v);
    case "symbol":
      return `sym(${v.description ?? ""})`;
    case "function":
      return `fn(${v.name})`;
  }
  if (v === null) return "null";
  if (seen.has(v)) return "[cycle]";
  seen.add(v);
  try {
    if (v instanceof Date) return `D(${v.getTime()})`;
    if (isSlaKitError(v)) return `SlaKitError(${v.code}:${v.message}:${canon(v.path, depth + 1, seen)})`;
    if (v instanceof Error) return `${v.name}(${v.message})`;
    if (v instanceof Map) return `Map(${canon([...v], depth + 1, seen)})`;
    if (v instanceof Set) return `Set(${canon([...v], depth + 1, seen)})`;
    if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${v.byteLength})`;
    if (Array.isArray(v)) {
      const n = v.length;
      const parts: string[] = [];
      for (let i = 0; i < Math.min(n, 500); i++) parts.push(i in v ? canon(v[i], depth + 1, seen) : "<hole>");
      return `[${parts.join(",")}${n > 500 ? `,…${n}` : ""}]`;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    const tag = proto === null ? "null:" : proto === Object.prototype ? "" : `${(proto as { constructor?: { name?: string } }).constructor?.name ?? "?"}:`;
    const keys = Reflect.ownKeys(v as object).slice(0, 500);
    return `${tag}{${keys.map((k) => `${String(k)}=${canon(Object.getOwnPropertyDescriptor(v, k)?.value, depth + 1, seen)}`).join(",")}}`;
  } finally {
    seen.delete(v);
  }
}

function hashString(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i += Math.max(1, Math.floor(s.length / 4096))) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}

/** Short text of the arguments, for reports. */
export function show(args: readonly unknown[]): string {
  const t = canon(args);
  return t.length > 600 ? `${t.slice(0, 600)}… (${t.length} chars)` : t;
}

// ---------------------------------------------------------------------------------------------
// checks

/** Paths in `v` holding NaN, ±Infinity or an Invalid Date (bounded walk, own enumerable data). */
export function nonFinite(v: unknown, path = "", depth = 0, seen: Set<unknown> = new Set(), out: string[] = []): string[] {
  if (out.length > 5 || depth > 40) return out;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) out.push(`${path || "(result)"} = ${v}`);
    return out;
  }
  if (typeof v !== "object" || v === null || seen.has(v)) return out;
  seen.add(v);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) out.push(`${path || "(result)"} = Invalid Date`);
    return out;
  }
  if (ArrayBuffer.isView(v) || v instanceof Error) return out;
  if (v instanceof Map) {
    for (const [k, x] of v) nonFinite(x, `${path}<${String(k)}>`, depth + 1, seen, out);
    return out;
  }
  for (const k of Object.keys(v)) nonFinite((v as Record<string, unknown>)[k], `${path}.${k}`, depth + 1, seen, out);
  return out;
}

const PROTOS = [
  ["Object.prototype", Object.prototype],
  ["Function.prototype", Function.prototype],
  ["Array.prototype", Array.prototype],
  ["String.prototype", String.prototype],
] as const;
type Snap = Map<string, Map<PropertyKey, PropertyDescriptor>>;
export function snapshotPrototypes(): Snap {
  const s: Snap = new Map();
  for (const [name, p] of PROTOS) s.set(name, new Map(Reflect.ownKeys(p).map((k) => [k, Object.getOwnPropertyDescriptor(p, k)!])));
  return s;
}
/** What changed on the built-in prototypes since `snap`; restores them so later calls run clean. */
export function prototypeChanges(snap: Snap): string[] {
  const out: string[] = [];
  for (const [name, p] of PROTOS) {
    const before = snap.get(name)!;
    for (const k of Reflect.ownKeys(p)) {
      const d = Object.getOwnPropertyDescriptor(p, k)!;
      const b = before.get(k);
      if (b === undefined) {
        out.push(`${name}.${String(k)} was added`);
        delete (p as Record<PropertyKey, unknown>)[k];
      } else if (b.value !== d.value || b.get !== d.get || b.set !== d.set) {
        out.push(`${name}.${String(k)} was changed`);
        Object.defineProperty(p, k, b);
      }
    }
    const now = new Set<PropertyKey>(Reflect.ownKeys(p));
    if (now.size === before.size && out.length === 0) continue;
    for (const k of before.keys()) {
      if (!now.has(k)) {
        out.push(`${name}.${String(k)} was deleted`);
        Object.defineProperty(p, k, before.get(k)!);
      }
    }
  }
  return out;
}

const CODES = new Set<string>(Object.values(ErrorCode));

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };
function invoke(fn: (...a: unknown[]) => unknown, args: readonly unknown[]): Outcome {
  try {
    return { ok: true, value: fn(...args) };
  } catch (error) {
    return { ok: false, error };
  }
}
const outcomeText = (o: Outcome): string => (o.ok ? `=${canon(o.value)}` : `!${canon(o.error)}`);

function deepFreeze<T>(v: T, seen: Set<unknown> = new Set()): T {
  if (typeof v !== "object" || v === null || seen.has(v) || isOpaque(v) || v instanceof Date) return v;
  seen.add(v);
  for (const k of Reflect.ownKeys(v)) deepFreeze((v as Record<PropertyKey, unknown>)[k], seen);
  return Object.freeze(v);
}

// ---------------------------------------------------------------------------------------------
// inputs

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const anything = fc.anything({
  maxDepth: 3,
  maxKeys: 5,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
});

const pools = new Map<string, unknown[]>();
/** 64 values of fc.anything, seeded by (seed, export): generated once, picked from per call. */
function anyPool(name: string, seed: number): unknown[] {
  const key = `${name}:${seed}`;
  let pool = pools.get(key);
  if (pool === undefined) pools.set(key, (pool = fc.sample(anything, { seed: (hash(name) ^ seed) | 0, numRuns: 64 })));
  return pool;
}

/** Input number `i` for export `name`: the arguments, how they were made, and whether they are a valid sample. */
export function inputFor(name: string, arity: number, seed: number, i: number): { args: unknown[]; how: string; valid: (() => unknown[]) | null } {
  const s = (hash(name) ^ Math.imul(seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  const rnd = prng(s);
  const randomValue = (): [string, unknown] => {
    if (rnd() < 0.6) {
      const [label, make] = pick(rnd, hostileValues);
      return [label, make()];
    }
    return ["fc.anything", pick(rnd, anyPool(name, seed))];
  };
  const own = samples[name] ?? [];
  const r = rnd();
  if (own.length > 0 && r < 0.85) {
    const make = pick(rnd, own);
    const args = make();
    if (r < 0.15) return { args, how: "valid sample", valid: make };
    if (r < 0.55) {
      const order = args.map((_, j) => j).sort(() => rnd() - 0.5);
      for (const j of order) {
        const what = mutateDeep(args[j], rnd);
        if (what !== null) return { args, how: `sample, argument ${j}: ${what}`, valid: null };
      }
    }
    const j = Math.floor(rnd() * Math.max(1, args.length + (rnd() < 0.2 ? 1 : 0)));
    const [label, v] = randomValue();
    args[j] = v;
    return { args, how: `sample, argument ${j} := ${label}`, valid: null };
  }
  const n = Math.floor(rnd() * (arity + 2));
  const labels: string[] = [];
  const args: unknown[] = [];
  for (let j = 0; j < n; j++) {
    const [label, v] = randomValue();
    labels.push(label);
    args.push(v);
  }
  return { args, how: `random (${labels.join(", ")})`, valid: null };
}

/**
 * The dictionary pass of an export: each hostile key into each key and string of each valid
 * sample (see dictionaryMutate). At most `max` of them, spread evenly over the whole pass.
 */
const plans = new Map<string, { sample: number; arg: number; k: number }[]>();
export function dictionaryPlan(name: string, max: number): { sample: number; arg: number; k: number }[] {
  const key = `${name}:${max}`;
  const cached = plans.get(key);
  if (cached !== undefined) return cached;
  const plan: { sample: number; arg: number; k: number }[] = [];
  (samples[name] ?? []).forEach((make, sample) => {
    make().forEach((a, arg) => {
      const n = dictionarySize(a);
      for (let k = 0; k < n; k++) plan.push({ sample, arg, k });
    });
  });
  const step = plan.length / max;
  const chosen = plan.length <= max ? plan : Array.from({ length: max }, (_, j) => plan[Math.floor(j * step)]!);
  plans.set(key, chosen);
  return chosen;
}

/** Input number `i` of an export: random inputs first (`runs` of them), then the dictionary pass. */
export function inputAt(name: string, arity: number, o: { seed: number; runs: number; dictionary: number }, i: number): { args: unknown[]; how: string; valid: (() => unknown[]) | null } {
  if (i < o.runs) return inputFor(name, arity, o.seed, i);
  const step = dictionaryPlan(name, o.dictionary)[i - o.runs]!;
  const args = samples[name]![step.sample]!();
  const what = dictionaryMutate(args[step.arg], step.k);
  return { args, how: `dictionary: sample ${step.sample}, argument ${step.arg}: ${what ?? "unchanged"}`, valid: null };
}

// ---------------------------------------------------------------------------------------------
// the loop

export interface FuzzOptions {
  readonly seed: number;
  readonly runs: number;
  /** Calls of the dictionary pass, after the random ones (spread over the whole pass when fewer). */
  readonly dictionary: number;
  readonly from?: number;
  /** Called before each call with its number (the watchdog's heartbeat). */
  readonly beat?: (call: number) => void;
}

/** Fuzzes one export; returns its findings (at most 5 per kind, so a loud bug stays readable). */
export function fuzzExport(e: ExportFn, o: FuzzOptions): Finding[] {
  const findings: Finding[] = [];
  const perKind = new Map<string, number>();
  const add = (f: Finding) => {
    const n = perKind.get(f.kind) ?? 0;
    perKind.set(f.kind, n + 1);
    if (n < 5) findings.push(f);
  };
  const snap = snapshotPrototypes();
  const total = o.runs + dictionaryPlan(e.name, o.dictionary).length;
  for (let i = o.from ?? 0; i < total; i++) {
    const { args, how, valid } = inputAt(e.name, e.fn.length, o, i);
    const before = canon(args);
    const input = `${how}: ${before.length > 600 ? `${before.slice(0, 600)}… (${before.length} chars)` : before}`;
    const base = { export: e.name, call: i, input };
    o.beat?.(i);
    const first = invoke(e.fn, args);
    for (const c of prototypeChanges(snap)) add({ ...base, kind: "pollution", message: c });
    if (!first.ok) {
      const err = first.error;
      if (!isSlaKitError(err) || !CODES.has(err.code)) {
        const text = err instanceof Error ? `${err.name}: ${err.message}` : `non-Error thrown: ${canon(err)}`;
        add({ ...base, kind: "throw", message: text.slice(0, 300) });
      } else if (/NaN-NaN|\[object Object\]|undefined-undefined/.test(err.message)) {
        add({ ...base, kind: "message", message: `${err.code}: ${err.message.slice(0, 300)}` });
      }
    } else {
      const bad = nonFinite(first.value);
      if (bad.length > 0) add({ ...base, kind: "non-finite", message: bad.join("; ") });
    }
    if (canon(args) !== before) add({ ...base, kind: "mutation", message: "the call changed its arguments" });
    const again = invoke(e.fn, args);
    prototypeChanges(snap);
    if (outcomeText(again) !== outcomeText(first)) {
      add({ ...base, kind: "nondeterministic", message: `first ${outcomeText(first).slice(0, 200)} then ${outcomeText(again).slice(0, 200)}` });
    }
    if (valid !== null) {
      const frozen = invoke(e.fn, deepFreeze(valid()));
      if (outcomeText(frozen) !== outcomeText(first)) {
        add({ ...base, kind: "frozen", message: `unfrozen ${outcomeText(first).slice(0, 200)}, frozen ${outcomeText(frozen).slice(0, 200)}` });
      }
    }
  }
  return findings;
}
