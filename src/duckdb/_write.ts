/**
 * Evaluations to DuckDB values: the STRUCT `sla_evaluate` returns per stage.
 * @internal
 */
import { BIGINT, BOOLEAN, DOUBLE, LIST, STRUCT, TIMESTAMPTZ, VARCHAR, listValue, structValue, timestampTZValue, type DuckDBValue } from "@duckdb/node-api";
import type { StageEvaluation, TicketEvaluation } from "../sla/types.js";

/** The fields of one stage, in SQL order (docs/analysts.md lists what each means). */
export const STAGE_STRUCT = STRUCT({
  stage: VARCHAR,
  status: VARCHAR,
  met: BOOLEAN,
  anchor_at: TIMESTAMPTZ,
  warn_at: TIMESTAMPTZ,
  due_at: TIMESTAMPTZ,
  done_at: TIMESTAMPTZ,
  original_due_at: TIMESTAMPTZ,
  allowed_ms: BIGINT,
  elapsed_ms: BIGINT,
  remaining_ms: BIGINT,
  paused_ms: BIGINT,
  fraction_used: DOUBLE,
  renegotiated: BOOLEAN,
  provisional: BOOLEAN,
  needs_cause: BOOLEAN,
  row_id: VARCHAR,
  source_ref: VARCHAR,
  error_code: VARCHAR,
});

/** What `sla_evaluate` returns: one struct per stage, in the order `evaluateTicket` gives them. */
export const STAGES_LIST = LIST(STAGE_STRUCT);

/** A TIMESTAMPTZ value of a Date (ms precision), NULL for null/undefined. */
export function tsValue(d: Date | null | undefined): DuckDBValue {
  return d === null || d === undefined ? null : timestampTZValue(BigInt(d.getTime()) * 1000n);
}

const ms = (n: number | null | undefined): DuckDBValue => (n === null || n === undefined ? null : BigInt(Math.round(n)));

/** K17a: met counts as compliant, breached and overdue as not, every other status is undecided. */
function metOf(s: StageEvaluation): boolean | null {
  if (s.status === "met") return true;
  return s.status === "breached" || s.status === "overdue" ? false : null;
}

function stageValue(s: StageEvaluation): DuckDBValue {
  return structValue({
    stage: s.stage,
    status: s.status,
    met: metOf(s),
    anchor_at: tsValue(s.anchorAt),
    warn_at: tsValue(s.warnAt),
    due_at: tsValue(s.dueAt),
    done_at: tsValue(s.doneAt),
    original_due_at: tsValue(s.originalDueAt),
    allowed_ms: ms(s.allowedMs),
    elapsed_ms: ms(s.elapsedMs),
    remaining_ms: ms(s.remainingMs),
    paused_ms: ms(s.pausedMs),
    fraction_used: s.fractionUsed,
    renegotiated: s.renegotiated === true,
    provisional: s.provisional === true,
    needs_cause: s.needsCause === true,
    row_id: s.trace.rowId,
    source_ref: s.trace.sourceRef,
    error_code: s.error?.code ?? null,
  });
}

/** The LIST value of an evaluation's stages. */
export function stagesValue(e: TicketEvaluation): DuckDBValue {
  return listValue(e.stages.map(stageValue));
}
