/**
 * Policy compilation: referential checks, the row index, calendars, hash. Private to `sla`.
 * @internal
 */
import { alwaysOpen, chinaWorkCalendar, defineCalendar, type Calendar, type CalendarSpec } from "../calendar/index.js";
import { SlaKitError, type ErrorPath } from "../errors.js";
import { isValidTimeZone } from "../_lib/zone.js";
import { ISO_DURATION, schemaParsePolicyOrThrow } from "./schema.js";
import type { Dimension, Policy, PolicyIssue, PolicyJson, ServiceDef, Target, TargetQuery, TargetRow } from "./types.js";

/** The three matrix dimensions, in a fixed order. */
export const DIMENSIONS: readonly Dimension[] = ["tier", "urgency", "location"];
/** Anchor name of ticket creation (the default anchor). */
export const CREATED = "created";

export interface CompiledStage {
  readonly name: string;
  readonly index: number;
  readonly when: Partial<Record<Dimension, ReadonlySet<string>>> | null;
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

export type EffectiveBound = { readonly date: string } | { readonly ms: number };

export interface CompiledPolicy {
  readonly policy: Policy;
  readonly warnAt: number;
  readonly dimValues: Record<Dimension, readonly string[]>;
  readonly dimSets: Record<Dimension, ReadonlySet<string>>;
  readonly services: ReadonlyMap<string, CompiledService>;
  readonly targets: readonly Target[];
  readonly calendars: ReadonlyMap<string, Calendar>;
  readonly timeZone: string;
  readonly effectiveFrom: EffectiveBound | null;
  readonly effectiveTo: EffectiveBound | null;
}

const compiledByPolicy = new WeakMap<object, CompiledPolicy>();

// ------------------------------------------------------------------------------------------ hash

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

/** FNV-1a 64 of the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  const byte = (b: number): void => {
    h = ((h ^ BigInt(b)) * FNV_PRIME) & MASK64;
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.codePointAt(i) ?? 0;
    if (cp > 0xffff) i++;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate
    if (cp < 0x80) byte(cp);
    else if (cp < 0x800) {
      byte(0xc0 | (cp >> 6));
      byte(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      byte(0xe0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 63));
      byte(0x80 | (cp & 63));
    } else {
      byte(0xf0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 63));
      byte(0x80 | ((cp >> 6) & 63));
      byte(0x80 | (cp & 63));
    }
  }
  return h.toString(16).padStart(16, "0");
}

/** Content hash of a policy's JSON (without `hash` and `$schema`): `"fnv1a64:<16 hex>"`. */
export function policyHash(json: PolicyJson): string {
  const { $schema: _s, ...rest } = json as PolicyJson & { hash?: string };
  delete (rest as { hash?: string }).hash;
  return `fnv1a64:${fnv1a64(canonicalJson(rest))}`;
}

// -------------------------------------------------------------------------------------- durations

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

// ------------------------------------------------------------------------------------ references

function stageName(s: string | { readonly name: string }): string {
  return typeof s === "string" ? s : s.name;
}

/** Builds one calendar of a policy; throws the calendar's SlaKitError. */
function buildCalendar(spec: PolicyJson["calendars"][string]): Calendar {
  if ("builtin" in spec) {
    if (spec.builtin === "alwaysOpen") return alwaysOpen(spec.timeZone);
    const opts: { hours?: readonly string[]; timeZone?: string } = {};
    if (spec.hours !== undefined) opts.hours = spec.hours;
    if (spec.timeZone !== undefined) opts.timeZone = spec.timeZone;
    return chinaWorkCalendar(opts as Parameters<typeof chinaWorkCalendar>[0]);
  }
  return defineCalendar(spec as CalendarSpec);
}

/**
 * Referential problems of a structurally valid policy (unknown services, stages, values, clocks,
 * anchors, anchor cycles, bad calendars, bad dates). Also returns the built calendars.
 */
export function referenceIssues(json: PolicyJson): { issues: PolicyIssue[]; calendars: Map<string, Calendar>; badRows: Set<number> } {
  const issues: PolicyIssue[] = [];
  const err = (code: string, path: ErrorPath, message: string): void => {
    issues.push({ severity: "error", code, path, message });
  };
  const badRows = new Set<number>();
  const calendars = new Map<string, Calendar>();
  for (const [name, spec] of Object.entries(json.calendars)) {
    try {
      calendars.set(name, buildCalendar(spec));
    } catch (e) {
      const sub = e instanceof SlaKitError ? e.path : [];
      err("INVALID_CALENDAR", ["calendars", name, ...sub], `Calendar "${name}" is invalid: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (json.timeZone !== undefined && !isValidTimeZone(json.timeZone)) {
    err("INVALID_POLICY", ["timeZone"], `timeZone "${json.timeZone}" is not an IANA time zone name (e.g. "Asia/Shanghai").`);
  }
  for (const key of ["effectiveFrom", "effectiveTo"] as const) {
    const v = json[key];
    if (v === undefined) continue;
    const ok = v.length === 10 ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) : !Number.isNaN(Date.parse(v));
    if (!ok) err("INVALID_POLICY", [key], `${key} "${v}" is not a real date or instant.`);
  }
  const from = json.effectiveFrom;
  const to = json.effectiveTo;
  if (from !== undefined && to !== undefined && from.length === to.length && from > to) {
    err("INVALID_POLICY", ["effectiveTo"], `effectiveTo ${to} is before effectiveFrom ${from}.`);
  }
  for (const d of DIMENSIONS) {
    const vals = json.dimensions[d] ?? [];
    const seen = new Set<string>();
    vals.forEach((v, i) => {
      if (seen.has(v)) err("DUPLICATE_VALUE", ["dimensions", d, i], `Value "${v}" of ${d} is declared twice.`);
      seen.add(v);
    });
  }
  const known = (d: Dimension, v: string): boolean => (json.dimensions[d] ?? []).includes(v);
  const checkValues = (vals: Partial<Record<Dimension, readonly string[]>> | undefined, path: ErrorPath): void => {
    if (!vals) return;
    for (const d of DIMENSIONS) {
      (vals[d] ?? []).forEach((v, i) => {
        if (!known(d, v)) err("UNKNOWN_VALUE", [...path, d, i], `${d} "${v}" is not declared in dimensions.${d} (${(json.dimensions[d] ?? []).join(", ") || "none"}).`);
      });
    }
  };
  for (const [svc, def] of Object.entries(json.services)) {
    const names = new Set<string>();
    def.stages.forEach((s, i) => {
      const n = stageName(s);
      if (n === CREATED) err("INVALID_POLICY", ["services", svc, "stages", i], `"${CREATED}" is reserved for ticket creation; rename the stage.`);
      if (names.has(n)) err("DUPLICATE_VALUE", ["services", svc, "stages", i], `Stage "${n}" of service "${svc}" is declared twice.`);
      names.add(n);
      if (typeof s !== "string") checkValues(s.when, ["services", svc, "stages", i, "when"]);
    });
    (def.milestones ?? []).forEach((m, i) => {
      if (names.has(m) || m === CREATED) err("DUPLICATE_VALUE", ["services", svc, "milestones", i], `Milestone "${m}" clashes with a stage name or "${CREATED}".`);
    });
    def.dimensions.forEach((d, i) => {
      if ((json.dimensions[d] ?? []).length === 0) err("UNKNOWN_VALUE", ["services", svc, "dimensions", i], `Service "${svc}" uses ${d}, but the policy declares no values for dimensions.${d}.`);
    });
    checkValues(def.values, ["services", svc, "values"]);
  }
  json.targets.forEach((row, i) => {
    const before = issues.length;
    const def = json.services[row.service];
    if (!def) {
      err("UNKNOWN_SERVICE", ["targets", i, "service"], `Service "${row.service}" is not declared in services (${Object.keys(json.services).join(", ")}).`);
    } else {
      const stages = def.stages.map(stageName);
      if (!stages.includes(row.stage)) err("UNKNOWN_STAGE", ["targets", i, "stage"], `Stage "${row.stage}" is not a stage of service "${row.service}" (${stages.join(", ")}).`);
      if (row.anchor !== undefined && row.anchor !== CREATED) {
        if (row.anchor === row.stage) err("UNKNOWN_ANCHOR", ["targets", i, "anchor"], `Stage "${row.stage}" cannot be anchored at itself.`);
        else if (!stages.includes(row.anchor) && !(def.milestones ?? []).includes(row.anchor)) {
          err("UNKNOWN_ANCHOR", ["targets", i, "anchor"], `Anchor "${row.anchor}" is neither "${CREATED}", a stage nor a milestone of service "${row.service}".`);
        }
      }
    }
    for (const d of DIMENSIONS) {
      const v = row[d];
      if (v !== undefined && !known(d, v)) err("UNKNOWN_VALUE", ["targets", i, d], `${d} "${v}" is not declared in dimensions.${d} (${(json.dimensions[d] ?? []).join(", ") || "none"}).`);
    }
    const kind = withinKind(row.within);
    if (kind === "duration" && isoDurationMs(row.within as string) === null) {
      err("INVALID_DURATION", ["targets", i, "within"], `Duration "${String(row.within)}" is too large.`);
    }
    if (row.clock === undefined) {
      if (kind === "duration" || kind === "businessDays") err("UNKNOWN_CALENDAR", ["targets", i, "clock"], `Row ${i} needs a "clock" naming one of policy.calendars for its ${kind} deadline.`);
    } else if (!(row.clock in json.calendars)) {
      err("UNKNOWN_CALENDAR", ["targets", i, "clock"], `Clock "${row.clock}" is not in policy.calendars (${Object.keys(json.calendars).join(", ") || "none"}).`);
    } else if (!calendars.has(row.clock)) badRows.add(i);
    if (issues.length > before) badRows.add(i);
  });
  // anchor cycles: stage -> anchor, per service and row (any row's anchor counts)
  for (const svc of Object.keys(json.services)) {
    const edges = new Map<string, Set<string>>();
    json.targets.forEach((r, i) => {
      if (r.service !== svc || badRows.has(i) || r.anchor === undefined || r.anchor === CREATED) return;
      let set = edges.get(r.stage);
      if (!set) edges.set(r.stage, (set = new Set()));
      set.add(r.anchor);
    });
    const state = new Map<string, 1 | 2>();
    const visit = (n: string, trail: string[]): void => {
      if (state.get(n) === 2) return;
      if (state.get(n) === 1) {
        err("ANCHOR_CYCLE", ["services", svc], `Stages of "${svc}" are anchored in a cycle: ${[...trail, n].join(" -> ")}.`);
        return;
      }
      state.set(n, 1);
      for (const m of edges.get(n) ?? []) visit(m, [...trail, n]);
      state.set(n, 2);
    };
    for (const n of edges.keys()) visit(n, []);
  }
  return { issues, calendars, badRows };
}

// ---------------------------------------------------------------------------------------- compile

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

function parseBound(s: string | undefined): EffectiveBound | null {
  if (s === undefined) return null;
  return s.length === 10 ? { date: s } : { ms: Date.parse(s) };
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
  const dimValues = { tier: json.dimensions.tier ?? [], urgency: json.dimensions.urgency ?? [], location: json.dimensions.location ?? [] };
  const dimSets = { tier: new Set(dimValues.tier), urgency: new Set(dimValues.urgency), location: new Set(dimValues.location) };
  const targets: Target[] = data.targets.map((row, index) => {
    const kind = withinKind(row.within);
    return Object.freeze({ ...row, index, kind, withinMs: kind === "duration" ? isoDurationMs(row.within as string) : null });
  });
  const services = new Map<string, CompiledService>();
  for (const [name, def] of Object.entries(data.services)) {
    const stages: CompiledStage[] = def.stages.map((s, index) => {
      if (typeof s === "string" || !s.when) return { name: stageName(s), index, when: null };
      const when: Partial<Record<Dimension, ReadonlySet<string>>> = {};
      for (const d of DIMENSIONS) if (s.when[d]) when[d] = new Set(s.when[d]);
      return { name: s.name, index, when };
    });
    const values: Partial<Record<Dimension, ReadonlySet<string>>> = {};
    for (const d of DIMENSIONS) if (def.values?.[d]) values[d] = new Set(def.values[d]);
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
    warnAt: data.warnAt ?? 0.8,
    dimValues,
    dimSets,
    services,
    targets,
    calendars,
    timeZone: data.timeZone ?? "UTC",
    effectiveFrom: parseBound(data.effectiveFrom),
    effectiveTo: parseBound(data.effectiveTo),
  };
  compiledByPolicy.set(policy, compiled);
  return compiled;
}

function structuredCloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The compiled form of a policy; plain policy JSON is parsed (and validated) on the fly. */
export function getCompiled(policy: unknown): CompiledPolicy {
  if (policy !== null && typeof policy === "object") {
    const c = compiledByPolicy.get(policy);
    if (c) return c;
  }
  return compile(schemaParsePolicyOrThrow(policy));
}

/** Was this object produced by `parsePolicy` (or is it a built-in policy)? */
export function isCompiled(policy: unknown): boolean {
  return policy !== null && typeof policy === "object" && compiledByPolicy.has(policy);
}

// ----------------------------------------------------------------------------------------- lookup

function listValues(vals: Iterable<string>): string {
  const a = [...vals];
  return a.length ? a.join(", ") : "none";
}

/**
 * Matrix lookup with the "exactly one row" hit policy. `path` prefixes error paths (e.g. the
 * ticket's keys), `q` is read but never kept.
 */
export function lookup(c: CompiledPolicy, q: TargetQuery, path: ErrorPath = []): Target {
  if (q === null || typeof q !== "object") {
    throw new SlaKitError("INVALID_ARGUMENT", "The query must be an object { service, stage, tier?, urgency?, location? }.", { path });
  }
  const svc = c.services.get(q.service);
  if (!svc) {
    throw new SlaKitError("UNKNOWN_VALUE", `Unknown service ${JSON.stringify(q.service)}; the policy "${c.policy.id}" has: ${listValues(c.services.keys())}.`, {
      path: [...path, "service"],
    });
  }
  const stage = svc.byName.get(q.stage);
  if (!stage) {
    throw new SlaKitError("UNKNOWN_VALUE", `Unknown stage ${JSON.stringify(q.stage)} of service "${svc.name}"; its stages are: ${listValues(svc.byName.keys())}.`, {
      path: [...path, "stage"],
    });
  }
  return lookupStage(c, svc, stage.name, q, path);
}

/** Lookup once service and stage are known. */
export function lookupStage(c: CompiledPolicy, svc: CompiledService, stage: string, q: TargetQuery, path: ErrorPath): Target {
  for (const d of DIMENSIONS) {
    const v = q[d];
    if (v === undefined) continue;
    if (typeof v !== "string" || !c.dimSets[d].has(v)) {
      throw new SlaKitError("UNKNOWN_VALUE", `Unknown ${d} ${JSON.stringify(v)}; the policy "${c.policy.id}" declares: ${listValues(c.dimValues[d])}.`, {
        path: [...path, d],
      });
    }
  }
  for (const d of svc.dimensions) {
    if (q[d] === undefined) {
      throw new SlaKitError("MISSING_DIMENSION", `Service "${svc.name}" needs a ${d} (one of ${listValues(svc.values[d] ?? c.dimValues[d])}) to find the deadline of "${stage}".`, {
        path: [...path, d],
      });
    }
  }
  const rows = svc.rows.get(stage) ?? [];
  let hit: Target | undefined;
  let hits: Target[] | undefined;
  for (const r of rows) {
    if ((r.tier !== undefined && r.tier !== q.tier) || (r.urgency !== undefined && r.urgency !== q.urgency) || (r.location !== undefined && r.location !== q.location)) continue;
    if (hit === undefined) hit = r;
    else (hits ??= [hit]).push(r);
  }
  const query = { service: svc.name, stage, tier: q.tier, urgency: q.urgency, location: q.location };
  if (hits) {
    throw new SlaKitError("AMBIGUOUS_TARGET", `${hits.length} rows match ${describeQuery(query)}: rows ${hits.map((h) => h.index).join(", ")}. Make the rows exclusive (run validatePolicy).`, {
      path,
      details: { query, candidates: hits.map((h) => ({ index: h.index, sourceRef: h.sourceRef, row: h })) },
    });
  }
  if (!hit) {
    let why = "";
    for (const d of DIMENSIONS) {
      const allowed = svc.values[d];
      const v = q[d];
      if (allowed && v !== undefined && !allowed.has(v)) why = ` Service "${svc.name}" applies only to ${d} ${listValues(allowed)}.`;
    }
    throw new SlaKitError("NO_MATCHING_TARGET", `No target row matches ${describeQuery(query)}.${why}`, { path, details: { query } });
  }
  return hit;
}

function describeQuery(q: TargetQuery): string {
  const parts = [`service=${q.service}`, `stage=${q.stage}`];
  for (const d of DIMENSIONS) if (q[d] !== undefined) parts.push(`${d}=${String(q[d])}`);
  return `{ ${parts.join(", ")} }`;
}

/** The calendar named by a row's clock (validated at compile time). */
export function clockOf(c: CompiledPolicy, t: Target): Calendar | null {
  return t.clock === undefined ? null : (c.calendars.get(t.clock) ?? null);
}
