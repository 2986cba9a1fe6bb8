/** reviveEvaluation (issue 16): a stored (JSON) evaluation back to Dates, shape checked. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleTicket } from "../../bench/_tickets.js";
import { evaluateTicket, reviveEvaluation, robotIntegration2026, type TicketEvaluation } from "../../src/sla/index.js";
import { caught } from "../calendar/_fixture.js";

const roundTrip = (e: TicketEvaluation): unknown => JSON.parse(JSON.stringify(e));
const fault = { id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00" };

describe("reviveEvaluation (issue 16)", () => {
  it("law: reviveEvaluation(JSON.parse(JSON.stringify(e))) deep-equals e, over synthetic tickets of both built-in policies", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000 }), (seed, i) => {
        const s = sampleTicket(seed, i);
        const e = evaluateTicket(s.policy, s.ticket, { asOf: s.asOf });
        const back = reviveEvaluation(roundTrip(e));
        expect(back).toEqual(e);
      }),
      { numRuns: 300 },
    );
  });

  it("revives every instant, also of rejected agreements and causes; the input is not changed", () => {
    const e = evaluateTicket(robotIntegration2026, {
      ...fault,
      events: [
        { type: "done", stage: "response", at: "2024-05-06T10:40:00+08:00" },
        { type: "agreed-deadline", stage: "response", at: "2024-05-06T10:50:00+08:00", dueAt: "2024-05-07T10:00:00+08:00", consent: "phone" },
        { type: "cause", stage: "response", at: "2024-05-06T11:00:00+08:00", cause: "storm", remedy: "second crew" },
      ],
    }, { asOf: "2024-05-06T12:00:00+08:00" });
    const r = e.stages[0]!;
    expect([r.status, r.rejectedAgreements?.length, r.cause?.cause]).toEqual(["breached", 1, "storm"]);
    const stored = roundTrip(e);
    const before = JSON.stringify(stored);
    const back = reviveEvaluation(stored);
    expect(back).toEqual(e);
    expect(back.stages[0]!.rejectedAgreements![0]!.dueAt).toBeInstanceOf(Date);
    expect(back.stages[0]!.cause!.at).toBeInstanceOf(Date);
    expect(back.asOf).toBeInstanceOf(Date);
    expect(JSON.stringify(stored)).toBe(before);
  });

  it("a live evaluation (Dates already) revives to an equal copy", () => {
    const e = evaluateTicket(robotIntegration2026, { ...fault, events: [] }, { asOf: "2024-05-06T10:05:00+08:00" });
    expect(reviveEvaluation(e)).toEqual(e);
  });

  it("a value that is not a stored evaluation is INVALID_INPUT with the path of the first problem", () => {
    const e = roundTrip(evaluateTicket(robotIntegration2026, { ...fault, events: [] }, { asOf: "2024-05-06T10:05:00+08:00" })) as Record<string, unknown> & { stages: Record<string, unknown>[] };
    const stage = (patch: Record<string, unknown>) => ({ ...e, stages: [{ ...e.stages[0], ...patch }] });
    const cases: [unknown, readonly (string | number)[]][] = [
      [null, []],
      [[], []],
      [{ ...e, ticketId: 7 }, ["ticketId"]],
      [{ ...e, asOf: "yesterday" }, ["asOf"]],
      [{ ...e, createdAt: 1714960800000 }, ["createdAt"]],
      [{ ...e, policy: null }, ["policy"]],
      [{ ...e, stages: {} }, ["stages"]],
      [stage({ status: "late" }), ["stages", 0, "status"]],
      [stage({ dueAt: "2024-02-30T00:00:00.000Z" }), ["stages", 0, "dueAt"]],
      [stage({ warnAt: undefined }), ["stages", 0, "warnAt"]],
      [stage({ elapsedMs: "5" }), ["stages", 0, "elapsedMs"]],
      [stage({ trace: { steps: null } }), ["stages", 0, "trace", "steps"]],
      [stage({ rejectedAgreements: [{ at: "x" }] }), ["stages", 0, "rejectedAgreements", 0, "at"]],
    ];
    for (const [v, path] of cases) expect(caught(() => reviveEvaluation(v))).toMatchObject({ code: "INVALID_INPUT", path });
  });
});
