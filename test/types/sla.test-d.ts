/**
 * Type tests: the public signatures of `sla-kit/sla` (docs/rules.md "Readings: SLA" and the
 * current reading). Run by `npm test` (vitest typecheck).
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  cableOperatorNorms,
  dueAt,
  evaluateTicket,
  evaluateTicketVersions,
  findTarget,
  parsePolicy,
  robotIntegration2026,
  safeParsePolicy,
  validatePolicy,
  type MatrixFacts,
  type Policy,
  type PolicyJson,
  type ReclassifyEvent,
  type ReclassifyMode,
  type StageReclassification,
  type TicketEvent,
  type PolicyIssue,
  type StageCause,
  type StageEvaluation,
  type StageStatus,
  type Target,
  type TargetQuery,
  type Ticket,
  type TicketInput,
  type TicketEvaluation,
} from "../../src/sla/index.js";

describe("sla signatures", () => {
  it("policies: parsePolicy(json: unknown): Policy; validatePolicy(policy): PolicyIssue[]; the built-ins are Policies", () => {
    expectTypeOf(parsePolicy).parameters.toEqualTypeOf<[json: unknown]>();
    expectTypeOf(parsePolicy).returns.toEqualTypeOf<Policy>();
    expectTypeOf(validatePolicy).toBeCallableWith(robotIntegration2026);
    expectTypeOf(validatePolicy).toBeCallableWith(JSON.parse("{}") as unknown);
    expectTypeOf(validatePolicy).returns.toExtend<readonly PolicyIssue[]>();
    expectTypeOf<PolicyIssue>().toEqualTypeOf<{ readonly severity: "error" | "warning"; readonly code: string; readonly path: readonly (string | number)[]; readonly message: string }>();
    expectTypeOf(robotIntegration2026).toEqualTypeOf<Policy>();
    expectTypeOf(cableOperatorNorms).toEqualTypeOf<Policy>();
    expectTypeOf(safeParsePolicy).parameter(0).toEqualTypeOf<unknown>();
  });

  it("findTarget(policy, query): Target; a query names service and stage, the dimensions are optional", () => {
    expectTypeOf<{ service: string; stage: string }>().toExtend<TargetQuery>();
    expectTypeOf<{ service: string; stage: string; tier: string; urgency: string; location: string }>().toExtend<TargetQuery>();
    expectTypeOf<{ service: string }>().not.toExtend<TargetQuery>();
    expectTypeOf(findTarget).parameters.toEqualTypeOf<[policy: Policy, query: TargetQuery]>();
    expectTypeOf(findTarget).returns.toEqualTypeOf<Target>();
    expectTypeOf<Target["sourceRef"]>().toEqualTypeOf<string>();
    expectTypeOf<Target["kind"]>().toEqualTypeOf<"duration" | "businessDays" | "rings" | "agreed">();
    // the union narrows `within` by kind
    expectTypeOf<Extract<Target, { kind: "businessDays" }>["within"]>().toEqualTypeOf<{ readonly businessDays: number }>();
    expectTypeOf<Extract<Target, { kind: "duration" }>["within"]>().toEqualTypeOf<string>();
  });

  it("dueAt(policy, query, anchorTime: Date | number | ISO string): Date", () => {
    expectTypeOf(dueAt).parameter(0).toEqualTypeOf<Policy>();
    expectTypeOf(dueAt).parameter(1).toEqualTypeOf<TargetQuery>();
    expectTypeOf<Date>().toExtend<Parameters<typeof dueAt>[2]>();
    expectTypeOf<number>().toExtend<Parameters<typeof dueAt>[2]>();
    expectTypeOf<string>().toExtend<Parameters<typeof dueAt>[2]>();
    expectTypeOf(dueAt).returns.toEqualTypeOf<Date>();
  });

  it("evaluateTicket(policy, ticket, { asOf }): TicketEvaluation; asOf is required", () => {
    expectTypeOf(evaluateTicket).parameter(0).toEqualTypeOf<Policy>();
    expectTypeOf(evaluateTicket).parameter(1).toEqualTypeOf<TicketInput>();
    expectTypeOf<{ asOf: Date }>().toExtend<Parameters<typeof evaluateTicket>[2]>();
    expectTypeOf<{ asOf: number }>().toExtend<Parameters<typeof evaluateTicket>[2]>();
    expectTypeOf<{ asOf: string }>().toExtend<Parameters<typeof evaluateTicket>[2]>();
    expectTypeOf<Record<string, never>>().not.toExtend<Parameters<typeof evaluateTicket>[2]>();
    expectTypeOf(evaluateTicket).returns.toEqualTypeOf<TicketEvaluation>();
  });

  it("evaluateTicketVersions(versions: Policy[], ticket, { asOf, choose? }): TicketEvaluation (S18)", () => {
    expectTypeOf(evaluateTicketVersions).parameter(0).toEqualTypeOf<readonly Policy[]>();
    expectTypeOf(evaluateTicketVersions).parameter(1).toEqualTypeOf<TicketInput>();
    expectTypeOf(evaluateTicketVersions).returns.toEqualTypeOf<TicketEvaluation>();
    expectTypeOf<{ asOf: Date; choose: "creation" }>().toExtend<Parameters<typeof evaluateTicketVersions>[2]>();
    expectTypeOf<{ asOf: Date; choose: "latest" }>().not.toExtend<Parameters<typeof evaluateTicketVersions>[2]>();
    // the set decides the effective dates: there is no allowOutsideEffectiveDates
    expectTypeOf<Parameters<typeof evaluateTicketVersions>[2]>().not.toHaveProperty("allowOutsideEffectiveDates");
    expectTypeOf<{ choose: "creation" }>().not.toExtend<Parameters<typeof evaluateTicketVersions>[2]>();
  });

  it("Ticket: id, service, optional dimensions, createdAt as Date | number | ISO string, typed events", () => {
    const ticket = {
      id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: new Date(),
      events: [
        { type: "done", stage: "response", at: 0 },
        { type: "pause", at: "2026-04-30T10:20:00+08:00", reason: "customer away" },
        { type: "resume", at: new Date() },
        { type: "agreed-deadline", stage: "resolution", dueAt: new Date(), at: new Date(), consent: "email" },
        { type: "remote-resolved", at: 0 },
      ],
    } satisfies Ticket;
    expectTypeOf(ticket).toExtend<Ticket>();
    expectTypeOf<Date | number | string>().toExtend<Ticket["createdAt"]>();
    // @ts-expect-error an event type that does not exist
    const bad: Ticket = { id: "T", service: "fault", createdAt: 0, events: [{ type: "finished", stage: "response", at: 0 }] };
    expectTypeOf(bad).toEqualTypeOf<Ticket>();
  });

  it("StageStatus is the union of the seven statuses (unknown is the current reading)", () => {
    expectTypeOf<StageStatus>().toEqualTypeOf<"met" | "breached" | "pending" | "warning" | "overdue" | "not-applicable" | "unknown">();
  });

  it("StageEvaluation: per stage dueAt, warnAt, doneAt, status, allowedMs, elapsedMs, remainingMs, fractionUsed and a trace", () => {
    expectTypeOf<TicketEvaluation["stages"]>().toEqualTypeOf<readonly StageEvaluation[]>();
    expectTypeOf<StageEvaluation["stage"]>().toEqualTypeOf<string>();
    expectTypeOf<StageEvaluation["status"]>().toEqualTypeOf<StageStatus>();
    expectTypeOf<StageEvaluation["dueAt"]>().toEqualTypeOf<Date | null>();
    expectTypeOf<StageEvaluation["warnAt"]>().toEqualTypeOf<Date | null>();
    expectTypeOf<StageEvaluation["levelsReached"]>().toEqualTypeOf<readonly { readonly level: string; readonly at: Date }[]>();
    expectTypeOf<StageEvaluation["nextLevel"]>().toEqualTypeOf<{ readonly level: string; readonly at: Date } | null>();
    expectTypeOf<StageEvaluation["doneAt"]>().toEqualTypeOf<Date | null>();
    expectTypeOf<StageEvaluation["originalDueAt"]>().toEqualTypeOf<Date | null>();
    expectTypeOf<StageEvaluation["dueAtMs"]>().toEqualTypeOf<number | null>();
    expectTypeOf<StageEvaluation["msUntilWarn"]>().toEqualTypeOf<number | null>();
    expectTypeOf<StageEvaluation["msUntilDue"]>().toEqualTypeOf<number | null>();
    expectTypeOf<StageEvaluation["renegotiated"]>().toEqualTypeOf<boolean>();
    expectTypeOf<StageEvaluation["needsCause"]>().toEqualTypeOf<boolean>();
    expectTypeOf<StageEvaluation["provisional"]>().toEqualTypeOf<boolean>();
    expectTypeOf<StageEvaluation["cause"]>().toEqualTypeOf<StageCause | null>();
    expectTypeOf<TicketEvaluation["tier"]>().toEqualTypeOf<string | null>();
    expectTypeOf<TicketEvaluation["unknownStages"]>().toEqualTypeOf<readonly string[] | null>();
    expectTypeOf<StageEvaluation["allowedMs"]>().toEqualTypeOf<number | null>();
    expectTypeOf<StageEvaluation["elapsedMs"]>().toEqualTypeOf<number | null>();
    expectTypeOf<StageEvaluation["remainingMs"]>().toEqualTypeOf<number | null>();
    expectTypeOf<StageEvaluation["fractionUsed"]>().toEqualTypeOf<number | null>();
    expectTypeOf<StageEvaluation>().toHaveProperty("trace");
    expectTypeOf<NonNullable<StageEvaluation["error"]>>().toEqualTypeOf<{ readonly code: string; readonly message: string }>();
  });

  it("S16: reclassify events, the policy's modes, StageEvaluation.reclassified and TicketEvaluation.factsAtCreation", () => {
    expectTypeOf<Extract<TicketEvent, { type: "reclassify" }>>().toEqualTypeOf<ReclassifyEvent>();
    expectTypeOf<ReclassifyMode>().toEqualTypeOf<"restart" | "retroactive" | "keep">();
    expectTypeOf<NonNullable<PolicyJson["reclassify"]>["urgency"]>().toEqualTypeOf<ReclassifyMode | undefined>();
    expectTypeOf<StageEvaluation["reclassified"]>().toEqualTypeOf<StageReclassification | null>();
    expectTypeOf<StageReclassification["mode"]>().toEqualTypeOf<ReclassifyMode>();
    expectTypeOf<StageReclassification["dueAtBefore"]>().toEqualTypeOf<Date | null>();
    expectTypeOf<TicketEvaluation["factsAtCreation"]>().toEqualTypeOf<MatrixFacts | null>();
  });
});
