/**
 * A policy set of effective-dated versions (docs/rules.md S18; docs/sla.md "Policy versions over a
 * ticket's life"): the versions checked against each other, in time order, each with the instants
 * it is in force. Private to `sla`; `evaluateTicketVersions` and `diffVersions` read it.
 * @internal
 */
import { SlaKitError, isSlaKitError, type ErrorPath } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { MS_PER_DAY, dayNumberToIso, isoToDayNumber, wallToInstant } from "../_lib/zone.js";
import { iso } from "./_events.js";
import { getCompiled, type CompiledPolicy, type EffectiveBound } from "./_compile.js";
import type { Policy } from "./types.js";

/** One version of the set: in force over `[fromMs, toMs)` (an open end is +-Infinity). */
export interface VersionSpan {
  readonly c: CompiledPolicy;
  /** Index of the version in the array the caller passed. */
  readonly index: number;
  readonly fromMs: number;
  /** Its own `effectiveTo`, or else the next version's `effectiveFrom` (superseded), or +Infinity. */
  readonly toMs: number;
  /** The version ends because the next one starts (it has no `effectiveTo` of its own). */
  readonly superseded: boolean;
}

/** The versions in time order. */
export type VersionSet = readonly VersionSpan[];

const bad = (path: ErrorPath, message: string): never => {
  throw new SlaKitError("INVALID_POLICY", message, { path });
};

/** First instant of a local date in `tz` (a date skipped at midnight starts where it starts). */
function dayStart(tz: string, date: string, path: ErrorPath): number {
  const day = isoToDayNumber(date);
  if (day === undefined) return bad(path, `${JSON.stringify(date)} is not a date "YYYY-MM-DD".`);
  return wallToInstant(tz, day * MS_PER_DAY);
}

function startOf(b: EffectiveBound | null, tz: string, path: ErrorPath): number {
  if (b === null) return Number.NEGATIVE_INFINITY;
  return "date" in b ? dayStart(tz, b.date, path) : b.ms;
}

/** The exclusive end: the day after a date bound (dates are inclusive), an instant as it is. */
function endOf(b: EffectiveBound | null, tz: string, path: ErrorPath): number {
  if (b === null) return Number.POSITIVE_INFINITY;
  if (!("date" in b)) return b.ms;
  const day = isoToDayNumber(b.date);
  if (day === undefined) return bad(path, `${JSON.stringify(b.date)} is not a date "YYYY-MM-DD".`);
  return dayStart(tz, dayNumberToIso(day + 1), path);
}

/** An instant or an open end, for messages. */
export const when = (ms: number): string => (ms === Number.NEGATIVE_INFINITY || ms === Number.POSITIVE_INFINITY ? "open" : iso(ms));

/** `"our-desk" 2.0` for messages and traces. */
export const versionName = (c: CompiledPolicy): string => `${JSON.stringify(c.policy.id)} ${c.policy.version}`;

/** When a version is in force, as its policy says it: "in force from 2026-07-01 in Asia/Shanghai until the next version". */
export function rangeText(s: VersionSpan): string {
  const p = s.c.policy;
  const bound = (b: string) => (b.length === 10 ? `${b} in ${s.c.timeZone}` : b);
  const from = p.effectiveFrom === undefined ? "in force from the start" : `in force from ${bound(p.effectiveFrom)}`;
  const to = p.effectiveTo !== undefined ? ` to ${bound(p.effectiveTo)}` : s.superseded ? " until the next version" : "";
  return from + to;
}

/** The services and their stage names, in order, as one comparable text. */
function stageLayout(c: CompiledPolicy): Map<string, string> {
  return new Map([...c.services.values()].map((s) => [s.name, s.stages.map((x) => x.name).join(", ")]));
}

function compileOne(p: unknown, i: number): CompiledPolicy {
  try {
    return getCompiled(p);
  } catch (e) {
    if (!isSlaKitError(e)) throw e;
    throw new SlaKitError(e.code, `Version ${i}: ${e.message}`, { path: [i, ...e.path], ...(e.details === undefined ? {} : { details: e.details }) });
  }
}

