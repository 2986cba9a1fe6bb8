/** A fixed amount in fen, or a range that stays a range until a severity picks an amount. */
export type FenAmount = { readonly fen: number } | { readonly minFen: number; readonly maxFen: number };

/** Who pays a penalty line. */
export type PenaltyRole = "responsible" | "supervisor" | "direct-leader";

/** One money rule of docs/rules.md M1-M3 (and the money halves of P8, P9), as data. */
export interface PenaltyRule {
  readonly id: string;
  readonly sourceRef: string;
  readonly description: string;
  /** Amount per unit (`per`). */
  readonly amount: FenAmount;
  /** What one unit of `count` is. */
  readonly per: "case" | "time" | "late-order" | "percentage-point";
  /** Who pays the main line (`person` in `assessPenalty`). */
  readonly payer: "responsible" | "supervisor";
  /** A second line for a jointly liable person (`leader` in `assessPenalty`). */
  readonly jointLiability?: {
    readonly role: "supervisor" | "direct-leader";
    /** `"same"`: the same amount as the main line (resolved by the same severity). */
    readonly amount: FenAmount | "same";
    /** No joint line when the department found the problem itself (`selfFound: true`). */
    readonly unlessSelfFound?: boolean;
    readonly interpretation?: string;
  };
  /** When the rule applies, in words (the caller checks it). */
  readonly condition?: string;
}

/**
 * The money rules of 002 as data (docs/rules.md M1-M3, P8, P9). Amounts are integer fen (1 yuan = 100 fen).
 *
 * @example
 * ```ts
 * import { penaltyRules } from "sla-kit/scoring";
 *
 * console.log(penaltyRules.find((r) => r.id === "M3")?.amount); // { fen: 3000 }
 * ```
 */
export const penaltyRules: readonly PenaltyRule[] = [
  // M1 002 art. 9.6
  {
    id: "M1",
    sourceRef: "002 art. 9.6",
    description: "Complaint about service attitude: 50-200 yuan per case, by circumstances",
    amount: { minFen: 5000, maxFen: 20000 },
    per: "case",
    payer: "responsible",
  },
  // M2 002 art. 15.4
  {
    id: "M2.complaint",
    sourceRef: "002 art. 15.4",
    description: "Business hall complaint rate above 1%: 50-200 yuan per case, by circumstances",
    amount: { minFen: 5000, maxFen: 20000 },
    per: "case",
    payer: "responsible",
    condition: "the hall's monthly complaint rate (complaints / customers served) is above 1%",
  },
  // M2 002 art. 15.5
  {
    id: "M2.entry-error",
    sourceRef: "002 art. 15.5",
    description: "Customer data verification or entry error: 50 yuan per case",
    amount: { fen: 5000 },
    per: "case",
    payer: "responsible",
  },
  // M2 002 art. 15.5
  {
    id: "M2.boss-error-rate",
    sourceRef: "002 art. 15.5",
    description: "BOSS entry error rate above 1%: the supervisor pays 200 yuan per percentage point",
    amount: { fen: 20000 },
    per: "percentage-point",
    payer: "supervisor",
    condition: "BOSS entry error rate above 1%; count = percentage points (the library reads: whole points of the rate above 1%)",
  },
  // M2 002 art. 15.6
  {
    id: "M2.inspection",
    sourceRef: "002 art. 15.6",
    description: "Failed company inspection of service conduct or environment: 50-200 yuan per time; supervisor jointly liable",
    amount: { minFen: 5000, maxFen: 20000 },
    per: "time",
    payer: "responsible",
    jointLiability: {
      role: "supervisor",
      amount: "same",
      unlessSelfFound: true,
      interpretation: "the text names no amount for the supervisor: the library charges the same amount as the responsible person",
    },
  },
  // M3 002 art. 21.7
  {
    id: "M3",
    sourceRef: "002 art. 21.7",
    description: "Service norm not followed: 30 yuan per time, and 30 yuan for the direct leader",
    amount: { fen: 3000 },
    per: "time",
    payer: "responsible",
    jointLiability: { role: "direct-leader", amount: { fen: 3000 } },
  },
  // P8 002 art. 21.5 (money half)
  {
    id: "P8.late-order",
    sourceRef: "002 art. 21.5",
    description: "Work-order timely rate below 99%: 50 yuan per late order for the responsible person",
    amount: { fen: 5000 },
    per: "late-order",
    payer: "responsible",
    condition: "the department's work-order timely rate is below 99%",
  },
  // P9 002 art. 21.5 (money half)
  {
    id: "P9.false-order",
    sourceRef: "002 art. 21.5",
    description: "False work order: 50-200 yuan per case for the responsible person",
    amount: { minFen: 5000, maxFen: 20000 },
    per: "case",
    payer: "responsible",
  },
];
