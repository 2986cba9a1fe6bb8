/** A percentage of a bonus: fixed, a range, or not given by the document (null). */
export type PercentAmount = { readonly percent: number } | { readonly minPercent: number; readonly maxPercent: number } | null;

/** One level of a bonus rule (M6 has three). */
export interface BonusLevel {
  readonly level: string;
  readonly description: string;
  readonly percent: PercentAmount;
  /** A non-money consequence (warning, demerit), when the document names one. */
  readonly action?: string;
}

/** One bonus adjustment rule of 003 §16 (docs/rules.md M4-M7), as data. */
export interface BonusRule {
  readonly id: string;
  readonly sourceRef: string;
  readonly description: string;
  readonly direction: "reward" | "deduction";
  readonly scope: "individual" | "department";
  /** Which bonus the percentage applies to. */
  readonly base: string;
  readonly condition: string;
  readonly levels: readonly BonusLevel[];
}

/**
 * The bonus rewards and deductions of 003 §16 (docs/rules.md M4-M7) as data: percentages of a given bonus.
 *
 * @example
 * ```ts
 * import { bonusRules } from "sla-kit/scoring";
 *
 * console.log(bonusRules.find((r) => r.id === "M7")?.levels[0]?.percent); // { percent: 10 }
 * ```
 */
export const bonusRules: readonly BonusRule[] = [
  // M4 003 §16(1)
  {
    id: "M4",
    sourceRef: "003 §16(1)",
    description: "Individual reward: +10% to +20% of the monthly performance bonus",
    direction: "reward",
    scope: "individual",
    base: "the person's monthly performance bonus",
    condition: "monthly SLA compliance rate 100% and customer rating excellent",
    levels: [{ level: "default", description: "reward", percent: { minPercent: 10, maxPercent: 20 } }],
  },
  // M5 003 §16(1)
  {
    id: "M5",
    sourceRef: "003 §16(1)",
    description: "Department reward: +5% to +10% of the department's performance bonus",
    direction: "reward",
    scope: "department",
    base: "the department's performance bonus",
    condition: "first in the monthly SLA compliance ranking",
    levels: [{ level: "default", description: "reward", percent: { minPercent: 5, maxPercent: 10 } }],
  },
  // M6 003 §16(2)
  {
    id: "M6",
    sourceRef: "003 §16(2)",
    description: "Individual penalty for overdue service",
    direction: "deduction",
    scope: "individual",
    base: "the person's monthly performance bonus (quarterly or annual for 'serious')",
    condition: "the person was responsible for overdue service",
    levels: [
      { level: "first", description: "first overdue, no harm done", percent: { percent: 5 }, action: "verbal warning" },
      {
        level: "repeated",
        description: "repeated overdue, or overdue that upset the customer",
        percent: { minPercent: 10, maxPercent: 30 },
        action: "written warning",
      },
      {
        level: "serious",
        description: "serious overdue through neglect: customer lost or reputation harmed",
        percent: null,
        action: "demerit or heavier sanction; quarterly or annual bonus cut (the document names no percentage)",
      },
    ],
  },
  // M7 003 §16(2)
  {
    id: "M7",
    sourceRef: "003 §16(2)",
    description: "Department penalty: -10% of the department's monthly performance bonus",
    direction: "deduction",
    scope: "department",
    base: "the department's monthly performance bonus",
    condition: "monthly SLA compliance rate below 80%",
    levels: [{ level: "default", description: "deduction", percent: { percent: 10 } }],
  },
];
