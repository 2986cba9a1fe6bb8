/**
 * Type tests: the service API of `sla-kit/sla` (issue 16): event literals declared in a variable
 * without `as const`, safeEvaluateTicket's result union.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { SlaKitError } from "../../src/errors.js";
import {
  evaluateTicket,
  evaluateTickets,
  nextChangeAt,
  reviveEvaluation,
  robotIntegration2026,
  safeEvaluateTicket,
  tallyTickets,
  ticketJsonSchema,
  ticketSchema,
  type Ticket,
  type TicketEvaluation,
  type TicketInput,
} from "../../src/sla/index.js";

const asOf = { asOf: "2024-05-06T10:50:00+08:00" };

describe("event object literals type-check without as const (issue 16)", () => {
  it("an events array declared in a variable first (type widened to string) is accepted", () => {
    const events = [{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }];
    expectTypeOf(events).toEqualTypeOf<{ type: string; stage: string; at: string }[]>();
    const r = evaluateTicket(robotIntegration2026, { id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events }, asOf);
    expectTypeOf(r).toEqualTypeOf<TicketEvaluation>();
  });

  it("a whole ticket in a variable, with mixed event shapes, is accepted by every ticket function", () => {
    const ticket = {
      id: "T-2", service: "fault", tier: "core", urgency: "urgent", createdAt: new Date(),
      events: [
        { type: "done", stage: "response", at: 0 },
        { type: "agreed-deadline", stage: "resolution", at: 1, dueAt: new Date(), consent: "email" },
        { type: "cause", at: 2, cause: "c", remedy: "r", objective: true },
      ],
    };
    expectTypeOf(ticket).toExtend<TicketInput>();
    expectTypeOf(evaluateTicket).toBeCallableWith(robotIntegration2026, ticket, asOf);
    expectTypeOf(safeEvaluateTicket).toBeCallableWith(robotIntegration2026, ticket, asOf);
    expectTypeOf(evaluateTickets).toBeCallableWith(robotIntegration2026, [ticket], asOf);
    expectTypeOf(tallyTickets).toBeCallableWith(robotIntegration2026, [ticket], { ...asOf, by: ["service"] });
  });

  it("a strict Ticket is still a TicketInput; fields keep their types", () => {
    expectTypeOf<Ticket>().toExtend<TicketInput>();
    // a widened event is not a Ticket: Ticket stays the strict union (what the library produces)
    expectTypeOf<{ id: string; service: string; createdAt: number; events: { type: string; at: number }[] }>().not.toExtend<Ticket>();
    // wrong field types are still compile errors, in a variable or inline
    const badAt = [{ type: "done", stage: "response", at: true }];
    // @ts-expect-error `at` must be a Date, epoch ms or ISO string
    evaluateTicket(robotIntegration2026, { id: "T", service: "fault", createdAt: 0, events: badAt }, asOf);
    // @ts-expect-error an unknown key in an inline event literal
    evaluateTicket(robotIntegration2026, { id: "T", service: "fault", createdAt: 0, events: [{ type: "done", stage: "response", at: 0, stgae: "x" }] }, asOf);
    // @ts-expect-error an event without `at`
    evaluateTicket(robotIntegration2026, { id: "T", service: "fault", createdAt: 0, events: [{ type: "remote-resolved" }] }, asOf);
  });
});

describe("safeEvaluateTicket (issue 16)", () => {
  it("returns a union narrowed by success; never a thrown error in the signature", () => {
    expectTypeOf(safeEvaluateTicket).parameters.toEqualTypeOf<Parameters<typeof evaluateTicket>>();
    const r = safeEvaluateTicket(robotIntegration2026, { id: "T", service: "fault", createdAt: 0, events: [] }, asOf);
    if (r.success) expectTypeOf(r.data).toEqualTypeOf<TicketEvaluation>();
    else expectTypeOf(r.error).toEqualTypeOf<SlaKitError>();
  });
});

describe("nextChangeAt, reviveEvaluation, ticketSchema (issue 16)", () => {
  it("nextChangeAt(evaluation): Date | null; reviveEvaluation(unknown): TicketEvaluation", () => {
    expectTypeOf(nextChangeAt).parameters.toEqualTypeOf<[evaluation: TicketEvaluation]>();
    expectTypeOf(nextChangeAt).returns.toEqualTypeOf<Date | null>();
    expectTypeOf(reviveEvaluation).parameters.toEqualTypeOf<[json: unknown]>();
    expectTypeOf(reviveEvaluation).returns.toEqualTypeOf<TicketEvaluation>();
  });

  it("ticketSchema parses unknown JSON into a TicketInput that evaluateTicket takes", () => {
    const body: unknown = JSON.parse("{}");
    const t = ticketSchema.parse(body);
    expectTypeOf(t).toEqualTypeOf<TicketInput>();
    expectTypeOf(evaluateTicket).toBeCallableWith(robotIntegration2026, t, asOf);
    expectTypeOf(ticketJsonSchema).toEqualTypeOf<Readonly<Record<string, unknown>>>();
  });
});
