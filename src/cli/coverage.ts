/**
 * `sla-kit check --coverage`, as `opa test --coverage` does: which target rows of each policy, and
 * (when the run has scoring or KPI cases) which penalty/bonus rules and KPI targets, no case exercised.
 */
import type { CaseFile, FileResult } from "../golden/index.js";
import { kpiDefinitions } from "../kpi/index.js";
import { bonusRules, penaltyRules } from "../scoring/index.js";
import type { Policy } from "../sla/index.js";

export interface CoveragePart {
  readonly name: string;
  readonly covered: readonly string[];
  readonly missed: readonly string[];
}

export interface Coverage {
  readonly covered: number;
  readonly total: number;
  /** covered / total in percent (100 when there is nothing to cover). */
  readonly percent: number;
  readonly parts: readonly CoveragePart[];
}

export interface CoverageInput {
  readonly file: CaseFile;
  readonly result: FileResult;
  readonly policy: Policy | undefined;
}

const SCORING_KINDS = new Set(["assessPenalty", "bonusAdjustment"]);
const KPI_KINDS = new Set(["checkTarget"]);

/** Every rule/row id a case touched: the rules its result names, plus the ids its input names. */
function touched(inputs: readonly CoverageInput[]): Set<string> {
  const seen = new Set<string>();
  for (const { file, result } of inputs) {
    const byId = new Map(file.cases.map((c) => [c.id, c]));
    for (const r of result.results) {
      for (const rule of r.rules) seen.add(rule);
      const actualId = (r.actual as { id?: unknown } | null)?.id;
      if (r.kind === "findTarget" && typeof actualId === "string") seen.add(actualId);
      const stages = (r.actual as { stages?: unknown } | null)?.stages;
      if (Array.isArray(stages)) for (const s of stages) if (typeof s?.trace?.row === "number") seen.add(`targets[${s.trace.row}]`);
      const input = byId.get(r.id)?.input ?? {};
      for (const k of ["ruleId", "kpi"]) {
        const v = input[k];
        if (typeof v === "string") seen.add(v);
        else if (v !== null && typeof v === "object" && typeof (v as { id?: unknown }).id === "string") seen.add((v as { id: string }).id);
      }
    }
  }
  return seen;
}

function part(name: string, ids: readonly string[], seen: ReadonlySet<string>): CoveragePart {
  return { name, covered: ids.filter((x) => seen.has(x)), missed: ids.filter((x) => !seen.has(x)) };
}

export function coverage(inputs: readonly CoverageInput[]): Coverage {
  const seen = touched(inputs);
  const parts: CoveragePart[] = [];
  const policies = new Map<string, Policy>();
  for (const { policy } of inputs) if (policy !== undefined) policies.set(policy.hash, policy);
  for (const p of policies.values()) {
    parts.push(part(`target rows of ${p.id}@${p.version}`, p.targets.map((t, i) => t.id ?? `targets[${i}]`), seen));
  }
  const kinds = new Set(inputs.flatMap(({ result }) => result.results.map((r) => r.kind)));
  if ([...kinds].some((k) => SCORING_KINDS.has(k))) parts.push(part("scoring rules (penalties and bonuses)", [...penaltyRules, ...bonusRules].map((r) => r.id), seen));
  if ([...kinds].some((k) => KPI_KINDS.has(k))) parts.push(part("KPI targets", kpiDefinitions.filter((d) => d.target !== null).map((d) => d.id), seen));
  const covered = parts.reduce((n, p) => n + p.covered.length, 0);
  const total = parts.reduce((n, p) => n + p.covered.length + p.missed.length, 0);
  return { covered, total, percent: total === 0 ? 100 : (covered / total) * 100, parts };
}
