/**
 * Tables in and out: tickets from plain rows (a CSV, a JSON array, a data frame) with every bad
 * row reported, and evaluations as tidy rows for plotting and data-frame libraries.
 * @module
 */
export type {
  AgreedColumns,
  PauseColumns,
  Row,
  RowError,
  RowMapping,
  TableTicket,
  TicketsFromRowsOptions,
  TicketsFromRowsResult,
  TidyRow,
  UntrackedStage,
} from "./types.js";
export type { FlattenEvaluationsOptions } from "./flattenEvaluations.js";
export { ticketsFromRows } from "./ticketsFromRows.js";
export { flattenEvaluations } from "./flattenEvaluations.js";
