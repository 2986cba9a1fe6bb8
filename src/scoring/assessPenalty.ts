import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { q, roundInt, toSafeInteger } from "../_lib/rational.js";
import { checkNonNeg, checkRounding, fen, pick, ruleAndInput } from "./_money.js";
import { penaltyRules, type FenAmount, type PenaltyRole, type PenaltyRule } from "./penaltyRules.js";
import type { MoneyRounding, Severity } from "./types.js";

/** Input of {@link assessPenalty}. */
export interface PenaltyInput {
  /** Number of units (cases, times, late orders, percentage points); >= 0. */
  readonly count: number;
  /** Who pays the main line (the responsible person, or the supervisor for `payer: "supervisor"` rules). */
  readonly person: string;
  /** The jointly liable leader or supervisor; required by rules with `jointLiability`. */
  readonly leader?: string;
  /** Picks an amount inside a range rule; without it a range stays a range. */
  readonly severity?: Severity;
  /**
   * The department found the problem itself (M2 inspection, 002 art. 15.6 "部门自行检查，未达标的由部门
   * 考核，主管不承担连带责任"): it is assessed inside the department, so the company fines nobody (no
   * lines, total 0) for rules that say so.
   */
  readonly selfFound?: boolean;
  /** Rounding to whole fen (default `"half-up"`). */
  readonly rounding?: MoneyRounding;
}

/** One person's penalty. */
export interface PenaltyLine {
  readonly person: string;
  readonly role: PenaltyRole;
  readonly ruleId: string;
  readonly sourceRef: string;
  readonly count: number;
  /** Amount per unit: fixed, or a range while no severity is given. */
  readonly unit: FenAmount;
  /** `unit x count`, in fen (a range stays a range). */
  readonly amount: FenAmount;
}

/** Result of {@link assessPenalty}. */
export interface PenaltyAssessment {
  readonly ruleId: string;
  readonly sourceRef: string;
  readonly lines: readonly PenaltyLine[];
  /** Sum of the lines (a range when any line is a range). */
  readonly total: FenAmount;
  readonly trace: {
    readonly rule: PenaltyRule;
    readonly input: PenaltyInput;
    readonly arithmetic: readonly string[];
    readonly notes: readonly string[];
  };
}

function scale(unit: FenAmount, count: number, rounding: MoneyRounding): FenAmount {
  const c = q(count);
  const p = ["input", "count"];
  return "fen" in unit
    ? { fen: fen(q(unit.fen), c, rounding, p) }
    : { minFen: fen(q(unit.minFen), c, rounding, p), maxFen: fen(q(unit.maxFen), c, rounding, p) };
}

function showAmount(a: FenAmount): string {
  return "fen" in a ? `${a.fen} fen` : `${a.minFen}-${a.maxFen} fen`;
}

/**
 * Assesses a money penalty of `penaltyRules` (docs/rules.md M1-M3, P8/P9 money): one line per person who
 * pays (joint liability adds a line for the leader). A range (50-200 yuan) stays a range
 * `{ minFen, maxFen }` until `severity` picks an amount (`low` = min, `high` = max, `medium` =
 * midpoint rounded to fen, or an explicit fen amount inside the range).
 *
 * With `selfFound: true`, a rule that exempts problems the department found itself (M2 inspection,
 * 002 art. 15.6) fines nobody: the department assesses it internally (no lines, total 0 fen).
 *
 * @throws SlaKitError `INVALID_INPUT` (unknown rule id, bad count, missing leader, amount outside the
 * range), `OUT_OF_SAFE_RANGE` (an amount in fen beyond `Number.MAX_SAFE_INTEGER`).
 * @example
 * ```ts
 * import { assessPenalty } from "sla-kit/scoring";
 *
 * // M3 002 art. 21.7: 30 yuan per time, and 30 yuan for the direct leader
 * const a = assessPenalty("M3", { count: 2, person: "zhang", leader: "li" });
 * console.log(a.lines.map((l) => [l.person, l.amount])); // [ [ 'zhang', { fen: 6000 } ], [ 'li', { fen: 6000 } ] ]
 * ```
 */
