/**
 * Type tests: the public shapes of `sla-kit/table` tidy rows. Run by `npm test` (vitest typecheck).
 */
import { describe, expectTypeOf, it } from "vitest";
import type { StageStatus, TicketEvaluation } from "../../src/sla/index.js";
import { flattenEvaluations, type FlattenEvaluationsOptions, type TableTicket, type TidyRow } from "../../src/table/index.js";

type Time = Date | string | number;

/** Every column of a tidy row, spelled out: the public shape `TidyRow` must keep. */
interface TidyRowShape {
  readonly ticketId: string;
  readonly row: number | null;
  readonly service: string;
  readonly tier: string | null;
  readonly urgency: string | null;
  readonly location: string | null;
  readonly channel: string | null;
  readonly assignee: string | null;
  readonly department: string | null;
  readonly createdAt: Time;
  readonly asOf: Time;
  readonly stage: string;
  readonly status: StageStatus;
  readonly anchorAt: Time | null;
  readonly warnAt: Time | null;
  readonly dueAt: Time | null;
  readonly doneAt: Time | null;
  readonly allowedMs: number | null;
  readonly elapsedMs: number | null;
  readonly remainingMs: number | null;
  readonly pausedMs: number;
  readonly fractionUsed: number | null;
  readonly level: string | null;
  readonly levelAt: Time | null;
  readonly nextLevel: string | null;
  readonly nextLevelAt: Time | null;
  readonly rowId: string | null;
  readonly targetRow: number | null;
  readonly sourceRef: string | null;
  readonly policyId: string;
  readonly policyVersion: string;
  readonly policyHash: string;
  readonly [fact: string]: unknown;
}

type Facts = "ticketId" | "service" | "tier" | "urgency" | "location" | "channel" | "assignee" | "department";

describe("table shapes", () => {
  it("TidyRow: the ticket's columns, the extra facts (unknown), the stage's columns", () => {
    expectTypeOf<TidyRow>().toEqualTypeOf<TidyRowShape>();
    expectTypeOf<TidyRow["region"]>().toEqualTypeOf<unknown>();
  });

  it("TidyRow's ticket columns are TicketEvaluation's, field for field (D5: one definition)", () => {
    expectTypeOf<Pick<TidyRow, Facts>>().toEqualTypeOf<Pick<TicketEvaluation, Facts>>();
  });

  it("flattenEvaluations(evaluations, { times?, tickets?, facts? }): TidyRow[]", () => {
    expectTypeOf(flattenEvaluations).toBeCallableWith([], { times: "iso", tickets: [] as TableTicket[], facts: ["region"] });
    expectTypeOf<FlattenEvaluationsOptions["facts"]>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf(flattenEvaluations).returns.toEqualTypeOf<TidyRow[]>();
  });
});