function build(versions: readonly unknown[]): VersionSet {
  const cs = versions.map(compileOne);
  const first = cs[0]!;
  const layout = stageLayout(first);
  const seenVersion = new Map<string, number>();
  cs.forEach((c, i) => {
    if (c.policy.id !== first.policy.id) {
      bad([i, "id"], `Version ${i} has id ${JSON.stringify(c.policy.id)}, version 0 ${JSON.stringify(first.policy.id)}: the versions of a set are versions of one policy (same id).`);
    }
    const prev = seenVersion.get(c.policy.version);
    if (prev !== undefined) bad([i, "version"], `Versions ${prev} and ${i} are both version ${JSON.stringify(c.policy.version)}: give each version its own "version".`);
    seenVersion.set(c.policy.version, i);
    const mine = stageLayout(c);
    for (const [name, stages] of layout) {
      if (!mine.has(name)) bad([i, "services"], `Version ${i} (${c.policy.version}) has no service ${JSON.stringify(name)}: every version must have the services of the others (a new or dropped service is a new policy id).`);
      if (mine.get(name) !== stages) {
        bad([i, "services", name, "stages"], `Service ${JSON.stringify(name)} has the stages [${mine.get(name)}] in version ${i} (${c.policy.version}) and [${stages}] in version 0 (${first.policy.version}): every version must have the same stages, in the same order, so each stage can be judged by the version in force when it started.`);
      }
    }
    for (const name of mine.keys()) {
      if (!layout.has(name)) bad([i, "services", name], `Version ${i} (${c.policy.version}) adds service ${JSON.stringify(name)}, which version 0 (${first.policy.version}) does not have: every version must have the same services.`);
    }
  });
  const spans = cs.map((c, index) => ({
    c,
    index,
    fromMs: startOf(c.effectiveFrom, c.timeZone, [index, "effectiveFrom"]),
    ownTo: endOf(c.effectiveTo, c.timeZone, [index, "effectiveTo"]),
  }));
  spans.sort((a, b) => a.fromMs - b.fromMs || a.index - b.index);
  const out: VersionSpan[] = [];
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k]!;
    const next = spans[k + 1];
    if (s.ownTo <= s.fromMs) bad([s.index, "effectiveTo"], `Version ${s.index} (${s.c.policy.version}) ends (${when(s.ownTo)}) before it starts (${when(s.fromMs)}).`);
    if (next !== undefined) {
      if (next.fromMs === Number.NEGATIVE_INFINITY) {
        bad([next.index, "effectiveFrom"], `Versions ${s.index} (${s.c.policy.version}) and ${next.index} (${next.c.policy.version}) both have no effectiveFrom: only the earliest version may leave it out.`);
      }
      if (next.fromMs === s.fromMs) {
        bad([next.index, "effectiveFrom"], `Versions ${s.index} (${s.c.policy.version}) and ${next.index} (${next.c.policy.version}) both take effect ${when(s.fromMs)}: effective ranges must not overlap (give the later version a later effectiveFrom).`);
      }
      if (s.ownTo !== Number.POSITIVE_INFINITY && s.ownTo > next.fromMs) {
        bad([next.index, "effectiveFrom"], `Version ${next.index} (${next.c.policy.version}) starts ${when(next.fromMs)} while version ${s.index} (${s.c.policy.version}) is still in force (to ${s.c.policy.effectiveTo ?? "open"}, i.e. until ${when(s.ownTo)}): effective ranges must not overlap (a date effectiveTo is inclusive: end the old version the day before, or leave its effectiveTo out and the next version supersedes it).`);
      }
      if (s.ownTo < next.fromMs) {
        bad([next.index, "effectiveFrom"], `No version is in force from ${when(s.ownTo)} (after version ${s.index}, ${s.c.policy.version}, effectiveTo ${s.c.policy.effectiveTo}) to ${when(next.fromMs)} (version ${next.index}, ${next.c.policy.version}): leave no gap between versions (a date effectiveTo is inclusive: end the old version the day before the new one starts, or leave its effectiveTo out).`);
      }
    }
    const superseded = next !== undefined && s.ownTo === Number.POSITIVE_INFINITY;
    out.push({ c: s.c, index: s.index, fromMs: s.fromMs, toMs: superseded ? next.fromMs : s.ownTo, superseded });
  }
  return out;
}

type Cached = { readonly items: readonly unknown[]; readonly set: VersionSet };
/** Sets checked before, by the caller's array, with the elements it had then. */
const cache = new WeakMap<object, Cached>();
/** The last set checked per first version: a set written inline (`[v1, v2]` in every call) is checked once. */
const byFirst = new WeakMap<object, Cached>();

/** The same elements, each still compiling to the same policy (policy JSON edited at the top level compiles again). */
const sameItems = (hit: Cached | undefined, versions: readonly unknown[]): hit is Cached =>
  hit !== undefined && hit.items.length === versions.length && hit.items.every((x, i) => x === versions[i]) && hit.set.every((s) => getCompiled(versions[s.index]) === s.c);

/**
 * The checked, time-ordered versions of a policy set (cached on the array while its elements stay
 * the same). Throws `INVALID_ARGUMENT` for an empty or non-array set and `INVALID_POLICY` (path
 * `[i, ...]` into the version) for a bad version, versions of different policies, a repeated
 * `version`, other services or stages, and overlapping or gapped effective ranges.
 */
export function versionSet(versions: unknown, path: ErrorPath = ["versions"]): VersionSet {
  if (!Array.isArray(versions) || versions.length === 0) {
    throw new SlaKitError("INVALID_ARGUMENT", `The policy versions must be a non-empty array of policies (one per effective-dated version), got ${describe(versions)}.`, { path });
  }
  const hit = cache.get(versions);
  if (sameItems(hit, versions)) return hit.set;
  const first: unknown = versions[0];
  const seen = first !== null && typeof first === "object" ? byFirst.get(first) : undefined;
  const entry: Cached = sameItems(seen, versions) ? seen : { items: [...versions], set: build(versions) };
  cache.set(versions, entry);
  if (first !== null && typeof first === "object") byFirst.set(first, entry);
  return entry.set;
}

/** The position in `set` of the version in force at `ms`, or -1 when none is. */
export function spanAt(set: VersionSet, ms: number): number {
  for (let k = 0; k < set.length; k++) {
    const s = set[k]!;
    if (ms >= s.fromMs && ms < s.toMs) return k;
  }
  return -1;
}

/** The policies of a set in the caller's order (for types). */
export type Versions = readonly Policy[];
