import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import type { Ratio } from "../kpi/types.js";
import { readValue } from "./_evaluate.js";
import { Q1, cmp, div, q, show, type Q } from "../_lib/rational.js";
import { checkNonNeg, checkRounding, fen, pick, ruleAndInput } from "./_money.js";
import { bonusRules, type BonusLevel, type BonusRule, type PercentAmount } from "./bonusRules.js";
import type { MoneyRounding, Severity } from "./types.js";

/** Evidence for the conditions of M4-M7; whatever is given is checked, the rest is the caller's word. */
export interface BonusEvidence {
  /** Monthly SLA compliance rate (M4 needs exactly 1, M7 applies below 0.8). */
  readonly complianceRate?: number | Ratio;
  /** Customer rating (M4 needs `"excellent"`). */
  readonly rating?: string;
  /** Rank in the monthly compliance ranking (M5 needs 1). */
  readonly rank?: number;
  /**
   * M6: overdue services in the period assessed. With `priorOverdueCount` (overdues in the earlier
   * history passed in), "首次" (first) is the first in the whole history: 1 overdue and none before
   * -> `first`; more -> `repeated`.
   */
  readonly overdueCount?: number;
  /** M6: overdue services of the person before the period, in the history passed in (default 0). */
  readonly priorOverdueCount?: number;
  /** M6: the overdue upset the customer (-> `repeated`). */
  readonly customerUpset?: boolean;
  /** M6: customer lost or reputation harmed (-> `serious`). */
  readonly seriousHarm?: boolean;
}

/** Input of {@link bonusAdjustment}. */
export interface BonusInput {
  /** The bonus the percentage applies to, in integer fen. */
  readonly bonusFen: number;
  /** M6 level (`first`, `repeated`, `serious`); derived from `evidence` when omitted. */
  readonly level?: string;
  /** Picks a percentage inside a range (`low`, `medium`, `high` or an explicit percent). */
  readonly severity?: Severity;
  readonly evidence?: BonusEvidence;
  /** Rounding to whole fen (default `"half-up"`). */
  readonly rounding?: MoneyRounding;
}

/** Result of {@link bonusAdjustment}. */
export interface BonusAdjustment {
  readonly ruleId: string;
  readonly sourceRef: string;
  readonly direction: "reward" | "deduction";
  /** False when the evidence shows the condition is not met (amount 0). */
  readonly applies: boolean;
  readonly level: string;
  /** The percentage used: fixed, a range (no severity given), or null (not given by the document). */
  readonly percent: PercentAmount;
  /** The absolute amount in fen (a range while the percentage is a range; null when the document gives none). */
  readonly amountFen: number | { readonly minFen: number; readonly maxFen: number } | null;
  /** Non-money consequence, e.g. "verbal warning". */
  readonly action?: string;
  readonly trace: {
    readonly rule: BonusRule;
    readonly evidence: BonusEvidence | null;
    readonly checks: readonly string[];
    readonly arithmetic: readonly string[];
  };
}

function rate(v: number | Ratio, path: (string | number)[]): Q {
  const r = readValue(v, path);
  if (typeof r === "string") throw new SlaKitError("MISSING_VALUE", `No compliance rate: ${r}.`, { path });
  return r.q;
}

/**
 * A bonus reward or deduction of 003 §16 (docs/rules.md M4-M7) as a percentage of a given bonus in fen.
 * Ranges (10%-20%) stay ranges until `severity` picks a percentage. Evidence given is checked
 * against the rule's condition (M4: compliance exactly 100% and rating excellent; M5: rank 1;
 * M7: compliance below 80%; M6: level from the overdue facts); the checks are in the trace.
 *
 * @throws SlaKitError `INVALID_INPUT` (unknown rule, bad bonus, unknown level), `MISSING_VALUE`.
 * @example
 * ```ts
 * import { bonusAdjustment } from "sla-kit/scoring";
 *
 * // M7 003 §16(2): department compliance 75% -> -10% of a 20 000 yuan bonus
 * const a = bonusAdjustment("M7", { bonusFen: 2_000_000, evidence: { complianceRate: 0.75 } });
 * console.log(a.applies, a.amountFen); // true 200000
 * ```
 */