export function assessPenalty(ruleId: string, input: PenaltyInput): PenaltyAssessment {
  const rule = ruleAndInput(penaltyRules, ruleId, input, "penalty", "{ count, person, ... }");
  const count = checkNonNeg(input.count, ["input", "count"], rule.per !== "percentage-point");
  if (typeof input.person !== "string" || input.person === "") {
    throw new SlaKitError("INVALID_INPUT", "input.person must name who pays (a non-empty string).", { path: ["input", "person"] });
  }
  const rounding = checkRounding(input.rounding, ["input", "rounding"]);
  // the trace keeps the input's known fields only (never echo unknown keys or values)
  const echoed: PenaltyInput = {
    count,
    person: input.person,
    ...(typeof input.leader === "string" ? { leader: input.leader } : {}),
    ...(input.severity === undefined ? {} : { severity: input.severity }),
    ...(input.selfFound === undefined ? {} : { selfFound: input.selfFound }),
    rounding,
  };
  const arithmetic: string[] = [];
  const notes: string[] = [];
  if (rule.condition) notes.push(`applies when: ${rule.condition} (checked by the caller)`);

  const resolve = (amount: FenAmount, path: (string | number)[]): FenAmount => {
    if ("fen" in amount || input.severity === undefined) return amount;
    const p = pick(amount.minFen, amount.maxFen, input.severity, "fen", path);
    const unitFen = toSafeInteger(roundInt(p.value, rounding), "OUT_OF_SAFE_RANGE", path, "The amount per unit in fen");
    arithmetic.push(`${p.how} = ${unitFen} fen per ${rule.per}${p.value.d === 1n ? "" : ` (rounded ${rounding})`}`);
    return { fen: unitFen };
  };

  if (input.selfFound !== undefined && typeof input.selfFound !== "boolean") {
    throw new SlaKitError("INVALID_INPUT", `input.selfFound must be true or false, got ${describe(input.selfFound)}.`, { path: ["input", "selfFound"] });
  }
  const joint = rule.jointLiability;
  if (joint?.unlessSelfFound === true && input.selfFound === true) {
    // M2 002 art. 15.6: found by the department itself -> assessed by the department, no company fine
    notes.push(`no company fine: the department found the problem itself, so it assesses it internally and the ${joint.role} is not jointly liable (${rule.sourceRef})`);
    arithmetic.push("selfFound: no company fine for anyone; total 0 fen");
    return { ruleId: rule.id, sourceRef: rule.sourceRef, lines: [], total: { fen: 0 }, trace: { rule, input: echoed, arithmetic, notes } };
  }

  const lines: PenaltyLine[] = [];
  const unit = resolve(rule.amount, ["input", "severity"]);
  const amount = scale(unit, count, rounding);
  arithmetic.push(`${input.person} (${rule.payer}): ${showAmount(unit)} x ${count} ${rule.per} = ${showAmount(amount)}`);
  lines.push({ person: input.person, role: rule.payer, ruleId: rule.id, sourceRef: rule.sourceRef, count, unit, amount });

  if (joint !== undefined) {
    {
      if (typeof input.leader !== "string" || input.leader === "") {
        throw new SlaKitError("INVALID_INPUT", `Rule ${rule.id} makes the ${joint.role} jointly liable: name them in input.leader.`, {
          path: ["input", "leader"],
        });
      }
      const jUnit = joint.amount === "same" ? unit : resolve(joint.amount, ["input", "severity"]);
      const jAmount = scale(jUnit, count, rounding);
      if (joint.interpretation) notes.push(joint.interpretation);
      arithmetic.push(`${input.leader} (${joint.role}, joint liability): ${showAmount(jUnit)} x ${count} = ${showAmount(jAmount)}`);
      lines.push({ person: input.leader, role: joint.role, ruleId: rule.id, sourceRef: rule.sourceRef, count, unit: jUnit, amount: jAmount });
    }
  }

  let lo = 0n;
  let hi = 0n;
  let ranged = false;
  for (const l of lines) {
    if ("fen" in l.amount) {
      lo += BigInt(l.amount.fen);
      hi += BigInt(l.amount.fen);
    } else {
      ranged = true;
      lo += BigInt(l.amount.minFen);
      hi += BigInt(l.amount.maxFen);
    }
  }
  const safe = (x: bigint): number => toSafeInteger(x, "OUT_OF_SAFE_RANGE", ["input", "count"], "The total penalty in fen");
  const total: FenAmount = ranged ? { minFen: safe(lo), maxFen: safe(hi) } : { fen: safe(lo) };
  if (ranged) notes.push("a range stays a range until a severity picks the amount");
  arithmetic.push(`total ${showAmount(total)}`);
  return { ruleId: rule.id, sourceRef: rule.sourceRef, lines, total, trace: { rule, input: echoed, arithmetic, notes } };
}
