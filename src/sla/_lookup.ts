/**
 * Matrix lookup with the "exactly one row" hit policy. Private to `sla`.
 * @internal
 */
import { alwaysOpen, type Calendar } from "../calendar/index.js";
import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { CompiledPolicy, CompiledService } from "./_compile.js";
import { DIMENSIONS } from "./_references.js";
import type { Dimension, Target, TargetQuery, TargetRow } from "./types.js";

/** Values of some dimensions: a query's or one combination `validatePolicy` enumerates. */
export type Combo = Partial<Record<Dimension, string | undefined>>;

/** Does a row match these values? A row that omits a dimension matches any value of it. */
export function rowMatches(r: Pick<TargetRow, Dimension>, q: Combo): boolean {
  for (const d of DIMENSIONS) if (r[d] !== undefined && r[d] !== q[d]) return false;
  return true;
}

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
    throw new SlaKitError("UNKNOWN_VALUE", `Unknown service ${describe(q.service)}; the policy "${c.policy.id}" has: ${listValues(c.services.keys())}.`, {
      path: [...path, "service"],
    });
  }
  const stage = svc.byName.get(q.stage);
  if (!stage) {
    throw new SlaKitError("UNKNOWN_VALUE", `Unknown stage ${describe(q.stage)} of service "${svc.name}"; its stages are: ${listValues(svc.byName.keys())}.`, {
      path: [...path, "stage"],
    });
  }
  return lookupStage(c, svc, stage.name, q, path);
}

/** Rows found per service, stage, tier, urgency, location, channel (declared values only: bounded). */
type Found = Map<unknown, Map<unknown, Map<unknown, Map<unknown, Target>>>>;
const foundRows = new WeakMap<CompiledService, Map<string, Found>>();

function remember(svc: CompiledService, stage: string, q: TargetQuery, t: Target): void {
  let m = foundRows.get(svc) as Map<unknown, unknown> | undefined;
  if (m === undefined) foundRows.set(svc, (m = new Map()) as Map<string, Found>);
  for (const k of [stage, q.tier, q.urgency, q.location]) {
    let next = m.get(k) as Map<unknown, unknown> | undefined;
    if (next === undefined) m.set(k, (next = new Map()));
    m = next;
  }
  m.set(q.channel, t);
}

/**
 * Lookup once service and stage are known. The row found for a combination of values is
 * remembered (a combination that once passed the checks always does), so a stream of tickets
 * scans the matrix once per combination.
 */
export function lookupStage(c: CompiledPolicy, svc: CompiledService, stage: string, q: TargetQuery, path: ErrorPath): Target {
  const known = foundRows.get(svc)?.get(stage)?.get(q.tier)?.get(q.urgency)?.get(q.location)?.get(q.channel);
  if (known !== undefined) return known;
  for (const d of DIMENSIONS) {
    const v = q[d];
    if (v === undefined) continue;
    if (typeof v !== "string" || !c.dimSets[d].has(v)) {
      throw new SlaKitError("UNKNOWN_VALUE", `Unknown ${d} ${describe(v)}; the policy "${c.policy.id}" declares: ${listValues(c.dimValues[d])}.`, {
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
    if (!rowMatches(r, q)) continue;
    if (hit === undefined) hit = r;
    else (hits ??= [hit]).push(r);
  }
  if (hits) {
    const query = { service: svc.name, stage, tier: q.tier, urgency: q.urgency, location: q.location };
    throw new SlaKitError("AMBIGUOUS_TARGET", `${hits.length} rows match ${describeQuery(query)}: rows ${hits.map((h) => h.index).join(", ")}. Make the rows exclusive (run validatePolicy).`, {
      path,
      details: { query, candidates: hits.map((h) => ({ index: h.index, sourceRef: h.sourceRef, row: h })) },
    });
  }
  if (!hit) {
    const query = { service: svc.name, stage, tier: q.tier, urgency: q.urgency, location: q.location };
    let why = "";
    for (const d of DIMENSIONS) {
      const allowed = svc.values[d];
      const v = q[d];
      if (allowed && v !== undefined && !allowed.has(v)) why = ` Service "${svc.name}" applies only to ${d} ${listValues(allowed)}.`;
    }
    throw new SlaKitError("NO_MATCHING_TARGET", `No target row matches ${describeQuery(query)}.${why}`, { path, details: { query } });
  }
  remember(svc, stage, q, hit);
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

let utcClock: Calendar | undefined;

/** The clock a stage's deadline runs on: its row's, else UTC 24x7. */
export function stageClock(c: CompiledPolicy, t: Target): Calendar {
  return clockOf(c, t) ?? (utcClock ??= alwaysOpen("UTC"));
}
