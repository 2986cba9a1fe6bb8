/**
 * Scoring rules, scorecards, grades and money (`sla-kit/scoring`): docs/rules.md P1-P14, M1-M7, G1-G5.
 * @module
 */
export type * from "./types.js";
export { parseRule, safeParseRule, parseScorecard, safeParseScorecard, scoringRuleSchema, scorecardSchema } from "./schema.js";
export { linearRuleSchema, thresholdRuleSchema, stepsRuleSchema, type SafeParseResult } from "./schema.js";
export { evaluateRule } from "./evaluateRule.js";
export { scorecard, type ScorecardOptions } from "./scorecard.js";
export type { BuiltinCardOptions } from "./_cards.js";
export { callCentreCard, callCentreDefaultPoints, type CallCentreItem } from "./callCentreCard.js";
export { businessHallCard, businessHallDefaultPoints, type BusinessHallItem } from "./businessHallCard.js";
export { accountManagerCard, accountManagerDefaultPoints, type AccountManagerItem } from "./accountManagerCard.js";
export { networkCard, networkDefaultPoints, type NetworkItem, type NetworkCardOptions } from "./networkCard.js";
export { penaltyRules, type PenaltyRule, type FenAmount, type PenaltyRole } from "./penaltyRules.js";
export { assessPenalty, type PenaltyInput, type PenaltyLine, type PenaltyAssessment } from "./assessPenalty.js";
export { bonusRules, type BonusRule, type BonusLevel, type PercentAmount } from "./bonusRules.js";
export { bonusAdjustment, type BonusInput, type BonusEvidence, type BonusAdjustment } from "./bonusAdjustment.js";
export { gradeFromIndicators, type IndicatorResult, type GradeOptions, type GradeResult } from "./gradeFromIndicators.js";
export { gradeDistribution, type GradeRecord, type GradeCounts, type GradeDistribution } from "./gradeDistribution.js";
export { retrainingFlags, type PeriodGrade, type RetrainingFlag, type RetrainingOptions } from "./retrainingFlags.js";
export {
  weightedEvaluation,
  evaluators,
  evaluationDimensions,
  type EvaluationScore,
  type EvaluationWeights,
  type WeightedEvaluation,
} from "./weightedEvaluation.js";
export { standardLevel, type StandardLevel, type ThreeLevelStandard, type StandardLevelResult } from "./standardLevel.js";
export { finesByPerson, type FinesByPerson, type PersonFines } from "./finesByPerson.js";
