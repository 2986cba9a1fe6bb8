/**
 * Policy compilation: the row index per service and stage, the calendars, the frozen policy with
 * its hash. Private to `sla`; hashing is in `_hash.ts`, references in `_references.ts`, lookup in
 * `_lookup.ts`, target kinds in `_targets.ts`.
 * @internal
 */
import type { Calendar } from "../calendar/index.js";
import { SlaKitError } from "../errors.js";
import { isoToDayNumber } from "../_lib/zone.js";
import { policyHash } from "./_hash.js";
import { compileLevels, type CompiledLevel } from "./_levels.js";
import { CREATED, DIMENSIONS, referenceIssues } from "./_references.js";
import { toTarget } from "./_targets.js";
import { checkPolicyJsonOrThrow } from "./_shape.js";
import type { Dimension, PauseReason, Policy, PolicyJson, Recur, ServiceDef, StageDef, Target } from "./types.js";

export { CREATED, DIMENSIONS };

export interface CompiledStage {
  readonly name: string;
  readonly index: number;
  readonly when: Partial<Record<Dimension, ReadonlySet<string>>> | null;
  /** The stage allows a `not-applicable` event (with this clause). */
  readonly notApplicable: StageDef["notApplicable"] | null;
  /** How the stage recurs (S15), or null. */
  readonly recur: Recur | null;
}

export interface CompiledService {
  readonly name: string;
  readonly def: ServiceDef;
  readonly stages: readonly CompiledStage[];
  readonly byName: ReadonlyMap<string, CompiledStage>;
  readonly dimensions: readonly Dimension[];
  readonly values: Partial<Record<Dimension, ReadonlySet<string>>>;
  readonly milestones: ReadonlySet<string>;
  readonly onsite: boolean;
  /** Target rows of each stage. */
  readonly rows: ReadonlyMap<string, readonly Target[]>;
}

/** An effective date (`day`: its day number, NaN when the text is no calendar date) or instant. */
export type EffectiveBound = { readonly date: string; readonly day: number } | { readonly ms: number };

export interface CompiledPolicy {
  readonly policy: Policy;
  /** `{ id, version, hash }` of the policy, frozen, shared by every evaluation against it. */
  readonly ref: { readonly id: string; readonly version: string; readonly hash: string };
  /** The policy's warning and escalation levels (`warnAt`; default the single level 0.8). */
  readonly levels: readonly CompiledLevel[];
  /** Levels of rows that set their own `warnAt`, by row index. */
  readonly rowLevels: ReadonlyMap<number, readonly CompiledLevel[]>;
  readonly dimValues: Record<Dimension, readonly string[]>;
  readonly dimSets: Record<Dimension, ReadonlySet<string>>;
  readonly services: ReadonlyMap<string, CompiledService>;
  /** Every stage name of every service, in policy order (for `evaluateTicket`'s `stages`). */
  readonly stageNames: ReadonlySet<string>;
  readonly targets: readonly Target[];
  readonly calendars: ReadonlyMap<string, Calendar>;
  readonly timeZone: string;
  readonly effectiveFrom: EffectiveBound | null;
  readonly effectiveTo: EffectiveBound | null;
  /** Declared pause reasons by name. */
  readonly pauseReasons: ReadonlyMap<string, PauseReason>;
  /**
   * Which labels of the built-in regulations traces may carry: rule IDs of docs/rules.md (W1, T2)
   * when the policy's rows cite one of its documents (000-003), clauses of document 003 when they
   * cite 003. A company's own policy gets neither.
   */
  readonly labels: { readonly rules: boolean; readonly doc003: boolean };
}

const compiledByPolicy = new WeakMap<object, CompiledPolicy>();

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/** The listed values of each dimension as sets (dimensions not listed left out). */
function setsOf(vals: Partial<Record<Dimension, readonly string[]>>): Partial<Record<Dimension, ReadonlySet<string>>> {
  const out: Partial<Record<Dimension, ReadonlySet<string>>> = {};
  for (const d of DIMENSIONS) if (vals[d]) out[d] = new Set(vals[d]);
  return out;
}

function parseBound(s: string | undefined): EffectiveBound | null {
  if (s === undefined) return null;
  return s.length === 10 ? { date: s, day: isoToDayNumber(s) ?? Number.NaN } : { ms: Date.parse(s) };
}