export function bonusAdjustment(ruleId: string, input: BonusInput): BonusAdjustment {
  const rule = ruleAndInput(bonusRules, ruleId, input, "bonus", "{ bonusFen, ... }");
  const bonusFen = checkNonNeg(input.bonusFen, ["input", "bonusFen"], true);
  const rounding = checkRounding(input.rounding, ["input", "rounding"]);
  const evRaw = input.evidence;
  if (evRaw !== undefined && evRaw !== null && (typeof evRaw !== "object" || Array.isArray(evRaw))) {
    throw new SlaKitError("INVALID_INPUT", `input.evidence must be an object (or absent), got ${describe(evRaw)}.`, { path: ["input", "evidence"] });
  }
  const ev = evRaw === null ? undefined : evRaw; // null: no evidence, as when absent
  const checks: string[] = [];
  let applies = true;
  let levelName = input.level;

  if (ev !== undefined) {
    const ep = ["input", "evidence"];
    switch (rule.id) {
      case "M4": {
        if (ev.complianceRate !== undefined) {
          const ok = cmp(rate(ev.complianceRate, [...ep, "complianceRate"]), Q1) === 0;
          checks.push(`compliance rate is 100%: ${ok}`);
          applies &&= ok;
        }
        if (ev.rating !== undefined) {
          const ok = ev.rating === "excellent";
          checks.push(`customer rating ${describe(ev.rating)} is excellent: ${ok}`);
          applies &&= ok;
        }
        break;
      }
      case "M5":
        if (ev.rank !== undefined) {
          const ok = ev.rank === 1;
          checks.push(`rank ${describe(ev.rank)} is first: ${ok}`);
          applies &&= ok;
        }
        break;
      case "M7":
        if (ev.complianceRate !== undefined) {
          const r = rate(ev.complianceRate, [...ep, "complianceRate"]);
          const ok = cmp(r, q(0.8)) < 0;
          checks.push(`compliance rate ${show(r)} < 0.8: ${ok}`);
          applies &&= ok;
        }
        break;
      case "M6":
        if (levelName === undefined) {
          const count = ev.overdueCount === undefined ? undefined : checkNonNeg(ev.overdueCount, [...ep, "overdueCount"], true);
          const prior = ev.priorOverdueCount === undefined ? 0 : checkNonNeg(ev.priorOverdueCount, [...ep, "priorOverdueCount"], true);
          // M6 003 §16(2) "首次": the first overdue in the history passed in, not the first of a month
          const inHistory = count === undefined ? undefined : count + prior;
          if (count === 0) applies = false; // no overdue in the period assessed
          else if (ev.seriousHarm === true) levelName = "serious";
          else if (ev.customerUpset === true || (inHistory ?? 0) > 1) levelName = "repeated";
          else if (inHistory === 1) levelName = "first";
          checks.push(
            `level from evidence (overdueCount ${count ?? "-"}, priorOverdueCount ${prior}, customerUpset ${ev.customerUpset ?? "-"}, ` +
              `seriousHarm ${ev.seriousHarm ?? "-"}): ${levelName ?? "no overdue, rule does not apply"}`,
          );
        }
        break;
    }
  } else {
    checks.push(`condition "${rule.condition}" asserted by the caller (no evidence given)`);
  }

  let level: BonusLevel | undefined;
  if (rule.levels.length === 1 && levelName === undefined) level = rule.levels[0];
  else if (levelName !== undefined) level = rule.levels.find((l) => l.level === levelName);
  if (level === undefined && applies) {
    throw new SlaKitError(
      "INVALID_INPUT",
      `Rule ${rule.id} needs input.level, one of ${rule.levels.map((l) => l.level).join(", ")}${levelName ? `; got ${describe(levelName)}` : ""}.`,
      { path: ["input", "level"] },
    );
  }
  const arithmetic: string[] = [];
  // the trace keeps the evidence's known fields only (never echo unknown keys or values)
  let echoed: BonusEvidence | null = null;
  if (ev !== undefined) {
    const e: Record<string, unknown> = {};
    for (const k of ["complianceRate", "rating", "rank", "overdueCount", "priorOverdueCount", "customerUpset", "seriousHarm"] as const) {
      const v = ev[k];
      if (v === undefined) continue;
      const plain = typeof v === "number" ? Number.isFinite(v) : typeof v === "string" || typeof v === "boolean" || (typeof v === "object" && v !== null);
      e[k] = plain ? v : describe(v);
    }
    echoed = e as BonusEvidence;
  }
  const trace = { rule, evidence: echoed, checks, arithmetic };
  const base = { ruleId: rule.id, sourceRef: rule.sourceRef, direction: rule.direction };
  if (!applies || level === undefined) {
    arithmetic.push("condition not met: no adjustment");
    return { ...base, applies: false, level: levelName ?? "none", percent: { percent: 0 }, amountFen: 0, trace };
  }
  const withAction = level.action === undefined ? {} : { action: level.action };
  const pct = level.percent;
  if (pct === null) {
    arithmetic.push("the document gives no percentage for this level: amount decided by management");
    return { ...base, applies: true, level: level.level, percent: null, amountFen: null, ...withAction, trace };
  }
  const b = q(bonusFen);
  const hundred = q(100);
  if ("percent" in pct) {
    const amount = fen(b, div(q(pct.percent), hundred), rounding, ["input", "bonusFen"]);
    arithmetic.push(`${bonusFen} fen x ${pct.percent}% = ${amount} fen (${rounding})`);
    return { ...base, applies: true, level: level.level, percent: pct, amountFen: amount, ...withAction, trace };
  }
  if (input.severity === undefined) {
    const lo = fen(b, div(q(pct.minPercent), hundred), rounding, ["input", "bonusFen"]);
    const hi = fen(b, div(q(pct.maxPercent), hundred), rounding, ["input", "bonusFen"]);
    arithmetic.push(`${bonusFen} fen x ${pct.minPercent}%-${pct.maxPercent}% = ${lo}-${hi} fen (a range until a severity picks it)`);
    return { ...base, applies: true, level: level.level, percent: pct, amountFen: { minFen: lo, maxFen: hi }, ...withAction, trace };
  }
  const p = pick(pct.minPercent, pct.maxPercent, input.severity, "%", ["input", "severity"]);
  const amount = fen(b, div(p.value, hundred), rounding, ["input", "bonusFen"]);
  const pctNum = Number(p.value.n) / Number(p.value.d);
  arithmetic.push(`${p.how} = ${show(p.value)}%; ${bonusFen} fen x ${show(p.value)}% = ${amount} fen (${rounding})`);
  return { ...base, applies: true, level: level.level, percent: { percent: pctNum }, amountFen: amount, ...withAction, trace };
}
