import { isCompiled } from "./_compile.js";
import { rowMatches, type Combo } from "./_lookup.js";
import { hasOwn } from "./_own.js";
import { CREATED, DIMENSIONS, referenceIssues, stageName } from "./_references.js";
import { isoDurationMs, measure } from "./_targets.js";
import { checkPolicyJson, levelName } from "./_shape.js";
import type { Policy, PolicyIssue, PolicyJson, TargetRow, WarnAt } from "./types.js";

type Push = (severity: PolicyIssue["severity"], code: string, path: PolicyIssue["path"], message: string) => void;

/**
 * Warning levels that cannot work as written: a `before` offset not shorter than a row's duration
 * (the level sits at the start), and levels on a rings row (no clock to place them on).
 */
function levelIssues(json: PolicyJson, badRows: ReadonlySet<number>, push: Push): void {
  const check = (levels: WarnAt | undefined, path: PolicyIssue["path"], rows: readonly number[]): void => {
    if (levels === undefined || typeof levels === "number") return;
    levels.forEach((l, j) => {
      if (!("before" in l)) return;
      const d = isoDurationMs(l.before) ?? 0;
      const short = rows.filter((i) => {
        const m = measure(json.targets[i] as TargetRow);
        return m !== null && m.unit.startsWith("ms@") && m.v <= d;
      });
      if (short.length > 0) push("warning", "LEVEL_AT_START", [...path, j], `Level "${levelName(l)}" (${l.before} before the deadline) is not shorter than the ${short.length > 1 ? "durations" : "duration"} of row${short.length > 1 ? "s" : ""} ${short.join(", ")}: on ${short.length > 1 ? "those stages" : "that stage"} it is reached at the start; shorten it or set the row's own warnAt.`);
    });
  };
  const policyRows: number[] = [];
  json.targets.forEach((r, i) => {
    if (badRows.has(i)) return;
    if (r.warnAt !== undefined && typeof r.within === "object" && "rings" in r.within) {
      push("warning", "LEVELS_IGNORED", ["targets", i, "warnAt"], `Row ${i} counts rings, not time: its warnAt is never used; remove it.`);
    } else if (r.warnAt !== undefined) check(r.warnAt, ["targets", i, "warnAt"], [i]);
    else policyRows.push(i);
  });
  check(json.warnAt, ["warnAt"], policyRows);
}

/** The one row of each (stage, combination), keyed without joining user text into one string. */
type UniqueRows = Map<string, Map<string, { readonly combo: Combo; readonly index: number }>>;

function withoutTier(c: Combo): Combo {
  const { tier: _t, ...rest } = c;
  return rest;
}

function comboText(service: string, stage: string, combo: Combo): string {
  const parts = DIMENSIONS.filter((d) => combo[d] !== undefined).map((d) => `${d}=${combo[d] ?? ""}`);
  return `${service}/${stage}${parts.length ? ` { ${parts.join(", ")} }` : ""}`;
}

/**
 * Checks a policy without any ticket and returns every finding (never throws). Accepts a parsed
 * {@link Policy} or raw policy JSON (structural and reference problems are reported as issues).
 *
 * Errors: `INVALID_POLICY` (structure), `UNKNOWN_SERVICE`, `UNKNOWN_STAGE`, `UNKNOWN_VALUE`,
 * `UNKNOWN_CALENDAR`, `INVALID_CALENDAR`, `UNKNOWN_ANCHOR`, `ANCHOR_CYCLE`, `DUPLICATE_VALUE`,
 * `GAP` (a combination of the service's declared dimension values with no row for a stage),
 * `OVERLAP` (two rows match one query), `TIER_NOT_MONOTONIC` (a higher tier, earlier in
 * `dimensions.tier`, gets a longer deadline than a lower one, same service/stage/urgency/location),
 * `STAGE_ORDER` (a later stage of a service due before an earlier one with the same anchor),
 * `RECUR_UNTIMED` (a recurring stage, docs/rules.md S15, with a rings or agreed row; its `until`
 * naming no other stage of the service is `UNKNOWN_STAGE`).
 * Warnings: `UNREACHABLE_ROW` (a row no declared combination reaches), `UNDECLARED_DIMENSION`,
 * `EFFECTIVE_DATES_ZONE` (date-only effective dates without `timeZone` while the calendars run in
 * another zone than UTC), `LEVEL_AT_START` (a `before` level of `warnAt` not shorter than a row's
 * duration: reached at the start), `LEVELS_IGNORED` (`warnAt` on a rings row), `RECLASSIFY_UNUSED`
 * (a `reclassify` mode for a dimension no service declares).
 *
 * @example
 * ```ts
 * import { validatePolicy, robotIntegration2026 } from "sla-kit/sla";
 *
 * console.log(validatePolicy(robotIntegration2026)); // []
 * const json = JSON.parse(JSON.stringify(robotIntegration2026));
 * json.targets = json.targets.filter((r: { id?: string }) => r.id !== "S4:fault:response:core-urgent");
 * console.log(validatePolicy(json)[0]?.code); // GAP
 * ```
 */