/** Compiles a structurally valid policy JSON; throws INVALID_POLICY on the first reference error. */
export function compile(json: PolicyJson): CompiledPolicy {
  const { issues, calendars } = referenceIssues(json);
  const first = issues.find((i) => i.severity === "error");
  if (first) throw new SlaKitError("INVALID_POLICY", `${first.message} (${first.code})`, { path: first.path, details: issues });
  const data = structuredCloneJson(json);
  const hash = policyHash(data);
  const policy = data as Policy;
  Object.defineProperty(policy, "hash", { value: hash, enumerable: false, writable: false, configurable: false });
  deepFreeze(data);
  const dimValues = { tier: json.dimensions.tier ?? [], urgency: json.dimensions.urgency ?? [], location: json.dimensions.location ?? [], channel: json.dimensions.channel ?? [] };
  const dimSets = { tier: new Set(dimValues.tier), urgency: new Set(dimValues.urgency), location: new Set(dimValues.location), channel: new Set(dimValues.channel) };
  const targets: Target[] = data.targets.map((row, index) => Object.freeze(toTarget(row, index)));
  const services = new Map<string, CompiledService>();
  for (const [name, def] of Object.entries(data.services)) {
    const stages: CompiledStage[] = def.stages.map((s, index) => {
      const o: Exclude<StageDef, string> = typeof s === "string" ? { name: s } : s;
      return { name: o.name, index, when: o.when ? setsOf(o.when) : null, notApplicable: o.notApplicable ?? null, recur: o.recur ?? null };
    });
    const values = setsOf(def.values ?? {});
    const rows = new Map<string, Target[]>();
    for (const s of stages) rows.set(s.name, []);
    for (const t of targets) if (t.service === name) rows.get(t.stage)?.push(t);
    services.set(name, {
      name,
      def,
      stages,
      byName: new Map(stages.map((s) => [s.name, s])),
      dimensions: def.dimensions,
      values,
      milestones: new Set(def.milestones ?? []),
      onsite: def.onsite === true,
      rows,
    });
  }
  const compiled: CompiledPolicy = {
    policy,
    ref: Object.freeze({ id: policy.id, version: policy.version, hash }),
    levels: compileLevels(data.warnAt ?? 0.8),
    rowLevels: new Map(data.targets.flatMap((r, i) => (r.warnAt === undefined ? [] : [[i, compileLevels(r.warnAt)] as const]))),
    dimValues,
    dimSets,
    services,
    stageNames: new Set([...services.values()].flatMap((s) => [...s.byName.keys()])),
    targets,
    calendars,
    timeZone: data.timeZone ?? "UTC",
    effectiveFrom: parseBound(data.effectiveFrom),
    effectiveTo: parseBound(data.effectiveTo),
    pauseReasons: new Map(Object.entries(data.pauseReasons ?? {})),
    labels: { rules: data.targets.some((r) => /^00[0-3] /.test(r.sourceRef)), doc003: data.targets.some((r) => r.sourceRef.startsWith("003 ")) },
  };
  compiledByPolicy.set(policy, compiled);
  return compiled;
}

function structuredCloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * Plain policy JSON compiled on first use, keyed weakly by the caller's object (never written to,
 * never kept alive), with the top-level values it had then: replacing one of them (a new `targets`
 * array, another `warnAt`, one more row) compiles again; edits deep inside are not seen.
 */
const compiledByJson = new WeakMap<object, { readonly c: CompiledPolicy; readonly top: readonly unknown[] }>();

/** The top-level values of a policy object and the length of its rows, compared by identity. */
function topOf(o: object): unknown[] {
  const top: unknown[] = [];
  for (const k in o) if (Object.hasOwn(o, k)) top.push(k, (o as Record<string, unknown>)[k]);
  const t = (o as { targets?: unknown }).targets;
  top.push(Array.isArray(t) ? t.length : -1);
  return top;
}

/** Does `o` still have the top-level keys, values and targets count `top` recorded (`topOf`)? Allocates nothing. */
function sameTop(top: readonly unknown[], o: object): boolean {
  let i = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    if (top[i] !== k || top[i + 1] !== (o as Record<string, unknown>)[k]) return false;
    i += 2;
  }
  const t = (o as { targets?: unknown }).targets;
  return i === top.length - 1 && top[i] === (Array.isArray(t) ? t.length : -1);
}

/**
 * The compiled form of a policy; plain policy JSON is parsed (and validated) on first use and
 * the result cached on the object passed.
 */
export function getCompiled(policy: unknown): CompiledPolicy {
  if (policy === null || typeof policy !== "object") return compile(checkPolicyJsonOrThrow(policy));
  const c = compiledByPolicy.get(policy);
  if (c) return c;
  const hit = compiledByJson.get(policy);
  if (hit && sameTop(hit.top, policy)) return hit.c;
  const top = topOf(policy);
  const fresh = compile(checkPolicyJsonOrThrow(policy));
  compiledByJson.set(policy, { c: fresh, top });
  return fresh;
}

/** Was this object produced by `parsePolicy` (or is it a built-in policy)? */
export function isCompiled(policy: unknown): boolean {
  return policy !== null && typeof policy === "object" && compiledByPolicy.has(policy);
}
