/**
 * SLA policies as data: matrix lookup, deadlines and ticket evaluation with traces.
 * @module
 */
export type {
  AgreedDeadlineEvent,
  CycleEvaluation,
  Dimension,
  DoneEvent,
  EvaluateTicketOptions,
  LevelAt,
  MatrixFacts,
  MessageEvent,
  PauseEvent,
  Policy,
  PolicyCalendar,
  PolicyIssue,
  PolicyJson,
  ReclassifyEvent,
  ReclassifyMode,
  Recur,
  RejectedAgreement,
  RemoteResolvedEvent,
  ReopenedEvent,
  ReopenPolicy,
  ServiceDef,
  StageCause,
  StageDef,
  StageEvaluation,
  StageReclassification,
  StageReopening,
  StageStatus,
  StageTrace,
  Target,
  TargetQuery,
  TargetRow,
  Ticket,
  TicketEvaluation,
  TicketEvent,
  TicketEventInput,
  TicketFacts,
  TicketInput,
  TimeInput,
  TraceStep,
  WarnAt,
  WarnLevel,
  Within,
} from "./types.js";
export { policySchema, policyJsonSchema } from "./schema.js";
export { parsePolicy } from "./parsePolicy.js";
export { safeParsePolicy } from "./safeParsePolicy.js";
export { safeEvaluateTicket, type SafeEvaluateTicketResult } from "./safeEvaluateTicket.js";
export { validatePolicy } from "./validatePolicy.js";
export { findTarget } from "./findTarget.js";
export { dueAt } from "./dueAt.js";
export { evaluateTicket } from "./evaluateTicket.js";
export { evaluateTicketVersions, type EvaluateTicketVersionsOptions } from "./evaluateTicketVersions.js";
export { nextChangeAt } from "./nextChangeAt.js";
export { reviveEvaluation } from "./reviveEvaluation.js";
export { ticketJsonSchema, ticketSchema } from "./ticketSchema.js";
export { robotIntegration2026 } from "./policies/robotIntegration2026.js";
export { cableOperatorNorms } from "./policies/cableOperatorNorms.js";
export { evaluateTickets, type EvaluateTicketsOptions, type EvaluationsOf } from "./evaluateTickets.js";
export { tallyTickets, type TallyOf, type TallyTicketsOptions } from "./tallyTickets.js";