export function validatePolicy(policy: Policy | unknown): PolicyIssue[] {
  let json: PolicyJson;
  if (isCompiled(policy)) json = policy as PolicyJson;
  else {
    const r = checkPolicyJson(policy);
    if (!r.ok) return r.issues.map((i) => ({ severity: "error", code: "INVALID_POLICY", path: i.path, message: i.message }));
    json = r.value;
  }
  const { issues, badRows, calendars } = referenceIssues(json);
  const push = (severity: PolicyIssue["severity"], code: string, path: PolicyIssue["path"], message: string): void => {
    issues.push({ severity, code, path, message });
  };
  // date-only effective dates are read in policy.timeZone (default UTC): warn when the clocks live elsewhere
  const dateOnly = (["effectiveFrom", "effectiveTo"] as const).filter((k) => json[k]?.length === 10);
  const zones = [...new Set([...calendars.values()].map((cal) => cal.timeZone))].filter((z) => z !== "UTC");
  if (dateOnly.length > 0 && json.timeZone === undefined && zones.length > 0) {
    push("warning", "EFFECTIVE_DATES_ZONE", [dateOnly[0] as string], `${dateOnly.join(" and ")} ${dateOnly.length > 1 ? "are dates" : "is a date"} read in UTC (no timeZone), but the policy's clocks run in ${zones.join(", ")}: set "timeZone": "${zones[0] ?? ""}" so a ticket created just after local midnight falls on the right day.`);
  }
  const reached = new Set<number>();
  const overlapSeen = new Set<string>();
  for (const [service, def] of Object.entries(json.services)) {
    const dims = def.dimensions.filter((d) => (json.dimensions[d] ?? []).length > 0);
    const rowsOf = new Map<string, number[]>();
    json.targets.forEach((r, i) => {
      if (r.service !== service || badRows.has(i)) return;
      for (const d of DIMENSIONS) {
        if (r[d] !== undefined && !def.dimensions.includes(d)) {
          push("warning", "UNDECLARED_DIMENSION", ["targets", i, d], `Row ${i} constrains ${d}, which service "${service}" does not declare in its dimensions; queries without ${d} never match it.`);
        }
      }
      const list = rowsOf.get(r.stage);
      if (list) list.push(i);
      else rowsOf.set(r.stage, [i]);
    });
    // unique row per (stage, combo), for the tier and stage-order checks
    const unique: UniqueRows = new Map();
    def.stages.forEach((s, si) => {
      const stage = stageName(s);
      const when = typeof s === "string" ? undefined : s.when;
      let combos: Combo[] = [{}];
      for (const d of dims) {
        const values = (def.values?.[d] ?? json.dimensions[d] ?? []).filter((v) => when?.[d] === undefined || when[d]?.includes(v));
        const next: Combo[] = [];
        for (const c of combos) for (const v of values) next.push({ ...c, [d]: v });
        combos = next;
      }
      const byCombo = new Map<string, { combo: Combo; index: number }>();
      unique.set(stage, byCombo);
      for (const combo of combos) {
        const hits = (rowsOf.get(stage) ?? []).filter((i) => rowMatches(json.targets[i] as TargetRow, combo));
        for (const h of hits) reached.add(h);
        if (hits.length === 0) {
          push("error", "GAP", ["services", service, "stages", si], `No row covers ${comboText(service, stage, combo)}: add a target row for it (or restrict the stage with "when" / the service with "values").`);
        } else if (hits.length > 1) {
          const key = hits.join(",");
          if (!overlapSeen.has(key)) {
            overlapSeen.add(key);
            push("error", "OVERLAP", ["targets", hits[1] as number], `Rows ${hits.join(", ")} all match ${comboText(service, stage, combo)}: exactly one row must match (make them differ in a dimension).`);
          }
        } else byCombo.set(JSON.stringify(combo), { combo, index: hits[0] as number });
      }
    });
    const indexOf = (stage: string, combo: Combo): number => unique.get(stage)?.get(JSON.stringify(combo))?.index ?? -1;
    const rowAt = (stage: string, combo: Combo): TargetRow | undefined => json.targets[indexOf(stage, combo)];
    // tiers monotonic: tier order = order of declared tiers, first is highest
    const tiers = def.values?.tier ?? json.dimensions.tier ?? [];
    if (dims.includes("tier")) {
      for (const [stage, byCombo] of unique) {
        for (const { combo } of byCombo.values()) {
          const ti = tiers.indexOf(combo.tier ?? "");
          for (let tj = ti + 1; tj < tiers.length; tj++) {
            const hi = rowAt(stage, combo);
            const lo = rowAt(stage, { ...combo, tier: tiers[tj] as string });
            if (!hi || !lo) continue;
            const a = measure(hi);
            const b = measure(lo);
            if (a && b && a.unit === b.unit && a.v > b.v) {
              push("error", "TIER_NOT_MONOTONIC", ["targets", indexOf(stage, combo)], `Tier ${combo.tier ?? ""} (higher) gets a longer deadline (${JSON.stringify(hi.within)}) than tier ${tiers[tj] ?? ""} (${JSON.stringify(lo.within)}) for ${comboText(service, stage, withoutTier(combo))}.`);
            }
          }
        }
      }
    }
    // stage order: a later stage with the same anchor must not be due before an earlier one
    const stageNames = def.stages.map(stageName);
    stageNames.forEach((stage, si) => {
      for (const { combo, index: i } of unique.get(stage)?.values() ?? []) {
        const r = json.targets[i] as TargetRow;
        for (let sj = si + 1; sj < stageNames.length; sj++) {
          const laterName = stageNames[sj] as string;
          const later = rowAt(laterName, combo);
          if (!later || (later.anchor ?? CREATED) !== (r.anchor ?? CREATED)) continue;
          const a = measure(r);
          const b = measure(later);
          if (a && b && a.unit === b.unit && a.v > b.v) {
            push("error", "STAGE_ORDER", ["targets", indexOf(laterName, combo)], `Stage "${laterName}" (${JSON.stringify(later.within)}) would be due before the earlier stage "${stage}" (${JSON.stringify(r.within)}) for ${comboText(service, "*", combo)}; stages are ordered as in services.${service}.stages.`);
          }
        }
      }
    });
  }
  json.targets.forEach((r, i) => {
    if (!badRows.has(i) && !reached.has(i) && hasOwn(json.services, r.service)) {
      push("warning", "UNREACHABLE_ROW", ["targets", i], `Row ${i} (${r.service}/${r.stage}) matches no combination of the values its service declares; no query can reach it.`);
    }
  });
  levelIssues(json, badRows, push);
  // S16: a mode for a dimension no service uses never applies
  for (const d of DIMENSIONS) {
    if (json.reclassify?.[d] !== undefined && !Object.values(json.services).some((def) => def.dimensions.includes(d))) {
      push("warning", "RECLASSIFY_UNUSED", ["reclassify", d], `reclassify.${d} is never used: no service declares ${d} among its dimensions, so no row depends on it; remove it.`);
    }
  }
  return issues;
}
