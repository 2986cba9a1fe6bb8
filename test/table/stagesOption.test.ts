/** evaluateTicket(policy, ticket, { asOf, stages }): only the named stages, the same as the full evaluation's. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateTicket, robotIntegration2026 as policy, type TicketEvent } from "../../src/sla/index.js";
import { isSlaKitError } from "../../src/errors.js";

const MIN = 60_000;
const STAGES = ["response", "handling", "resolution"];
const created = Date.parse("2026-03-02T09:00:00+08:00");

const ticketArb = fc.record({
  tier: fc.constantFrom("core", "important", "ordinary"),
  urgency: fc.constantFrom("urgent", "general"),
  done: fc.array(fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }), { minLength: 3, maxLength: 3 }),
  asOf: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  subset: fc.subarray(STAGES),
});

describe("evaluateTicket { stages }", () => {
  it("gives exactly the named stages, each equal to the same stage of the full evaluation, in the service's order", () => {
    fc.assert(
      fc.property(ticketArb, (g) => {
        const events: TicketEvent[] = [];
        let t = created;
        g.done.forEach((d, i) => {
          if (d === null) return;
          t += d * MIN;
          events.push({ type: "done", stage: STAGES[i]!, at: t });
        });
        const ticket = { id: "T", service: "fault", tier: g.tier, urgency: g.urgency, createdAt: created, events };
        const asOf = Math.max(t, created + g.asOf * MIN);
        const full = evaluateTicket(policy, ticket, { asOf });
        const part = evaluateTicket(policy, ticket, { asOf, stages: g.subset });
        expect(part.stages.map((s) => s.stage)).toEqual(STAGES.filter((s) => g.subset.includes(s)));
        expect(part.stages).toEqual(full.stages.filter((s) => g.subset.includes(s.stage)));
        const { stages: _a, ...restPart } = part;
        const { stages: _b, ...restFull } = full;
        expect(restPart).toEqual(restFull);
      }),
      { numRuns: 150 },
    );
  });

  it("an untracked stage never shows up as overdue: a fault with only its response recorded, a day later", () => {
    const ticket = { id: "T", service: "fault", tier: "core", urgency: "urgent", createdAt: created, events: [{ type: "done" as const, stage: "response", at: created + 10 * MIN }] };
    const asOf = created + 24 * 60 * MIN;
    expect(evaluateTicket(policy, ticket, { asOf }).stages.map((s) => s.status)).toEqual(["met", "overdue", "overdue"]);
    expect(evaluateTicket(policy, ticket, { asOf, stages: ["response"] }).stages.map((s) => s.status)).toEqual(["met"]);
    // names of other services' stages filter nothing in: a mixed table passes one list for all
    expect(evaluateTicket(policy, ticket, { asOf, stages: ["response", "investigation"] }).stages.map((s) => s.stage)).toEqual(["response"]);
    expect(evaluateTicket(policy, ticket, { asOf, stages: [] }).stages).toEqual([]);
  });

  it("rejects names that are no stage of the policy, and a stages that is not an array, with INVALID_ARGUMENT", () => {
    const ticket = { id: "T", service: "fault", tier: "core", urgency: "urgent", createdAt: created, events: [] };
    for (const [stages, path] of [[["responce"], ["stages", 0]], [["response", 7], ["stages", 1]], ["response", ["stages"]]] as const) {
      let err: unknown;
      try { evaluateTicket(policy, ticket, { asOf: created, stages: stages as never }); } catch (e) { err = e; }
      expect(isSlaKitError(err, "INVALID_ARGUMENT")).toBe(true);
      expect((err as { path: unknown }).path).toEqual(path);
    }
  });
});
