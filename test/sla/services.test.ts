/**
 * The service API of `sla-kit/sla` (issue 16): safeEvaluateTicket, event literals without
 * `as const` at run time.
 */
import { describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { evaluateTicket, robotIntegration2026, safeEvaluateTicket, type TicketInput } from "../../src/sla/index.js";

const T0 = "2024-05-06T10:00:00+08:00";
const fault = (events: TicketInput["events"]): TicketInput => ({ id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: T0, events });
const asOf = { asOf: "2024-05-06T10:50:00+08:00" };

describe("safeEvaluateTicket (issue 16)", () => {
  it("success: data is exactly what evaluateTicket returns", () => {
    const t = fault([{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }]);
    const r = safeEvaluateTicket(robotIntegration2026, t, asOf);
    expect(r).toEqual({ success: true, data: evaluateTicket(robotIntegration2026, t, asOf) });
  });

  it("failure: the SlaKitError evaluateTicket throws, with its code and path, returned not thrown", () => {
    const cases: [TicketInput, string, readonly (string | number)[]][] = [
      [fault([{ type: "done", stage: "respnse", at: T0 }]), "INVALID_EVENT", ["events", 0, "stage"]],
      [{ ...fault([]), tier: "gold" }, "UNKNOWN_VALUE", ["tier"]],
      [fault([{ type: "finished", at: T0 }]), "INVALID_EVENT", ["events", 0, "type"]],
      [{ ...fault([]), createdAt: "2024-05-06 10:00" }, "INVALID_ARGUMENT", ["createdAt"]],
    ];
    for (const [ticket, code, path] of cases) {
      let thrown: unknown;
      try {
        evaluateTicket(robotIntegration2026, ticket, asOf);
      } catch (e) {
        thrown = e;
      }
      const r = safeEvaluateTicket(robotIntegration2026, ticket, asOf);
      expect(r.success).toBe(false);
      if (r.success) continue;
      expect([r.error.code, r.error.path]).toEqual([code, path]);
      expect(isSlaKitError(thrown, r.error.code)).toBe(true);
      expect(r.error.message).toBe((thrown as Error).message);
    }
  });

  it("bad arguments of every kind are results, never throws (null ticket, no options, a number as policy)", () => {
    for (const args of [[robotIntegration2026, null, asOf], [robotIntegration2026, fault([]), undefined], [42, fault([]), asOf]] as const) {
      const r = (safeEvaluateTicket as (...a: unknown[]) => ReturnType<typeof safeEvaluateTicket>)(...args);
      expect(r.success).toBe(false);
      if (!r.success) expect(isSlaKitError(r.error)).toBe(true);
    }
  });

  it("an error that is not a SlaKitError (a throwing getter) is wrapped as INTERNAL_ERROR with the original as cause", () => {
    const boom = new TypeError("getter exploded");
    const ticket = { ...fault([]), get events(): never { throw boom; } };
    expect(() => evaluateTicket(robotIntegration2026, ticket, asOf)).toThrow(boom);
    const r = safeEvaluateTicket(robotIntegration2026, ticket, asOf);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.code).toBe("INTERNAL_ERROR");
    expect(r.error.cause).toBe(boom);
    expect(r.error.message).toContain("TypeError: getter exploded");
  });
});

describe("event literals declared without as const (issue 16)", () => {
  it("a widened events array evaluates like the typed one; a wrong type is INVALID_EVENT at its path", () => {
    const events = [{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }];
    const typed = evaluateTicket(robotIntegration2026, fault([{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }]), asOf);
    expect(evaluateTicket(robotIntegration2026, fault(events), asOf)).toEqual(typed);
    const wrong = [{ type: "dnoe", stage: "response", at: T0 }];
    const r = safeEvaluateTicket(robotIntegration2026, fault(wrong), asOf);
    expect(r.success ? null : [r.error.code, r.error.path]).toEqual(["INVALID_EVENT", ["events", 0, "type"]]);
  });
});
